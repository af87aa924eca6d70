import * as assert from 'node:assert/strict';
import { UsageAggregator, resourceCap, resourceUriOf } from '../../../../src/core/usage/aggregate';

const sub = '5144634d-7e4d-443b-a304-d27e44220fc6';
const baseVm = 'FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5';

function item(quantity: unknown, meterId = baseVm, resource = 'vm1', hour = 0) {
  const start = new Date(Date.UTC(2026, 9, 1, hour)).toISOString();
  const end = new Date(Date.UTC(2026, 9, 1, hour + 1)).toISOString();
  const instanceData = JSON.stringify({ 'Microsoft.Resources': { resourceUri: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${resource}`, location: 'local' } });
  return { id: 'x', name: 'x', type: 'Microsoft.Commerce.Admin/UsageAggregate', properties: { subscriptionId: sub, meterId, quantity, usageStartTime: start, usageEndTime: end, instanceData } };
}

describe('core/usage/aggregate', () => {
  it('sums quantities per subscription and meter across pages, whatever the meter ID spelling', () => {
    const aggregator = new UsageAggregator();
    aggregator.addPage({ value: [item(2, baseVm, 'vm1', 0), item(3, baseVm.toLowerCase(), 'vm2', 1)] });
    aggregator.addPage({ value: [item(4, baseVm.replace(/-/g, ''), 'vm1', 2)] });
    const [cell] = aggregator.result();
    assert.equal(aggregator.cellCount, 1);
    assert.deepEqual({ quantity: cell.quantity, records: cell.records, resources: cell.resources }, { quantity: 9, records: 3, resources: 2 });
    assert.equal(cell.firstStart, '2026-10-01T00:00:00.000Z');
    assert.equal(cell.lastEnd, '2026-10-01T03:00:00.000Z');
  });

  it('skips and counts items that are not usage records instead of guessing', () => {
    const aggregator = new UsageAggregator();
    aggregator.addPage({ value: [item('12'), item(Number.NaN), { properties: null }, 7, item(1)] });
    assert.equal(aggregator.recordCount, 1);
    assert.equal(aggregator.malformedCount, 4);
    aggregator.addPage({ value: "not a list" });
    assert.equal(aggregator.recordCount, 1);
  });

  it('keeps memory per cell bounded: distinct resources stop being remembered at the cap', () => {
    const aggregator = new UsageAggregator();
    for (let i = 0; i < resourceCap + 50; i++) aggregator.add(item(1, baseVm, `vm${i}`).properties as never);
    const [cell] = aggregator.result();
    assert.equal(cell.records, resourceCap + 50);
    assert.equal(cell.resources, resourceCap);
  });

  it('counts each resource once per cell, whatever the case of its URI, and a record whose instanceData is not text without one', () => {
    const aggregator = new UsageAggregator();
    const first = item(1, baseVm, 'vm1', 0);
    aggregator.addPage({ value: [first, item(1, baseVm, 'vm1', 1), item(1, baseVm, 'VM1', 1), item(1, baseVm, 'vm2', 2), item(1, baseVm, 'vm1', 3)] });
    const odd = item(5, '9CD92D4C-BAFD-4492-B278-BEDC2DE8232A');
    aggregator.addPage({ value: [{ ...odd, properties: { ...odd.properties, instanceData: { resourceUri: '/x' } } }] });
    const [vm, windows] = aggregator.result();
    assert.deepEqual([vm.records, vm.resources], [5, 2]);
    assert.deepEqual([windows.records, windows.quantity, windows.resources], [1, 5, 0]);
  });

  it('reads the resource URI from instanceData, also with escaped characters or none at all', () => {
    assert.equal(resourceUriOf('{"Microsoft.Resources":{"resourceUri":"/subscriptions/a/b","location":"local"}}'), '/subscriptions/a/b');
    assert.equal(resourceUriOf('{"Microsoft.Resources":{"resourceUri":"/x/\\u0041b"}}'), '/x/Ab');
    assert.equal(resourceUriOf('{"Microsoft.Resources":{}}'), undefined);
    assert.equal(resourceUriOf('{"resourceUri":'), undefined);
    assert.equal(resourceUriOf(undefined), undefined);
  });
});
