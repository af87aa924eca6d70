import * as assert from 'node:assert/strict';
import { UsageAggregator, aggregatedUsage } from '../../../../src/core/usage/aggregate';
import { billingFor, type RegistrationForBilling, type StampSubscription } from '../../../../src/core/usage/billing';
import { customerFileName, invoiceColumns, invoiceCsv, invoiceJson, invoicesByCustomer } from '../../../../src/core/usage/invoice';
import { MeterBook, readMeterMapping } from '../../../../src/core/usage/meterBilling';
import { periodBoundaries } from '../../../../src/core/usage/period';
import { readPartnerCenterPriceSheet, readResalePrices, readRetailPrices, type PriceList } from '../../../../src/core/usage/prices';
import { priceReport, roundHalfAway, type Markup } from '../../../../src/core/usage/pricing';
import { buildReport } from '../../../../src/core/usage/report';
import { readFixture } from './priceFixtures';

const meters = {
  base: 'FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5', windows: '9CD92D4C-BAFD-4492-B278-BEDC2DE8232A', vmHours: '6DAB500F-A4FD-49C4-956D-229BB9C8C793',
  blockBlob: '09F8879E-87E9-4305-A572-4B7BE209F857', table: 'B4438D5D-453B-4EE1-B42A-DC72E377F1E4', appService: '190c935e-9ada-48ff-9ab8-56ea1cf9adaa',
  tableTransactions: 'B9FF3CD0-28AA-4762-84BB-FF8FBAEA6A90', unknown: '0e9d0c9b-ffff-4312-9c7e-3794e22af9c4',
};
const subscriptions: StampSubscription[] = [
  { subscriptionId: 'aaaaaaaa-0000-4000-8000-000000000001', displayName: 'Contoso production', owner: 'ops@contoso.example', tenantId: '11111111-1111-4111-8111-111111111111' },
  { subscriptionId: 'aaaaaaaa-0000-4000-8000-000000000002', displayName: 'Fabrikam residences', owner: 'it@fabrikam.example', tenantId: '22222222-2222-4222-8222-222222222222' },
  { subscriptionId: 'aaaaaaaa-0000-4000-8000-000000000003', displayName: 'Operator lab', owner: 'admin@csp.example', tenantId: '33333333-3333-4333-8333-333333333333' },
];
const registration: RegistrationForBilling = {
  id: '/subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/hub1',
  name: 'hub1', subscriptionId: 'dd8597b4-8739-4467-8b10-f8679f62bfbf', billingModel: 'PayAsYouUse',
  tenants: [{ customerSubscriptionId: 'cccccccc-0000-4000-8000-00000000000c', tenantId: subscriptions[0].tenantId }],
};
const [contoso, fabrikam, lab] = subscriptions.map((s) => s.subscriptionId);
const period = { start: new Date('2026-10-01T00:00Z'), end: new Date('2026-12-01T00:00Z'), granularity: 'daily' as const };

type Use = [subscriptionId: string, meterId: string, quantity: number, month: number, day: number];

/** A report over October and November from daily records, cut at month starts and at the given price changes. */
function reportOf(uses: Use[], priceChanges: number[] = []) {
  const aggregator = new UsageAggregator({ boundaries: periodBoundaries(period, priceChanges) });
  for (const [subscriptionId, meterId, quantity, month, day] of uses) {
    const start = new Date(Date.UTC(2026, month - 1, day)).toISOString().replace('.000Z', '+00:00');
    aggregator.add({ subscriptionId, meterId, quantity, usageStartTime: start, usageEndTime: start });
  }
  return buildReport(aggregatedUsage(aggregator), subscriptions, billingFor(subscriptions, registration), period, 'en');
}

const partnerCenter = () => readPartnerCenterPriceSheet(readFixture('partner-center-azure-plan.csv'), 'pc.csv');
const changes = (lists: PriceList[]) => lists.flatMap((l) => l.entries.flatMap((e) => [e.effectiveStart, e.effectiveEnd]));

function priced(uses: Use[], options: { lists?: PriceList[]; resale?: PriceList[]; markup?: Markup; mapping?: string } = {}) {
  const lists = options.lists ?? [partnerCenter()];
  const report = reportOf(uses, changes(lists));
  const book = new MeterBook(options.mapping ? readMeterMapping(options.mapping).entries : []);
  const pricing = priceReport(report, { book, microsoft: lists, resale: options.resale ?? [], markup: options.markup });
  const row = (subscriptionId: string, meterId: string, periodStart = '2026-10-01T00:00:00.000Z') =>
    pricing.rows.find((r) => r.subscriptionId === subscriptionId && r.meterId === meterId && r.periodStart === periodStart);
  return { report, pricing, row };
}

