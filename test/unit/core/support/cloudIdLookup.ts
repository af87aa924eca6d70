// What the CloudDeploymentID lookup (core/fixes.ts cloudIdLookupFix) writes before a tenant operation, for the rule
// tests' expected output.

/** The lookup's lines for registration `name`, read by `readRegistration` (a Get-AzResource call), ending in a newline. */
export function cloudIdLookup(name: string, readRegistration: string, indent = '    '): string {
  return [
    `# Stop unless this stamp is the one registration '${name}' belongs to: its CloudDeploymentID is the registration's cloudId.`,
    "$privilegedEndpoint = Read-Host -Prompt 'Privileged endpoint of this stamp (ERCS VM name or IP address)'",
    "$cloudAdminCredential = Get-Credential -Message 'CloudAdmin account for the privileged endpoint of this stamp'",
    '$pepSession = New-PSSession -ComputerName $privilegedEndpoint -ConfigurationName PrivilegedEndpoint -Credential $cloudAdminCredential',
    'try {',
    `${indent}$stampCloudId = (Invoke-Command -Session $pepSession -ScriptBlock { Get-AzureStackStampInformation }).CloudID`,
    '} finally {',
    `${indent}Remove-PSSession $pepSession`,
    '}',
    `$registrationCloudId = (${readRegistration}).Properties.cloudId`,
    'if ($stampCloudId -ne $registrationCloudId) {',
    `${indent}throw "This stamp's CloudDeploymentID $stampCloudId is not the cloudId $registrationCloudId of registration '${name}': use this stamp's registration."`,
    '}',
    '',
  ].join('\n');
}

/** How the lookup reads a registration given by its resource ID. */
export const byId = (id: string): string => `Get-AzResource -ResourceId "${id}" -ApiVersion 2017-06-01`;
