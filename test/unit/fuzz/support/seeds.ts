// Realistic documents the fuzzer starts from: what CSPs and operators write to register a stamp and add or remove
// tenants, in each kind of file the linter reads. Each is mostly right, with a few of the mistakes the rules look for,
// so that mutations reach every parser and most rules. Names and GUIDs are made up.
import type { DocumentKind } from '../../../../src/core/lint';

export interface Seed {
  /** File name, which also tells the CLI the kind. */
  name: string;
  kind: DocumentKind;
  text: string;
}

const registrationSubscription = '5d0c7a3e-91b2-4f6d-a8e4-2c7b19f0d6a1';
const customers = ['e27f4b90-3c1d-4a6e-b5f8-0d9c2a7e6b13', '71c3e8a4-5b2f-4d90-9e6a-c4b1f0872d35'];
const tenants = ['0b6e2d9f-8a41-4c37-b2e5-f9d1a6c30e84', 'a94d1f6b-27ce-4e05-8b3a-6f0c5d29e7b1'];
const cloudId = '3c8e5a17-f20b-4d96-9a4c-7e1b0d62f5a8';
const registrationPath = `/subscriptions/${registrationSubscription}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/azs-north`;

const registerScript = `#Requires -Modules Az.Accounts, Az.Resources
<#
.SYNOPSIS
    Registers the north stamp with Azure for pay-as-you-use billing, so that tenants can be added.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string]$PrivilegedEndpoint,
    [string]$ResourceGroupName = 'azurestack',
    [switch]$Reregister
)

Import-Module .\\RegisterWithAzure.psm1 -Force
Connect-AzAccount -Environment AzureCloud -Subscription '${registrationSubscription}' | Out-Null
$cloudAdmin = Get-Credential -UserName 'AZURESTACK\\CloudAdmin' -Message "CloudAdmin of $PrivilegedEndpoint"

$session = New-PSSession -ComputerName $PrivilegedEndpoint -ConfigurationName PrivilegedEndpoint -Credential $cloudAdmin
try {
    $stamp = Invoke-Command -Session $session -ScriptBlock { Get-AzureStackStampInformation }
    Write-Host "CloudDeploymentID: $($stamp.CloudID)"
} finally {
    Remove-PSSession $session
}

$registration = @{
    PrivilegedEndpointCredential = $cloudAdmin
    PrivilegedEndpoint           = $PrivilegedEndpoint
    RegistrationName             = 'azs-north'
    ResourceGroupName            = $ResourceGroupName
    BillingModel                 = 'PayAsYouUse'
    UsageReportingEnabled        = $true
}
Set-AzsRegistration @registration -Reregister:$Reregister

# The registration must show the stamp's CloudDeploymentID before any tenant is added.
$resource = Get-AzResource -ResourceId "${registrationPath}" -ApiVersion 2017-06-01
if ($resource.Properties.cloudId -ne $stamp.CloudID) {
    throw "Registration $($resource.Name) belongs to another stamp ($($resource.Properties.cloudId))"
}
`;

const tenantScript = `# Adds and removes end customers (tenants) of the north registration. Run after Register-North.ps1.
$subscriptionId = '${registrationSubscription}'
$resourceGroup = 'azurestack'
$registrationName = 'azs-north'
$registrationId = "/subscriptions/$subscriptionId/resourceGroups/$resourceGroup/providers/Microsoft.AzureStack/registrations/$registrationName"

$customers = @(
    @{ Name = 'Fabrikam'; SubscriptionId = '${customers[0]}'; TenantId = '${tenants[0]}' }
    @{ Name = 'Tailspin'; SubscriptionId = '${customers[1]}'; TenantId = '${tenants[1]}' }
)

foreach ($customer in $customers) {
    $resourceId = "$registrationId/customerSubscriptions/$($customer.SubscriptionId)"
    $existing = Get-AzResource -ResourceId $resourceId -ApiVersion 2017-06-01 -ErrorAction SilentlyContinue
    if ($null -eq $existing) {
        New-AzResource -ResourceId $resourceId -ApiVersion 2017-06-01 -Properties @{ tenantId = $customer.TenantId } -Force | Out-Null
        Write-Host ("Added {0} ({1})" -f $customer.Name, $customer.SubscriptionId)
    }
}

# Contoso left at the end of the quarter.
Remove-AzResource -ResourceId "$registrationId/customerSubscriptions/00000000-0000-0000-0000-000000000000" -ApiVersion 2017-06-01 -Force

# Lists what is left.
Get-AzResource -ResourceId "$registrationId/customerSubscriptions" -ApiVersion 2017-06-01 |
    Select-Object Name, @{ n = 'TenantId'; e = { $_.Properties.tenantId } } |
    Format-Table -AutoSize
`;

