import rule from '../../../../src/core/rules/AZS104';
import { ruleTester } from '../support/ruleTester';

const message = (cmdlet: string, parameters: string) => `${cmdlet} is called without ${parameters}, which it requires; the call prompts for it or fails when run unattended.`;

ruleTester(rule, {
  valid: [
    { name: 'every mandatory parameter', kind: 'powershell', code: 'Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -RegistrationName reg1 -BillingModel PayAsYouUse' },
    { name: 'parameters from a hashtable the file shows', kind: 'powershell', code: "$p = @{ PrivilegedEndpointCredential = $cred; PrivilegedEndpoint = 'AzS-ERCS01' }\nSet-AzsRegistration @p -RegistrationName reg1" },
    { name: 'a splat the file does not show', kind: 'powershell', code: 'param($Settings)\nSet-AzsRegistration @Settings' },
    { name: 'positional arguments', kind: 'powershell', code: 'Register-AzsEnvironment $token reg1' },
    { name: 'the cmdlet name in a string', kind: 'powershell', code: 'Write-Host "Now run Set-AzsRegistration"' },
    { name: 'the cmdlet name in a comment', kind: 'powershell', code: '# Set-AzsRegistration -PrivilegedEndpoint AzS-ERCS01\n$x = 1' },
  ],
  invalid: [
    {
      name: 'Set-AzsRegistration without a registration name or credential',
      kind: 'powershell',
      code: '<!Set-AzsRegistration!> -PrivilegedEndpoint "AzS-ERCS01" -BillingModel PayAsYouUse',
      output: 'Set-AzsRegistration -PrivilegedEndpointCredential $cloudAdminCredential -RegistrationName $registrationName -PrivilegedEndpoint "AzS-ERCS01" -BillingModel PayAsYouUse',
      errors: [{ message: message('Set-AzsRegistration', '-PrivilegedEndpointCredential, -RegistrationName'), data: { missing: ['PrivilegedEndpointCredential', 'RegistrationName'] } }],
    },
    {
      name: 'Register-AzsEnvironment without a registration name, in a different letter case',
      kind: 'powershell',
      code: '$token = Get-Content token.txt\n<!register-azsenvironment!> -RegistrationToken $token',
      output: '$token = Get-Content token.txt\nregister-azsenvironment -RegistrationName $registrationName -RegistrationToken $token',
      errors: [{ message: message('register-azsenvironment', '-RegistrationName') }],
    },
    {
      name: 'Get-AzsRegistrationToken without a billing model, over several lines',
      kind: 'powershell',
      code: '$token = <!Get-AzsRegistrationToken!> `\n  -PrivilegedEndpointCredential $cred `\n  -PrivilegedEndpoint AzS-ERCS01',
      errors: [{ message: message('Get-AzsRegistrationToken', '-BillingModel') }],
    },
    {
      name: 'a mandatory parameter given no value, with a colon at the end or before another parameter (PowerShell refuses the call)',
      kind: 'powershell',
      code: 'Set-AzsRegistration -PrivilegedEndpointCredential $cred <!-PrivilegedEndpoint!> -BillingModel PayAsYouUse <!-RegistrationName!>:',
      errors: [
        { message: "-PrivilegedEndpoint is given no value; PowerShell stops with \"Missing an argument for parameter 'PrivilegedEndpoint'\" and Set-AzsRegistration never runs." },
        { message: "-RegistrationName is given no value; PowerShell stops with \"Missing an argument for parameter 'RegistrationName'\" and Set-AzsRegistration never runs." },
      ],
    },
  ],
});
