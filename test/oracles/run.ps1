# Runs PowerShell scripts for the prediction test, one process for all of them: each line on standard input is a JSON
# object { script, env } and each answer one line of JSON { output, errors }, where every error carries the message
# and, for a failed web request, the body Azure answered with. Each script runs in a runspace of its own, with the
# stand-in for AzureStack-Tools' registration cmdlets (AzsRegistration.psm1) imported.
#   pwsh -NoProfile -NonInteractive -File test/oracles/run.ps1
$ErrorActionPreference = 'Stop'
$utf8 = [System.Text.UTF8Encoding]::new($false)
[Console]::InputEncoding = $utf8
[Console]::OutputEncoding = $utf8
$standIn = Join-Path $PSScriptRoot 'AzsRegistration.psm1'

function Get-Failure($record) {
    [ordered]@{ message = "$($record.Exception.Message)"; body = "$($record.ErrorDetails.Message)" }
}

while ($null -ne ($line = [Console]::In.ReadLine())) {
    $request = ConvertFrom-Json -InputObject $line
    foreach ($variable in $request.env.PSObject.Properties) { [Environment]::SetEnvironmentVariable($variable.Name, $variable.Value) }
    $shell = [powershell]::Create()
    $null = $shell.AddCommand('Import-Module').AddParameter('Name', $standIn).AddStatement().AddScript($request.script)
    $failures = @()
    $output = @()
    try {
        $output = @($shell.Invoke())
    } catch {
        # A terminating error: the script's own record is inside the exception the runspace wraps it in.
        $exception = $_.Exception
        while ($exception -and -not $exception.ErrorRecord) { $exception = $exception.InnerException }
        $failures += Get-Failure ($exception ? $exception.ErrorRecord : $_)
    }
    $failures += @($shell.Streams.Error | ForEach-Object { Get-Failure $_ })
    $shell.Dispose()
    $answer = [ordered]@{ output = ($output | Out-String); errors = $failures }
    [Console]::Out.WriteLine((ConvertTo-Json -InputObject $answer -Depth 5 -Compress -EscapeHandling EscapeNonAscii))
    [Console]::Out.Flush()
}
