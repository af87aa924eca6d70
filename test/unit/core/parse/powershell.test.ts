import * as assert from 'node:assert/strict';
import { locate, type FileFacts, type ParameterUse, type Value } from '../../../../src/core/facts';
import { PowerShellParser, asPowerShellReads, powerShellFacts, treeEdits } from '../../../../src/core/parse/powershell';
import { customer, registrationId } from '../support/ids';
import { registrations, show, tenantOperations, textAt } from '../support/facts';
import { testWasmDir } from '../support/wasm';

async function facts(text: string): Promise<FileFacts> {
  const parser = await PowerShellParser.load(testWasmDir());
  const tree = parser.parse(text);
  assert.ok(tree);
  try {
    return powerShellFacts(text, tree);
  } finally {
    tree.delete();
  }
}

/** The value of -Name passed to the last `Get-AzResource` in the script. */
async function nameArgument(script: string): Promise<string> {
  const found = await facts(`${script}\nGet-AzResource -Name $probe`);
  const cmdlet = found.cmdlets.at(-1);
  return show(cmdlet?.parameters.find((p) => p.name === 'Name')?.value);
}

describe('parse/powershell', () => {
  it('loads the runtime once per folder', async () => {
    const [a, b] = await Promise.all([PowerShellParser.load(testWasmDir()), PowerShellParser.load(testWasmDir())]);
    assert.equal(a, b);
  });

  it('rejects a folder without the wasm files', async () => {
    await assert.rejects(PowerShellParser.load('/nonexistent-wasm-folder'));
  });

  describe('variables', () => {
    it('resolves a simple assignment and interpolation into later uses', async () => {
      assert.equal(await nameArgument("$rg = 'azurestack'\n$probe = \"reg-$rg-${rg}\""), 'reg-azurestack-azurestack');
    });

    it('takes the nearest earlier top-level assignment', async () => {
      assert.equal(await nameArgument("$probe = 'one'\nGet-AzResource -Name $probe\n$probe = 'two'"), 'two');
      const found = await facts("$probe = 'one'\nGet-AzResource -Name $probe\n$probe = 'two'\nGet-AzResource -Name $probe");
      assert.deepEqual(found.cmdlets.map((c) => show(c.parameters[0].value)), ['one', 'two']);
    });

    it('gives each use the last of many top-level assignments before it, and none before the first', async () => {
      const assigned = Array.from({ length: 9 }, (_, i) => `$probe = 'v${i}'\nGet-AzResource -Name $probe`);
      const found = await facts(['Get-AzResource -Name $probe', ...assigned, "$probe = 'last'"].join('\n'));
      assert.deepEqual(found.cmdlets.map((c) => show(c.parameters[0].value)), ['?', ...assigned.map((_, i) => `v${i}`)]);
    });

    it('leaves values unknown where the file does not make them certain', async () => {
      assert.equal(await nameArgument("if ($x) { $probe = 'a' } else { $probe = 'b' }"), '?', 'assigned in two branches');
      assert.equal(await nameArgument('foreach ($probe in $names) { }'), '?', 'a loop variable');
      assert.equal(await nameArgument("param([string]$probe = 'default')"), '?', 'a parameter');
      assert.equal(await nameArgument("$probe = 'a'\n$probe += 'b'"), '?', 'a compound assignment');
      assert.equal(await nameArgument('$probe = Get-Date'), '?', 'a command result');
      assert.equal(await nameArgument('$probe = $env:REGISTRATION'), '?', 'an environment variable');
      assert.equal(await nameArgument('$probe = "$probe-x"'), '?-x', 'a variable defined by itself');
      assert.equal(await nameArgument('$probe = "a$(Get-Date)b"'), 'a?b', 'a subexpression');
    });

    it('keeps each function to its own variables, and lets functions read the script\'s', async () => {
      const script = [
        "$prefix = 'reg'",
        "function One { $probe = \"$prefix-one\"\n Get-AzResource -Name $probe }",
        "function Two { $probe = 'two'\n if ($x) { $other = 1 }\n Get-AzResource -Name $probe }",
        'Get-AzResource -Name $probe',
      ].join('\n');
      const found = await facts(script);
      assert.deepEqual(found.cmdlets.map((c) => show(c.parameters[0].value)), ['reg-one', 'two', '?']);
    });

    it('resolves one assignment inside a block and scoped names', async () => {
      assert.equal(await nameArgument("if ($ready) { $probe = 'inner' }"), 'inner');
      assert.equal(await nameArgument("$script:probe = 'scoped'"), 'scoped');
    });

    it('finds placeholders in strings assigned on their own, in a script with a syntax error elsewhere too', async () => {
      const script = "$id = '<subscription id>'\n$n = \"{name}\"\nfunction g { $t = '[tenant]'; Get-AzResource -ResourceId $id -Name $n -ResourceGroupName $t }";
      const read = (found: FileFacts, text: string) => found.values.map((v) => `${show(v)}@${textAt(text, v.span)}`);
      const expected = ['<subscription id>@$id', '{name}@$n', '[tenant]@$t', '<subscription id>@<subscription id>', '{name}@{name}', '[tenant]@[tenant]'];
      assert.deepEqual(read(await facts(script), script), expected);
      const broken = `${script}\nif ($x) {`;
      assert.deepEqual(read(await facts(broken), broken), expected);
    });

    it('locates a resolved value at the assignment and a slice of it at the use', async () => {
      const text = `$name = 'reg-west'\nNew-AzResource -ResourceId "${registrationId.replace('reg1', '$name')}/customerSubscriptions/${customer}" -ApiVersion 2017-06-01`;
      const [operation] = (await facts(text)).tenantOperations;
      const name = operation.registration.name;
      assert.ok(name);
      assert.equal(textAt(text, locate(name, 0, name.text.length)), 'reg-west', 'where to fix');
      assert.equal(textAt(text, name.span), '$name', 'where it is used');
    });
  });

  describe('commands', () => {
    it('binds named, colon-bound and switch parameters, and positional arguments', async () => {
      const [cmdlet] = (await facts('Set-AzsRegistration -UsageReportingEnabled:$false -MarketplaceSyndicationEnabled reg1 -RegistrationName "r`"1"')).cmdlets;
      assert.deepEqual(cmdlet.parameters.map((p) => `${p.name}=${show(p.value)}`), ['UsageReportingEnabled=$false', 'MarketplaceSyndicationEnabled=-', 'RegistrationName=r"1']);
      assert.deepEqual(cmdlet.positional.map(show), ['reg1']);
    });

    it('expands a splatted hashtable into parameters, and marks one it cannot see', async () => {
      const [known, unseen] = (await facts("$p = @{ RegistrationName = 'reg1'; 'BillingModel' = 'Capacity' }\nSet-AzsRegistration @p -AgreementNumber 7\nSet-AzsRegistration @q")).cmdlets;
      assert.deepEqual(known.parameters.map((p) => `${p.name}=${show(p.value)}`), ['RegistrationName=reg1', 'BillingModel=Capacity', 'AgreementNumber=7']);
      assert.equal(known.unresolvedSplat, false);
      assert.equal(unseen.unresolvedSplat, true);
    });

    it('does not take cmdlet names in strings or comments for calls', async () => {
      const found = await facts('# Set-AzsRegistration\nWrite-Host "New-AzureRmResource -ResourceId x"\n<# Login-AzureRmAccount #>\n$s = \'Get-AzureRmResource\'');
      assert.deepEqual(found.cmdlets.map((c) => c.name), []);
    });

    it('takes a known cmdlet name in any case, and no longer word that only contains one', async () => {
      const names = ['get-azresource', 'INVOKE-RESTMETHOD', 'Stop-AzureRmVM', 'Import-Module', 'Get-AzResourceGroup', 'xGet-AzResource', 'My-Get-AzResource', 'Get-AzResource-x', '_Set-AzsRegistration', '9Set-AzsRegistration', 'Invoke-AzRestMethods'];
      const found = await facts(names.map((name) => `${name} -Name a`).join('\n'));
      assert.deepEqual(found.cmdlets.map((c) => c.name), ['get-azresource', 'INVOKE-RESTMETHOD', 'Stop-AzureRmVM', 'Import-Module']);
    });

    it('reads the same commands from a script with a syntax error elsewhere, and a command that is its name alone', async () => {
      const script = "Get-AzResource\n& Get-AzResource -Name a\nif ($x) { New-AzResource -ResourceId \"$($r.Id)/x\" -Properties @{ tenantId = 't' } | Out-Null }";
      const parameter = (p: ParameterUse): string => `${p.name}=${show(p.value)}${p.entries ? `{${p.entries.map(parameter).join(' ')}}` : ''}`;
      const read = (found: FileFacts) => found.cmdlets.map((c) => `${textAt(script, c.nameSpan)} ${textAt(script, c.span)} ${c.parameters.map(parameter).join(' ')}`);
      const clean = await facts(script);
      assert.equal(clean.syntaxErrors, false);
      assert.deepEqual(read(clean), [
        'Get-AzResource Get-AzResource ',
        'New-AzResource New-AzResource -ResourceId "$($r.Id)/x" -Properties @{ tenantId = \'t\' } ResourceId=?/x Properties=?{tenantId=t}',
      ]);
      const id = clean.cmdlets[1].parameters[0].value;
      assert.ok(id);
      assert.equal(textAt(script, locate(id, 0, 1)), '$($r.Id)', 'the sub-expression, where the unknown part comes from');
      const broken = await facts(`${script}\nfunction f {`);
      assert.equal(broken.syntaxErrors, true);
      assert.deepEqual(read(broken), read(clean));
      const brokenId = broken.cmdlets[1].parameters[0].value;
      assert.ok(brokenId);
      assert.equal(textAt(script, locate(brokenId, 0, 1)), '$($r.Id)');
    });

    it('reads arguments from the text as from the tree: placeholders in strings and words, none in a variable or a redirection', async () => {
      // Each command here has no syntax error and only plain tokens: its arguments are read from the text (psCommandLexer).
      const script = "$registrationsX = 'r'\nNew-AzResource -ResourceId \"/subscriptions/$sub/resourceGroups/<resource group>/providers/Microsoft.AzureStack/registrations/$registrationsX\" -Properties @{ tenantId = '<tenant id>'; Name = $x.Name } -Force\nSet-AzsRegistration -PrivilegedEndpoint <ERCS VM> -RegistrationName < a>";
      const found = await facts(script);
      const id = '/subscriptions/?/resourceGroups/<resource group>/providers/Microsoft.AzureStack/registrations/r';
      assert.deepEqual(found.cmdlets.map((c) => c.parameters.map((p) => `${p.name}=${show(p.value)}${p.entries ? `{${p.entries.map((e) => `${e.name}=${show(e.value)}`).join(' ')}}` : ''}`)), [
        [`ResourceId=${id}`, 'Properties=?{tenantId=<tenant id> Name=?}', 'Force=-'],
        ['PrivilegedEndpoint=?', 'RegistrationName=-'],
      ]);
      // Each argument's value once: the placeholders found in its string add nothing to what the cmdlet lists.
      assert.deepEqual(found.values.filter((v) => show(v).includes('<')).map(show), [id, '<tenant id>', '<ERCS VM>'], 'the input redirection `< a>` is no argument');
      assert.equal(found.resourceIds.length, 1, 'the registration path in the string once (the request lists it), and none in its variable `$registrationsX`');
    });

    it("reads a script's leading lines of plain statements from the text as the tree reads them", async () => {
      const body = [
        "$registrationName = '<registration name>'",
        "$unused = '<only shown>'",
        "$customer1 = '{customerSubscriptionId}'",
        'New-AzResource -ResourceId "/subscriptions/$sub/resourceGroups/<resource group>/providers/Microsoft.AzureStack/registrations/$registrationName/customerSubscriptions/$customer1" -Properties @{ tenantId = \'<tenant id>\' } -Force',
        'Set-AzsRegistration -PrivilegedEndpoint <ERCS VM> -RegistrationName $registrationName -BillingModel PayAsYouUse',
        'Write-Host "$unused"',
        '$name = $registrationName',
        'Get-AzResource -Name $name',
      ].join('\n');
      // The same offsets either way: a comment line, which the lines are read after, or a block comment, which stops that.
      const fromText = await facts(`# abcdefg\n${body}`);
      const fromTree = await facts(`<# abc #>\n${body}`);
      // Values as their text, segments and span (a lazy value's other fields say how far it was worked out).
      const isValue = (v: unknown): v is Value => typeof v === 'object' && v !== null && 'text' in v && 'segments' in v && 'span' in v;
      const plain = (_: string, v: unknown) => (isValue(v) ? { text: v.text, segments: v.segments, span: { start: v.span.start, end: v.span.end } } : v);
      assert.equal(JSON.stringify(fromText, plain), JSON.stringify(fromTree, plain));
      const texts = fromText.values.map((v) => v.text);
      assert.ok(texts.includes('{customerSubscriptionId}'), 'a placeholder assigned to a variable that a command uses');
      assert.ok(!texts.includes('<only shown>'), 'none assigned to a variable that only a display command uses');
      assert.equal(fromText.cmdlets.length, 3);
    });

    it('reads a tenant addition written with -ResourceType and -ResourceName', async () => {
      const found = await facts(`New-AzResource -ResourceType Microsoft.AzureStack/registrations/customerSubscriptions -ResourceName "reg1/${customer}" -ResourceGroupName azurestack -ApiVersion 2017-06-01 -Properties @{ tenantId = 'x' }`);
      assert.deepEqual(tenantOperations(found), [`add ?/azurestack/reg1 customer=${customer} tenant=x`]);
      assert.deepEqual(found.resourceIds, [], 'a path put together from parts is not judged as written text');
    });

    it('reads the body of a REST call from a here-string', async () => {
      const text = `Invoke-AzRestMethod -Method PUT -Path "${registrationId}/customerSubscriptions/${customer}?api-version=2017-06-01" -Payload @'\n{"properties": {"tenantId": "t-1"}}\n'@`;
      const found = await facts(text);
      assert.deepEqual(tenantOperations(found), [`add 3f2b8c1e-7d4a-4b9e-8f21-6a5c0d9e1b47/azurestack/reg1 customer=${customer} tenant=t-1`]);
      const tenantId = found.tenantOperations[0].tenantId;
      assert.ok(tenantId);
      assert.equal(textAt(text, locate(tenantId, 0, 3)), 't-1');
    });

    it('declares registrations, with the cmdlet defaults', async () => {
      const found = await facts("Set-AzsRegistration -RegistrationName reg1\n$t = Get-AzsRegistrationToken -BillingModel Capacity\nRegister-AzsEnvironment -RegistrationToken $t -RegistrationName reg2 -ResourceGroupName rg2");
      assert.deepEqual(registrations(found), ['-/azurestack/reg1 billing=Development (default)', '-/rg2/reg2 billing=Capacity']);
    });

    it('reads a token request after Register-AzsEnvironment, and keeps the registrations in the order of the text', async () => {
      const found = await facts("Register-AzsEnvironment -RegistrationToken $t -RegistrationName reg2 -ResourceGroupName rg2\nSet-AzsRegistration -RegistrationName reg1\n$t = Get-AzsRegistrationToken -BillingModel Capacity");
      assert.deepEqual(registrations(found), ['-/rg2/reg2 billing=Capacity', '-/azurestack/reg1 billing=Development (default)']);
    });
  });

  describe('as PowerShell reads it (the differential test in test/oracles compares with PowerShell itself)', () => {
    /** Each cmdlet as `name param=value … positional`. */
    const calls = async (text: string) => (await facts(text)).cmdlets.map((c) =>
      [c.name, ...c.parameters.map((p) => `${p.name}=${show(p.value)}`), ...c.positional.map(show)].join(' '));

    it('rewrites only characters, one for one, so offsets hold', () => {
      const text = 'New-AzResource\u00A0\u2013Name \u2018a\u2019 `  \n-Force\tx${y}\r\u201Cb\u201D';
      const read = asPowerShellReads(text);
      assert.equal(read.length, text.length);
      assert.equal(read, "New-AzResource -Name 'a'    \n_Force x$_y_\n\"b\"");
    });

    it('takes non-breaking and other Unicode spaces, tabs and typographic dashes and quotes as PowerShell does', async () => {
      assert.deepEqual(await calls('Get-AzResource\u00A0\u2013Name\u2003\u201Creg-1\u201D\t\u2014ResourceGroupName\u3000\u2018rg\u2019'), ['Get-AzResource Name=reg-1 ResourceGroupName=rg']);
    });

    it('ends a command where a backtick has blanks after it: the next line is a command of its own', async () => {
      const found = await calls('Set-AzsRegistration -RegistrationName reg1 ` \n  -BillingModel PayAsYouUse\nGet-AzResource -Name x');
      assert.deepEqual(found, ['Set-AzsRegistration RegistrationName=reg1', 'Get-AzResource Name=x']);
      assert.deepEqual(await calls('Set-AzsRegistration -RegistrationName reg1 `\n  -BillingModel PayAsYouUse'), ['Set-AzsRegistration RegistrationName=reg1 BillingModel=PayAsYouUse']);
    });

    it('reads a backtick before blanks at the end of a line in a string as an escape, where the code shows blanks', async () => {
      assert.deepEqual(await calls('Get-AzResource -Name "a ` \nb"'), ['Get-AzResource Name=a  \nb']);
    });

    it('reads old Mac line breaks (a lone CR) as line breaks, in code and in here-strings', async () => {
      assert.deepEqual(await calls("Get-AzResource -Name a\rGet-AzResource -Name @'\rb\r'@"), ['Get-AzResource Name=a', 'Get-AzResource Name=b']);
    });

    it('expands variables in bare words, braced ones too, and keeps `#` lines of here-strings as text', async () => {
      const found = await calls(`$sub = 's1'\nGet-AzResource -ResourceId /subscriptions/$sub/x\${sub}y -Name @"\n# $($x.Name) $sub\n"@`);
      assert.deepEqual(found, ['Get-AzResource ResourceId=/subscriptions/s1/xs1y Name=# ? s1']);
    });

    it('reads a splat after a parameter as a splat, never as its value', async () => {
      const [cmdlet] = (await facts("$p = @{ Name = 'n' }\nGet-AzResource -ResourceId @p")).cmdlets;
      assert.deepEqual(cmdlet.parameters.map((p) => `${p.name}=${show(p.value)}`), ['ResourceId=-', 'Name=n']);
    });

    it('reads a variable after a drive or scope on through further colons, as PowerShell does', async () => {
      assert.deepEqual(await calls('Get-AzResource -Name "$env:HOME:x/$a::b"'), ['Get-AzResource Name=?/?::b']);
    });
  });

  it('notes a CloudDeploymentID check written with any letters that lower-case to its words', async () => {
    assert.equal((await facts('Get-AzureStac\u212AStampInformation')).checksCloudId, true, 'a Kelvin sign lower-cases to k');
    assert.equal((await facts('$stamp.CLOUDDEPLOYMENTID')).checksCloudId, true);
    assert.equal((await facts('$stamp.Cloud\u0130d')).checksCloudId, false, 'a dotted capital I lower-cases to two characters');
    assert.equal((await facts('Connect-AzAccount -Environment AzureCloud')).checksCloudId, false);
  });

  it('reads suppression comments, line and block, and notes a CloudDeploymentID check', async () => {
    const found = await facts('# azs-disable-next-line AZS102, AZS101\n$x = 1\n<# azs-disable AZS402 #>\n$stamp.CloudID');
    assert.deepEqual(found.suppressions, [
      { codes: ['AZS102', 'AZS101'], scope: 'nextLine', line: 1 },
      { codes: ['AZS402'], scope: 'file', line: 2 },
    ]);
    assert.equal(found.checksCloudId, true);
  });

  describe('treeEdits', () => {
    it('turns changes into edits only when they produce the new text', () => {
      const before = 'ab\ncd\nef';
      const edits = treeEdits(before, 'ab\nXcd\nef!', [{ start: 8, end: 8, text: '!' }, { start: 3, end: 3, text: 'X' }]);
      assert.deepEqual(edits?.map((e) => [e.startIndex, e.oldEndIndex, e.newEndIndex, e.startPosition.row, e.newEndPosition.column]), [[8, 8, 9, 2, 3], [3, 3, 4, 1, 1]]);
      assert.equal(treeEdits(before, 'something else', [{ start: 0, end: 1, text: 'z' }]), undefined);
      assert.equal(treeEdits(before, before, [{ start: 5, end: 99, text: '' }]), undefined);
    });
  });
});
