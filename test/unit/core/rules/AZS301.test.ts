import * as assert from 'node:assert/strict';
import rule from '../../../../src/core/rules/AZS301';
import { customer, registrationId, subscription, tenant } from '../support/ids';
import { lintCase, ruleTester, type ValidCase } from '../support/ruleTester';

const rest = 'only PayAsYouUse registrations accept customer subscriptions, so Azure would answer CustomerSubscriptionsNotAllowed.';
const disallowed = (where: string, model: string) => `The registration declared ${where} uses the ${model} billing model; ${rest}`;
const setHere = (model: string) => `The billing model ${model} is set here.`;
const register = (billing: string) => `Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -RegistrationName reg1${billing}`;
const addTenant = (cmdlet = 'New-AzResource') => `${cmdlet} -ResourceId "${registrationId}/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Properties @{ tenantId = '${tenant}' }`;
const savedResponse = (model: string) => `{\n  "id": "${registrationId}",\n  "type": "Microsoft.AzureStack/registrations",\n  "properties": {"cloudId": "5c0e1f2a-3b4c-4d5e-8f60-718293a4b5c6", "billingModel": "${model}"}\n}\n`;
const putTenant = (name = 'reg1') => `PUT https://management.azure.com/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/${name}/customerSubscriptions/${customer}?api-version=2017-06-01\nContent-Type: application/json\n\n{"properties": {"tenantId": "${tenant}"}}\n`;

ruleTester(rule, {
  valid: [
    { name: 'PayAsYouUse', kind: 'powershell', code: `${register(' -BillingModel PayAsYouUse')}\n${addTenant()}` },
    { name: 'registered again with PayAsYouUse', kind: 'powershell', code: `${register(' -BillingModel Development')}\n${register(' -BillingModel PayAsYouUse -Reregister')}\n${addTenant()}` },
    { name: 'a billing model only run time knows', kind: 'powershell', code: `param($Model)\n${register(' -BillingModel $Model')}\n${addTenant()}` },
    { name: 'a saved response of another registration', kind: 'http', code: putTenant('reg2'), others: [{ name: 'registration.json', kind: 'json', code: savedResponse('Development') }] },
    { name: 'listing tenants is allowed', kind: 'powershell', code: `${register(' -BillingModel Capacity -AgreementNumber 1234')}\nGet-AzResource -ResourceId "${registrationId}/customerSubscriptions" -ApiVersion 2017-06-01` },
    { name: 'an unknown billing model (AZS303 reports it)', kind: 'powershell', code: `${register(' -BillingModel PayAsYouGo')}\n${addTenant()}` },
  ],
  invalid: [
    {
      name: 'a billing model with a JSON escape in a REST Client registration body: the related place is where it is written',
      kind: 'http',
      code: `PUT https://management.azure.com${registrationId}?api-version=2017-06-01\n\n{"location": "global", "properties": {"billingModel": "<@Capa\\u0063ity@>"}}\n###\n${putTenant().replace('https://', '<!https://').replace('?api-version=2017-06-01', '?api-version=2017-06-01!>')}`,
      errors: [{ message: disallowed('in this file', 'Capacity'), related: [setHere('Capacity')] }],
    },
    {
      name: 'Capacity in the same script',
      kind: 'powershell',
      code: `${register(' -BillingModel <@Capacity@> -AgreementNumber 1234')}\n${addTenant('<!New-AzResource!>')}`,
      output: `${register(' -BillingModel PayAsYouUse -AgreementNumber 1234')}\n${addTenant('New-AzResource')}`,
      errors: [{ message: disallowed('in this file', 'Capacity'), related: [setHere('Capacity')] }],
    },
    {
      name: 'no -BillingModel: Development by default',
      kind: 'powershell',
      code: `<@Set-AzsRegistration@> -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -RegistrationName reg1\n${addTenant('<!New-AzureRmResource!>')}`,
      output: `${register('').replace('Set-AzsRegistration', 'Set-AzsRegistration -BillingModel PayAsYouUse')}\n${addTenant('New-AzureRmResource')}`,
      errors: [{
        message: `The registration declared in this file is created without -BillingModel, so it uses Development; ${rest}`,
        related: ['No -BillingModel here, so Development applies.'],
      }],
    },
    {
      name: 'a PUT request and a saved GET response in another file',
      kind: 'http',
      code: putTenant().replace('https://', '<!https://').replace('?api-version=2017-06-01', '?api-version=2017-06-01!>'),
      others: [{ name: 'registration.json', kind: 'json', code: savedResponse('<@Development@>') }],
      errors: [{ message: disallowed('in registration.json', 'Development'), related: [setHere('Development')] }],
    },
    {
      name: 'a template registration with a child tenant resource',
      kind: 'json',
      code: `{"resources": [{"type": "Microsoft.AzureStack/registrations", "apiVersion": "2017-06-01", "name": "reg1", "location": "global",\n  "properties": {"billingModel": "<@Custom@>"},\n  "resources": [{"type": "customerSubscriptions", "apiVersion": "2017-06-01", "name": "<!${customer}!>", "properties": {"tenantId": "${tenant}"}}]}]}`,
      errors: [{ message: disallowed('in this file', 'Custom'), related: [setHere('Custom')] }],
    },
    {
      name: 'a disconnected registration token',
      kind: 'powershell',
      code: `$token = Get-AzsRegistrationToken -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -BillingModel <@Development@>\nRegister-AzsEnvironment -RegistrationToken $token -RegistrationName reg1\n<!Invoke-RestMethod!> -Method Put -Uri "https://management.azure.com${registrationId}/customerSubscriptions/${customer}?api-version=2017-06-01" -Body '{"properties": {"tenantId": "${tenant}"}}'`,
      output: `$token = Get-AzsRegistrationToken -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -BillingModel PayAsYouUse\nRegister-AzsEnvironment -RegistrationToken $token -RegistrationName reg1\nInvoke-RestMethod -Method Put -Uri "https://management.azure.com${registrationId}/customerSubscriptions/${customer}?api-version=2017-06-01" -Body '{"properties": {"tenantId": "${tenant}"}}'`,
      errors: [{ message: disallowed('in this file', 'Development'), related: [setHere('Development')] }],
    },
  ],
});

