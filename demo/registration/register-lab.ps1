# Registers the lab stamp. Nobody remembered the billing model.
$cloudAdmin = Get-Credential -Message 'CloudAdmin of the lab privileged endpoint'
Set-AzsRegistration -PrivilegedEndpointCredential $cloudAdmin -PrivilegedEndpoint 'LAB-ERCS01' `
    -RegistrationName 'lab02-dev' -ResourceGroupName 'azurestack-lab'
