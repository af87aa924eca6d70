// An Azure Stack Hub stamp as the emulator holds it: identity, the admin's own subscriptions, tenant subscriptions
// (listed in the state file or made up from a seed) and usage computed on demand, never stored.
//
// The usage formula (test/emulator/README.md): tenant subscription i (its position in the stamp's list) uses meter j
// (its position in usage.meters) every hour h with the quantity
//     perHour_j × usageScale_i × (1 + (seed + 3·i + 5·j + d) mod 4),   d = whole UTC days from 1970-01-01 to h
// A daily record is 24 times the hourly quantity of that day. Only direct tenants (no other delegated provider)
// with a usage scale above 0 have usage. Records go time slot by time slot, then subscription, then meter.
import type { GatewayTimeoutSeed, IdentitySystem, StampMetadataSeed, StampSeed, TenantSubscriptionSeed, UsageMeterSeed } from './stateFile';
import { stableGuid } from './generate';

export type Granularity = 'hourly' | 'daily';

export interface TenantSubscription extends TenantSubscriptionSeed {
  offerId: string;
  state: string;
  delegatedProviderSubscriptionId: string;
  usageScale: number;
}

export interface UsageQuery {
  /** Inclusive, on a slot boundary (ms since the epoch). */
  start: number;
  /** Exclusive, on a slot boundary, after start. */
  end: number;
  granularity: Granularity;
  /** Only this tenant subscription (a direct tenant); undefined for all. */
  subscriberId?: string;
}

/** The stamp's own service principal, as its identity system knows it. */
export interface StampPrincipal {
  clientId: string;
  clientSecret: string;
  certificate: string | undefined;
}

export const hourMs = 3_600_000;
export const dayMs = 24 * hourMs;
const defaultPageSize = 1000;
const usageType = 'Microsoft.Commerce.Admin/UsageAggregate';

/** The quantity one resource of tenant subscription i used of meter j in the hour starting at `hourStart`. */
export function hourlyQuantity(seed: number, subscriptionIndex: number, meterIndex: number, perHour: number, usageScale: number, hourStart: number): number {
  const day = Math.floor(hourStart / dayMs);
  return perHour * usageScale * (1 + ((seed + 3 * subscriptionIndex + 5 * meterIndex + day) % 4));
}

/** `2026-10-01T05:00:00+00:00`, as the usage API writes times. */
function usageTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

function generatedSubscriptions(stamp: StampSeed): TenantSubscriptionSeed[] {
  const generator = stamp.generateTenantSubscriptions;
  if (!generator) return [];
  return Array.from({ length: generator.count }, (_, i) => {
    const directory = i % generator.directories;
    return {
      subscriptionId: stableGuid(generator.seed, 'tenant-subscription', i),
      displayName: `Tenant ${String(i + 1).padStart(3, '0')}`,
      owner: `owner${i + 1}@directory${directory + 1}.example`,
      tenantId: stableGuid(generator.seed, 'directory', directory),
    };
  });
}

/** The JSON text of one record, in three pieces around its times and quantity (made once per subscription and meter). */
interface RecordPieces {
  head: string;
  middle: string;
  tail: string;
}

function recordPieces(subscriptionId: string, meter: UsageMeterSeed): RecordPieces {
  const name = `${subscriptionId}-${meter.meterId}`;
  const resourceUri = `/subscriptions/${subscriptionId}/resourceGroups/workloads/providers/${meter.resourceType}/${meter.resourceName}`;
  const instanceData = JSON.stringify({ 'Microsoft.Resources': { resourceUri, location: 'local', tags: null, additionalInfo: null } });
  const head = `{"id":${JSON.stringify(`/subscriptions/${subscriptionId}/providers/${usageType}/${name}`)},"name":${JSON.stringify(name)},` +
    `"type":"${usageType}","properties":{"subscriptionId":${JSON.stringify(subscriptionId)},"usageStartTime":"`;
  return { head, middle: `","instanceData":${JSON.stringify(instanceData)},"quantity":`, tail: `,"meterId":${JSON.stringify(meter.meterId)}}}` };
}

export class Stamp {
  readonly name: string;
  readonly identitySystem: IdentitySystem;
  readonly directoryTenantId: string;
  readonly cloudId: string;
  readonly registration: string | undefined;
  readonly audience: string;
  readonly defaultProviderSubscriptionId: string;
  readonly tenantSubscriptions: TenantSubscription[];
  readonly principal: StampPrincipal;
  /** What metadata/endpoints says instead of the truth (hostile-stamp tests), placeholders unexpanded. */
  readonly metadataOverride: StampMetadataSeed;
  /** From the state, or set through the control API; undefined: the gateway waits as long as it takes. */
  gatewayTimeout: GatewayTimeoutSeed | undefined;
  private readonly seed: StampSeed;
  private readonly pieces = new Map<string, RecordPieces>();

