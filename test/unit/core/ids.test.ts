import * as assert from 'node:assert/strict';
import {
  UNKNOWN, findPlaceholder, formatCustomerSubscriptionId, formatRegistrationId, isGuid, parseRegistrationId, repairGuid,
} from '../../../src/core/ids';

const sub = 'dd8597b4-8739-4467-8b10-f8679f62bfbf';
const registration = `/subscriptions/${sub}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1`;

describe('core/ids', () => {
  describe('parseRegistrationId', () => {
    it('reads a registration ID', () => {
      assert.deepEqual(parseRegistrationId(registration), {
        ok: true, kind: 'registration', ref: { subscriptionId: sub, resourceGroup: 'azurestack', registrationName: 'reg1' },
      });
    });

    it('reads a customer subscription ID with segment names in any case, as ARM does', () => {
      const id = `/SUBSCRIPTIONS/${sub}/resourcegroups/azurestack/PROVIDERS/microsoft.azurestack/Registrations/reg1/customersubscriptions/E09A4E93-29A7-4EBA-A6D4-76202383F07F`;
      const parsed = parseRegistrationId(id);
      assert.equal(parsed.ok && parsed.kind, 'customerSubscription');
      assert.equal(parsed.ok && 'customerSubscriptionId' in parsed.ref && parsed.ref.customerSubscriptionId, 'E09A4E93-29A7-4EBA-A6D4-76202383F07F');
    });

    it('reads the tenant list path and ignores a query string', () => {
      const parsed = parseRegistrationId(`${registration}/customerSubscriptions?api-version=2017-06-01`);
      assert.equal(parsed.ok && parsed.kind, 'customerSubscriptions');
    });

    it('names the wrong provider', () => {
      const parsed = parseRegistrationId(registration.replace('Microsoft.AzureStack', 'Microsoft.AzureStackHCI'));
      assert.deepEqual(parsed, { ok: false, problem: { kind: 'wrongProvider', provider: 'Microsoft.AzureStackHCI' } });
    });

    it('finds doubled slashes, missing and misspelled segments', () => {
      assert.deepEqual(parseRegistrationId(registration.replace('/resourceGroups/', '/resourceGroups//')), { ok: false, problem: { kind: 'emptySegment' } });
      assert.deepEqual(parseRegistrationId(`/subscriptions/${sub}/providers/Microsoft.AzureStack/registrations/reg1`).ok, false);
      assert.deepEqual(parseRegistrationId(registration.replace('resourceGroups', 'resourceGroup')),
        { ok: false, problem: { kind: 'misspelledSegment', found: 'resourceGroup', expected: 'resourceGroups' } });
      assert.deepEqual(parseRegistrationId(`${registration}/customerSubscription/${sub}`),
        { ok: false, problem: { kind: 'misspelledSegment', found: 'customerSubscription', expected: 'customerSubscriptions' } });
    });

    it('rejects a subscription segment that is no GUID, but not a variable or placeholder', () => {
      assert.deepEqual(parseRegistrationId(registration.replace(sub, 'my-sub')).ok, false);
      assert.equal(parseRegistrationId(registration.replace(sub, UNKNOWN)).ok, true);
      assert.equal(parseRegistrationId(registration.replace(sub, '<subscription id>')).ok, true);
    });

    it('reads paths with long runs of slashes or question marks in linear time (found by fuzzing: they took seconds)', () => {
      const started = performance.now();
      assert.deepEqual(parseRegistrationId(`${'/'.repeat(100_000)}${registration.slice(1)}${'/'.repeat(100_000)}`), parseRegistrationId(registration));
      assert.deepEqual(parseRegistrationId(`/subscriptions/${'/'.repeat(100_000)}x`), { ok: false, problem: { kind: 'emptySegment' } });
      assert.equal(parseRegistrationId(`${registration}/customerSubscriptions${'?'.repeat(100_000)}\nx`).ok, true);
      assert.ok(performance.now() - started < 500, `${(performance.now() - started).toFixed(0)} ms`);
    });

    it('round-trips through the formatters', () => {
      const ref = { subscriptionId: sub, resourceGroup: 'rg', registrationName: 'r', customerSubscriptionId: sub };
      assert.equal(formatRegistrationId(ref), `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.AzureStack/registrations/r`);
      const parsed = parseRegistrationId(formatCustomerSubscriptionId(ref));
      assert.deepEqual(parsed.ok && parsed.ref, ref);
    });
  });

  describe('GUIDs', () => {
    it('accepts GUIDs in either case and rejects near misses', () => {
      assert.equal(isGuid('E09A4E93-29A7-4EBA-A6D4-76202383F07F'), true);
      assert.equal(isGuid('E09A4E93-29A7-4EBA-A6D4-76202383F07'), false);
      assert.equal(isGuid('{E09A4E93-29A7-4EBA-A6D4-76202383F07F}'), false);
    });

    it('repairs braces, whitespace and missing hyphens, and leaves good or hopeless values alone', () => {
      const guid = 'e09a4e93-29a7-4eba-a6d4-76202383f07f';
      assert.equal(repairGuid(`{${guid}}`), guid);
      assert.equal(repairGuid(` ${guid} `), guid);
      assert.equal(repairGuid(guid.replace(/-/g, '')), guid);
      assert.equal(repairGuid(guid), undefined);
      assert.equal(repairGuid('not-a-guid'), undefined);
      assert.equal(repairGuid(`{ ${guid}\t}`), guid);
    });

    it('gives up on a huge value with braces in linear time (it took seconds)', () => {
      const started = performance.now();
      assert.equal(repairGuid(`{x${' '.repeat(150_000)}x`), undefined);
      assert.equal(repairGuid(`{x${' '.repeat(150_000)}x}`), undefined);
      assert.ok(performance.now() - started < 500, `${(performance.now() - started).toFixed(0)} ms`);
    });
  });

  describe('findPlaceholder', () => {
    for (const value of ['<subscription id>', '{subscriptionId}', 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', '00000000-0000-0000-0000-000000000000', 'your-subscription-id', 'YourTenantId', 'ENTER_SUBSCRIPTION_ID', 'my-subscription-id', '/subscriptions/<sub>/resourceGroups/rg']) {
      it(`finds ${value}`, () => assert.ok(findPlaceholder(value)));
    }
    for (const value of ['azurestack', 'dd8597b4-8739-4467-8b10-f8679f62bfbf', "[parameters('registrationName')]", "[concat(parameters('a'), '/', parameters('b'))]", 'myregistration', 'my-registration', 'contoso-tenant-rg']) {
      it(`leaves ${value} alone`, () => assert.equal(findPlaceholder(value), undefined));
    }
  });
});
