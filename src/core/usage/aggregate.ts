// Folds usage records into one cell per (tenant subscription, meter) as pages arrive, so memory grows with the
// number of cells, never with the number of records.
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

export class UsageAggregator {
  private readonly cells = new Map<string, MutableCell>();
  /** Cells by subscription and meter ID as the stamp spells them: most records then need no key built. */
  private readonly cellsBySpelling = new Map<string, Map<string, MutableCell>>();
  /** vCore hours per tenant subscription per UTC day, for the report's charts (subscriptions × days, bounded). */
  private readonly dailyVCore = new Map<string, Map<string, number>>();
  recordCount = 0;
  /** Items that were not usage records (missing fields, non-numeric quantity): skipped and counted, never guessed. */
  malformedCount = 0;

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

  /** The cell of a record's subscription and meter, however either is spelt (case, hyphens, braces). */
  private cellFor(record: UsageRecord): MutableCell {
    let bySpelling = this.cellsBySpelling.get(record.subscriptionId);
    const known = bySpelling?.get(record.meterId);
    if (known) return known;
    const key = `${record.subscriptionId.toLowerCase()}|${meterKey(record.meterId)}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = {
        subscriptionId: record.subscriptionId, meterId: record.meterId, quantity: 0, records: 0,
        firstStart: record.usageStartTime, lastEnd: record.usageEndTime, resources: 0, resourceUris: new Set(), lastInstanceData: undefined,
        dailyVCore: findMeter(record.meterId)?.vCoreHours ? this.dailyOf(record.subscriptionId) : undefined,
      };
      this.cells.set(key, cell);
    }
    if (!bySpelling) this.cellsBySpelling.set(record.subscriptionId, (bySpelling = new Map<string, MutableCell>()));
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
  };
}
