import * as assert from 'node:assert/strict';
import {
  UNKNOWN, findPlaceholder, formatCustomerSubscriptionId, formatRegistrationId, holdsPlaceholder, isGuid, looksLikeRegistrationId, parseRegistrationId,
  placeholderCandidates, registrationKey, repairGuid,
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

    it('reads paths with long runs of slashes or question marks (found by fuzzing: they took seconds; npm run bench times them)', () => {
      assert.deepEqual(parseRegistrationId(`${'/'.repeat(100_000)}${registration.slice(1)}${'/'.repeat(100_000)}`), parseRegistrationId(registration));
      assert.deepEqual(parseRegistrationId(`/subscriptions/${'/'.repeat(100_000)}x`), { ok: false, problem: { kind: 'emptySegment' } });
      assert.equal(parseRegistrationId(`${registration}/customerSubscriptions${'?'.repeat(100_000)}\nx`).ok, true);
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

    it('gives up on a huge value with braces (it took seconds; npm run bench times it)', () => {
      assert.equal(repairGuid(`{x${' '.repeat(150_000)}x`), undefined);
      assert.equal(repairGuid(`{x${' '.repeat(150_000)}x}`), undefined);
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

describe('core/ids: the rules in detail', () => {
  const registrationRef = { subscriptionId: sub, resourceGroup: 'azurestack', registrationName: 'reg1' };
  const problemOf = (id: string) => {
    const parsed = parseRegistrationId(id);
    return parsed.ok ? undefined : parsed.problem;
  };

  describe('parseRegistrationId: where the path is', () => {
    it('takes the path out of an https or http URL, with blanks around it', () => {
      for (const id of [`https://management.azure.com${registration}`, `http://localhost:8080${registration}`, `  HTTPS://management.local.azurestack.external${registration} `, `\t${registration}  `]) {
        assert.deepEqual(parseRegistrationId(id), { ok: true, kind: 'registration', ref: registrationRef }, id);
      }
    });

    it('ignores slashes at either end', () => {
      assert.deepEqual(parseRegistrationId(`${registration}/`), { ok: true, kind: 'registration', ref: registrationRef });
      assert.deepEqual(parseRegistrationId(`//${registration.slice(1)}//`), { ok: true, kind: 'registration', ref: registrationRef });
      assert.deepEqual(parseRegistrationId(`${registration}/customerSubscriptions/`).ok && parseRegistrationId(`${registration}/customerSubscriptions/`), {
        ok: true, kind: 'customerSubscriptions', ref: registrationRef,
      });
    });

    it('reads no path in text that only starts with one, nor in a query string alone', () => {
      assert.equal(parseRegistrationId(`see https://management.azure.com${registration}`).ok, false);
      assert.equal(parseRegistrationId(`/https://management.azure.com${registration}`).ok, false, 'a URL inside a path is no host to drop');
      assert.deepEqual(problemOf(`?subscriptions/${sub}`), { kind: 'missingSegment', segment: 'subscriptions' });
      assert.deepEqual(problemOf(`#subscriptions/${sub}`), { kind: 'missingSegment', segment: 'subscriptions' });
    });
  });

  describe('parseRegistrationId: segments', () => {
    it('names the first segment a path stops before', () => {
      assert.deepEqual(problemOf('/subscriptions'), { kind: 'missingSegment', segment: 'subscription ID' });
      assert.deepEqual(problemOf(`/subscriptions/${sub}`), { kind: 'missingSegment', segment: 'resourceGroups' });
      assert.deepEqual(problemOf(`/subscriptions/${sub}/resourceGroups`), { kind: 'missingSegment', segment: 'resource group name' });
      assert.deepEqual(problemOf(`/subscriptions/${sub}/resourceGroups/rg`), { kind: 'missingSegment', segment: 'providers' });
      assert.deepEqual(problemOf(`/subscriptions/${sub}/resourceGroups/rg/providers`), { kind: 'missingSegment', segment: 'Microsoft.AzureStack' });
      assert.deepEqual(problemOf(`/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.AzureStack`), { kind: 'missingSegment', segment: 'registrations' });
      assert.deepEqual(problemOf(`/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.AzureStack/registrations`), { kind: 'missingSegment', segment: 'registration name' });
    });

    it('names a segment that is left out, even when the next one is a Microsoft provider', () => {
      assert.deepEqual(problemOf(`/subscriptions/${sub}/resourceGroups/rg/Microsoft.AzureStack/registrations/reg1`), { kind: 'missingSegment', segment: 'providers' });
      assert.deepEqual(problemOf(`/subscriptions/${sub}/resourceGroups/rg/providers/AzureStack/registrations/reg1`), { kind: 'missingSegment', segment: 'Microsoft.AzureStack' });
    });

    it('calls only a Microsoft.* namespace another provider', () => {
      assert.deepEqual(problemOf(registration.replace('Microsoft.AzureStack', 'microsoft.azurestackhci')), { kind: 'wrongProvider', provider: 'microsoft.azurestackhci' });
      assert.deepEqual(problemOf(registration.replace('Microsoft.AzureStack', 'Contoso.Microsoft.AzureStack')), { kind: 'missingSegment', segment: 'Microsoft.AzureStack' });
    });

    it('takes up to two slips in a segment name for a misspelling, and more for another segment', () => {
      assert.deepEqual(problemOf(registration.replace('resourceGroups', 'resourcegrps')), { kind: 'misspelledSegment', found: 'resourcegrps', expected: 'resourceGroups' });
      assert.deepEqual(problemOf(registration.replace('registrations', 'registeration')), { kind: 'misspelledSegment', found: 'registeration', expected: 'registrations' });
      assert.deepEqual(problemOf(registration.replace('subscriptions', 'subscripton')), { kind: 'misspelledSegment', found: 'subscripton', expected: 'subscriptions' });
      assert.deepEqual(problemOf(registration.replace('providers', 'provider')), { kind: 'misspelledSegment', found: 'provider', expected: 'providers' });
      assert.deepEqual(problemOf(registration.replace('resourceGroups', 'resourceTypes')), { kind: 'missingSegment', segment: 'resourceGroups' });
      assert.deepEqual(problemOf(registration.replace('resourceGroups', 'deployments')), { kind: 'missingSegment', segment: 'resourceGroups' });
      assert.deepEqual(problemOf(`${registration}/linkedSubscriptions/x`), { kind: 'trailingSegments', extra: 'linkedSubscriptions/x' });
      assert.deepEqual(problemOf(`${registration}/customerSubscriptionz/${sub}`), { kind: 'misspelledSegment', found: 'customerSubscriptionz', expected: 'customerSubscriptions' });
    });
  });

  describe('parseRegistrationId: after the registration', () => {
    it('accepts the registration actions and products, in any case, but nothing that only looks like them', () => {
      for (const tail of ['products', 'products/microsoft.windowsserver2019', 'getActivationKey', 'GETACTIVATIONKEY', 'enableRemoteManagement']) {
        assert.deepEqual(parseRegistrationId(`${registration}/${tail}`), { ok: true, kind: 'registration', ref: registrationRef }, tail);
      }
      for (const tail of ['getActivationKeys', 'listProducts', 'productsList']) {
        assert.deepEqual(problemOf(`${registration}/${tail}`), { kind: 'trailingSegments', extra: tail }, tail);
      }
    });

    it('refuses segments after a customer subscription ID', () => {
      assert.deepEqual(problemOf(`${registration}/customerSubscriptions/${sub}/extra`), { kind: 'trailingSegments', extra: 'extra' });
      assert.deepEqual(problemOf(`${registration}/customerSubscriptions/${sub}/extra/more`), { kind: 'trailingSegments', extra: 'extra/more' });
    });

    it('accepts a run-time value where customerSubscriptions would be', () => {
      const parsed = parseRegistrationId(`${registration}/${UNKNOWN}/${sub}`);
      assert.deepEqual(parsed, { ok: true, kind: 'customerSubscription', ref: { ...registrationRef, customerSubscriptionId: sub } });
    });
  });

  describe('looksLikeRegistrationId', () => {
    it('judges paths naming registrations or customer subscriptions, singular or plural, in any case, or a slip of "registrations" after Microsoft.AzureStack', () => {
      for (const path of [
        registration, `${registration}/customerSubscriptions`, `${registration}?api-version=2017-06-01`, `${registration}#x`,
        `/subscription/${sub}/resourceGroups/rg/providers/Microsoft.AzureStack/registration/r`,
        `/SUBSCRIPTIONS/${sub}/RESOURCEGROUPS/rg/PROVIDERS/MICROSOFT.AZURESTACK/REGISTRATIONS/r`,
        `/subscriptions/${sub}/customerSubscription/x`,
        `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.AzureStack/registrations`,
        `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.AzureStack/registratons/r`,
        `/subscriptions/${sub}/resourceGroups/rg/providers/microsoft.azurestack/Regsitrations/r?api-version=2022-06-01`,
      ]) {
        assert.equal(looksLikeRegistrationId(path), true, path);
      }
    });

    it('leaves other resource types alone, also those whose names start alike', () => {
      for (const path of [
        `/subscriptions/${sub}/providers/Microsoft.ManagedServices/registrationDefinitions/d1`,
        `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.AzureStack/linkedSubscriptions/l1`,
        `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.AzureStack/edgeSubscriptions/e1`,
        `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.AzureStack/cloudManifestFiles/latest`,
        `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.AzureStack/generateDeploymentLicense`,
        '/providers/Microsoft.AzureStack/registrations/r',
        'registrations/r',
      ]) {
        assert.equal(looksLikeRegistrationId(path), false, path);
      }
    });
  });

  describe('registrationKey', () => {
    it('is one key for one registration in any case, and another for another registration', () => {
      const upper = { subscriptionId: sub.toUpperCase(), resourceGroup: 'AZURESTACK', registrationName: 'REG1' };
      assert.equal(registrationKey(upper), registrationKey(registrationRef));
      assert.notEqual(registrationKey({ ...registrationRef, registrationName: 'reg2' }), registrationKey(registrationRef));
      assert.notEqual(registrationKey({ ...registrationRef, resourceGroup: 'other' }), registrationKey(registrationRef));
    });
  });

  describe('isGuid and repairGuid', () => {
    const guid = 'e09a4e93-29a7-4eba-a6d4-76202383f07f';

    it('takes only a whole GUID for a GUID', () => {
      for (const value of [`x${guid}`, `${guid}x`, ` ${guid}`, guid.replace(/-/g, ''), guid.replace('e09a', 'g09a'), guid.replace('-29a7', '29a7-')]) {
        assert.equal(isGuid(value), false, value);
      }
    });

    it('repairs every wrapping a GUID is written with, blanks included', () => {
      for (const value of [
        `{${guid}}`, `(${guid})`, `( ${guid} )`, ` {${guid}} `, `{ (${guid}) }`, `urn:uuid:${guid}`, `URN:UUID:{${guid}}`, `urn:uuid: ${guid}`,
        guid.replace(/-/g, '').toUpperCase(),
      ]) {
        assert.equal(repairGuid(value)?.toLowerCase(), guid, value);
      }
    });

    it('repairs nothing around text that is more than a wrapped GUID', () => {
      for (const value of [
        `${guid}urn:uuid:`, `e{${guid.slice(1)}}`, `{${guid.slice(0, -1)}}f`, `e(${guid.slice(1)})`, `(${guid.slice(0, -1)})f`,
        `x${guid.replace(/-/g, '')}`, `${guid.replace(/-/g, '')}0`, '',
      ]) {
        assert.equal(repairGuid(value), undefined, value);
      }
    });
  });

  describe('findPlaceholder: spellings', () => {
    for (const [value, text, index] of [
      ['[registration name]', '[registration name]', 0],
      ['your azure subscription id', 'your azure subscription', 0],
      ['YourResourceGroup', 'YourResourceGroup', 0],
      ['your-resource-group', 'your-resource-group', 0],
      ['enter the azure subscription id', 'enter the azure subscription', 0],
      ['ENTER_SUBSCRIPTION_ID', 'ENTER_SUBSCRIPTION_ID', 0],
      ['ENTER_TENANT_ID_HERE', 'ENTER_TENANT_ID_HERE', 0],
      ['insert-tenantId', 'insert-tenantId', 0],
      ['REPLACE_RESOURCEGROUP', 'REPLACE_RESOURCEGROUP', 0],
      ['replace-resource-group', 'replace-resource-group', 0],
      ['MyTenantId', 'MyTenantId', 0],
      ['my_subscriptionid', 'my_subscriptionid', 0],
      ['REPLACEME', 'REPLACEME', 0],
      ['Replace_Me', 'Replace_Me', 0],
      ['rg-<name>', '<name>', 3],
      ['{{tenantId}}', '{{tenantId}}', 0],
      ['{your-tenant}', '{your-tenant}', 0],
      ['id: your-tenant-id', 'your-tenant-id', 4],
    ] as const) {
      it(`finds ${JSON.stringify(text)} in ${JSON.stringify(value)}`, () => assert.deepEqual(findPlaceholder(value), { text, index }));
    }

    for (const value of [
      'your.subscription', 'todo-list', 'list-todo', '000000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-0000000000000',
      "[parameters('yourSubscriptionId')]", "[ parameters('yourTenantId')]", '[1st registration]', 'enter.tenant',
    ]) {
      it(`leaves ${JSON.stringify(value)} alone`, () => assert.equal(findPlaceholder(value), undefined));
    }

    it('still looks inside text that merely contains an ARM-like bracket later on', () => {
      assert.deepEqual(findPlaceholder("your-tenant-id [from(docs)]"), { text: 'your-tenant-id', index: 0 });
    });
  });

  describe('holdsPlaceholder', () => {
    it('says whether findPlaceholder finds one', () => {
      const values = [
        '<subscription id>', 'rg-<name>', '{{tenantId}}', 'id: your-tenant-id', 'REPLACEME', '00000000-0000-0000-0000-000000000000', 'azurestack',
        'todo-list', "[parameters('yourSubscriptionId')]", 'your-tenant-id [from(docs)]', '',
        // A match that holds run-time text is none: the next pattern's may still be one.
        `<a${UNKNOWN}b>`, `<a${UNKNOWN}b> your-tenant-id`, `{${UNKNOWN}} [tenant]`,
      ];
      assert.deepEqual(values.map(holdsPlaceholder), values.map((value) => findPlaceholder(value) !== undefined));
      assert.deepEqual([`<a${UNKNOWN}b>`, `<a${UNKNOWN}b> your-tenant-id`].map(holdsPlaceholder), [false, true]);
    });
  });

  describe('placeholderCandidates', () => {
    it('finds every placeholder spelling in a whole document, the anchored ones too', () => {
      const text = "$a = 'TODO'\n$b = '00000000-0000-0000-0000-000000000000'\n$c = '<tenant id>'\n";
      assert.deepEqual([...text.matchAll(placeholderCandidates)].map((m) => m[0]), ['TODO', '00000000-0000-0000-0000-000000000000', '<tenant id>']);
    });
  });
});
