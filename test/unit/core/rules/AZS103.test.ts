import rule from '../../../../src/core/rules/AZS103';
import { customer, subscription, tenant } from '../support/ids';
import { byId, cloudIdLookup } from '../support/cloudIdLookup';
import { givenHere, parameterFile, ruleTester, type OtherFile } from '../support/ruleTester';

const tail = 'Azure would answer RegistrationNotFound unless that registration exists too.';
const lookup = (parameters = '') => `$registration = Get-AzResource -ResourceType Microsoft.AzureStack/registrations${parameters} | Select-Object -First 1`;
const foundHere = 'The registration is found here, wherever it is.';
const declaredHere = 'The registration is declared here.';
const register = (name: string, group = '') => `Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -RegistrationName ${name} -BillingModel PayAsYouUse${group}`;
const addTenant = (group: string, name: string) => `New-AzResource -ResourceId "/subscriptions/$sub/resourceGroups/${group}/providers/Microsoft.AzureStack/registrations/${name}/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Properties @{ tenantId = '${tenant}' }`;
const savedResponse = (name: string, sub = subscription): OtherFile => ({
  name: 'registration.json', kind: 'json',
  code: `{"id": "/subscriptions/${sub}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/${name}", "type": "Microsoft.AzureStack/registrations", "properties": {"billingModel": "PayAsYouUse"}}`,
});
/** An SDK recording of one GET of a registration's tenants, answered with `status`. */
const recording = (name: string, status: number): OtherFile => ({
  name: 'session.json', kind: 'json',
  code: `{"Entries": [{"RequestUri": "https://management.azure.com/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/${name}/customerSubscriptions?api-version=2022-06-01", "RequestMethod": "GET", "RequestBody": null, "StatusCode": ${status}}]}`,
});
const putTenant = (name: string, sub = subscription) => `PUT https://management.azure.com/subscriptions/${sub}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/${name}/customerSubscriptions/${customer}?api-version=2017-06-01\nContent-Type: application/json\n\n{"properties": {"tenantId": "${tenant}"}}\n`;