const legacyScript = `# Old onboarding script, still on AzureRM.
Login-AzureRmAccount -EnvironmentName AzureCloud
Select-AzureRmSubscription -SubscriptionId '<your-subscription-id>'

$password = ConvertTo-SecureString 'Summer2024!' -AsPlainText -Force
$cloudAdmin = New-Object System.Management.Automation.PSCredential ('AZURESTACK\\CloudAdmin', $password)

Set-AzsRegistration -PrivilegedEndpointCredential $cloudAdmin -PrivilegedEndpoint 'AzS-ERCS01' -BillingModel Capacity -RegistrationName 'azs-south'

$body = @"
{ "properties": { "tenantId": "${tenants[0]}" } }
"@
New-AzureRmResource -ResourceId "/subscriptions/{subscriptionId}/resourceGroups/azurestack/providers/Microsoft.AzureStackHCI/registrations/azs-south/customerSubscriptions/${customers[0]}" \`
    -ApiVersion 2016-01-01 -Properties @{ tenantId = 'not-a-tenant' }
Invoke-RestMethod -Method Put -Uri "https://management.azure.com${registrationPath}/customerSubscriptions/${customers[1]}?api-version=2017-06-01" -Body $body -ContentType 'application/json'
`;

const template = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  // Registers a stamp and adds its first tenants in one deployment.
  "parameters": {
    "registrationName": { "type": "string", "defaultValue": "azs-north" },
    "registrationToken": { "type": "securestring" },
    "billingModel": { "type": "string", "allowedValues": [ "PayAsYouUse", "Capacity", "Development" ], "defaultValue": "PayAsYouUse" },
    "customers": {
      "type": "array",
      "defaultValue": [
        { "subscriptionId": "${customers[0]}", "tenantId": "${tenants[0]}" },
        { "subscriptionId": "${customers[1]}", "tenantId": "${tenants[1]}" }
      ]
    }
  },
  "variables": {
    "apiVersion": "2017-06-01",
    "registrationId": "[resourceId('Microsoft.AzureStack/registrations', parameters('registrationName'))]"
  },
  "resources": [
    {
      "type": "Microsoft.AzureStack/registrations",
      "apiVersion": "[variables('apiVersion')]",
      "name": "[parameters('registrationName')]",
      "location": "global",
      "properties": { "registrationToken": "[parameters('registrationToken')]", "billingModel": "[parameters('billingModel')]" }
    },
    {
      "type": "Microsoft.AzureStack/registrations/customerSubscriptions",
      "apiVersion": "2017-06-01",
      "name": "[concat(parameters('registrationName'), '/', parameters('customers')[copyIndex()].subscriptionId)]",
      "copy": { "name": "tenants", "count": "[length(parameters('customers'))]" },
      "dependsOn": [ "[variables('registrationId')]" ],
      "properties": { "tenantId": "[parameters('customers')[copyIndex()].tenantId]" }
    },
    {
      "type": "Microsoft.AzureStack/registrations/customerSubscriptions",
      "apiVersion": "2016-01-01",
      "name": "[concat(parameters('registrationName'), '/not-a-guid')]",
      "dependsOn": [ "[variables('registrationId')]" ],
      "properties": { }
    },
  ],
  "outputs": {
    "registration": { "type": "string", "value": "[variables('registrationId')]" }
  }
}
`;

const parameters = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "registrationName": { "value": "azs-north" },
    "registrationToken": { "reference": { "keyVault": { "id": "/subscriptions/${registrationSubscription}/resourceGroups/secrets/providers/Microsoft.KeyVault/vaults/azs-kv" }, "secretName": "registration-token" } },
    "billingModel": { "value": "PayAsYouGo" }
  }
}
`;

const savedResponse = `{
  "value": [
    {
      "id": "${registrationPath}",
      "name": "azs-north",
      "type": "Microsoft.AzureStack/registrations",
      "location": "global",
      "etag": "\\"0500d4b1-0000-0100-0000-65f2c1a70000\\"",
      "properties": { "objectId": "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b", "cloudId": "${cloudId}", "billingModel": "Development" }
    }
  ],
  "nextLink": "https://management.azure.com/subscriptions/${registrationSubscription}/providers/Microsoft.AzureStack/registrations?api-version=2017-06-01&$skipToken=b2Zmc2V0PTE"
}
`;

