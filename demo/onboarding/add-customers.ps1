# Adds new end customers to the Stockholm registration.
param(
    [string] $RegistrationSubscription = 'b6a1f3c2-4d8e-4f1a-9c37-2e5d0a8b7f14',
    [string] $ResourceGroup = 'azurestack'
)

Login-AzureRmAccount
$registration = "/subscriptions/$RegistrationSubscription/resourceGroups/$ResourceGroup/providers/Microsoft.AzureStack/registrations/sthlm01-payg"

# Northwind Traders
New-AzResource -ResourceId "$registration/customerSubscriptions/ebe9e44b-7495-4b5c-93af-7988af99df01" `
    -ApiVersion 2017-06-01 -Properties @{ tenantId = 'a1b8dbc4-0fc7-49f5-b3ab-4a2f5410876e' } -Force

# Tailspin Toys (copied from the customer's e-mail)
New-AzResource -ResourceId "$registration/customerSubscriptions/{7763A639-13FE-4911-A051-CF2D6849FB3B}" `
    -ApiVersion 2017-06-01 -Properties @{ tenantId = '24a99e12-29e4-4b0f-9b73-2b32863b8039' } -Force

# Wide World Importers: fill in before running
New-AzResource -ResourceId "$registration/customerSubscriptions/<customer subscription id>" `
    -ApiVersion 2016-01-01 -Properties @{ tenantId = '<customer tenant id>' } -Force

# Alpine Ski House was added last year already
New-AzResource -ResourceId "/subscriptions/b6a1f3c2-4d8e-4f1a-9c37-2e5d0a8b7f14/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/sthlm01-payg/customerSubscriptions/ce9c02e4-aafb-4062-97ff-bbaaeca05990" `
    -ApiVersion 2017-06-01 -Properties @{ tenantId = '0583542f-4cd5-413d-8c6e-3438c63be5a9' } -Force
