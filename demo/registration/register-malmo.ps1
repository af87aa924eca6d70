# Registers the disconnected Malmö stamp with the capacity model.
$cloudAdmin = Get-Credential -Message 'CloudAdmin of the Malmö privileged endpoint'
Set-AzsRegistration -PrivilegedEndpointCredential $cloudAdmin -PrivilegedEndpoint 'MLM-ERCS01' `
    -RegistrationName 'mlm01-capacity' -ResourceGroupName 'azurestack' -BillingModel Capacity