const requests = `# Tenants of the north registration, through the REST Client extension.
@arm = https://management.azure.com
@subscription = ${registrationSubscription}
@registration = /subscriptions/{{subscription}}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/azs-north
@token = {{$aadToken}}

### Read the registration and its cloudId
GET {{arm}}{{registration}}?api-version=2017-06-01
Authorization: Bearer {{token}}

### Add Fabrikam
PUT {{arm}}{{registration}}/customerSubscriptions/${customers[0]}
    ?api-version=2017-06-01
Authorization: Bearer {{token}}
Content-Type: application/json

{
  "properties": {
    "tenantId": "${tenants[0]}"
  }
}

### Add Tailspin (tenant still to be filled in)
PUT {{arm}}{{registration}}/customerSubscriptions/${customers[1]}?api-version=2022-06-01
Content-Type: application/json

{ "properties": { "tenantId": "<tenant id>" } }

### List the tenants
GET {{arm}}{{registration}}/customerSubscriptions?api-version=2016-01-01

### Remove Contoso
DELETE {{arm}}{{registration}}/customerSubscriptions/{{contosoSubscription}}?api-version=2017-06-01 HTTP/1.1
`;

const shellScript = `#!/usr/bin/env bash
# Adds one customer to the north registration with the Azure CLI: ./add-tenant.sh <subscription> <tenant>
set -euo pipefail

SUBSCRIPTION="${registrationSubscription}"
RESOURCE_GROUP=azurestack
REGISTRATION='azs-north'
CUSTOMER="\${1:?customer subscription}"
TENANT=$2
ARM="https://management.azure.com"
REGISTRATION_ID="/subscriptions/$SUBSCRIPTION/resourceGroups/$RESOURCE_GROUP/providers/Microsoft.AzureStack/registrations/$REGISTRATION"

az login --service-principal -u "$AZ_CLIENT_ID" -p "$AZ_CLIENT_SECRET" --tenant "$AZ_TENANT" > /dev/null
az account set --subscription "$SUBSCRIPTION"

# Already there?
if az rest --method get --url "$ARM$REGISTRATION_ID/customerSubscriptions/$CUSTOMER?api-version=2017-06-01" > /dev/null 2>&1; then
  echo "already added"; exit 0
fi

az rest --method put \\
  --url "$ARM$REGISTRATION_ID/customerSubscriptions/$CUSTOMER?api-version=2017-06-01" \\
  --body "{\\"properties\\": {\\"tenantId\\": \\"$TENANT\\"}}"

az resource create --ids "$REGISTRATION_ID/customerSubscriptions/${customers[1]}" --api-version 2016-01-01 \\
  --properties '{"tenantId": "${tenants[1]}"}'
az resource delete --ids "/subscriptions/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/azs-north/customerSubscriptions/${customers[0]}" --api-version 2017-06-01
`;

/** A runbook in Markdown: its steps as code blocks of each language, one fence indented in a list, one not closed. */
const runbook = `# Onboard a customer to the north stamp

<!-- azs-disable AZS501 -->
1. Add the customer in Azure:

   \`\`\`powershell
${tenantScript.split('\n').slice(0, 12).map((line) => `   ${line}`).join('\n')}
   \`\`\`

2. Or send the request yourself:

~~~http
${requests.split('###')[1] ?? ''}
~~~

3. The registration as Azure shows it:

\`\`\`json
${savedResponse}
\`\`\`

\`\`\`\`bash
${shellScript}`;

export const seeds: readonly Seed[] = [
  { name: 'Register-North.ps1', kind: 'powershell', text: registerScript },
  { name: 'Manage-Tenants.ps1', kind: 'powershell', text: tenantScript },
  { name: 'Onboard-Legacy.ps1', kind: 'powershell', text: legacyScript },
  { name: 'azuredeploy.json', kind: 'json', text: template },
  { name: 'azuredeploy.parameters.json', kind: 'json', text: parameters },
  { name: 'registrations.json', kind: 'json', text: savedResponse },
  { name: 'tenants.http', kind: 'http', text: requests },
  { name: 'add-tenant.sh', kind: 'shell', text: shellScript },
  { name: 'runbook.md', kind: 'markdown', text: runbook },
];
