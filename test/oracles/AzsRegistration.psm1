# A stand-in for the registration cmdlet of AzureStack-Tools (Registration/RegisterWithAzure.psm1), for the prediction
# test: Set-AzsRegistration registers the stamp in Azure through ARM's REST API, as the real one does once it has the
# stamp's registration token. The stand-in cannot reach a stamp's privileged endpoint for that token, so it makes one
# itself: for the stamp the registration already belongs to (its cloudId and objectId), or for a new stamp. Its other
# parameters are accepted and not used. Azure's address, the subscription of the signed-in context and a token for it
# come from the environment: AZS_ARM_URL, AZS_SUBSCRIPTION_ID, AZURE_ACCESS_TOKEN.

function Set-AzsRegistration {
    [CmdletBinding()]
    param(
        [pscredential] $PrivilegedEndpointCredential,
        [string] $PrivilegedEndpoint,
        [string] $RegistrationName,
        [string] $ResourceGroupName = 'azurestack',
        [string] $BillingModel = 'Development',
        [string] $AgreementNumber,
        [string] $MsAssetTag,
        [switch] $UsageReportingEnabled,
        [switch] $MarketplaceSyndicationEnabled
    )
    $headers = @{ Authorization = "Bearer $env:AZURE_ACCESS_TOKEN" }
    $uri = "$env:AZS_ARM_URL/subscriptions/$env:AZS_SUBSCRIPTION_ID/resourceGroups/$ResourceGroupName/providers/Microsoft.AzureStack/registrations/${RegistrationName}?api-version=2017-06-01"
    $stamp = try { (Invoke-RestMethod -Uri $uri -Headers $headers).properties } catch { @{ cloudId = [guid]::NewGuid(); objectId = [guid]::NewGuid() } }
    $token = @{ billingModel = $BillingModel; cloudId = "$($stamp.cloudId)"; objectId = "$($stamp.objectId)" } | ConvertTo-Json -Compress
    $body = @{ location = 'global'; properties = @{ registrationToken = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($token)) } } | ConvertTo-Json -Compress
    Invoke-RestMethod -Method Put -Uri $uri -Body $body -ContentType 'application/json' -Headers $headers
}

Export-ModuleMember -Function Set-AzsRegistration
