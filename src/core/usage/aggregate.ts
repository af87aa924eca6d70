// Folds usage records into one cell per (tenant subscription, meter) as pages arrive, so memory grows with the
// number of cells, never with the number of records.
import { meterKey } from './meters';

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
        firstStart: record.usageStartTime, lastEnd: record.usageEndTime, resources: 0, resourceUris: new Set(),
      };
      this.cells.set(key, cell);
    }
    cell.quantity += record.quantity;
    cell.records++;
    if (record.usageStartTime < cell.firstStart) cell.firstStart = record.usageStartTime;
    if (record.usageEndTime > cell.lastEnd) cell.lastEnd = record.usageEndTime;
    this.countResource(cell, resourceUriOf(record.instanceData));
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
    return [...this.cells.values()].map(({ resourceUris: _resourceUris, ...cell }) => cell);
  }
}
