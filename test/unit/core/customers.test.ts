import * as assert from 'node:assert/strict';
import { CustomerIndex, customerMatches } from '../../../src/core/customers';
import { readTenantRows } from '../../../src/core/tenantsCsv';

const northwindSub = 'ebe9e44b-7495-4b5c-93af-7988af99df01';
const northwindDir = 'a1b8dbc4-0fc7-49f5-b3ab-4a2f5410876e';
const alpineSub = 'ce9c02e4-aafb-4062-97ff-bbaaeca05990';
const alpineDir = '0583542f-4cd5-413d-8c6e-3438c63be5a9';
const otherSub = '4f9672c4-9692-44e3-9658-857ed9234ff7';

const alpineOnStamp = [
  { subscriptionId: '904b81fd-145c-447a-9fef-48d6b0eb04ab', displayName: 'Alpine Ski House', owner: 'it@alpineskihouse.example', tenantId: alpineDir.toUpperCase() },
  { subscriptionId: '70cb3309-ba1f-48e3-9785-d1e0917347c8', displayName: 'Alpine Ski House - test', owner: 'it@alpineskihouse.example', tenantId: alpineDir },
];

describe('core/customers: who the customer behind a tenant is', () => {
  it('names a tenant by the CSV label of its customer subscription, ignoring case, and says where the name comes from', () => {
    const index = new CustomerIndex();
    index.setLabels('customers.csv', readTenantRows(`customerSubscriptionId,tenantId,label\n${northwindSub.toUpperCase()},${northwindDir},Northwind Traders\n`));
    assert.deepEqual(index.lookup(northwindSub, northwindDir), {
      name: 'Northwind Traders', owners: [], stampSubscriptions: [],
      labels: [{ label: 'Northwind Traders', file: 'customers.csv', line: 2, customerSubscriptionId: northwindSub.toUpperCase(), tenantId: northwindDir }],
    });
    assert.equal(index.lookup(alpineSub, alpineDir), undefined, 'nobody names another customer');
  });

  it('joins a stamp\'s tenant subscriptions by directory: their names and owners, each once', () => {
    const index = new CustomerIndex();
    index.setStampSubscriptions('sthlm01', alpineOnStamp);
    const customer = index.lookup(alpineSub, alpineDir);
    assert.equal(customer?.name, 'Alpine Ski House (+1)');
    assert.deepEqual(customer?.owners, ['it@alpineskihouse.example']);
    assert.deepEqual(customer?.stampSubscriptions.map((s) => `${s.stamp}: ${s.subscription.displayName}`), ['sthlm01: Alpine Ski House', 'sthlm01: Alpine Ski House - test']);
    assert.equal(index.lookup(alpineSub, undefined), undefined, 'without a directory there is nothing to join');
  });

  it('prefers the label of the customer subscription to the stamp, and the stamp to a label of another subscription in the directory', () => {
    const index = new CustomerIndex();
    index.setStampSubscriptions('sthlm01', alpineOnStamp);
    index.setLabels('old.csv', readTenantRows(`${otherSub},${alpineDir},Alpine (old contract)\n`));
    assert.equal(index.lookup(alpineSub, alpineDir)?.name, 'Alpine Ski House (+1)');
    assert.deepEqual(index.lookup(alpineSub, alpineDir)?.labels.map((l) => l.label), ['Alpine (old contract)']);
    index.setStampSubscriptions('sthlm01', []);
    assert.equal(index.lookup(alpineSub, alpineDir)?.name, 'Alpine (old contract)');
    index.setLabels('customers.csv', readTenantRows(`${alpineSub},${alpineDir},Alpine Ski House AB\n`));
    assert.equal(index.lookup(alpineSub, alpineDir)?.name, 'Alpine Ski House AB');
  });

  it('forgets what a file or a stamp no longer says, and never takes a name from a row with a problem', () => {
    const index = new CustomerIndex();
    index.setLabels('customers.csv', readTenantRows(`${northwindSub},${northwindDir},Northwind\nnot-a-guid,${alpineDir},Broken row\n${northwindSub},${alpineDir},Twice\n`));
    assert.equal(index.lookup(northwindSub, northwindDir)?.name, 'Northwind');
    assert.equal(index.lookup(alpineSub, alpineDir), undefined, 'the broken and the duplicate rows name nobody');
    index.setLabels('customers.csv', readTenantRows(`${northwindSub},${northwindDir}\n`));
    assert.equal(index.lookup(northwindSub, northwindDir), undefined, 'a label removed from the file is gone');
    index.setLabels('customers.csv', readTenantRows(`${northwindSub},${northwindDir},Northwind\n`));
    index.forgetFile('customers.csv');
    assert.equal(index.lookup(northwindSub, northwindDir), undefined);
  });

  it('matches a filter against the name, labels, stamp names, owners and both IDs, ignoring case', () => {
    const index = new CustomerIndex();
    index.setStampSubscriptions('sthlm01', alpineOnStamp);
    const alpine = index.lookup(alpineSub, alpineDir);
    for (const filter of ['alpine', 'SKI HOUSE - TEST', 'it@alpine', 'ce9c02e4', alpineDir.slice(-6).toUpperCase(), '  ']) {
      assert.ok(customerMatches(filter, alpineSub, alpineDir, alpine), filter);
    }
    for (const filter of ['northwind', 'ebe9e44b']) assert.ok(!customerMatches(filter, alpineSub, alpineDir, alpine), filter);
    assert.ok(customerMatches('ebe9e44b', northwindSub, undefined, undefined), 'a tenant nobody names still matches its IDs');
  });
});
