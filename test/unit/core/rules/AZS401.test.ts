import rule from '../../../../src/core/rules/AZS401';
import { customer, registrationId, tenant } from '../support/ids';
import { givenHere, parameterFile, parameterFileOf, ruleTester } from '../support/ruleTester';

const unknown = (value: string) => `'${value}' is not an api-version of Microsoft.AzureStack; it has 2016-01-01, 2017-06-01, 2020-06-01-preview, 2022-06-01. Azure rejects the request.`;
const noTenants = 'api-version 2016-01-01 has no customerSubscriptions; use 2017-06-01 or later. Azure rejects the request.';
/** A template whose tenant resource takes its api-version from the parameter `version`, declared as `declaration`. */
const versionTemplate = (declaration: string, apiVersion = "[parameters('version')]") => `{"parameters": {"version": ${declaration}}, "resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "${apiVersion}", "name": "reg1/${customer}", "properties": {"tenantId": "${tenant}"}}]}`;

ruleTester(rule, {
  valid: [
    { name: 'every published version', kind: 'http', code: ['2017-06-01', '2020-06-01-preview', '2022-06-01'].map((v) => `GET https://management.azure.com${registrationId}/customerSubscriptions?api-version=${v}\n###`).join('\n') },
    { name: '2016-01-01 on the registration itself', kind: 'powershell', code: `Get-AzResource -ResourceId "${registrationId}" -ApiVersion 2016-01-01` },
    { name: 'an api-version from a variable', kind: 'powershell', code: `param($ApiVersion)\nGet-AzResource -ResourceId "${registrationId}/customerSubscriptions" -ApiVersion $ApiVersion` },
    {
      // ARM deploys with the secret the reference names, which only deployment reads: not the defaultValue.
      name: 'a Key Vault reference in the parameter file: the defaultValue it replaces is not judged',
      kind: 'json',
      code: versionTemplate('{"type": "string", "defaultValue": "2016-01-01"}'),
      others: [parameterFileOf({ version: '{"reference": {"keyVault": {"id": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"}, "secretName": "v"}}' })],
    },
    { name: 'other providers are not judged', kind: 'shell', code: 'az rest --url "https://management.azure.com/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1?api-version=2024-03-01"\n' },
  ],
  invalid: [
    {
      name: 'a version the provider does not publish',
      kind: 'powershell',
      code: `New-AzResource -ResourceId "${registrationId}/customerSubscriptions/${customer}" -ApiVersion <!2021-01-01!> -Properties @{ tenantId = '${tenant}' }`,
      output: `New-AzResource -ResourceId "${registrationId}/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Properties @{ tenantId = '${tenant}' }`,
      errors: [{ message: unknown('2021-01-01'), data: { replacement: '2017-06-01' } }],
    },
    {
      name: 'customer subscriptions with 2016-01-01 in a URL',
      kind: 'http',
      code: `GET https://management.azure.com${registrationId}/customerSubscriptions?api-version=<!2016-01-01!>\n`,
      output: `GET https://management.azure.com${registrationId}/customerSubscriptions?api-version=2017-06-01\n`,
      errors: [{ message: noTenants }],
    },
    {
      name: 'a template resource',
      kind: 'json',
      code: `{"resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "<!2016-01-01!>", "name": "reg1/${customer}", "properties": {"tenantId": "${tenant}"}}]}`,
      output: `{"resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01", "name": "reg1/${customer}", "properties": {"tenantId": "${tenant}"}}]}`,
      errors: [{ message: noTenants }],
    },
    {
      name: 'az rest with --uri-parameters',
      kind: 'shell',
      code: `az rest --method get --uri "https://management.azure.com${registrationId}" --uri-parameters api-version=<!2017-06-01-preview!>\n`,
      output: `az rest --method get --uri "https://management.azure.com${registrationId}" --uri-parameters api-version=2017-06-01\n`,
      errors: [{ message: unknown('2017-06-01-preview') }],
    },
    {
      // The template keeps using its parameter: the value is changed where the parameter file writes it.
      name: 'a template parameter a parameter file gives: fixed in the parameter file, not over the reference',
      kind: 'json',
      code: versionTemplate('{"type": "string"}', "<![parameters('version')]!>"),
      others: [parameterFile({ version: '<@2016-01-01@>' })],
      otherOutputs: { 'template.parameters.json': parameterFile({ version: '2017-06-01' }).code },
      errors: [{ message: noTenants, related: [givenHere] }],
    },
    {
      name: 'a template parameter a parameter file gives with an escape: pointed at there, and no fix anywhere',
      kind: 'json',
      code: versionTemplate('{"type": "string"}', "<![parameters('version')]!>"),
      others: [parameterFile({ version: '<@2019\\u002d01-01@>' })],
      errors: [{ message: unknown('2019-01-01'), related: [givenHere] }],
    },
    {
      name: "a template parameter's defaultValue, where no parameter file gives it: fixed there",
      kind: 'json',
      code: versionTemplate('{"type": "string", "defaultValue": "<!2016-01-01!>"}', "<@[parameters('version')]@>"),
      output: versionTemplate('{"type": "string", "defaultValue": "2017-06-01"}'),
      errors: [{ message: noTenants, related: ['The same value is used here.'] }],
    },
    {
      // Writing the version over the reference would make the template ignore its parameter from then on.
      name: "a template parameter's defaultValue with an escape, where no parameter file gives it: no fix",
      kind: 'json',
      code: versionTemplate('{"type": "string", "defaultValue": "2016\\u002d01-01"}', "<![parameters('version')]!>"),
      errors: [{ message: noTenants }],
    },
    // ARM deploys with the parameter file's value (or fails on it): the defaultValue is neither judged nor edited.
    ...['null', '2016'].map((written) => ({
      name: `${written} in the parameter file: reported as that value, pointed at there, and no fix of the defaultValue`,
      kind: 'json' as const,
      code: versionTemplate('{"type": "string", "defaultValue": "2016-01-01"}', "<![parameters('version')]!>"),
      others: [parameterFileOf({ version: `{"value": <@${written}@>}` })],
      errors: [{ message: unknown(written), related: [givenHere] }],
    })),
    {
      // A literal written over the expression would leave the variable unused, and the reader's intent lost.
      name: 'a template variable whose string has an escape: shown where it is used, and no fix over the reference',
      kind: 'json',
      code: `{"variables": {"version": "2016\\u002d01-01"}, "resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "<![variables('version')]!>", "name": "reg1/${customer}", "properties": {"tenantId": "${tenant}"}}]}`,
      errors: [{ message: noTenants }],
    },
    {
      name: "a template parameter's defaultValue that is an expression: no fix",
      kind: 'json',
      code: versionTemplate(`{"type": "string", "defaultValue": "[concat('2016-01', '-01')]"}`, "<![parameters('version')]!>"),
      errors: [{ message: noTenants }],
    },
  ],
});
