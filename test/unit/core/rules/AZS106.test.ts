import rule from '../../../../src/core/rules/AZS106';
import { ruleTester } from '../support/ruleTester';

const viaEnvironment = (target: string, line: number) => `This call goes to the stamp: the active environment is ${target}, set on line ${line}. Registrations live in Azure; sign in to Azure (Connect-AzAccount -Environment AzureCloud) or select an Azure context first.`;
const viaUrl = (host: string) => `This URL sends the call to the stamp (${host}); registrations live in Azure, at https://management.azure.com.`;
const switchedHere = "The stamp's environment is made active here.";
const cloudSetHere = "The stamp's cloud is made the Azure CLI's active cloud here.";

const tenant = "-ResourceId \"$registration/customerSubscriptions/$customer\" -ApiVersion 2017-06-01 -Properties @{ tenantId = $tenantId } -Force";
const registration = "$registration = '/subscriptions/b6f85aea-d2b3-42e0-bfec-6236aee48cd5/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1'";

const viaCloud = (target: string, line: number) => `This call goes to the stamp: the Azure CLI's active cloud is ${target}, set on line ${line}. Registrations live in Azure; switch to it first (az cloud set --name AzureCloud).`;
const shellRegistration = 'reg=/subscriptions/b6f85aea-d2b3-42e0-bfec-6236aee48cd5/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1';
const azAdd = `az resource create --id "$reg/customerSubscriptions/$customer" --api-version 2017-06-01 --properties '{"tenantId": "'$tenant'"}'`;
const registerStamp = 'az cloud register -n azs-admin --endpoint-resource-manager https://adminmanagement.local.azurestack.external';

