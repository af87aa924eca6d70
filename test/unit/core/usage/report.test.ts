import * as assert from 'node:assert/strict';
import { UsageAggregator, aggregatedUsage } from '../../../../src/core/usage/aggregate';
import { billingFor, type RegistrationForBilling, type StampSubscription } from '../../../../src/core/usage/billing';
import { buildReport, describeBilling, reportToCsv, reportToJson } from '../../../../src/core/usage/report';

const directories = { contoso: '11111111-1111-4111-8111-111111111111', fabrikam: '22222222-2222-4222-8222-222222222222', home: '33333333-3333-4333-8333-333333333333' };
const subscriptions: StampSubscription[] = [
  { subscriptionId: 'aaaaaaaa-0000-4000-8000-000000000001', displayName: 'Contoso production', owner: 'ops@contoso.example', tenantId: directories.contoso },
  { subscriptionId: 'aaaaaaaa-0000-4000-8000-000000000002', displayName: '=Fabrikam "dev"', owner: 'it@fabrikam.example', tenantId: directories.fabrikam },
  { subscriptionId: 'aaaaaaaa-0000-4000-8000-000000000003', displayName: 'Operator lab', owner: 'admin@csp.example', tenantId: directories.home },
];
const registration: RegistrationForBilling = {
  id: '/subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/hub1',
  name: 'hub1', subscriptionId: 'dd8597b4-8739-4467-8b10-f8679f62bfbf', billingModel: 'PayAsYouUse',
  tenants: [
    { customerSubscriptionId: 'cccccccc-0000-4000-8000-00000000000c', tenantId: directories.contoso.toUpperCase() },
    { customerSubscriptionId: 'ffffffff-0000-4000-8000-00000000000f', tenantId: directories.fabrikam },
  ],
};
const period = { start: new Date('2026-10-01T00:00Z'), end: new Date('2026-11-01T00:00Z'), granularity: 'daily' as const };
type Usage = [subscriptionId: string, meterId: string, quantity: number, day: number];

/** Each entry becomes two records of half the quantity, on the given day of October, through the real aggregator. */
function usageOf(entries: Usage[], junk = 0) {
  const aggregator = new UsageAggregator();
  for (const [subscriptionId, meterId, quantity, day] of entries) {
    for (const hour of [0, 12]) {
      const start = new Date(Date.UTC(2026, 9, day, hour)).toISOString();
      aggregator.add({ subscriptionId, meterId, quantity: quantity / 2, usageStartTime: start, usageEndTime: start });
    }
  }
  aggregator.addPage({ value: Array.from({ length: junk }, () => ({ properties: {} })) });
  return aggregatedUsage(aggregator);
}

describe('core/usage billing and report', () => {
  it('maps each stamp subscription to the Azure subscription its usage is billed to', () => {
    const billing = billingFor(subscriptions, registration);
    assert.deepEqual(billing.get(subscriptions[0].subscriptionId), { kind: 'customer', customerSubscriptionId: 'cccccccc-0000-4000-8000-00000000000c', registrationName: 'hub1' });
    assert.deepEqual(billing.get(subscriptions[2].subscriptionId), { kind: 'unregisteredDirectory', billedSubscriptionId: registration.subscriptionId, registrationName: 'hub1' });
    assert.equal(billingFor(subscriptions, { ...registration, billingModel: 'Capacity' }).get(subscriptions[0].subscriptionId)?.kind, 'notPayAsYouUse');
    assert.equal(billingFor(subscriptions, undefined).get(subscriptions[0].subscriptionId)?.kind, 'noRegistration');
    const twice = { ...registration, tenants: [...registration.tenants, { customerSubscriptionId: 'dddddddd-0000-4000-8000-00000000000d', tenantId: directories.contoso }] };
    assert.equal(billingFor(subscriptions, twice).get(subscriptions[0].subscriptionId)?.kind, 'ambiguous');
  });

  it('names known meters with their unit, keeps unknown meters by ID, and totals vCore hours per customer', () => {
    const usage = usageOf([
      [subscriptions[0].subscriptionId, 'FAB6EB84500B4A09A8CA7358F8BBAEA5', 48, 1],
      [subscriptions[0].subscriptionId, '9CD92D4C-BAFD-4492-B278-BEDC2DE8232A', 24, 1],
      [subscriptions[0].subscriptionId, 'FAB6EB84500B4A09A8CA7358F8BBAEA5', 10, 3],
      [subscriptions[1].subscriptionId, '0e9d0c9b-ffff-4312-9c7e-3794e22af9c4', 5, 2],
    ], 1);
    const report = buildReport(usage, subscriptions, billingFor(subscriptions, registration), period, 'en');
    assert.deepEqual([report.records, report.skippedRecords], [8, 1]);
    const base = report.rows.find((r) => r.meterName === 'Base VM Size Hours');
    assert.deepEqual([base?.unit, base?.quantity, base?.vCoreHours, base?.records], ['vCore hours', 58, true, 4]);
    const unknown = report.rows.find((r) => !r.knownMeter);
    assert.deepEqual([unknown?.meterName, unknown?.category, unknown?.quantity], ['0e9d0c9b-ffff-4312-9c7e-3794e22af9c4', 'unknown', 5]);
    assert.deepEqual(report.customers.map((c) => [c.displayName, c.vCoreHours, c.meters]),
      [['=Fabrikam "dev"', 0, 1], ['Contoso production', 82, 2], ['Operator lab', 0, 0]]);
    assert.deepEqual(report.customers[1].daily, [{ day: '2026-10-01', vCoreHours: 72 }, { day: '2026-10-03', vCoreHours: 10 }]);
    assert.equal(buildReport(usage, subscriptions, new Map(), period, 'sv').rows[0].unit, 'enheter (okänd mätare)');
  });

  it('exports CSV a spreadsheet opens safely, and JSON that round-trips', () => {
    const usage = usageOf([[subscriptions[1].subscriptionId, 'FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5', 1.5, 1]]);
    const report = buildReport(usage, subscriptions, billingFor(subscriptions, registration), period, 'en');
    const lines = reportToCsv(report, 'en').trimEnd().split('\r\n');
    assert.equal(lines.length, 2);
    assert.ok(lines[0].startsWith('customer,tenantSubscriptionId,owner,directoryTenantId,billedAzureSubscriptionId'));
    assert.ok(lines[1].startsWith(`"'=Fabrikam ""dev""",${subscriptions[1].subscriptionId},it@fabrikam.example,`));
    assert.ok(lines[1].includes(',ffffffff-0000-4000-8000-00000000000f,Customer subscription ffffffff-0000-4000-8000-00000000000f,'));
    assert.ok(lines[1].endsWith(',1.5,vCore hours,2,2026-10-01T00:00:00.000Z,2026-11-01T00:00:00.000Z'));
    assert.deepEqual(JSON.parse(reportToJson(report)), JSON.parse(JSON.stringify(report)));
  });

  it('explains billing in both languages', () => {
    const billing = { kind: 'unregisteredDirectory', billedSubscriptionId: 'dd8597b4-8739-4467-8b10-f8679f62bfbf', registrationName: 'hub1' } as const;
    assert.equal(describeBilling(billing, 'en'), "Directory not added to hub1: billed to the registration's subscription dd8597b4-8739-4467-8b10-f8679f62bfbf");
    assert.match(describeBilling(billing, 'sv'), /^Katalogen är inte tillagd i hub1/);
  });
});
