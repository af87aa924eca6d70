# Registers the Gothenburg stamp and adds its first customer in one go.
$cloudAdmin = Get-Credential -Message 'CloudAdmin of the Gothenburg privileged endpoint'
Set-AzsRegistration -PrivilegedEndpointCredential $cloudAdmin -PrivilegedEndpoint 'GBG-ERCS01' `
    -RegistrationName 'gbg01-payg' -ResourceGroupName 'azurestack' -BillingModel PayAsYouUse

# Northwind Traders
New-AzResource -ResourceId "/subscriptions/b6a1f3c2-4d8e-4f1a-9c37-2e5d0a8b7f14/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/gbg01-pay/customerSubscriptions/ebe9e44b-7495-4b5c-93af-7988af99df01" `
    -ApiVersion 2017-06-01 -Properties @{ tenantId = 'a1b8dbc4-0fc7-49f5-b3ab-4a2f5410876e' } -Force
