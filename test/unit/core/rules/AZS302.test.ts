import rule from '../../../../src/core/rules/AZS302';
import { ruleTester } from '../support/ruleTester';

const register = 'Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -RegistrationName reg1';

ruleTester(rule, {
  valid: [
    { name: 'Capacity with an agreement number', kind: 'powershell', code: `${register} -BillingModel Capacity -AgreementNumber 5678` },
    { name: 'Custom with an asset tag', kind: 'powershell', code: `${register} -BillingModel Custom -MsAssetTag $tag` },
    { name: 'an agreement number in a splat the file does not show', kind: 'powershell', code: `param($More)\n${register} -BillingModel Capacity @More` },
    { name: 'PayAsYouUse needs neither', kind: 'powershell', code: `${register} -BillingModel PayAsYouUse` },
    { name: 'a saved response has no such parameters', kind: 'json', code: '{"id": "/subscriptions/3f2b8c1e-7d4a-4b9e-8f21-6a5c0d9e1b47/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1", "properties": {"billingModel": "Capacity"}}' },
  ],
  invalid: [
    {
      name: 'Capacity without an agreement number',
      kind: 'powershell',
      code: `${register} -BillingModel <!Capacity!>`,
      output: `${register} -BillingModel Capacity -AgreementNumber agreement-number`,
      errors: [{ message: '-BillingModel Capacity needs -AgreementNumber; Set-AzsRegistration stops with an error without it.' }],
    },
    {
      name: 'Custom from a variable, without an asset tag',
      kind: 'powershell',
      code: `$model = '<!Custom!>'\n$token = Get-AzsRegistrationToken -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -BillingModel $model`,
      output: "$model = 'Custom'\n$token = Get-AzsRegistrationToken -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -BillingModel $model -MsAssetTag asset-tag",
      errors: [{ message: '-BillingModel Custom needs -MsAssetTag; Get-AzsRegistrationToken stops with an error without it.' }],
    },
  ],
});
