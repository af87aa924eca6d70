import * as assert from 'node:assert/strict';
import { emptyFacts, type Value } from '../../../../src/core/facts';
import { parseRegistrationId } from '../../../../src/core/ids';
import rule from '../../../../src/core/rules/AZS101';
import { RegistrationIndex } from '../../../../src/core/rules/registrations';
import { byId, cloudIdLookup } from '../support/cloudIdLookup';
import { customer, registrationId, subscription } from '../support/ids';
import { lintCase, ruleTester } from '../support/ruleTester';

const tail = 'Azure would answer RegistrationNotFound.';

ruleTester(rule, {
  valid: [
    { name: 'an ID in a response body kept as a JSON string ends where its string ends', kind: 'json', code: `{"Entries": [{"ResponseBody": "{\\"id\\":\\"${registrationId}\\",\\"name\\":\\"reg1\\",\\"type\\":\\"Microsoft.AzureStack/registrations\\"}"}, {"note": "{\\"id\\":\\"${registrationId}\\",\\"type\\":\\"Microsoft.AzureStack/registrations\\" (cut"}]}` },
    { name: 'a well-formed ID with variable parts', kind: 'powershell', code: 'Get-AzResource -ResourceId "/subscriptions/$sub/resourceGroups/$rg/providers/Microsoft.AzureStack/registrations/$name/customerSubscriptions/$id"' },
    { name: 'a malformed ID in a comment', kind: 'powershell', code: `# Get-AzResource -ResourceId /subscriptions/x/resourceGroup/rg/providers/Microsoft.AzureStack/registrations/r\nWrite-Host 'AzureStack'` },
    { name: 'an ID that starts with a variable', kind: 'powershell', code: '$tenants = Get-AzResource -ResourceId "$registrationId/customerSubscriptions" -ApiVersion 2017-06-01' },
    { name: 'an Azure Stack HCI cluster is no registration', kind: 'powershell', code: `Get-AzResource -ResourceId "/subscriptions/${subscription}/resourceGroups/rg/providers/Microsoft.AzureStackHCI/clusters/c1"` },
    { name: 'an ARM expression', kind: 'json', code: `{"resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "name": "[concat(parameters('r'), '/', '${customer}')]", "apiVersion": "2017-06-01", "dependsOn": ["[resourceId('Microsoft.AzureStack/registrations', parameters('r'))]"], "properties": {"tenantId": "x"}}]}` },
    { name: 'a REST Client request with file variables', kind: 'http', code: `@sub = ${subscription}\nGET https://management.azure.com/subscriptions/{{sub}}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1/customerSubscriptions?api-version=2017-06-01\n` },
    { name: 'a linked subscription of Microsoft.AzureStack is no registration', kind: 'shell', code: `az rest --url "https://management.azure.com/subscriptions/${subscription}/resourceGroups/rg/providers/Microsoft.AzureStack/linkedSubscriptions/l1?api-version=2020-06-01-preview"` },
  ],
  invalid: [
    {
      name: 'a misspelled segment',
      kind: 'powershell',
      code: `New-AzResource -ResourceId "/subscriptions/$sub/<!resourceGroup!>/azurestack/providers/Microsoft.AzureStack/registrations/reg1/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Properties @{ tenantId = $t }`,
      output: `New-AzResource -ResourceId "/subscriptions/$sub/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Properties @{ tenantId = $t }`,
      errors: [{ message: `'resourceGroup' should be 'resourceGroups'. ${tail}`, data: { replacement: 'resourceGroups' } }],
    },
    {
      name: 'a misspelled resource type in a registration-only ID',
      kind: 'powershell',
      code: `Get-AzResource -ResourceId "/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/<!registratons!>/reg1"`,
      output: `Get-AzResource -ResourceId "/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1"`,
      errors: [{ message: `'registratons' should be 'registrations'. ${tail}`, data: { replacement: 'registrations' } }],
    },
    {
      name: 'a misspelled resource type in a saved response',
      kind: 'json',
      code: `{"id": "/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/<!regsitrations!>/reg1", "properties": {"billingModel": "PayAsYouUse"}}`,
      output: `{"id": "/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1", "properties": {"billingModel": "PayAsYouUse"}}`,
      errors: [{ message: `'regsitrations' should be 'registrations'. ${tail}` }],
    },
    {
      name: 'another provider in a saved response',
      kind: 'json',
      code: `{"id": "/subscriptions/${subscription}/resourceGroups/azurestack/providers/<!Microsoft.AzureStackHCI!>/registrations/reg1", "properties": {"billingModel": "PayAsYouUse"}}`,
      errors: [{ message: `The provider is 'Microsoft.AzureStackHCI', but registrations belong to Microsoft.AzureStack. ${tail}` }],
    },
    {
      name: 'two slashes in a request URL',
      kind: 'http',
      code: `GET https://management.azure.com/subscriptions/${subscription}/resourceGroups/azurestack<!//!>providers/Microsoft.AzureStack/registrations/reg1/customerSubscriptions?api-version=2017-06-01\n`,
      errors: [{ message: `The resource ID has an empty segment (two slashes in a row). ${tail}` }],
    },
    {
      name: 'a subscription that is not a GUID',
      kind: 'shell',
      code: 'az rest --method get \\\n  --url "https://management.azure.com/subscriptions/<!contoso-prod!>/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1?api-version=2017-06-01"\n',
      errors: [{ message: `The subscription 'contoso-prod' is not a GUID. ${tail}` }],
    },
    {
      name: 'extra segments, in the assignment the ID comes from',
      kind: 'powershell',
      code: `$id = '${registrationId}/<!tenants/abc!>'\nGet-AzResource -ResourceId <@$id@>`,
      output: `${cloudIdLookup('reg1', byId(registrationId))}$id = '${registrationId}/tenants/abc'\nGet-AzResource -ResourceId $id`,
      errors: [{ message: `Unexpected segments after the registration: 'tenants/abc'. ${tail}`, related: ['The same value is used here.'] }],
    },
    {
      name: 'a misspelled first segment of a path written without its leading slash',
      kind: 'powershell',
      code: `Get-AzResource -ResourceId "<!subscription!>/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1"`,
      output: `Get-AzResource -ResourceId "subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1"`,
      errors: [{ message: `'subscription' should be 'subscriptions'. ${tail}`, data: { replacement: 'subscriptions' } }],
    },
    {
      name: 'an empty subscription in a path written without its leading slash',
      kind: 'powershell',
      code: `Get-AzResource -ResourceId "subscriptions<!//!>resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1"`,
      errors: [{ message: `The resource ID has an empty segment (two slashes in a row). ${tail}` }],
    },
    {
      name: 'a misspelled last segment followed by a blank: the whole ID is underlined',
      kind: 'powershell',
      code: `Get-AzResource -ResourceId "<!${registrationId}/customerSubscription !>"`,
      // Only the lookup: writing the segment over the whole ID would lose the ID.
      output: `${cloudIdLookup('reg1', byId(registrationId))}Get-AzResource -ResourceId "${registrationId}/customerSubscription "`,
      errors: [{ message: `'customerSubscription' should be 'customerSubscriptions'. ${tail}` }],
    },
    {
      name: 'a malformed ID after a well-formed one',
      kind: 'powershell',
      code: `Get-AzResource -ResourceId "${registrationId}"\nGet-AzResource -ResourceId "${registrationId.replace('providers', '<!provider!>')}"`,
      output: `Get-AzResource -ResourceId "${registrationId}"\nGet-AzResource -ResourceId "${registrationId}"`,
      errors: [{ message: `'provider' should be 'providers'. ${tail}`, data: { replacement: 'providers' } }],
    },
    {
      name: 'a missing resourceGroups segment',
      kind: 'powershell',
      code: `Get-AzResource -ResourceId "<!/subscriptions/${subscription}/providers/Microsoft.AzureStack/registrations/reg1!>"`,
      errors: [{ message: `The resource ID lacks the resourceGroups segment; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.AzureStack/registrations/<name>. ${tail}` }],
    },
    {
      name: 'one defect, one finding: an ID built once and used by two calls is reported where it is written',
      kind: 'powershell',
      code: `$id = "<!/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations!>"\nGet-AzResource -ResourceId <@$id@> -ApiVersion 2017-06-01\nRemove-AzResource -ResourceId <@$id@> -ApiVersion 2017-06-01 -Force`,
      errors: [{
        message: `The resource ID lacks the registration name segment; expected /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.AzureStack/registrations/<name>. ${tail}`,
        related: ['The same value is used here.', 'The same value is used here.'],
      }],
    },
    {
      name: 'one defect, one finding: the part of an ID a shell variable holds, used by two requests',
      kind: 'shell',
      code: `BASE="/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/<!registration!>"\naz rest --method get --url "https://management.azure.com<@$BASE@>/reg1?api-version=2017-06-01"\naz rest --method delete --url "https://management.azure.com<@$BASE@>/reg1?api-version=2017-06-01"\n`,
      output: `BASE="/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations"\naz rest --method get --url "https://management.azure.com$BASE/reg1?api-version=2017-06-01"\naz rest --method delete --url "https://management.azure.com$BASE/reg1?api-version=2017-06-01"\n`,
      errors: [{ message: `'registration' should be 'registrations'. ${tail}`, data: { replacement: 'registrations' }, related: ['The same value is used here.', 'The same value is used here.'] }],
    },
  ],
});

