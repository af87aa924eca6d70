// A usage report: one row per end customer (tenant subscription), meter and period, with the meter's name and unit and
// the Azure subscription the usage is billed to; plus per-customer totals, and CSV/JSON exports of the same rows.
import { pick, type Locale, type Localized } from '../l10n';
import { toCsv } from '../csv';
import type { UsageCell } from './aggregate';
import { billedSubscriptionOf, type Billing, type StampSubscription } from './billing';
import { findMeter, meterKey, type MeterCategory } from './meters';
import type { Period } from './period';

export interface UsageReportRow {
  subscriptionId: string;
  displayName: string;
  owner: string;
  directoryTenantId: string;
  billing: Billing;
  meterId: string;
  /** The catalogue name, or the meter ID itself for a meter the catalogue does not know (never dropped). */
  meterName: string;
  knownMeter: boolean;
  category: MeterCategory | 'unknown';
  unit: string;
  vCoreHours: boolean;
  quantity: number;
  records: number;
  resources: number;
  /** The part of the report's period the row covers (a calendar month, or less where a price changes). */
  periodStart: string;
  periodEnd: string;
}

export interface CustomerSummary {
  subscriptionId: string;
  displayName: string;
  owner: string;
  directoryTenantId: string;
  billing: Billing;
  vCoreHours: number;
  meters: number;
  /** vCore hours per UTC day over the period, for a small chart. */
  daily: { day: string; vCoreHours: number }[];
}

export interface UsageReport {
  period: { start: string; end: string; granularity: Period['granularity'] };
  rows: UsageReportRow[];
  customers: CustomerSummary[];
  records: number;
  skippedRecords: number;
}

const unknownUnit: Localized = { en: 'units (unknown meter)', sv: 'enheter (okänd mätare)' };

/** What the aggregator knows once every page is in. */
export interface AggregatedUsage {
  cells: UsageCell[];
  records: number;
  skipped: number;
  daily(subscriptionId: string): { day: string; vCoreHours: number }[];
  /** The span of a cell's period (see UsageAggregator.periodOf); absent: every cell spans the report. */
  periodOf?(index: number): { start: number; end: number };
}

export function buildReport(
  usage: AggregatedUsage, subscriptions: StampSubscription[], billing: Map<string, Billing>, period: Period, locale: Locale,
): UsageReport {
  const { cells } = usage;
  const byId = new Map(subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s]));
  const rows = cells.map((cell): UsageReportRow => {
    const subscription = byId.get(cell.subscriptionId.toLowerCase());
    const meter = findMeter(cell.meterId);
    const span = usage.periodOf?.(cell.period);
    return {
      subscriptionId: cell.subscriptionId,
      displayName: subscription?.displayName ?? cell.subscriptionId,
      owner: subscription?.owner ?? '',
      directoryTenantId: subscription?.tenantId ?? '',
      billing: billing.get(cell.subscriptionId.toLowerCase()) ?? { kind: 'noRegistration' },
      meterId: cell.meterId,
      meterName: meter?.name ?? cell.meterId,
      knownMeter: meter !== undefined,
      category: meter?.category ?? 'unknown',
      unit: pick(meter?.unit ?? unknownUnit, locale),
      vCoreHours: meter?.vCoreHours === true,
      quantity: cell.quantity,
      records: cell.records,
      resources: cell.resources,
      periodStart: new Date(Math.max(period.start.getTime(), span?.start ?? -Infinity)).toISOString(),
      periodEnd: new Date(Math.min(period.end.getTime(), span?.end ?? Infinity)).toISOString(),
    };
  });
  rows.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.meterName.localeCompare(b.meterName) || a.periodStart.localeCompare(b.periodStart));
  return {
    period: { start: period.start.toISOString(), end: period.end.toISOString(), granularity: period.granularity },
    rows,
    customers: summarise(rows, subscriptions, billing).map((c) => ({ ...c, daily: usage.daily(c.subscriptionId) })),
    records: usage.records,
    skippedRecords: usage.skipped,
  };
}

/** One line per customer, including stamp subscriptions that used nothing in the period. */
type Summary = Omit<CustomerSummary, 'daily'>;

function summarise(rows: UsageReportRow[], subscriptions: StampSubscription[], billing: Map<string, Billing>): Summary[] {
  const summaries = new Map<string, Summary>();
  const meters = new Set<string>();
  for (const s of subscriptions) {
    summaries.set(s.subscriptionId.toLowerCase(), {
      subscriptionId: s.subscriptionId, displayName: s.displayName, owner: s.owner, directoryTenantId: s.tenantId,
      billing: billing.get(s.subscriptionId.toLowerCase()) ?? { kind: 'noRegistration' }, vCoreHours: 0, meters: 0,
    });
  }
  for (const row of rows) {
    const key = row.subscriptionId.toLowerCase();
    const summary = summaries.get(key) ?? {
      subscriptionId: row.subscriptionId, displayName: row.displayName, owner: row.owner, directoryTenantId: row.directoryTenantId,
      billing: row.billing, vCoreHours: 0, meters: 0,
    };
    // A meter counts once per customer, however many periods it spans.
    const meter = `${key}|${meterKey(row.meterId)}`;
    if (!meters.has(meter)) summary.meters++;
    meters.add(meter);
    if (row.vCoreHours) summary.vCoreHours += row.quantity;
    summaries.set(key, summary);
  }
  return [...summaries.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

const billingText: Record<Billing['kind'], Localized> = {
  customer: { en: 'Customer subscription {subscription}', sv: 'Kundprenumeration {subscription}' },
  unregisteredDirectory: {
    en: "Directory not added to {registration}: billed to the registration's subscription {subscription}",
    sv: 'Katalogen är inte tillagd i {registration}: debiteras registreringens prenumeration {subscription}',
  },
  ambiguous: { en: 'Several customer subscriptions claim this directory: {subscription}', sv: 'Flera kundprenumerationer gör anspråk på katalogen: {subscription}' },
  notPayAsYouUse: { en: '{model} registration {registration}: no usage billing per customer', sv: '{model}-registreringen {registration}: ingen användningsdebitering per kund' },
  noRegistration: { en: 'No registration found for this stamp', sv: 'Ingen registrering hittades för den här stämpeln' },
};

export function describeBilling(billing: Billing, locale: Locale): string {
  const subscription = billing.kind === 'ambiguous' ? billing.customerSubscriptionIds.join(', ') : (billedSubscriptionOf(billing) ?? '');
  return pick(billingText[billing.kind], locale, {
    subscription,
    registration: 'registrationName' in billing ? billing.registrationName : '',
    model: billing.kind === 'notPayAsYouUse' ? billing.billingModel : '',
  });
}

const csvHeader = [
  'customer', 'tenantSubscriptionId', 'owner', 'directoryTenantId', 'billedAzureSubscriptionId', 'billing',
  'meterId', 'meterName', 'category', 'quantity', 'unit', 'records', 'periodStart', 'periodEnd',
];

export function reportToCsv(report: UsageReport, locale: Locale): string {
  return toCsv(csvHeader, report.rows.map((row) => [
    row.displayName, row.subscriptionId, row.owner, row.directoryTenantId, billedSubscriptionOf(row.billing) ?? '',
    describeBilling(row.billing, locale), row.meterId, row.meterName, row.category, row.quantity, row.unit, row.records,
    row.periodStart, row.periodEnd,
  ]));
}

export function reportToJson(report: UsageReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
