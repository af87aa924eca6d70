// The emulator's data: reading a state file, generated data sets, and the tenant list behind paging.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isGuid } from '../../../src/core/ids';
import { Generator } from '../../emulator/generate';
import { parseState, readState, type GeneratorSeed } from '../../emulator/stateFile';
import { EmulatorStore } from '../../emulator/store';

const statesDir = join(__dirname, '..', '..', '..', '..', 'test', 'emulator', 'states');
const shipped = (name: string) => parseState(readFileSync(join(statesDir, name), 'utf8'));

const sub = '0d2e8f5a-5b0c-4a57-9f4e-1c3b7d9e2a61';
const seed: GeneratorSeed = { seed: 7, subscriptionId: sub, resourceGroup: 'bench', namePrefix: 'bench', registrations: 3, tenantsPerRegistration: 7, cspPartner: 'contoso' };

describe('emulator state', () => {
  it('names every problem of a state file with its path', () => {
    const result = readState({
      subscriptions: [{ subscriptionId: sub }],
      registrations: [{ subscriptionId: sub, resourceGroup: 'rg', name: 'r', billingModel: 3, cloudId: 'c', objectId: 'o', approved: true }],
      customerAzureSubscriptions: [{ subscriptionId: 'x', tenantId: 'y', cspPartner: false }],
      generate: [{ ...seed, registrations: 70_000 }],
      paging: { customerSubscriptions: 0 },
    });
    assert.deepEqual(result, {
      ok: false,
      problems: [
        'state.paging.customerSubscriptions: expected a whole number ≥ 1',
        'state.subscriptions[0].displayName: missing',
        'state.registrations[0].billingModel: expected a non-empty string',
        'state.registrations[0].approved: unknown field',
        'state.customerAzureSubscriptions[0].cspPartner: expected a non-empty string',
        'state.generate[0].registrations: at most 65535',
      ],
    });
    assert.deepEqual(parseState('{"subscriptions": ['), { ok: false, problems: ['not valid JSON: Unexpected end of JSON input'] });
    assert.deepEqual(readState([]), { ok: false, problems: ['state: expected an object'] });
  });

  it('generates stable GUIDs and finds the registration and index back from a customer subscription ID', () => {
    const generator = new Generator({ ...seed, registrations: 200, tenantsPerRegistration: 5000 });
    const samples = [[0, 0], [199, 4999], [17, 2500], [123, 1]];
    for (const [registration, index] of samples) {
      const id = generator.tenant(registration, index).customerSubscriptionId;
      assert.ok(isGuid(id) && id[14] === '4', id);
      assert.equal(id, new Generator({ ...seed, registrations: 200, tenantsPerRegistration: 5000 }).tenant(registration, index).customerSubscriptionId);
      assert.deepEqual(generator.locate(id.toUpperCase()), { registration, index });
    }
    const other = new Generator({ ...seed, seed: 8, registrations: 200, tenantsPerRegistration: 5000 });
    assert.equal(other.locate(generator.tenant(5, 5).customerSubscriptionId), undefined);
    assert.equal(generator.locate('6f1d4a52-0e3b-4c8e-9a71-2b5d8c9e0f13'), undefined);
    assert.equal(generator.registrationName(41), 'bench-042');
  });

  it('serves generated tenants by page, without those removed and with those added, and knows their owner', () => {
    const store = new EmulatorStore({ generate: [seed] });
    const generator = new Generator(seed);
    const registration = store.registration(sub, 'BENCH', 'bench-002')!;
    assert.equal(registration.tenants.size, 7);
    assert.ok(registration.tenants.delete(generator.tenant(1, 2).customerSubscriptionId));
    assert.equal(registration.tenants.delete(generator.tenant(1, 2).customerSubscriptionId), false);
    assert.equal(registration.tenants.delete(generator.tenant(0, 2).customerSubscriptionId), false, 'a tenant of another registration');
    registration.tenants.set({ customerSubscriptionId: 'A1B2C3D4-0000-4000-8000-000000000001', tenantId: 't' });
    const pages = [registration.tenants.page(0, 3)];
    for (let next = pages[0].next; next !== undefined; next = pages[pages.length - 1].next) pages.push(registration.tenants.page(next, 3));
    assert.deepEqual(pages.map((p) => p.next), [4, 7, undefined], 'positions skip the removed tenant');
    const listed = pages.flatMap((p) => p.items.map((t) => t.customerSubscriptionId));
    const expected = [0, 1, 3, 4, 5, 6].map((i) => generator.tenant(1, i).customerSubscriptionId);
    assert.deepEqual(listed, [...expected, 'A1B2C3D4-0000-4000-8000-000000000001']);
    assert.equal(registration.tenants.size, 7);
    assert.deepEqual(store.azureSubscription(generator.tenant(2, 6).customerSubscriptionId), { tenantId: generator.tenant(2, 6).tenantId, cspPartner: 'contoso' });
  });

  it('holds 200 registrations × 5,000 tenants without storing them', () => {
    const started = process.memoryUsage().heapUsed;
    const store = new EmulatorStore({ generate: [{ ...seed, registrations: 200, tenantsPerRegistration: 5000 }] });
    assert.equal(store.registrationsIn(sub).length, 200);
    const last = store.registration(sub, 'bench', 'bench-200')!;
    assert.equal(last.tenants.page(4999, 1000).items.length, 1);
    assert.ok(process.memoryUsage().heapUsed - started < 20 * 1024 * 1024, 'under 20 MB');
  });

  it('counts tenants already added as CSP subscriptions of the registration partner, so they can be added again', () => {
    const store = new EmulatorStore({
      subscriptions: [{ subscriptionId: sub, displayName: 'CSP', cspPartner: 'contoso', resourceGroups: ['azurestack'] }],
      registrations: [{
        subscriptionId: sub, resourceGroup: 'azurestack', name: 'r', billingModel: 'PayAsYouUse', cloudId: 'c', objectId: 'o',
        customerSubscriptions: [{ subscriptionId: '6f1d4a52-0e3b-4c8e-9a71-2b5d8c9e0f13', tenantId: '5e2c6a0b-8d4f-4b1e-a3c7-9f0d2e4b6a81' }],
      }],
    });
    assert.deepEqual(store.azureSubscription('6F1D4A52-0E3B-4C8E-9A71-2B5D8C9E0F13'), { tenantId: '5e2c6a0b-8d4f-4b1e-a3c7-9f0d2e4b6a81', cspPartner: 'contoso' });
    assert.equal(store.registration(sub, 'azurestack', 'r')?.cspPartner, 'contoso');
  });

  it('ships a valid demo with every billing model, an unapproved registration and a stamp registered twice', () => {
    const demo = shipped('demo.json');
    assert.ok(demo.ok, demo.ok ? '' : demo.problems.join('\n'));
    const store = new EmulatorStore(demo.state);
    const registrations = store.listSubscriptions().flatMap((s) => store.registrationsIn(s.subscriptionId));
    assert.deepEqual([...new Set(registrations.map((r) => r.billingModel))].sort(), ['Capacity', 'Development', 'PayAsYouUse']);
    assert.deepEqual(registrations.filter((r) => !r.multiTenancyApproved).map((r) => r.name), ['gbg01-payg']);
    const sharingACloud = registrations.filter((r) => registrations.filter((other) => other.cloudId === r.cloudId).length > 1);
    assert.deepEqual(sharingACloud.map((r) => r.name), ['sthlm01-payg', 'sthlm01-dev-2023']);
    assert.ok(registrations.some((r) => r.tenants.size > store.pageSize('customerSubscriptions')), 'a registration with more tenants than a page');
    const bench = shipped('bench.json');
    assert.ok(bench.ok);
    const benchStore = new EmulatorStore(bench.state);
    const [benchSubscription] = benchStore.listSubscriptions();
    const benchRegistrations = benchStore.registrationsIn(benchSubscription.subscriptionId);
    assert.deepEqual([benchRegistrations.length, benchRegistrations[0].tenants.size], [200, 5000]);
  });
});
