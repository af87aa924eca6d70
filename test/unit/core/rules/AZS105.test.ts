import rule from '../../../../src/core/rules/AZS105';
import { ruleTester } from '../support/ruleTester';

const blank = 'A blank follows this backtick, so it escapes the blank and not the line break: the command ends here, and the next line runs as a command of its own.';
const parameterLine = (parameter: string) => `The line before does not end in a backtick, so PowerShell runs this line as a command named '${parameter}' and the command above gets none of these parameters.`;

ruleTester(rule, {
  valid: [
    { name: 'continuations with a backtick right before the line break', kind: 'powershell', code: 'New-AzResource -ResourceId $azsTenant `\n  -ApiVersion 2017-06-01 `\n  -Force' },
    { name: 'CRLF line breaks after the backticks', kind: 'powershell', code: 'New-AzResource -ResourceId $azsTenant `\r\n  -ApiVersion 2017-06-01\r\n' },
    { name: 'a splatted call on one line', kind: 'powershell', code: '$p = @{ ResourceId = $azsTenant }\nNew-AzResource @p -Force' },
    { name: 'a backtick and a blank in a string', kind: 'powershell', code: '$msg = "customerSubscriptions: ` \n-Force is text"\nWrite-Host $msg' },
    { name: 'a backtick and a blank in a comment', kind: 'powershell', code: '# New-AzResource ` \n# -Force\nGet-AzResource -ResourceId $azsTenant' },
    { name: 'a line that starts with a parameter in a here-string', kind: 'powershell', code: "$help = @'\nNew-AzResource\n-ResourceId azurestack\n'@\nWrite-Host $help" },
    { name: 'an operator at the start of a line inside an expression', kind: 'powershell', code: "$ok = ($a -eq 'azurestack'\n  -and $b)\nif ($ok) { Get-AzResource }" },
    { name: 'a backtick with blanks at the end of the last line', kind: 'powershell', code: 'Get-AzResource -ResourceType Microsoft.AzureStack/registrations ` ' },
    { name: 'a backtick with blanks before an empty line', kind: 'powershell', code: 'Get-AzResource -ResourceType Microsoft.AzureStack/registrations ` \n\nGet-AzContext' },
  ],
  invalid: [
    {
      name: 'a space after the backtick, as web pages leave it',
      kind: 'powershell',
      code: 'New-AzResource -ResourceId $azsTenant `<! !>\n  -ApiVersion 2017-06-01 -Force',
      output: 'New-AzResource -ResourceId $azsTenant `\n  -ApiVersion 2017-06-01 -Force',
      errors: [{ message: blank, data: { trim: true } }],
    },
    {
      name: 'a non-breaking space and a tab after the backtick, before CRLF',
      kind: 'powershell',
      code: 'Set-AzsRegistration -PrivilegedEndpoint AzS-ERCS01 `<!\u00A0\t!>\r\n  -RegistrationName reg1\r\n',
      output: 'Set-AzsRegistration -PrivilegedEndpoint AzS-ERCS01 `\r\n  -RegistrationName reg1\r\n',
      errors: [{ message: blank }],
    },
    {
      name: 'parameters on the next line without a backtick',
      kind: 'powershell',
      code: 'New-AzResource -ResourceId $azsTenant\n  <!-ApiVersion!> 2017-06-01\n  <!-Force!>',
      output: 'New-AzResource -ResourceId $azsTenant `\n  -ApiVersion 2017-06-01 `\n  -Force',
      errors: [
        { message: parameterLine('-ApiVersion'), data: { continueAt: { start: 37, end: 37 } } },
        { message: parameterLine('-Force') },
      ],
    },
    {
      name: 'trailing blanks before the lost continuation are replaced, in an old Mac (CR-only) file',
      kind: 'powershell',
      code: 'Get-AzResource -ResourceType Microsoft.AzureStack/registrations   \r<!-ResourceGroupName!> azurestack\r',
      output: 'Get-AzResource -ResourceType Microsoft.AzureStack/registrations `\r-ResourceGroupName azurestack\r',
      errors: [{ message: parameterLine('-ResourceGroupName') }],
    },
    {
      name: 'an en dash as the parameter dash, copied from a web page',
      kind: 'powershell',
      code: 'Connect-AzAccount -Environment AzureStackAdmin\n<!\u2013TenantId!> $tenant',
      output: 'Connect-AzAccount -Environment AzureStackAdmin `\n\u2013TenantId $tenant',
      errors: [{ message: parameterLine('\u2013TenantId') }],
    },
    {
      name: 'no fix after a line that ends in a comment',
      kind: 'powershell',
      code: 'New-AzResource -ResourceId $azsTenant # the tenant\n<!-Force!>',
      errors: [{ message: parameterLine('-Force') }],
    },
    {
      name: 'a blank after the backtick and the parameter line after it: one finding, at the backtick',
      kind: 'powershell',
      code: 'Remove-AzResource -ResourceId $azsTenant `<!  !>\n    -Force',
      output: 'Remove-AzResource -ResourceId $azsTenant `\n    -Force',
      errors: [{ message: blank }],
    },
  ],
});
