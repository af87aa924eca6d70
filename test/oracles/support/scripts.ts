// Generated PowerShell for the differential test: calls of the cmdlets our reader knows, written the ways real scripts
// (and text copied from web pages) write them — typographic dashes and quotes, non-breaking spaces, line continuations
// with and without blanks after the backtick, here-strings, splatting, hashtables, interpolation, assignments, nested
// script blocks and functions. Every script is plain data, so fast-check shrinks a disagreement to a short one.
import fc from 'fast-check';

const commands = [
  'New-AzResource', 'Get-AzResource', 'Remove-AzResource', 'New-AzureRmResource', 'Set-AzsRegistration', 'Get-AzsRegistrationToken',
  'Invoke-RestMethod', 'Invoke-AzRestMethod', 'ConvertTo-SecureString',
] as const;
const parameterNames = ['ResourceId', 'ApiVersion', 'Properties', 'Force', 'RegistrationName', 'BillingModel', 'Uri', 'Method', 'Body', 'AsPlainText', 'ResourceGroupName'] as const;
const variables = ['sub', 'rg', 'name', 'params', 'tenant', 'x'] as const;

const dash = fc.constantFrom('-', '-', '-', '\u2013', '\u2014', '\u2015');
const blanks = fc.constantFrom(' ', ' ', '  ', '\t', '\u00A0', ' \u00A0', '\u2003', '\u3000', '\u202F', '\f', '\v', '\u0085');
/** A line continued with a backtick at its very end. */
const continuation = fc.constantFrom(' `\n    ', ' `\r\n\t', '\t`\n  ');
/**
 * A backtick with blanks after it escapes the blank, not the line break: PowerShell ends the command there and reads
 * the next line as a command of its own (named like the parameter that starts it).
 */
const lostContinuation = fc.constantFrom(' `  \n    ', ' `\t\n  ', ' ` \r\n  ');
const lineBreak = fc.constantFrom('\n', '\n', '\r\n', '\r');
const variable = fc.constantFrom(...variables).map((name) => `$${name}`);
/** No colon: after a variable, `name:` would make it a drive-qualified one (`$x:y`). */
const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/]{0,10}$/);
const singleQuote = fc.constantFrom("'", "'", "'", '\u2018', '\u2019', '\u201A', '\u201B');
const doubleQuote = fc.constantFrom('"', '"', '"', '\u201C', '\u201D', '\u201E');

/**
 * Text inside strings: words, blanks, the other kind of quote, braces, characters that mean something elsewhere, and
 * characters outside the BMP (two UTF-16 code units: offsets on both sides count code units).
 */
const plain = fc.oneof(word, fc.constantFrom(' ', '/', '-', '{', '}', '#', ';', '|', '<name>', 'https://host/', '\u2013', '\u00A0', '\u00E9', '\u{1F600}', '\u{1D504}'));

const verbatimString = fc.tuple(singleQuote, fc.array(fc.oneof(plain, fc.constantFrom("''", '$x', '`n', '"', '\u201C')), { maxLength: 5 }), singleQuote)
  .map(([open, parts, close]) => `${open}${parts.join('')}${close}`);

const interpolation = fc.oneof(variable, fc.constantFrom('${sub}', '$(Get-Date)', '$($x.Name)', '$env:HOME', '$script:name'));
/** No `#` after a `$`, a backtick or a doubled quote: see `hash-after-escape` in LIMITS.md. */
const noHashAfterInterpolation = (text: string) => (/(?:[$`]|["\u201C-\u201E]{2})[^]*#/.test(text) ? text.replaceAll('#', '/') : text);
const expandableString = fc.tuple(
  doubleQuote,
  fc.array(fc.oneof(plain, interpolation, fc.constantFrom('`n', '`$x', '`"', '``', '""', "'", '\u2018', '$ ')), { maxLength: 5 }),
  doubleQuote,
).map(([open, parts, close]) => `${open}${noHashAfterInterpolation(parts.join(''))}${close}`);

/** No line that is a lone quote or starts with two, and not only blank lines: see `here-string-quote-line` and `blank-here-string` in LIMITS.md. */
const noQuoteLine = (body: string) => body.replace(/(^|\n)(["'])(?=\n|["']|$)/g, '$1x$2').replace(/^\s*$/, 'x$&');
const hereString = fc.tuple(
  fc.boolean(), fc.constantFrom('', ' ', '\t'), lineBreak,
  fc.array(fc.oneof(plain, interpolation, fc.constantFrom("'", '"', '\n', '`n')), { minLength: 1, maxLength: 5 }),
).map(([expand, trailing, eol, parts]) => {
  const body = noQuoteLine(parts.join(''));
  return expand ? `@"${trailing}${eol}${noHashAfterInterpolation(body)}${eol}"@` : `@'${trailing}${eol}${body}${eol}'@`;
});

/** Starting with a letter: a digit would start a number. */
/** No `$(…)`: see `bare-word-subexpression` in LIMITS.md. */
const bareWord = fc.tuple(word.filter((w) => /^[A-Za-z]/.test(w)), fc.array(fc.oneof(word, variable, fc.constantFrom('${sub}', '$env:HOME', '$script:name', '/', '-', '.', '`$x')), { maxLength: 3 }))
  .map(([first, rest]) => first + rest.join(''));

const hashtable = fc.uniqueArray(fc.tuple(fc.constantFrom('tenantId', 'billingModel', "'key'"), fc.oneof(verbatimString, expandableString, variable)), {
  maxLength: 3, selector: ([key]) => key,
}).map((entries) => `@{ ${entries.map(([key, value]) => `${key} = ${value}`).join('; ')} }`);

/** What an expression may be: on the right of `=`, or a command argument. */
const expression: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: verbatimString },
  { weight: 3, arbitrary: expandableString },
  { weight: 2, arbitrary: variable },
  { weight: 1, arbitrary: hereString },
  { weight: 1, arbitrary: hashtable },
  { weight: 1, arbitrary: fc.constantFrom('42', '(Get-Date)', "@('a', 'b')", '$true', '$x.Name') },
);
const argument = fc.oneof({ weight: 3, arbitrary: bareWord }, { weight: 8, arbitrary: expression });

const parameter = fc.tuple(dash, fc.constantFrom(...parameterNames)).map(([d, name]) => `${d}${name}`);
/** Elements that start with a parameter: the only ones a lost continuation may go before and leave a script PowerShell parses. */
const parameterElement = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(parameter, fc.oneof(blanks, continuation), argument).map(([p, s, v]) => `${p}${s}${v}`) },
  { weight: 1, arbitrary: fc.tuple(parameter, argument).map(([p, v]) => `${p}:${v}`) },
  { weight: 1, arbitrary: parameter },
);
const otherElement = fc.oneof(argument, fc.constantFrom('@params', '@other'));
const element = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.oneof({ weight: 4, arbitrary: blanks }, { weight: 2, arbitrary: continuation }), parameterElement).map(([s, e]) => s + e) },
  { weight: 1, arbitrary: fc.tuple(lostContinuation, parameterElement).map(([s, e]) => s + e) },
  { weight: 2, arbitrary: fc.tuple(fc.oneof({ weight: 4, arbitrary: blanks }, { weight: 1, arbitrary: continuation }), otherElement).map(([s, e]) => s + e) },
);

