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
  vCoreHours: boolean;
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

function asRecord(item: unknown): UsageRecord | undefined {
  const properties = (item as { properties?: Record<string, unknown> } | null)?.properties;
  if (!properties || typeof properties !== 'object') return undefined;
  const { subscriptionId, meterId, quantity, usageStartTime, usageEndTime, instanceData } = properties;
  if (typeof subscriptionId !== 'string' || typeof meterId !== 'string') return undefined;
  if (typeof quantity !== 'number' || !Number.isFinite(quantity)) return undefined;
  if (typeof usageStartTime !== 'string' || typeof usageEndTime !== 'string') return undefined;
  return { subscriptionId, meterId, quantity, usageStartTime, usageEndTime, instanceData: typeof instanceData === 'string' ? instanceData : undefined };
}

export class UsageAggregator {
  private readonly cells = new Map<string, MutableCell>();
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
    const key = `${record.subscriptionId.toLowerCase()}|${meterKey(record.meterId)}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = {
        subscriptionId: record.subscriptionId, meterId: record.meterId, quantity: 0, records: 0,
        firstStart: record.usageStartTime, lastEnd: record.usageEndTime, resources: 0, resourceUris: new Set(), vCoreHours: false,
      };
      this.cells.set(key, cell);
    }
    cell.quantity += record.quantity;
    cell.records++;
    if (cell.records === 1) cell.vCoreHours = findMeter(record.meterId)?.vCoreHours === true;
    if (cell.vCoreHours) this.addDaily(record);
    if (record.usageStartTime < cell.firstStart) cell.firstStart = record.usageStartTime;
    if (record.usageEndTime > cell.lastEnd) cell.lastEnd = record.usageEndTime;
    this.countResource(cell, resourceUriOf(record.instanceData));
  }

  private addDaily(record: UsageRecord): void {
    const subscription = record.subscriptionId.toLowerCase();
    const day = record.usageStartTime.slice(0, 10);
    let days = this.dailyVCore.get(subscription);
    if (!days) this.dailyVCore.set(subscription, (days = new Map<string, number>()));
    days.set(day, (days.get(day) ?? 0) + record.quantity);
  }

  /** Daily vCore hours of one tenant subscription, oldest day first. */
  dailyVCoreHours(subscriptionId: string): { day: string; vCoreHours: number }[] {
    const days = this.dailyVCore.get(subscriptionId.toLowerCase()) ?? new Map<string, number>();
    return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, vCoreHours]) => ({ day, vCoreHours }));
  }

  private countResource(cell: MutableCell, uri: string | undefined): void {
    if (!uri || !cell.resourceUris) return;
    const size = cell.resourceUris.add(uri.toLowerCase()).size;
    cell.resources = size;
    if (size >= resourceCap) cell.resourceUris = undefined;
  }

  get cellCount(): number {
    return this.cells.size;
  }

  result(): UsageCell[] {
    return [...this.cells.values()].map(({ resourceUris: _resourceUris, vCoreHours: _vCoreHours, ...cell }) => cell);
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