  constructor(seed: StampSeed) {
    this.seed = seed;
    this.name = seed.name;
    this.identitySystem = seed.identitySystem;
    this.directoryTenantId = seed.directoryTenantId;
    this.cloudId = seed.cloudId;
    this.registration = seed.registration;
    this.audience = seed.audience ?? `https://adminmanagement.${seed.name.toLowerCase()}.azurestack.example/${stableGuid(seed.name, 'audience')}`;
    this.defaultProviderSubscriptionId = seed.defaultProviderSubscriptionId;
    this.gatewayTimeout = seed.usage?.gatewayTimeout;
    this.principal = {
      clientId: seed.servicePrincipal?.clientId ?? stableGuid(seed.name, 'stamp-principal'),
      clientSecret: seed.servicePrincipal?.clientSecret ?? `Stamp-${seed.name}-Secret-${stableGuid(seed.name, 'stamp-secret').slice(0, 13)}`,
      certificate: seed.servicePrincipal?.certificate,
    };
    this.metadataOverride = seed.metadata ?? {};
    this.tenantSubscriptions = [...seed.tenantSubscriptions ?? [], ...generatedSubscriptions(seed)].map((s) => ({
      offerId: `/subscriptions/${seed.defaultProviderSubscriptionId}/resourceGroups/offers/providers/Microsoft.Subscriptions.Admin/offers/standard`,
      state: 'Enabled',
      delegatedProviderSubscriptionId: seed.defaultProviderSubscriptionId,
      usageScale: 1,
      ...s,
    }));
  }

  pageSize(kind: 'tenantSubscriptions' | 'usage'): number {
    return this.seed.paging?.[kind] ?? defaultPageSize;
  }

  /** The admin's own subscriptions, as a real stamp has them. */
  adminSubscriptions(): { subscriptionId: string; displayName: string }[] {
    return [
      { subscriptionId: this.defaultProviderSubscriptionId, displayName: 'Default Provider Subscription' },
      { subscriptionId: stableGuid(this.name, 'metering'), displayName: 'Metering Subscription' },
      { subscriptionId: stableGuid(this.name, 'consumption'), displayName: 'Consumption Subscription' },
    ];
  }

  tenantSubscription(subscriptionId: string): TenantSubscription | undefined {
    const key = subscriptionId.toLowerCase();
    return this.tenantSubscriptions.find((s) => s.subscriptionId.toLowerCase() === key);
  }

  isDirectTenant(subscription: TenantSubscription): boolean {
    return subscription.delegatedProviderSubscriptionId.toLowerCase() === this.defaultProviderSubscriptionId.toLowerCase();
  }

  /** The positions (in the tenant-subscription list) of the subscriptions a query reports usage for. */
  private usageSubscriptions(query: UsageQuery): number[] {
    const wanted = query.subscriberId?.toLowerCase();
    const positions: number[] = [];
    this.tenantSubscriptions.forEach((s, i) => {
      if ((wanted === undefined || s.subscriptionId.toLowerCase() === wanted) && this.isDirectTenant(s) && s.usageScale > 0) positions.push(i);
    });
    return positions;
  }

  private piecesOf(subscriptionIndex: number, meterIndex: number): RecordPieces {
    const key = `${subscriptionIndex}/${meterIndex}`;
    let found = this.pieces.get(key);
    if (!found) {
      found = recordPieces(this.tenantSubscriptions[subscriptionIndex].subscriptionId, this.seed.usage!.meters[meterIndex]);
      this.pieces.set(key, found);
    }
    return found;
  }

  /** How many records a query returns in all. */
  usageTotal(query: UsageQuery): number {
    const step = query.granularity === 'daily' ? dayMs : hourMs;
    return this.usageSubscriptions(query).length * (this.seed.usage?.meters.length ?? 0) * Math.round((query.end - query.start) / step);
  }

  /** True when the gateway gives up on this page of this query (see GatewayTimeoutSeed). */
  gatewayGivesUp(query: UsageQuery, position: number): boolean {
    const timeout = this.gatewayTimeout;
    if (!timeout || query.subscriberId !== undefined) return false;
    return this.usageTotal(query) > timeout.unfilteredRecordsAbove && Math.floor(position / this.pageSize('usage')) >= (timeout.fromPage ?? 0);
  }

  /** Up to `size` usage records from `position` on, as JSON texts, and the position to continue from when more remain. */
  usagePage(query: UsageQuery, position: number, size: number): { records: string[]; next: number | undefined } {
    const usage = this.seed.usage;
    const subscriptions = this.usageSubscriptions(query);
    const meters = usage?.meters ?? [];
    const step = query.granularity === 'daily' ? dayMs : hourMs;
    const perSlot = subscriptions.length * meters.length;
    const total = this.usageTotal(query);
    const records: string[] = [];
    let times = { slot: -1, text: '' };
    let at = position;
    for (; at < total && records.length < size; at++) {
      const slot = Math.floor(at / perSlot);
      const slotStart = query.start + slot * step;
      // Records go slot by slot: the two times are written once per slot, not once per record.
      if (times.slot !== slot) times = { slot, text: `${usageTime(slotStart)}","usageEndTime":"${usageTime(slotStart + step)}` };
      const s = subscriptions[Math.floor((at % perSlot) / meters.length)];
      const m = at % meters.length;
      const hourly = hourlyQuantity(usage!.seed, s, m, meters[m].perHour, this.tenantSubscriptions[s].usageScale, slotStart);
      const { head, middle, tail } = this.piecesOf(s, m);
      records.push(`${head}${times.text}${middle}${step === dayMs ? 24 * hourly : hourly}${tail}`);
    }
    return { records, next: at < total ? at : undefined };
  }
}