const command = fc.tuple(fc.constantFrom(...commands), fc.array(element, { maxLength: 5 })).map(([name, elements]) => name + elements.join(''));

const assignment = fc.tuple(fc.constantFrom('', '[string]'), variable, fc.constantFrom(' = ', '=', ' += ', ' = '), fc.oneof(expression, command))
  .map(([cast, name, operator, right]) => `${cast}${name}${operator}${right}`);

const statement: fc.Arbitrary<string> = fc.letrec<{ statement: string }>((tie) => ({
  statement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: command },
    { weight: 3, arbitrary: assignment },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('& {', 'if ($x) {', 'foreach ($item in $list) {', 'function Add-Tenant { param($name = \'reg\')'), lineBreak, tie('statement'), lineBreak)
      .map(([open, eol, inner, eol2]) => `${open}${eol}${inner}${eol2}}`) },
    { weight: 1, arbitrary: command.map((c) => `$result = $(${c})`) },
  ),
})).statement;

/** A script of a few statements. */
export const generatedScript: fc.Arbitrary<string> = fc.tuple(fc.array(fc.tuple(statement, lineBreak), { minLength: 1, maxLength: 5 }))
  .map(([lines]) => lines.map(([s, eol]) => s + eol).join(''));

const registering = 'b6f85aea-d2b3-42e0-bfec-6236aee48cd5';
const tenantPath = `/subscriptions/${registering}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/sthlm-payg/customerSubscriptions/522c7123-ef7e-4403-b678-c8007f715285`;

/** Azure Stack commands with one mistake PowerShell refuses to parse: `kind` says which. */
const brokenCommand = fc.oneof(
  fc.constantFrom(
    `New-AzResource -ResourceId <resource-id> -ApiVersion 2017-06-01 -Properties @{ tenantId = 'd0b9c5a4-7e61-4f3b-9a28-6c1e0f4b7d95' }`,
    'Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint <ERCS VM name> -RegistrationName sthlm-payg',
    `Get-AzResource -ResourceId /subscriptions/${registering}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/sthlm-payg -ApiVersion <api-version>`,
  ).map((line) => ({ kind: 'placeholder', line })),
  fc.constantFrom(
    'Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -RegistrationName:',
    'Set-AzsRegistration -PrivilegedEndpoint AzS-ERCS01 -RegistrationName sthlm-payg -PrivilegedEndpointCredential:',
    'Register-AzsEnvironment -RegistrationName sthlm-payg -RegistrationToken:',
    `New-AzResource -ResourceId '${tenantPath}' -ApiVersion:`,
  ).map((line) => ({ kind: 'missing argument', line })),
  fc.constantFrom(
    `New-AzResource -ResourceId '${tenantPath} -ApiVersion 2017-06-01`,
    `Invoke-RestMethod -Method Put -Uri "https://management.azure.com${tenantPath}?api-version=2017-06-01`,
  ).map((line) => ({ kind: 'unterminated string', line })),
);

/**
 * A script that PowerShell cannot parse: valid statements around one broken Azure Stack command, under a comment
 * that says what it is for (the linter reads only files that mention Azure Stack).
 */
export const brokenScript = fc.tuple(fc.array(fc.tuple(statement, lineBreak), { maxLength: 2 }), brokenCommand, blanks, lineBreak)
  .map(([before, broken, blank, eol]) => ({
    kind: broken.kind,
    text: `# Microsoft.AzureStack tenants${eol}${before.map(([s, b]) => s + b).join('')}${broken.line.replace(/ -/g, `${blank}-`)}${eol}`,
  }));