ruleTester(rule, {
  valid: [
    { name: 'shell: the Azure CLI on Azure\'s cloud', kind: 'shell', code: `${shellRegistration}\naz cloud set --name AzureCloud\n${azAdd}` },
    { name: 'shell: no az cloud set in the file: the cloud is unknown', kind: 'shell', code: `${shellRegistration}\n${azAdd}` },
    { name: 'shell: back to Azure after the stamp', kind: 'shell', code: `${shellRegistration}\naz cloud set -n AzureStackAdmin\naz group list\naz cloud set -n AzureCloud\n${azAdd}` },
    { name: 'shell: the stamp chosen in one branch', kind: 'shell', code: `${shellRegistration}\naz cloud set -n AzureCloud\nif [ "$ON_STAMP" = 1 ]; then\n  az cloud set -n AzureStackAdmin\nfi\n${azAdd}` },
    { name: 'shell: a loop that chooses the stamp after the call', kind: 'shell', code: `${shellRegistration}\naz cloud set -n AzureCloud\nfor customer in $CUSTOMERS; do\n  ${azAdd}\n  az cloud set -n AzureStackAdmin\ndone` },
    { name: 'shell: a call in a function, whose caller is unknown', kind: 'shell', code: `${shellRegistration}\naz cloud set -n AzureStackAdmin\nadd_tenant() {\n  ${azAdd}\n}` },
    { name: 'shell: a function that chooses Azure is called before the call', kind: 'shell', code: `${shellRegistration}\nuse_azure() {\n  az cloud set -n AzureCloud\n}\naz cloud set -n AzureStackAdmin\nuse_azure\n${azAdd}` },
    { name: 'shell: a sourced file may choose another cloud', kind: 'shell', code: `${shellRegistration}\naz cloud set -n AzureStackAdmin\nsource ./azure.env\n${azAdd}` },
    { name: 'shell: az rest with Azure\'s URL, whatever the cloud', kind: 'shell', code: `${shellRegistration}\naz cloud set -n AzureStackAdmin\naz rest --method get --url "https://management.azure.com$reg/customerSubscriptions?api-version=2017-06-01"` },
    { name: 'shell: a stamp call that is no registration call', kind: 'shell', code: 'az cloud set -n AzureStackAdmin\naz rest --url /subscriptions?api-version=2016-06-01' },
    { name: 'signed in to Azure', kind: 'powershell', code: `${registration}\nConnect-AzAccount -Environment AzureCloud\nNew-AzResource ${tenant}` },
    { name: 'signed in without -Environment (Azure)', kind: 'powershell', code: `${registration}\nConnect-AzAccount -TenantId $tenantId\nNew-AzResource ${tenant}` },
    { name: 'back to Azure after the stamp', kind: 'powershell', code: `${registration}\nAdd-AzAccount -Environment AzureStackAdmin\nGet-AzsTenantSubscription\nConnect-AzAccount -Environment AzureCloud\nNew-AzResource ${tenant}` },
    { name: 'no sign-in in the file: the environment is unknown', kind: 'powershell', code: `${registration}\nNew-AzResource ${tenant}` },
    { name: 'the stamp only in one branch', kind: 'powershell', code: `${registration}\nConnect-AzAccount\nif ($onStamp) { Connect-AzAccount -Environment AzureStackAdmin }\nNew-AzResource ${tenant}` },
    { name: 'a call in a function: its caller is unknown', kind: 'powershell', code: `${registration}\nConnect-AzAccount -Environment AzureStackAdmin\nfunction Add-Tenant {\n  New-AzResource ${tenant}\n}` },
    { name: 'a function that signs in to Azure is called before the call', kind: 'powershell', code: `${registration}\nfunction Use-Azure { Connect-AzAccount -Environment AzureCloud }\nConnect-AzAccount -Environment AzureStackAdmin\nUse-Azure\nNew-AzResource ${tenant}` },
    { name: 'a loop that switches to the stamp after the call', kind: 'powershell', code: `${registration}\nConnect-AzAccount\nforeach ($customer in $customers) {\n  New-AzResource ${tenant}\n  Connect-AzAccount -Environment AzureStackAdmin\n}` },
    { name: 'an environment by a name the file does not define', kind: 'powershell', code: `${registration}\nConnect-AzAccount -Environment $environmentName\nNew-AzResource ${tenant}` },
    { name: 'a stamp call that is no registration call', kind: 'powershell', code: `${registration}\nConnect-AzAccount -Environment AzureStackAdmin\nGet-AzResource -ResourceType Microsoft.Subscriptions.Admin/subscriptions` },
    { name: 'a context selected by a name the file does not sign in', kind: 'powershell', code: `${registration}\nConnect-AzAccount -Environment AzureStackAdmin\nSelect-AzContext -Name partner-azure\nNew-AzResource ${tenant}` },
    { name: 'a ForEach-Object block that signs in to the stamp after the call, in the same block', kind: 'powershell', code: `${registration}\nConnect-AzAccount\n$customers | ForEach-Object {\n  if ($_) { New-AzResource ${tenant} }\n  Connect-AzAccount -Environment AzureStackAdmin\n}` },
    { name: 'signed in to the stamp in a block the call is not in', kind: 'powershell', code: `${registration}\nConnect-AzAccount\nif ($onStamp) {\n  Connect-AzAccount -Environment AzureStackAdmin\n}\nforeach ($c in $customers) { New-AzResource ${tenant} }` },
    { name: 'Invoke-RestMethod to Azure, whatever the environment', kind: 'powershell', code: `${registration}\nConnect-AzAccount -Environment AzureStackAdmin\nInvoke-RestMethod -Method Put -Uri "https://management.azure.com$registration/customerSubscriptions/$customer?api-version=2017-06-01"` },
  ],
  invalid: [
    {
      name: 'shell: a tenant added after az cloud set chose the stamp',
      kind: 'shell',
      code: `${shellRegistration}\n<@az cloud set --name AzureStackAdmin@>\naz login\n<!az resource create!> --id "$reg/customerSubscriptions/$customer" --api-version 2017-06-01 --properties '{"tenantId": "'$tenant'"}'`,
      errors: [{ message: viaCloud('AzureStackAdmin', 2), related: [cloudSetHere] }],
    },
    {
      name: 'shell: az rest with a path, after choosing a cloud the script registers; then its URL named outright',
      kind: 'shell',
      code: `${shellRegistration}\n${registerStamp}\n<@az cloud set -n azs-admin@>\n<!az rest!> --method get --url "$reg/customerSubscriptions?api-version=2017-06-01"\naz cloud set -n AzureCloud\naz rest --method get --url <!"https://adminmanagement.local.azurestack.external$reg/customerSubscriptions?api-version=2017-06-01"!>`,
      errors: [
        { message: viaCloud('azs-admin', 3), related: [cloudSetHere] },
        { message: viaUrl('adminmanagement.local.azurestack.external') },
      ],
    },
    {
      name: 'shell: the stamp chosen at the top, the call inside an if',
      kind: 'shell',
      code: `${shellRegistration}\n<@az cloud set -n AzureStackUser@>\nif [ -n "$customer" ]; then\n  <!az rest!> --method get --url "$reg/customerSubscriptions?api-version=2017-06-01"\nfi`,
      errors: [{ message: viaCloud('AzureStackUser', 2), related: [cloudSetHere] }],
    },
    {
      name: 'a tenant added while signed in to the stamp',
      kind: 'powershell',
      code: `${registration}\n<@Connect-AzAccount@> -Environment AzureStackAdmin -TenantId $tenantId\n<!New-AzResource!> ${tenant}`,
      errors: [{ message: viaEnvironment('AzureStackAdmin', 2), related: [switchedHere] }],
    },
    {
      name: 'AzureRM sign-in to the stamp\'s user environment, the call in a ForEach-Object block',
      kind: 'powershell',
      code: `${registration}\n<@Login-AzureRmAccount@> -EnvironmentName AzureStackUser\n$customers | ForEach-Object {\n  $customer = $_\n  <!New-AzureRmResource!> ${tenant}\n}`,
      errors: [{ message: viaEnvironment('AzureStackUser', 2), related: [switchedHere] }],
    },
    {
      name: 'an environment the script adds, in a loop and a branch after the sign-in',
      kind: 'powershell',
      code: `${registration}\nAdd-AzEnvironment -Name Sthlm -ARMEndpoint https://adminmanagement.sthlm.contoso.com\n<@Connect-AzAccount@> -Environment Sthlm\nforeach ($customer in $customers) {\n  if ($customer) { <!Get-AzResource!> -ResourceId "$registration/customerSubscriptions/$customer" }\n}`,
      errors: [{ message: viaEnvironment('Sthlm', 3), related: [switchedHere] }],
    },
    {
      name: 'a context selected by the name given at the stamp\'s sign-in',
      kind: 'powershell',
      code: `${registration}\nConnect-AzAccount -Environment AzureStackAdmin -ContextName stamp\nConnect-AzAccount -ContextName azure\n<@Select-AzContext@> -Name stamp\n<!Remove-AzResource!> -ResourceId "$registration/customerSubscriptions/$customer" -Force`,
      errors: [{ message: viaEnvironment('stamp', 4), related: [switchedHere] }],
    },
    {
      name: 'signed in to the stamp in a function, the call after it in a block of that function',
      kind: 'powershell',
      code: `${registration}\nConnect-AzAccount\nfunction Add-Tenants {\n  foreach ($c in $customers) {\n    <@Connect-AzAccount@> -Environment AzureStackAdmin\n    if ($c) { <!New-AzResource!> ${tenant} }\n  }\n}\nNew-AzResource ${tenant}`,
      errors: [{ message: viaEnvironment('AzureStackAdmin', 5), related: [switchedHere] }],
    },
    {
      name: 'signed in to Azure in a block of a function, then to the stamp in a block inside it, before the call',
      kind: 'powershell',
      code: `${registration}\nConnect-AzAccount\nfunction Add-Tenants {\n  if ($a) {\n    Connect-AzAccount -Environment AzureCloud\n    if ($b) {\n      <@Connect-AzAccount@> -Environment AzureStackAdmin\n      <!New-AzResource!> ${tenant}\n    }\n  }\n}`,
      errors: [{ message: viaEnvironment('AzureStackAdmin', 7), related: [switchedHere] }],
    },
    {
      name: 'Invoke-RestMethod to the stamp\'s Resource Manager',
      kind: 'powershell',
      code: `${registration}\nInvoke-RestMethod -Method Get -Uri "<!https://adminmanagement.local.azurestack.external$registration/customerSubscriptions?api-version=2017-06-01!>"`,
      errors: [{ message: viaUrl('adminmanagement.local.azurestack.external') }],
    },
  ],
});