describe('AZS101 quick-fix data', () => {
  it('carries a replacement only for a misspelled segment', async () => {
    const { findings } = await lintCase(rule, { kind: 'powershell', code: `Get-AzResource -ResourceId "${registrationId.replace('Microsoft.AzureStack', 'Microsoft.AzureStackHCI')}"` });
    assert.deepEqual(findings.map((f) => [f.message.split('.')[0], f.data]), [["The provider is 'Microsoft", undefined]]);
  });

  it('carries no replacement for a misspelled segment split between a variable and the text after it (it would be written over the whole ID)', async () => {
    const id = `${registrationId.replace('/registrations/reg1', '')}/\${r}tratons/reg1`;
    const { findings, text } = await lintCase(rule, { kind: 'powershell', code: `$r = 'regis'\nGet-AzResource -ResourceId "${id}"` });
    assert.deepEqual(findings.map((f) => [text.slice(f.start, f.end), f.message.split('.')[0], f.data]), [[id, "'registratons' should be 'registrations'", undefined]]);
  });

  it('tells the whole ID from a segment by what it found, not by which object holds the place', () => {
    // Each ask of the path's place makes a new object, as the facts of a one-piece value once did.
    const pathAt = (text: string, start: number): Value => ({ text, segments: [{ text, at: start }], get span() { return { start, end: start + text.length }; } });
    const dataOf = (text: string) => rule.check({
      uri: 'file:///ws/a.ps1', kind: 'powershell', registrations: new RegistrationIndex([]),
      facts: { ...emptyFacts(), resourceIds: [{ path: pathAt(text, 10), parsed: parseRegistrationId(text) }] },
    }).map((report) => [report.span, report.data]);
    // The segment's own characters: the fix writes the right one over them.
    const misspelled = registrationId.replace('registrations', 'registratons');
    const at = 10 + misspelled.indexOf('registratons');
    assert.deepEqual(dataOf(misspelled), [[{ start: at, end: at + 'registratons'.length }, { replacement: 'registrations' }]]);
    // A segment followed by a blank is not found as written: the whole ID is underlined, and no fix may write over it.
    const blank = `${registrationId}/customerSubscription `;
    assert.deepEqual(dataOf(blank), [[{ start: 10, end: 10 + blank.length }, undefined]]);
    // A segment found but written in two places (its start in a variable's value): the whole ID is underlined, in a new
    // object that is not the path's own, and no fix may write over it.
    const split = misspelled.indexOf('tratons');
    const pieces: Value = {
      text: misspelled,
      segments: [{ text: misspelled.slice(0, split), at: 500 }, { text: misspelled.slice(split), at: 10 }],
      get span() { return { start: 10, end: 10 + misspelled.length - split }; },
    };
    const piecesData = rule.check({
      uri: 'file:///ws/a.ps1', kind: 'powershell', registrations: new RegistrationIndex([]),
      facts: { ...emptyFacts(), resourceIds: [{ path: pieces, parsed: parseRegistrationId(misspelled) }] },
    }).map((report) => [report.span, report.data]);
    assert.deepEqual(piecesData, [[{ start: 10, end: 10 + misspelled.length - split }, undefined]]);
  });
});
