# Demo: a registration script with a retired cmdlet
Login-AzureRmAccount
