// Invoice-ready output of a priced report: CSV with stable, documented columns (README, "Invoice columns") and JSON
// with the same lines grouped per customer, for all customers at once or one customer per file. Numbers are written
// with a dot and no grouping, times as ISO 8601 UTC, whatever the language: the files are for other programs.
import { toCsv } from '../csv';
import { billedSubscriptionOf } from './billing';
import { formatNames, type PriceList } from './prices';
import type { CustomerTotals, PricedRow, PricingSummary } from './pricing';
import type { UsageReport } from './report';
import { hoursPerMonth } from './units';

export const invoiceColumns = [
  'customer', 'tenantSubscriptionId', 'directoryTenantId', 'billedAzureSubscriptionId', 'periodStart', 'periodEnd',
  'meterId', 'meterName', 'billedByMicrosoft', 'commerceMeterId', 'commerceMeterName', 'quantity', 'unit',
  'microsoftUnitPrice', 'microsoftUnitOfMeasure', 'estimatedCost', 'resaleBasis', 'resaleUnitPrice', 'resaleUnitOfMeasure',
  'markupPercent', 'resaleAmount', 'margin', 'currency', 'priceStatus',
] as const;

export type InvoiceLine = Record<(typeof invoiceColumns)[number], string | number>;

const billedWords = { microsoft: 'yes', local: 'no', unknown: 'unknown' } as const;

function resaleBasis(row: PricedRow): string {
  switch (row.resaleStatus.kind) {
    case 'list': return row.resaleStatus.customerPrice ? 'customerPrice' : 'priceList';
    case 'markup': return 'markup';
    case 'none': return 'none';
  }
}

export function invoiceLine(row: PricedRow): InvoiceLine {
  const cost = row.costStatus;
  const resale = row.resaleStatus;
  const blank = (value: number | undefined) => value ?? '';
  return {
    customer: row.displayName, tenantSubscriptionId: row.subscriptionId, directoryTenantId: row.directoryTenantId,
    billedAzureSubscriptionId: billedSubscriptionOf(row.billing) ?? '',
    periodStart: row.periodStart, periodEnd: row.periodEnd, meterId: row.meterId, meterName: row.meterName,
    billedByMicrosoft: billedWords[row.billedBy], commerceMeterId: row.commerceMeterId, commerceMeterName: row.commerceMeterName,
    quantity: row.quantity, unit: row.unit,
    microsoftUnitPrice: cost.kind === 'priced' ? cost.unitPrice : '', microsoftUnitOfMeasure: cost.kind === 'priced' ? cost.unitOfMeasure : '',
    estimatedCost: blank(row.cost), resaleBasis: resaleBasis(row),
    resaleUnitPrice: resale.kind === 'list' ? resale.unitPrice : '', resaleUnitOfMeasure: resale.kind === 'list' ? resale.unitOfMeasure : '',
    markupPercent: resale.kind === 'markup' ? resale.percent : '', resaleAmount: blank(row.resale), margin: blank(row.margin),
    currency: row.currency, priceStatus: cost.kind === 'noPrice' ? `noPrice:${cost.reason}` : cost.kind,
  };
}

export function invoiceCsv(rows: PricedRow[]): string {
  return toCsv([...invoiceColumns], rows.map((row) => {
    const line = invoiceLine(row);
    return invoiceColumns.map((column) => line[column]);
  }));
}

/** One customer's part of a priced report: its lines and totals. */
export interface CustomerInvoice {
  customer: CustomerTotals;
  rows: PricedRow[];
}

export function invoicesByCustomer(pricing: PricingSummary): CustomerInvoice[] {
  const rows = new Map<string, PricedRow[]>();
  for (const row of pricing.rows) {
    const key = row.subscriptionId.toLowerCase();
    const found = rows.get(key);
    if (found) found.push(row);
    else rows.set(key, [row]);
  }
  return pricing.customers.map((customer) => ({ customer, rows: rows.get(customer.subscriptionId.toLowerCase()) ?? [] }));
}

/** A file name for one customer's invoice: its name made safe, and its subscription ID so two equal names never collide. */
export function customerFileName(customer: CustomerTotals, periodStart: string, extension: 'csv' | 'json'): string {
  const name = customer.displayName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'customer';
  return `${name}-${customer.subscriptionId.slice(0, 8).toLowerCase()}-${periodStart.slice(0, 7)}.${extension}`;
}

export interface PricingNotes {
  stamp?: string;
  priceLists: PriceList[];
  resaleLists: PriceList[];
}

function listSummary(list: PriceList) {
  return { file: list.file, format: list.format, formatName: formatNames[list.format].en, rows: list.rows, prices: list.entries.length, skipped: list.skipped, problems: list.problemCount };
}

/** The whole priced report (or `only` these customers) as JSON: customers with lines and totals, and the grand totals. */
export function invoiceJson(report: UsageReport, pricing: PricingSummary, notes: PricingNotes, only?: CustomerInvoice[]): string {
  const customers = only ?? invoicesByCustomer(pricing);
  const whole = only === undefined;
  return `${JSON.stringify({
    format: 'azs-usage-invoice',
    version: 1,
    ...(notes.stamp ? { stamp: notes.stamp } : {}),
    period: report.period,
    currencies: pricing.currencies,
    rounding: { method: 'half away from zero, per line; totals add the rounded lines', digits: pricing.roundingDigits },
    hoursPerMonth,
    customers: customers.map(({ customer, rows }) => ({ ...customer, lines: rows.map(invoiceLine) })),
    ...(whole ? { billedSubscriptions: pricing.billedSubscriptions, totals: pricing.totals, unpriced: pricing.unpriced, priceChanges: pricing.priceChanges } : {}),
    priceLists: notes.priceLists.map(listSummary),
    resaleLists: notes.resaleLists.map(listSummary),
  }, null, 2)}\n`;
}