ruleTester(rule, {
  valid: [
    { name: 'a registration found at run time and addressed by what the lookup returns', kind: 'powershell', code: `${lookup()}\nNew-AzResource -ResourceId "$($registration.ResourceId)/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Properties @{ tenantId = '${tenant}' }` },
    { name: 'a registration looked up in the resource group the request names', kind: 'powershell', code: `${lookup(' -ResourceGroupName azurestack')}\n${addTenant('azurestack', '$($registration.Name)')}` },
    { name: 'a lookup in a script that declares the registration there itself', kind: 'powershell', code: `${register('reg1')}\n${lookup()}\n${addTenant('azurestack', 'reg1')}` },
    { name: 'the declared registration, in another letter case', kind: 'powershell', code: `${register('Reg1')}\n${addTenant('AzureStack', 'reg1')}` },
    { name: 'no registration declared anywhere', kind: 'powershell', code: addTenant('rg', 'reg1') },
    { name: 'a name only run time knows', kind: 'powershell', code: `param($Name)\n${register('reg1')}\n${addTenant('azurestack', '$Name')}` },
    { name: 'declared in another file', kind: 'http', code: putTenant('reg1'), others: [savedResponse('reg1')] },
    { name: 'another file names its registration only by a placeholder, as API samples do', kind: 'http', code: putTenant('reg1'), others: [savedResponse('{ registrationName }')] },
    { name: 'a registration a recorded request shows to exist (Azure answered it with 200)', kind: 'http', code: putTenant('reg2'), others: [savedResponse('reg1'), recording('reg2', 200)] },
    {
      name: 'one of two registrations',
      kind: 'http',
      code: putTenant('reg2'),
      others: [savedResponse('reg1'), { name: 'other.ps1', kind: 'powershell', code: register('reg2') }],
    },
  ],
  invalid: [
    {
      name: 'a registration found in any resource group, then addressed in a fixed one',
      kind: 'powershell',
      code: `$registration = <@Get-AzResource@> -ResourceType Microsoft.AzureStack/registrations | Select-Object -First 1\n$rg = '<!azurestack!>'\n${addTenant('$rg', '$($registration.Name)')}`,
      errors: [{
        message: "This request names the fixed resource group 'azurestack', but the script finds its registration by resource type in any resource group; where it is elsewhere, Azure answers RegistrationNotFound. Use the resource group the lookup returns.",
        related: [foundHere],
      }],
    },
    {
      name: 'registrations listed under any name, then one addressed by a fixed name (once, though two facts name it)',
      kind: 'powershell',
      code: `$all = <@Get-AzResource@> -ResourceGroupName $rg -ResourceType 'Microsoft.AzureStack/registrations'\nGet-AzResource -ResourceId "/subscriptions/$sub/resourceGroups/$rg/providers/Microsoft.AzureStack/registrations/<!azs-north!>/customerSubscriptions" -ApiVersion 2017-06-01`,
      output: `$all = Get-AzResource -ResourceGroupName $rg -ResourceType 'Microsoft.AzureStack/registrations'\n${cloudIdLookup('azs-north', byId('/subscriptions/$sub/resourceGroups/$rg/providers/Microsoft.AzureStack/registrations/azs-north'))}Get-AzResource -ResourceId "/subscriptions/$sub/resourceGroups/$rg/providers/Microsoft.AzureStack/registrations/azs-north/customerSubscriptions" -ApiVersion 2017-06-01`,
      errors: [{
        message: "This request names the fixed registration 'azs-north', but the script finds its registration by resource type under any name; where it is named otherwise, Azure answers RegistrationNotFound. Use the name the lookup returns.",
        related: [foundHere],
      }],
    },
    {
      name: 'another registration name in the same file',
      kind: 'powershell',
      code: `${register('<@reg-west@>')}\n${addTenant('azurestack', '<!reg-east!>')}`,
      output: `${register('reg-west')}\n${addTenant('azurestack', 'reg-west')}`,
      errors: [{
        message: `This request targets registration 'reg-east', but the registration declared in this file is 'reg-west'. ${tail}`,
        related: [declaredHere], data: { replacement: 'reg-west' },
      }],
    },
    {
      name: 'another resource group than Set-AzsRegistration uses by default',
      kind: 'powershell',
      code: `<@Set-AzsRegistration@> -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -RegistrationName reg1 -BillingModel PayAsYouUse\n${addTenant('<!azurestack-rg!>', 'reg1')}`,
      output: `${register('reg1')}\n${addTenant('azurestack', 'reg1')}`,
      errors: [{ message: `This request targets resource group 'azurestack-rg', but the registration declared in this file is in 'azurestack'. ${tail}`, related: [declaredHere] }],
    },
    {
      name: 'a registration whose recorded request Azure answered with 404 (not shown to exist)',
      kind: 'http',
      code: putTenant('<!reg2!>'),
      others: [{ ...savedResponse('reg1'), code: savedResponse('reg1').code.replace('/registrations/reg1', '/registrations/<@reg1@>') }, recording('reg2', 404)],
      output: putTenant('reg1'),
      errors: [{ message: `This request targets registration 'reg2', but the registration declared in registration.json is 'reg1'. ${tail}`, related: [declaredHere] }],
    },
    {
      name: 'a registration a saved response in another file does not show',
      kind: 'http',
      code: putTenant('<!reg2!>'),
      others: [{ ...savedResponse('reg1'), code: savedResponse('reg1').code.replace('/registrations/reg1', '/registrations/<@reg1@>') }],
      output: putTenant('reg1'),
      errors: [{ message: `This request targets registration 'reg2', but the registration declared in registration.json is 'reg1'. ${tail}`, related: [declaredHere] }],
    },
    {
      // Not over the whole expression, which would lose the customer subscription with it: where the name is written.
      name: 'a name a parameter file gives, joined to the rest of the resource name: fixed in the parameter file, which is pointed at',
      kind: 'json',
      code: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "registrationName": { "type": "string" } },
  "resources": [{
    "type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01",
    "name": "<![concat(parameters('registrationName'), '/${customer}')]!>", "properties": { "tenantId": "${tenant}" }
  }]
}`,
      others: [
        { name: 'register.ps1', kind: 'powershell', code: register('<@reg-west@>') },
        parameterFile({ registrationName: '<@reg-east@>' }),
      ],
      otherOutputs: { 'template.parameters.json': parameterFile({ registrationName: 'reg-west' }).code },
      errors: [{ message: `This request targets registration 'reg-east', but the registration declared in register.ps1 is 'reg-west'. ${tail}`, related: [declaredHere, givenHere] }],
    },
    {
      name: 'another subscription',
      kind: 'http',
      code: putTenant('reg1', '<!0b7c2d1e-5f4a-4e3b-9c8d-7a6b5c4d3e2f!>'),
      others: [{ ...savedResponse('reg1'), code: savedResponse('reg1').code.replace(subscription, `<@${subscription}@>`) }],
      output: putTenant('reg1'),
      errors: [{ message: `This request targets subscription '0b7c2d1e-5f4a-4e3b-9c8d-7a6b5c4d3e2f', but the registration declared in registration.json is in '${subscription}'. ${tail}`, related: [declaredHere] }],
    },
  ],
});
