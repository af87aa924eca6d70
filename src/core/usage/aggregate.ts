// Folds usage records into one cell per (tenant subscription, meter, period) as pages arrive, so memory grows with
// the number of cells, never with the number of records. Periods are cut at the boundaries the caller gives (month
// starts, dates where a price changes); without any, a cell spans the whole query.
import { findMeter, meterKey } from './meters';

export interface UsageRecord {
  subscriptionId: string;
  meterId: string;
  quantity: number;
  usageStartTime: string;
  usageEndTime: string;
  instanceData?: string;
}

export interface UsageCell {
  subscriptionId: string;
  meterId: string;
  quantity: number;
  records: number;
  firstStart: string;
  lastEnd: string;
  /** Distinct resources seen (from instanceData), counted up to `resourceCap`. */
  resources: number;
  /** Which period the cell's records started in: see UsageAggregator.periodOf. */
  period: number;
}

/** Past this many distinct resources a cell stops remembering them, to keep memory bounded per cell. */
export const resourceCap = 1000;

interface MutableCell extends UsageCell {
  resourceUris: Set<string> | undefined;
  /** The instanceData counted last: a resource's records repeat it, so most records need neither a scan nor a set lookup. */
  lastInstanceData: string | undefined;
  /** The subscription's vCore hours per UTC day, when this meter counts vCore hours. */
  dailyVCore: Map<string, number> | undefined;
}

/** The resource URI inside instanceData, found without a full JSON parse (the hot path sees every record). */
export function resourceUriOf(instanceData: string | undefined): string | undefined {
  if (!instanceData) return undefined;
  const marker = instanceData.indexOf('"resourceUri"');
  if (marker < 0) return undefined;
  const open = instanceData.indexOf('"', instanceData.indexOf(':', marker) + 1);
  const close = instanceData.indexOf('"', open + 1);
  if (open < 0 || close < 0) return undefined;
  const raw = instanceData.slice(open + 1, close);
  return raw.includes('\\') ? tryUnescape(instanceData) : raw;
}