describe('core/usage/pricing', () => {
  it('prices each period at the price in effect then, in the price list\'s unit', () => {
    const { pricing, row } = priced([[contoso, meters.base, 100, 10, 3], [contoso, meters.base, 50, 10, 20], [contoso, meters.base, 30, 11, 2]]);
    // 0.08 per 10 hours until 15 October, then 0.10 per 10 hours: three rows, one per price and month.
    const rows = pricing.rows.filter((r) => r.meterId === meters.base);
    assert.deepEqual(rows.map((r) => [r.periodStart.slice(0, 10), r.periodEnd.slice(0, 10), r.quantity, r.cost]), [
      ['2026-10-01', '2026-10-15', 100, 0.8], ['2026-10-15', '2026-11-01', 50, 0.5], ['2026-11-01', '2026-12-01', 30, 0.3],
    ]);
    assert.deepEqual(row(contoso, meters.base)?.costStatus, { kind: 'priced', currency: 'USD', unitPrice: 0.08, unitOfMeasure: '10 Hours', tiered: false, file: 'pc.csv', line: 2 });
    assert.equal(row(contoso, meters.base)?.commerceMeterName, 'Base VM');
  });

  it('applies tiers to the total of the billed Azure subscription, and gives each customer its share', () => {
    // Fabrikam and the lab are both billed to the registration's own subscription: 600 + 600 hours share the tiers.
    const { pricing, row } = priced([[fabrikam, meters.windows, 600, 10, 1], [lab, meters.windows, 600, 10, 1], [contoso, meters.windows, 600, 10, 1]]);
    const shared = (1000 * 0.046875 + 200 * 0.0390625) / 2;
    assert.equal(row(fabrikam, meters.windows)?.cost, roundHalfAway(shared, 2));
    assert.equal(row(lab, meters.windows)?.cost, roundHalfAway(shared, 2));
    assert.equal(row(contoso, meters.windows)?.cost, roundHalfAway(600 * 0.046875, 2), 'Contoso has its own Azure subscription and tiers');
    const registrationTotals = pricing.billedSubscriptions.find((b) => b.billedSubscriptionId === registration.subscriptionId);
    assert.deepEqual(registrationTotals, { billedSubscriptionId: registration.subscriptionId, customers: 2, totals: [{ currency: 'USD', cost: 2 * roundHalfAway(shared, 2), resale: 0, margin: 0 }] });
  });

  it('converts GB × hours to GB-months, finds App Service by its shared ID, and costs what Microsoft does not bill nothing', () => {
    const { row, pricing } = priced([
      [contoso, meters.blockBlob, 730 * 400, 10, 1], [contoso, meters.table, 730 * 100, 10, 1], [contoso, meters.appService, 16, 10, 1],
      [contoso, meters.vmHours, 99, 10, 1], [contoso, meters.tableTransactions, 5, 10, 1],
    ]);
    assert.equal(row(contoso, meters.blockBlob)?.cost, 2.5);
    assert.equal(row(contoso, meters.table)?.cost, 1.88, '100 GB-months at 0.01875, rounded half away from zero');
    assert.equal(row(contoso, meters.appService)?.cost, 0.9);
    for (const meter of [meters.vmHours, meters.tableTransactions]) {
      assert.deepEqual([row(contoso, meter)?.costStatus, row(contoso, meter)?.cost, row(contoso, meter)?.billedBy], [{ kind: 'notBilled' }, 0, 'local']);
    }
    assert.equal(pricing.unpriced.rows, 0);
  });

  it('lists meters without a price, and unknown meters, with their quantity', () => {
    const { pricing } = priced([[contoso, meters.unknown, 7, 10, 1], [fabrikam, meters.unknown, 3, 10, 2], [contoso, meters.base, 1, 10, 1]], { lists: [readRetailPrices('{"Items": []}', 'empty.json')] });
    assert.equal(pricing.unpriced.rows, 3);
    assert.deepEqual(pricing.unpriced.meters.map((m) => [m.meterName, m.quantity, m.reason]), [
      ['0e9d0c9b-ffff-4312-9c7e-3794e22af9c4', 10, 'unknownMeter'], ['Base VM Size Hours', 1, 'noMatch'],
    ]);
    assert.deepEqual(pricing.customers.map((c) => [c.displayName, c.unpricedRows]), [['Contoso production', 2], ['Fabrikam residences', 1]]);
  });

  it('lets a mapping add a meter, point another at a commerce meter ID, or say it is not billed', () => {
    const mapping = JSON.stringify({
      meters: [
        { meter: meters.unknown, name: 'GPU hours', unit: '1 Hour', commerceMeterId: '190c935e-9ada-48ff-9ab8-56ea1cf9adaa' },
        { meter: 'Windows VM Size Hours', commerceMeterName: 'Base VM' },
        { meter: meters.blockBlob, billedByMicrosoft: false },
        { meter: meters.table, unit: '1 GB' },
      ],
    });
    const { row } = priced([[contoso, meters.unknown, 16, 10, 1], [contoso, meters.windows, 10, 10, 1], [contoso, meters.blockBlob, 730, 10, 1], [contoso, meters.table, 730, 10, 1]], { mapping });
    assert.deepEqual([row(contoso, meters.unknown)?.cost, row(contoso, meters.unknown)?.billedBy], [0.9, 'microsoft']);
    assert.equal(row(contoso, meters.windows)?.cost, 0.08, 'Windows VM hours at the base VM price');
    assert.equal(row(contoso, meters.blockBlob)?.costStatus.kind, 'notBilled');
    assert.deepEqual(row(contoso, meters.table)?.costStatus, { kind: 'noPrice', reason: 'unitMismatch', unitOfMeasure: '1 GB/Month' });
    const { problems } = readMeterMapping('{"meters": [{"meter": "Nonsense hours", "unit": "1 Fortnight", "colour": 1}]}');
    assert.deepEqual(problems.map((p) => p.at), ['meters[0].colour', 'meters[0].meter', 'meters[0].unit']);
  });

  it('resells at the own price list (a customer\'s own price first), else at a markup, and works out the margin', () => {
    const resale = readResalePrices(readFixture('resale.csv'), 'resale.csv');
    const { row, pricing } = priced([
      [contoso, meters.base, 100, 10, 1], [fabrikam, meters.base, 100, 10, 1], [fabrikam, meters.windows, 10, 10, 1],
      [lab, meters.appService, 10, 10, 1], [fabrikam, meters.tableTransactions, 30, 10, 1],
    ], { resale: [resale], markup: { all: 10, customers: [{ customer: 'operator lab', percent: 50 }] } });
    assert.deepEqual([row(contoso, meters.base)?.resale, row(contoso, meters.base)?.margin], [1.5, 0.7], 'Contoso\'s own price 0.015 per hour');
    assert.deepEqual([row(fabrikam, meters.base)?.resale, row(fabrikam, meters.base)?.margin], [2, 1.2]);
    assert.deepEqual([row(fabrikam, meters.windows)?.resale, row(fabrikam, meters.windows)?.cost], [0.6, 0.47], '0.6 per 10 hours');
    assert.deepEqual([row(lab, meters.appService)?.resaleStatus, row(lab, meters.appService)?.resale], [{ kind: 'markup', percent: 50, currency: 'USD' }, 0.84]);
    assert.deepEqual([row(fabrikam, meters.tableTransactions)?.cost, row(fabrikam, meters.tableTransactions)?.resale, row(fabrikam, meters.tableTransactions)?.margin], [0, 0.03, 0.03],
      'a meter Microsoft does not bill, resold from the own list: all margin');
    const fabrikamTotals = pricing.customers.find((c) => c.displayName === 'Fabrikam residences')?.totals;
    assert.deepEqual(fabrikamTotals, [{ currency: 'USD', cost: 1.27, resale: 2.63, margin: 1.36 }]);
    const all = pricing.totals[0];
    assert.equal(all.resale, pricing.rows.reduce((sum, r) => sum + (r.resale ?? 0), 0));
  });

  it('writes invoices with the documented columns, per customer or all together', () => {
    const resale = readResalePrices(readFixture('resale.csv'), 'resale.csv');
    const { report, pricing } = priced([[contoso, meters.base, 100, 10, 1], [fabrikam, meters.unknown, 3, 10, 2]], { resale: [resale] });
    const lines = invoiceCsv(pricing.rows).trimEnd().split('\r\n');
    assert.equal(lines[0], invoiceColumns.join(','));
    assert.equal(lines[1], 'Contoso production,aaaaaaaa-0000-4000-8000-000000000001,11111111-1111-4111-8111-111111111111,cccccccc-0000-4000-8000-00000000000c,' +
      '2026-10-01T00:00:00.000Z,2026-10-15T00:00:00.000Z,FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5,Base VM Size Hours,yes,,Base VM,100,vCore hours,0.08,10 Hours,0.8,customerPrice,0.015,1 Hour,,1.5,0.7,USD,priced');
    assert.match(lines[2], /^Fabrikam residences,.*,unknown,,,3,units \(unknown meter\),,,,none,,,,,,,noPrice:unknownMeter$/);
    const invoices = invoicesByCustomer(pricing);
    assert.deepEqual(invoices.map((i) => [customerFileName(i.customer, report.period.start, 'csv'), i.rows.length]),
      [['Contoso_production-aaaaaaaa-2026-10.csv', 1], ['Fabrikam_residences-aaaaaaaa-2026-10.csv', 1]]);
    const json = JSON.parse(invoiceJson(report, pricing, { priceLists: [], resaleLists: [resale] }, [invoices[0]])) as { customers: { lines: unknown[]; totals: unknown }[]; totals?: unknown; resaleLists: { prices: number }[] };
    assert.equal(json.customers.length, 1);
    assert.deepEqual(json.customers[0].totals, [{ currency: 'USD', cost: 0.8, resale: 1.5, margin: 0.7 }]);
    assert.equal(json.totals, undefined, 'a single customer\'s file holds no grand totals');
    assert.equal(json.resaleLists[0].prices, 6);
  });

  it('rounds half away from zero at the currency\'s minor unit', () => {
    assert.deepEqual([roundHalfAway(1.005, 2), roundHalfAway(-1.005, 2), roundHalfAway(2.675, 2), roundHalfAway(1234.5, 0)], [1.01, -1.01, 2.68, 1235]);
  });
});
