#Requires -Modules Az.Accounts, Az.Resources
# Registers the Stockholm stamp with Azure so its usage is billed per customer.
# Run from a machine that reaches the stamp's privileged endpoint.

Connect-AzAccount -Environment AzureCloud -Subscription 'b6a1f3c2-4d8e-4f1a-9c37-2e5d0a8b7f14'

$password = ConvertTo-SecureString 'Winter2026!Stockholm' -AsPlainText -Force
$cloudAdmin = New-Object System.Management.Automation.PSCredential('azurestack\CloudAdmin', $password)

Import-Module .\RegisterWithAzure.psm1
Set-AzsRegistration -PrivilegedEndpointCredential $cloudAdmin `
    -RegistrationName 'sthlm01-payg' `
    -ResourceGroupName 'azurestack' `
    -BillingModel PayAsYouGo