function tryUnescape(instanceData: string): string | undefined {
  try {
    const parsed = JSON.parse(instanceData) as { 'Microsoft.Resources'?: { resourceUri?: unknown } };
    const uri = parsed['Microsoft.Resources']?.resourceUri;
    return typeof uri === 'string' ? uri : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The item's properties when they are a usage record, used as they are (a copy per record would be a million
 * allocations per report); a non-string instanceData is ignored where it is read.
 */
function asRecord(item: unknown): UsageRecord | undefined {
  const properties = (item as { properties?: Record<string, unknown> } | null)?.properties;
  if (!properties || typeof properties !== 'object') return undefined;
  const { subscriptionId, meterId, quantity, usageStartTime, usageEndTime } = properties;
  if (typeof subscriptionId !== 'string' || typeof meterId !== 'string') return undefined;
  if (typeof quantity !== 'number' || !Number.isFinite(quantity)) return undefined;
  if (typeof usageStartTime !== 'string' || typeof usageEndTime !== 'string') return undefined;
  return properties as unknown as UsageRecord;
}

/** `2026-11-01T00:00:00`: compared as text with the stamp's `2026-11-01T00:00:00+00:00`, it orders as the times do. */
const boundaryText = (ms: number) => new Date(ms).toISOString().slice(0, 19);

/** A usage time as UTC text that compares with boundaryText; times with another offset are converted first. */
function utcText(time: string): string {
  if (time.endsWith('+00:00') || time.endsWith('Z') || time.endsWith('z')) return time;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? time : new Date(ms).toISOString();
}

export interface AggregatorOptions {
  /** Times (ms since the epoch) where a new period starts; a record belongs to the period its start time falls in. */
  boundaries?: readonly number[];
}

export class UsageAggregator {
  private readonly cells = new Map<string, MutableCell>();
  /** Per period, cells by subscription and meter ID as the stamp spells them: most records then need no key built. */
  private readonly cellsBySpelling: Map<string, Map<string, MutableCell>>[];
  private readonly boundaryMs: number[];
  private readonly boundaries: string[];
  /** The period of the start time seen last: records of one time slot come together. */
  private lastTime: string | undefined;
  private lastPeriod = 0;
  /** vCore hours per tenant subscription per UTC day, for the report's charts (subscriptions × days, bounded). */
  private readonly dailyVCore = new Map<string, Map<string, number>>();
  recordCount = 0;
  /** Items that were not usage records (missing fields, non-numeric quantity): skipped and counted, never guessed. */
  malformedCount = 0;

  constructor(options: AggregatorOptions = {}) {
    this.boundaryMs = [...new Set(options.boundaries ?? [])].filter(Number.isFinite).sort((a, b) => a - b);
    this.boundaries = this.boundaryMs.map(boundaryText);
    this.cellsBySpelling = Array.from({ length: this.boundaryMs.length + 1 }, () => new Map<string, Map<string, MutableCell>>());
  }

  /** Forgets every record (a fetch that must start over, e.g. after a gateway timeout, adds none twice). */
  reset(): void {
    this.cells.clear();
    for (const periods of this.cellsBySpelling) periods.clear();
    this.dailyVCore.clear();
    this.recordCount = 0;
    this.malformedCount = 0;
  }

  /** The period `index` of a cell spans: from its start (inclusive) to its end (exclusive), open at either end. */
  periodOf(index: number): { start: number; end: number } {
    return { start: this.boundaryMs[index - 1] ?? -Infinity, end: this.boundaryMs[index] ?? Infinity };
  }

  private periodIndex(startTime: string): number {
    if (this.boundaries.length === 0) return 0;
    if (startTime === this.lastTime) return this.lastPeriod;
    const time = utcText(startTime);
    let low = 0;
    let high = this.boundaries.length;
    // The number of boundaries at or before the time.
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.boundaries[middle] <= time) low = middle + 1;
      else high = middle;
    }
    this.lastTime = startTime;
    this.lastPeriod = low;
    return low;
  }

  /** Adds the items of one page (`value` of a subscriberUsageAggregates response). */
  addPage(page: { value?: unknown }): void {
    const items = Array.isArray(page.value) ? page.value : [];
    for (const item of items) {
      const record = asRecord(item);
      if (record) this.add(record);
      else this.malformedCount++;
    }
  }

  add(record: UsageRecord): void {
    this.recordCount++;
    const cell = this.cellFor(record);
    cell.quantity += record.quantity;
    cell.records++;
    if (cell.dailyVCore) {
      const day = record.usageStartTime.slice(0, 10);
      cell.dailyVCore.set(day, (cell.dailyVCore.get(day) ?? 0) + record.quantity);
    }
    if (record.usageStartTime < cell.firstStart) cell.firstStart = record.usageStartTime;
    if (record.usageEndTime > cell.lastEnd) cell.lastEnd = record.usageEndTime;
    this.countResource(cell, record.instanceData);
  }

  /** The cell of a record's subscription, meter and period, however the IDs are spelt (case, hyphens, braces). */
  private cellFor(record: UsageRecord): MutableCell {
    const period = this.periodIndex(record.usageStartTime);
    const periodCells = this.cellsBySpelling[period];
    let bySpelling = periodCells.get(record.subscriptionId);
    const known = bySpelling?.get(record.meterId);
    if (known) return known;
    const key = `${record.subscriptionId.toLowerCase()}|${meterKey(record.meterId)}|${period}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = {
        subscriptionId: record.subscriptionId, meterId: record.meterId, quantity: 0, records: 0, period,
        firstStart: record.usageStartTime, lastEnd: record.usageEndTime, resources: 0, resourceUris: new Set(), lastInstanceData: undefined,
        dailyVCore: findMeter(record.meterId)?.vCoreHours ? this.dailyOf(record.subscriptionId) : undefined,
      };
      this.cells.set(key, cell);
    }
    if (!bySpelling) periodCells.set(record.subscriptionId, (bySpelling = new Map<string, MutableCell>()));
    bySpelling.set(record.meterId, cell);
    return cell;
  }

  private dailyOf(subscriptionId: string): Map<string, number> {
    const subscription = subscriptionId.toLowerCase();
    let days = this.dailyVCore.get(subscription);
    if (!days) this.dailyVCore.set(subscription, (days = new Map<string, number>()));
    return days;
  }

  /** Daily vCore hours of one tenant subscription, oldest day first. */
  dailyVCoreHours(subscriptionId: string): { day: string; vCoreHours: number }[] {
    const days = this.dailyVCore.get(subscriptionId.toLowerCase()) ?? new Map<string, number>();
    return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, vCoreHours]) => ({ day, vCoreHours }));
  }

  private countResource(cell: MutableCell, instanceData: string | undefined): void {
    if (typeof instanceData !== 'string' || instanceData === cell.lastInstanceData || !cell.resourceUris) return;
    cell.lastInstanceData = instanceData;
    const uri = resourceUriOf(instanceData);
    if (!uri) return;
    const size = cell.resourceUris.add(uri.toLowerCase()).size;
    cell.resources = size;
    if (size >= resourceCap) cell.resourceUris = undefined;
  }

  get cellCount(): number {
    return this.cells.size;
  }

  result(): UsageCell[] {
    return [...this.cells.values()].map(({ resourceUris: _resourceUris, lastInstanceData: _lastInstanceData, dailyVCore: _dailyVCore, ...cell }) => cell);
  }
}

/** The aggregator's final state in the shape a report is built from. */
export function aggregatedUsage(aggregator: UsageAggregator) {
  return {
    cells: aggregator.result(),
    records: aggregator.recordCount,
    skipped: aggregator.malformedCount,
    daily: (subscriptionId: string) => aggregator.dailyVCoreHours(subscriptionId),
    periodOf: (index: number) => aggregator.periodOf(index),
  };
}