describe('AZS301 quick-fix edits', () => {
  const editsOf = async (c: ValidCase) => (await lintCase(rule, c)).findings.map((f) => (f.data as { edits?: unknown } | undefined)?.edits);
  const script = 'file:///workspace/script.ps1';

  it('replaces the billing model where a script sets it', async () => {
    const code = `${register(' -BillingModel Capacity -AgreementNumber 1234')}\n${addTenant()}`;
    const start = code.indexOf('Capacity');
    assert.deepEqual(await editsOf({ kind: 'powershell', code }), [[{ uri: script, start, end: start + 'Capacity'.length, newText: 'PayAsYouUse' }]]);
  });

  it('adds -BillingModel PayAsYouUse after the cmdlet name where a script leaves it out, in a module too', async () => {
    const afterName = 'Set-AzsRegistration'.length;
    assert.deepEqual(await editsOf({ kind: 'http', code: putTenant(), others: [{ name: 'Register.psm1', kind: 'powershell', code: `${register('')}\n` }] }), [[
      { uri: 'file:///workspace/Register.psm1', start: afterName, end: afterName, newText: ' -BillingModel PayAsYouUse' },
    ]]);
  });

  it('offers no edit where a saved response or a request declares the registration: registering again changes it', async () => {
    assert.deepEqual(await editsOf({ kind: 'http', code: putTenant(), others: [{ name: 'registration.json', kind: 'json', code: savedResponse('Development') }] }), [undefined]);
    assert.deepEqual(await editsOf({ kind: 'http', code: putTenant(), others: [{ name: 'register.ps1.json', kind: 'json', code: savedResponse('Development') }] }), [undefined]);
    const putRegistration = `PUT https://management.azure.com${registrationId}?api-version=2017-06-01\n\n{"location": "global", "properties": {"registrationToken": "abc", "billingModel": "Capacity"}}\n###\n`;
    assert.deepEqual(await editsOf({ kind: 'http', code: putRegistration + putTenant() }), [undefined]);
  });

  it('offers no edit when only some of the declarations could be edited', async () => {
    assert.deepEqual(await editsOf({
      kind: 'http', code: putTenant(),
      others: [{ name: 'registration.json', kind: 'json', code: savedResponse('Development') }, { name: 'register.ps1', kind: 'powershell', code: register(' -BillingModel Development') }],
    }), [undefined]);
  });

  it('judges each tenant operation by its own registration, declared or not', async () => {
    const other = (name: string) => putTenant(name).replace(customer, tenant);
    const putWithoutModel = `PUT https://management.azure.com${registrationId.replace('reg1', 'reg2')}?api-version=2017-06-01\n\n{"location": "global", "properties": {"registrationToken": "abc"}}\n###\n`;
    const { findings } = await lintCase(rule, {
      kind: 'http', code: `${putWithoutModel}${other('reg2')}###\n${other('reg3')}###\n${putTenant()}`,
      others: [{ name: 'registration.json', kind: 'json', code: savedResponse('Capacity') }],
    });
    assert.deepEqual(findings.map((f) => f.message), [disallowed('in registration.json', 'Capacity')]);
  });
});
