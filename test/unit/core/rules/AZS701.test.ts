import rule from '../../../../src/core/rules/AZS701';
import { ruleTester } from '../support/ruleTester';

const message = 'A password is written here in plain text; prompt for it (Get-Credential, Read-Host -AsSecureString) or read it from a secret store.';

ruleTester(rule, {
  valid: [
    { name: 'a prompted password', kind: 'powershell', code: "$cred = Get-Credential -Message 'Cloud admin for the privileged endpoint'\nSet-AzsRegistration -PrivilegedEndpointCredential $cred" },
    { name: 'a password from the environment', kind: 'powershell', code: '$secure = ConvertTo-SecureString $env:AZS_PEP_PASSWORD -AsPlainText -Force\nSet-AzsRegistration -PrivilegedEndpointCredential $cred' },
    { name: 'a placeholder (AZS102 reports it)', kind: 'powershell', code: "$secure = ConvertTo-SecureString '<password>' -AsPlainText -Force\nSet-AzsRegistration -PrivilegedEndpointCredential $cred" },
    { name: 'an encrypted string is no plain text', kind: 'powershell', code: '$secure = Get-Content pep.txt | ConvertTo-SecureString\nSet-AzsRegistration -PrivilegedEndpointCredential $cred' },
    { name: 'az login with a variable', kind: 'shell', code: 'az login --service-principal -u "$APP_ID" -p "$APP_SECRET" --tenant "$TENANT"\naz rest --url "https://management.azure.com/providers/Microsoft.AzureStack/operations?api-version=2017-06-01"\n' },
  ],
  invalid: [
    {
      name: 'a literal password through a variable',
      kind: 'powershell',
      code: "$password = '<!Winter2024!!>'\n$secure = ConvertTo-SecureString $password -AsPlainText -Force\n$cred = New-Object PSCredential ('AzureStack\\CloudAdmin', $secure)\nSet-AzsRegistration -PrivilegedEndpointCredential $cred",
      errors: [{ message }],
    },
    {
      name: 'az login with a literal password',
      kind: 'shell',
      code: "az login --service-principal -u 00000000-aaaa-4bbb-8ccc-111111111111 --password '<!s3cr3t-value!>' --tenant contoso.onmicrosoft.com\naz rest --url \"https://management.azure.com/providers/Microsoft.AzureStack/operations?api-version=2017-06-01\"\n",
      errors: [{ message }],
    },
  ],
});
