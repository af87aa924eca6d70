# What PowerShell's own parser (System.Management.Automation.Language.Parser) sees in scripts, as JSON: the reference
# the oracle tests compare our reader with. One process serves many scripts: each line on standard input is a JSON
# array of script texts, and each answer is one line of JSON, an array of readings in the same order. Offsets are
# PowerShell's extent offsets, which count UTF-16 code units as JavaScript strings do.
#   pwsh -NoProfile -NonInteractive -File test/oracles/ast.ps1
$ErrorActionPreference = 'Stop'
$utf8 = [System.Text.UTF8Encoding]::new($false)
[Console]::InputEncoding = $utf8
[Console]::OutputEncoding = $utf8
$language = 'System.Management.Automation.Language'
$nonPublic = [System.Reflection.BindingFlags]'NonPublic,Instance'
$formatExpression = "$language.ExpandableStringExpressionAst" -as [type] | ForEach-Object { $_.GetProperty('FormatExpression', $nonPublic) }

function Get-Span($extent) {
    [ordered]@{ start = $extent.StartOffset; end = $extent.EndOffset }
}

# A command argument or a colon-bound parameter value: its kind, where it is and, for strings and constants, what it holds.
function Get-Element($ast) {
    $element = [ordered]@{ type = $ast.GetType().Name -replace 'Ast$', ''; span = Get-Span $ast.Extent }
    switch ($ast) {
        { $_ -is [System.Management.Automation.Language.StringConstantExpressionAst] } {
            $element.stringKind = "$($_.StringConstantType)"
            $element.value = $_.Value
        }
        { $_ -is [System.Management.Automation.Language.ExpandableStringExpressionAst] } {
            $element.stringKind = "$($_.StringConstantType)"
            $element.format = $formatExpression.GetValue($_)
            $element.nested = @($_.NestedExpressions | ForEach-Object { Get-Span $_.Extent })
        }
        { $_ -is [System.Management.Automation.Language.VariableExpressionAst] } {
            $element.variable = $_.VariablePath.UserPath
            $element.splatted = $_.Splatted
        }
    }
    $element
}

function Get-Command($ast) {
    $elements = $ast.CommandElements
    [ordered]@{
        name = $ast.GetCommandName()
        span = Get-Span $ast.Extent
        nameSpan = Get-Span $elements[0].Extent
        elements = @($elements | Select-Object -Skip 1 | ForEach-Object {
                if ($_ -is [System.Management.Automation.Language.CommandParameterAst]) {
                    $parameter = [ordered]@{ type = 'Parameter'; name = $_.ParameterName; span = Get-Span $_.ErrorPosition }
                    if ($_.Argument) { $parameter.argument = Get-Element $_.Argument }
                    $parameter
                } else {
                    Get-Element $_
                }
            })
    }
}

# The variables an assignment binds, through casts and attributes ([string]$name = …) and lists ($a, $b = …); none for
# $a.b or $a[0].
function Get-AssignedVariable($left) {
    while ($left -is [System.Management.Automation.Language.AttributedExpressionAst]) { $left = $left.Child }
    if ($left -is [System.Management.Automation.Language.VariableExpressionAst]) { $left }
    elseif ($left -is [System.Management.Automation.Language.ArrayLiteralAst]) { $left.Elements | ForEach-Object { Get-AssignedVariable $_ } }
}

function Get-Binding($variable, $kind, $operator, $right) {
    $binding = [ordered]@{ kind = $kind; name = $variable.VariablePath.UserPath; at = $variable.Extent.StartOffset }
    if ($operator) { $binding.operator = $operator }
    if ($right) { $binding.rhs = Get-Span $right.Extent }
    $binding
}

function Get-Reading([string] $text) {
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$tokens, [ref]$errors)
    $bindings = foreach ($node in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.AssignmentStatementAst] -or
                $n -is [System.Management.Automation.Language.ForEachStatementAst] -or
                ($n -is [System.Management.Automation.Language.ParameterAst] -and $n.DefaultValue) }, $true)) {
        if ($node -is [System.Management.Automation.Language.AssignmentStatementAst]) {
            foreach ($variable in Get-AssignedVariable $node.Left) { Get-Binding $variable 'assignment' ($node.ErrorPosition.Text) $node.Right }
        } elseif ($node -is [System.Management.Automation.Language.ForEachStatementAst]) {
            Get-Binding $node.Variable 'foreach'
        } else {
            Get-Binding $node.Name 'parameter'
        }
    }
    [ordered]@{
        errors = @($errors | ForEach-Object { [ordered]@{ id = $_.ErrorId; span = Get-Span $_.Extent; message = $_.Message; incomplete = $_.IncompleteInput } })
        commands = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { Get-Command $_ })
        bindings = @($bindings)
        # Where each block's or hashtable's { and } is, in the order of the text (the { of @{ is its second character).
        braces = @($tokens | Where-Object { $_.Kind -in 'LCurly', 'AtCurly', 'RCurly' } | ForEach-Object {
                [ordered]@{ open = $_.Kind -ne 'RCurly'; at = $_.Extent.EndOffset - 1 }
            })
    }
}

while ($null -ne ($line = [Console]::In.ReadLine())) {
    $texts = @(ConvertFrom-Json -InputObject $line)
    $readings = @(foreach ($text in $texts) { Get-Reading $text })
    [Console]::Out.WriteLine((ConvertTo-Json -InputObject $readings -Depth 12 -Compress -EscapeHandling EscapeNonAscii))
    [Console]::Out.Flush()
}
