import rule from '../../../../src/core/rules/AZS402';
import { ruleTester } from '../support/ruleTester';

const cmdlet = (name: string, replacement: string) => `${name} is an AzureRM cmdlet, and AzureRM is retired; use ${replacement} from the Az module.`;

ruleTester(rule, {
  valid: [
    { name: 'Az cmdlets', kind: 'powershell', code: 'Connect-AzAccount -Environment AzureCloud\nGet-AzResource -ResourceType Microsoft.AzureStack/registrations' },
    { name: 'an AzureRM name inside a string', kind: 'powershell', code: 'Write-Host "Replace Login-AzureRmAccount with Connect-AzAccount"\nLog-Output "Get-AzureRmResource -ResourceType Microsoft.AzureStack/registrations"' },
    { name: 'an AzureRM name in a comment', kind: 'powershell', code: '# Login-AzureRmAccount\n<# New-AzureRmResource #>\nConnect-AzAccount' },
    { name: 'another module', kind: 'powershell', code: 'Import-Module Az.Resources\nInstall-Module -Name AzureStack' },
    { name: 'lines a stray quote turns into one command name', kind: 'powershell', code: ':"# note\nLogin-AzureRmAccount\n$body = @"\n{}\n"@\n' },
  ],
  invalid: [
    {
      name: 'a renamed sign-in cmdlet and a plain one',
      kind: 'powershell',
      code: '<!Login-AzureRmAccount!> -EnvironmentName AzureCloud\n$r = <!Get-AzureRmResource!> -ResourceType Microsoft.AzureStack/registrations',
      output: 'Connect-AzAccount -EnvironmentName AzureCloud\n$r = Get-AzResource -ResourceType Microsoft.AzureStack/registrations',
      errors: [
        { message: cmdlet('Login-AzureRmAccount', 'Connect-AzAccount'), data: { replacement: 'Connect-AzAccount' } },
        { message: cmdlet('Get-AzureRmResource', 'Get-AzResource'), data: { replacement: 'Get-AzResource' } },
      ],
    },
    {
      name: 'importing AzureRM modules',
      kind: 'powershell',
      code: 'Import-Module <!AzureRM.Profile!>\nInstall-Module -Name <!AzureRM!> -RequiredVersion 2.5.0',
      output: 'Import-Module Az.Accounts\nInstall-Module -Name Az -RequiredVersion 2.5.0',
      errors: [
        { message: 'The AzureRM.Profile module is retired; use Az.Accounts.', data: { replacement: 'Az.Accounts' } },
        { message: 'The AzureRM module is retired; use Az.', data: { replacement: 'Az' } },
      ],
    },
  ],
});
