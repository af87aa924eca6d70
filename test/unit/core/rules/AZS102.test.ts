import * as assert from 'node:assert/strict';
import { PowerShellParser, powerShellFacts } from '../../../../src/core/parse/powershell';
import rule from '../../../../src/core/rules/AZS102';
import { RegistrationIndex } from '../../../../src/core/rules/registrations';
import { cloudIdLookup } from '../support/cloudIdLookup';
import { denseScript } from '../support/denseScript';
import { customer, registrationId, subscription, tenant } from '../support/ids';
import { givenHere, parameterFile, ruleTester } from '../support/ruleTester';
import { testWasmDir } from '../support/wasm';

const azure = (placeholder: string, error: string) => `'${placeholder}' is a placeholder that was never filled in; Azure would answer ${error}.`;
const fails = (placeholder: string) => `'${placeholder}' is a placeholder that was never filled in; the command fails with it.`;
const used = 'The same value is used here.';
const addTenant = 'New-AzResource -ResourceId "/subscriptions/$subscriptionId/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1/customerSubscriptions/$customer" -ApiVersion 2017-06-01 -Properties @{ tenantId = $tenant }';

ruleTester(rule, {
  valid: [
    { name: 'a registry key and a COM class ID: GUIDs in braces', kind: 'powershell', code: "Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Classes\\CLSID\\{7C3A9E52-1D8B-4F06-A2E4-B95D0C6F1837}\\LocalServer32'\nNew-Object -ComObject '{0002DF01-0000-0000-C000-000000000046}'" },
    { name: 'placeholders in the prose of a JSON document', kind: 'json', code: '{"registrationName": "reg1", "description": "Replace {subscriptionId} and <registration name> first.", "message": "Registration /subscriptions/{subscriptionId}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1 was not found."}' },
    { name: 'real values', kind: 'powershell', code: `$subscriptionId = '${subscription}'\n${addTenant}` },
    { name: 'a usage message', kind: 'powershell', code: 'Write-Host "Usage: add-tenant.ps1 <customer subscription id>"\nSet-AzsRegistration -RegistrationName $name' },
    { name: 'a placeholder in a comment', kind: 'powershell', code: `# put the subscription into <subscription id> below\n$subscriptionId = '${subscription}'\n${addTenant}` },
    { name: 'a comparison with a placeholder-like text', kind: 'powershell', code: "if ($name -eq '<none>') { throw 'no registration' }\nSet-AzsRegistration -RegistrationName $name" },
    { name: 'type literals and script blocks', kind: 'powershell', code: 'function Add-Tenant { param([string]$Name) }\nGet-AzResource | Where-Object { $_.Name -like "*AzureStack*" }' },
    { name: 'ARM expressions', kind: 'json', code: `{"resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01", "name": "[concat(parameters('registrationName'), '/', parameters('customer'))]", "properties": {"tenantId": "[parameters('tenantId')]"}}]}` },
    { name: 'REST Client system variables', kind: 'http', code: `PUT https://management.azure.com/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1/customerSubscriptions/${customer}?api-version=2017-06-01\nx-ms-client-request-id: {{$guid}}\n\n{"properties": {"tenantId": "${tenant}"}}\n` },
  ],
  invalid: [
    {
      name: 'a placeholder in a variable that three calls use, one through a resource ID that is also an argument: one finding, each use once',
      kind: 'powershell',
      code: `$registrationName = '<!<registration name>!>'\nGet-AzResource -ResourceId "/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/<@$registrationName@>" -ApiVersion 2017-06-01\nSet-AzsRegistration -PrivilegedEndpoint ercs -PrivilegedEndpointCredential $c -RegistrationName <@$registrationName@>\nRemove-AzsRegistration -PrivilegedEndpoint ercs -PrivilegedEndpointCredential $c -RegistrationName <@$registrationName@>`,
      errors: [{ message: fails('<registration name>'), azureError: null, data: { placeholder: '<registration name>' }, related: [used, used, used] }],
    },
    {
      name: 'a placeholder in a recorded request body kept as a JSON string, placed through its escapes',
      kind: 'json',
      code: `{"Entries": [{"RequestUri": "/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1/customerSubscriptions/${customer}?api-version=2017-06-01", "RequestMethod": "PUT",
  "RequestBody": "{\\r\\n  \\"properties\\": {\\r\\n    \\"tenantId\\": \\"<!<customer tenant id>!>\\"\\r\\n  }\\r\\n}"}]}`,
      errors: [{ message: fails('<customer tenant id>'), azureError: null, data: { placeholder: '<customer tenant id>' } }],
    },
    {
      name: 'a placeholder in the variable a resource ID uses',
      kind: 'powershell',
      code: `$subscriptionId = "<!<your subscription id>!>"\n${addTenant.replace('/$subscriptionId/', '/<@$subscriptionId@>/')}`,
      errors: [{ message: azure('<your subscription id>', 'RegistrationNotFound'), data: { placeholder: '<your subscription id>' }, related: [used] }],
    },
    {
      name: 'a computer name placeholder',
      kind: 'powershell',
      code: 'Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint "<!<Computer Name>!>" -RegistrationName reg1 -BillingModel PayAsYouUse',
      output: `${cloudIdLookup('reg1', `Get-AzResource -ResourceType 'Microsoft.AzureStack/registrations' -Name "reg1" -ExpandProperties`)}Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint "<Computer Name>" -RegistrationName reg1 -BillingModel PayAsYouUse`,
      errors: [{ message: fails('<Computer Name>'), azureError: null }],
    },
    {
      name: 'an unquoted placeholder, which PowerShell splits into words',
      kind: 'powershell',
      code: 'Enter-PSSession -ComputerName <!<privileged endpoint computer name>!> -ConfigurationName PrivilegedEndpoint\nGet-AzureStackStampInformation',
      errors: [{ message: fails('<privileged endpoint computer name>'), azureError: null }],
    },
    {
      name: 'the name a registration is created under',
      kind: 'powershell',
      code: '$name = "<!<unique registration name>!>"\nRegister-AzsEnvironment -RegistrationToken $token -RegistrationName <@$name@>',
      errors: [{ message: fails('<unique registration name>'), azureError: null, related: [used] }],
    },
    {
      name: 'a placeholder in a splatted hashtable',
      kind: 'powershell',
      code: "$registration = @{ PrivilegedEndpoint = '<!<ERCS VM name>!>'; RegistrationName = 'reg1' }\nSet-AzsRegistration @registration -PrivilegedEndpointCredential $cred",
      errors: [{ message: fails('<ERCS VM name>'), azureError: null }],
    },
    {
      name: 'a customer subscription placeholder in a request example',
      kind: 'json',
      code: `{"parameters": {"subscriptionId": "${subscription}", "resourceGroup": "azurestack", "registrationName": "reg1", "customerSubscriptionName": "<!{customerSubscriptionId}!>", "api-version": "2017-06-01", "customerCreationParameters": {"properties": {"tenantId": "${tenant}"}}}, "responses": {"200": {}}}`,
      errors: [{ message: azure('{customerSubscriptionId}', 'InvalidCustomerSubscriptionId'), azureError: 'InvalidCustomerSubscriptionId' }],
    },
    {
      name: 'a template parameter default',
      kind: 'json',
      code: `{"parameters": {"registrationName": {"type": "string", "defaultValue": "<!<registration name>!>"}},\n "resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01", "name": "<@[concat(parameters('registrationName'), '/', '${customer}')]@>", "properties": {"tenantId": "${tenant}"}}]}`,
      errors: [{ message: azure('<registration name>', 'RegistrationNotFound'), related: [used] }],
    },
    {
      name: 'a placeholder a parameter file gives the template: pointed at there, as the other rules do',
      kind: 'json',
      code: `{"parameters": {"registrationName": {"type": "string"}},\n "resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01", "name": "<![concat(parameters('registrationName'), '/', '${customer}')]!>", "properties": {"tenantId": "${tenant}"}}]}`,
      others: [parameterFile({ registrationName: '<@<registration name>@>' })],
      errors: [{ message: azure('<registration name>', 'RegistrationNotFound'), related: [givenHere] }],
    },
    {
      name: 'a file variable used in a request body',
      kind: 'http',
      code: `@tenant = <!xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx!>\nPUT https://management.azure.com${registrationId}/customerSubscriptions/${customer}?api-version=2017-06-01\nContent-Type: application/json\n\n{"properties": {"tenantId": "<@{{tenant}}@>"}}\n`,
      errors: [{ message: fails('xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'), azureError: null, related: [used] }],
    },
    {
      name: 'two placeholders in one URL',
      kind: 'http',
      code: 'GET https://management.azure.com/subscriptions/<!your-subscription-id!>/resourceGroups/<!<resource group>!>/providers/Microsoft.AzureStack/registrations/{{registration}}/customerSubscriptions?api-version=2017-06-01\n',
      errors: [{ message: azure('your-subscription-id', 'RegistrationNotFound') }, { message: azure('<resource group>', 'RegistrationNotFound') }],
    },
    {
      name: 'a shell variable in a tenant request URL',
      kind: 'shell',
      code: 'SUB="<!your-subscription-id!>"\naz rest --method get --url "https://management.azure.com/subscriptions/<@$SUB@>/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1/customerSubscriptions?api-version=2017-06-01"\n',
      errors: [{ message: azure('your-subscription-id', 'RegistrationNotFound'), related: [used] }],
    },
  ],
});

describe('AZS102 reports', () => {
  it('are each at a place of their own, as the rule tells lint.ts (which then joins none of them)', async () => {
    assert.equal(rule.reportsDistinctPlaces, true);
    const parser = await PowerShellParser.load(testWasmDir());
    // Placeholders met many times: through variables, in values listed twice, in resource IDs that are also arguments.
    for (const text of [denseScript(20_000), `$registrationName = '<registration name>'\n${addTenant}\n${addTenant.replace('$customer', '<customer>')}\nSet-AzsRegistration -RegistrationName $registrationName`]) {
      const tree = parser.parse(text);
      assert.ok(tree);
      const facts = powerShellFacts(text, tree);
      tree.delete();
      const reports = rule.check({ uri: 'file:///w/a.ps1', kind: 'powershell', facts, registrations: new RegistrationIndex([]) });
      assert.ok(reports.length > 1);
      assert.equal(new Set(reports.map((r) => `${r.span.start}:${r.span.end}`)).size, reports.length);
    }
  });
});
