import rule from '../../../../src/core/rules/AZS303';
import { registrationId, subscription } from '../support/ids';
import { givenHere, parameterFile, ruleTester } from '../support/ruleTester';

const register = 'Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -RegistrationName reg1';
const accepted = 'PayAsYouUse, Capacity, Development, Custom, Ruggedized';

ruleTester(rule, {
  valid: [
    { name: 'each billing model, in any letter case', kind: 'powershell', code: ['PayAsYouUse', 'capacity', 'DEVELOPMENT', 'Custom', 'Ruggedized'].map((m) => `${register} -BillingModel ${m}`).join('\n') },
    { name: 'a billing model only run time knows', kind: 'powershell', code: `${register} -BillingModel $env:BILLING_MODEL` },
    { name: 'an ARM expression', kind: 'json', code: `{"resources": [{"type": "Microsoft.AzureStack/registrations", "apiVersion": "2017-06-01", "name": "reg1", "properties": {"billingModel": "[parameters('model')]"}}]}` },
  ],
  invalid: [
    {
      name: 'PayAsYouGo from a parameter file: fixed in the parameter file, not over the reference',
      kind: 'json',
      code: `{"parameters": {"model": {"type": "string"}}, "resources": [{"type": "Microsoft.AzureStack/registrations", "apiVersion": "2017-06-01", "name": "reg1", "properties": {"billingModel": "<![parameters('model')]!>"}}]}`,
      others: [parameterFile({ model: '<@PayAsYouGo@>' })],
      otherOutputs: { 'template.parameters.json': parameterFile({ model: 'PayAsYouUse' }).code },
      errors: [{ message: "'PayAsYouGo' is not a billing model; did you mean PayAsYouUse?", related: [givenHere] }],
    },
    {
      name: 'PayAsYouGo',
      kind: 'powershell',
      code: `${register} -BillingModel '<!PayAsYouGo!>'`,
      output: `${register} -BillingModel 'PayAsYouUse'`,
      errors: [{ message: "'PayAsYouGo' is not a billing model; did you mean PayAsYouUse?", data: { replacement: 'PayAsYouUse' } }],
    },
    {
      name: 'a made-up model in a saved response',
      kind: 'json',
      code: `{"id": "${registrationId}", "properties": {"billingModel": "<!Enterprise!>"}}`,
      output: `{"id": "${registrationId}", "properties": {"billingModel": "PayAsYouUse"}}`,
      errors: [{ message: `'Enterprise' is not a billing model; use one of ${accepted}.` }],
    },
    {
      name: 'PayAsYouGo in the body of a REST Client request that creates the registration',
      kind: 'http',
      code: `PUT https://management.azure.com${registrationId}?api-version=2017-06-01\nContent-Type: application/json\n\n{"location": "global", "properties": {"registrationToken": "abc", "billingModel": "<!PayAsYouGo!>"}}\n`,
      output: `PUT https://management.azure.com${registrationId}?api-version=2017-06-01\nContent-Type: application/json\n\n{"location": "global", "properties": {"registrationToken": "abc", "billingModel": "PayAsYouUse"}}\n`,
      errors: [{ message: "'PayAsYouGo' is not a billing model; did you mean PayAsYouUse?", data: { replacement: 'PayAsYouUse' } }],
    },
    {
      name: 'a made-up model in the body of az rest',
      kind: 'shell',
      code: `az rest --method put --url "https://management.azure.com/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1?api-version=2017-06-01" --body '{"location": "global", "properties": {"billingModel": "<!Enterprise!>"}}'\n`,
      output: `az rest --method put --url "https://management.azure.com/subscriptions/${subscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1?api-version=2017-06-01" --body '{"location": "global", "properties": {"billingModel": "PayAsYouUse"}}'\n`,
      errors: [{ message: `'Enterprise' is not a billing model; use one of ${accepted}.` }],
    },
    {
      name: 'PayAsYouUse for a disconnected registration token',
      kind: 'powershell',
      code: '$token = Get-AzsRegistrationToken -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -BillingModel <!PayAsYouUse!>',
      errors: [{ message: 'Get-AzsRegistrationToken does not take the billing model PayAsYouUse; it takes Capacity, Development, Custom.' }],
    },
  ],
});
