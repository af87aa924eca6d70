# Checks a customer's quota on the stamp, then lists the registration's tenants. Pasted from a runbook page:
# saved without a byte order mark, with the page's dashes, and one line continuation lost on the way.
Connect-AzAccount -Environment AzureStackAdmin
Get-AzResource -ResourceType 'Microsoft.Subscriptions.Admin/subscriptions'
    –ExpandProperties
Get-AzResource -ResourceId '/subscriptions/6d1e3a52-8f0b-4c7e-a1d9-3b5f7c9e2a41/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/sthlm01-payg/customerSubscriptions' -ApiVersion 2017-06-01
