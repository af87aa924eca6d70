// Quick fixes from real findings: each edit gives exactly the expected text, and linting the result no longer finds
// what the fix was for.
import * as assert from 'node:assert/strict';
import { applyEdits as apply, cloudIdLookupAt, cloudIdLookupFix, expandableText, fixedCounts, indentUnit, suppressionFixes, type FixDocument } from '../../../src/core/fixes';
import { fixAll, fixesFor } from '../../../src/core/quickFixes';
import { LintWorkspace, type DocumentKind, type Finding } from '../../../src/core/lint';
import { expandSnippet } from './support/fixInvariant';
import { testWasmDir } from './support/wasm';

const sub = '3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37';
const registration = `/subscriptions/${sub}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/hub-payg`;

async function lintText(text: string, kind: DocumentKind = 'powershell', uri = 'file:///ws/script.ps1', others: Record<string, string> = {}) {
  const workspace = new LintWorkspace({ wasmDir: testWasmDir() });
  for (const [otherUri, otherText] of Object.entries(others)) await workspace.update(otherUri, otherText, 'powershell');
  await workspace.update(uri, text, kind);
  return workspace.findings(uri);
}

async function findingOf(text: string, code: string, kind: DocumentKind = 'powershell', uri = 'file:///ws/script.ps1'): Promise<{ finding: Finding; document: FixDocument }> {
  const finding = (await lintText(text, kind, uri)).find((f) => f.code === code);
  assert.ok(finding, `${code} fires on the fixture`);
  return { finding, document: { uri, text, kind } };
}

describe('core/fixes', function () {
  this.timeout(20_000);

  it('replaces a retired AzureRM cmdlet with its Az name, and "fix all" does every one in the file', async () => {
    const text = 'Login-AzureRmAccount\nGet-AzureRmResource -ResourceId "$id" -ApiVersion 2017-06-01\n';
    const { finding, document } = await findingOf(text, 'AZS402');
    const [fix] = fixesFor(document, finding);
    assert.equal(fix.title.en, 'Use Connect-AzAccount');
    assert.equal(apply(text, fix.edits), 'Connect-AzAccount\nGet-AzureRmResource -ResourceId "$id" -ApiVersion 2017-06-01\n');
    const all = fixAll(document, await lintText(text)).edits;
    const fixed = apply(text, all);
    assert.equal(fixed, 'Connect-AzAccount\nGet-AzResource -ResourceId "$id" -ApiVersion 2017-06-01\n');
    assert.deepEqual((await lintText(fixed)).filter((f) => f.code === 'AZS402'), []);
  });

  it('tidies a GUID written with braces', async () => {
    const text = `New-AzResource -ResourceId "${registration}/customerSubscriptions/{31A2B3C4-D5E6-4F70-8192-A3B4C5D6E7F8}" -ApiVersion 2017-06-01 -Properties @{ tenantId = "41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" }\n`;
    const { finding, document } = await findingOf(text, 'AZS201');
    const [fix] = fixesFor(document, finding);
    const fixed = apply(text, fix.edits);
    assert.ok(fixed.includes('/customerSubscriptions/31A2B3C4-D5E6-4F70-8192-A3B4C5D6E7F8"'), fixed);
    assert.equal(fix.safe, true);
    assert.deepEqual((await lintText(fixed)).filter((f) => f.code === 'AZS201'), []);
  });

  it('registers with PayAsYouUse where the registration is declared, in the other file', async () => {
    const declaring = 'file:///ws/register.ps1';
    const declaration = "Set-AzsRegistration -PrivilegedEndpointCredential $c -PrivilegedEndpoint AzS-ERCS01 -RegistrationName hub-payg -BillingModel 'Development'\n";
    const adding = `New-AzResource -ResourceId "${registration}/customerSubscriptions/31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" -ApiVersion 2017-06-01 -Properties @{ tenantId = "41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" }\n`;
    const findings = await lintText(adding, 'powershell', 'file:///ws/add.ps1', { [declaring]: declaration });
    const azs301 = findings.find((f) => f.code === 'AZS301');
    assert.ok(azs301);
    const [fix] = fixesFor({ uri: 'file:///ws/add.ps1', text: adding, kind: 'powershell' }, azs301);
    assert.equal(fix.title.en, 'Register with PayAsYouUse');
    assert.deepEqual(fix.edits.map((e) => e.uri), [declaring]);
    assert.equal(apply(declaration, fix.edits), declaration.replace("'Development'", "'PayAsYouUse'"));

    const implicit = 'Set-AzsRegistration -PrivilegedEndpointCredential $c -PrivilegedEndpoint AzS-ERCS01 -RegistrationName hub-payg\n';
    const defaulted = (await lintText(adding, 'powershell', 'file:///ws/add.ps1', { [declaring]: implicit })).find((f) => f.code === 'AZS301');
    assert.ok(defaulted);
    const [added] = fixesFor({ uri: 'file:///ws/add.ps1', text: adding, kind: 'powershell' }, defaulted);
    assert.equal(apply(implicit, added.edits), 'Set-AzsRegistration -BillingModel PayAsYouUse -PrivilegedEndpointCredential $c -PrivilegedEndpoint AzS-ERCS01 -RegistrationName hub-payg\n');
  });

  it('adds -AgreementNumber beside -BillingModel Capacity as a snippet', async () => {
    const text = 'Set-AzsRegistration -PrivilegedEndpointCredential $c -PrivilegedEndpoint AzS-ERCS01 -RegistrationName hub-cap -BillingModel Capacity\n';
    const { finding, document } = await findingOf(text, 'AZS302');
    const [fix] = fixesFor(document, finding);
    assert.equal(fix.snippet, true);
    const fixed = apply(text, fix.edits.map((e) => ({ ...e, newText: expandSnippet(e.newText) })));
    assert.equal(fixed, text.replace('Capacity', 'Capacity -AgreementNumber agreement-number'));
    assert.deepEqual((await lintText(fixed)).filter((f) => f.code === 'AZS302'), []);
  });

  it('offers the spelling a mistyped billing model most likely meant, and PayAsYouUse', async () => {
    const text = 'Set-AzsRegistration -PrivilegedEndpointCredential $c -PrivilegedEndpoint AzS-ERCS01 -RegistrationName r -BillingModel PayAsYouGo\n';
    const { finding, document } = await findingOf(text, 'AZS303');
    const titles = fixesFor(document, finding).map((f) => f.title.en);
    assert.ok(titles.includes('Use PayAsYouUse'), titles.join(', '));
  });

  it('disables a rule for one line (same indentation) or for the file (after #Requires)', async () => {
    const text = '#Requires -Modules Az.Resources\r\nif ($true) {\r\n    Login-AzureRmAccount\r\n}\r\n';
    const { finding, document } = await findingOf(text, 'AZS402');
    const [line, file] = suppressionFixes(document, finding, true);
    assert.equal(apply(text, line.edits), '#Requires -Modules Az.Resources\r\nif ($true) {\r\n    # azs-disable-next-line AZS402\r\n    Login-AzureRmAccount\r\n}\r\n');
    assert.equal(apply(text, file.edits), '#Requires -Modules Az.Resources\r\n# azs-disable AZS402\r\nif ($true) {\r\n    Login-AzureRmAccount\r\n}\r\n');
    for (const fix of [line, file]) assert.deepEqual((await lintText(apply(text, fix.edits))).filter((f) => f.code === 'AZS402'), []);
    assert.deepEqual(suppressionFixes({ ...document, kind: 'json' }, finding, false), [], 'plain JSON holds no comments');
  });

  it('disables a rule on a line that continues a command with a block comment before the backtick, and never splits a shell command', async () => {
    const text = "New-AzResource -ResourceId \"/subscriptions/${sub}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/hub-payg/customerSubscriptions/31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8\" `\r\n    -ApiVersion 2016-01-01 -Properties @{ tenantId = '41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8' }\r\n".replace('${sub}', sub);
    const { finding, document } = await findingOf(text, 'AZS401');
    const [line] = suppressionFixes(document, finding, true);
    const fixed = apply(text, line.edits);
    assert.equal(fixed, text.replace('" `\r\n', '" <# azs-disable-next-line AZS401 #> `\r\n'));
    assert.deepEqual((await lintText(fixed)).map((f) => f.code), (await lintText(text)).map((f) => f.code).filter((c) => c !== 'AZS401'));
    const shell = `az rest --method put \\\n  --url "https://management.azure.com${registration}/customerSubscriptions/31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8?api-version=2016-01-01"\n`;
    const inShell = await findingOf(shell, 'AZS401', 'shell', 'file:///ws/add.sh');
    assert.deepEqual(suppressionFixes(inShell.document, inShell.finding, true).map((f) => f.title.en), ['Disable AZS401 for this file']);
  });

  it('"Fix all" sets a tenant api-version too, and counts what it fixed per rule', async () => {
    const text = `Login-AzureRmAccount\nLogin-AzureRmAccount\nGet-AzureRmResource -ResourceId "${registration}/customerSubscriptions" -ApiVersion 2016-01-01\n`;
    const document = { uri: 'file:///ws/script.ps1', text, kind: 'powershell' as const };
    const { edits, fixed } = fixAll(document, await lintText(text));
    assert.equal(apply(text, edits), `Connect-AzAccount\nConnect-AzAccount\nGet-AzResource -ResourceId "${registration}/customerSubscriptions" -ApiVersion 2017-06-01\n`);
    assert.equal(fixedCounts(fixed), '3 × AZS402, 1 × AZS401');
    assert.deepEqual(await lintText(apply(text, edits)), []);
  });

  it('"Fix all" of a run edits another file only where that file still holds the value its fix writes over', async () => {
    const workspace = new LintWorkspace({ wasmDir: testWasmDir() });
    const parameters = '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"version": {"value": "2016-01-01"}}}\n';
    const template = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "parameters": {"version": {"type": "string"}}, "resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "[parameters('version')]", "name": "hub-payg/31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8", "properties": {"tenantId": "41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8"}}]}\n`;
    await workspace.update('file:///ws/azuredeploy.parameters.json', parameters, 'json');
    await workspace.update('file:///ws/azuredeploy.json', template, 'json');
    const document = { uri: 'file:///ws/azuredeploy.json', text: template, kind: 'json' as const };
    const findings = workspace.findings(document.uri);
    const [edit] = fixAll(document, findings, new Map([['file:///ws/azuredeploy.parameters.json', { text: parameters }]])).edits;
    assert.deepEqual(edit, { uri: 'file:///ws/azuredeploy.parameters.json', start: parameters.indexOf('2016'), end: parameters.indexOf('2016') + 10, newText: '2017-06-01', replaces: '2016-01-01' });
    // The parameter file as it is now holds the value elsewhere than the linter read it.
    const moved = fixAll(document, findings, new Map([['file:///ws/azuredeploy.parameters.json', { text: `\n\n${parameters}` }]]));
    assert.deepEqual([moved.edits, moved.fixed], [[], []]);
  });

  it('adds no line to PowerShell its parser could not read, and replaces no value in broken JSON', async () => {
    const workspace = new LintWorkspace({ wasmDir: testWasmDir() });
    const broken = `Login-AzureRmAccount\n${`New-AzResource -ResourceId "${registration}/customerSubscriptions/31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" -ApiVersion 2017-06-01`}\n$x = (\n`;
    await workspace.update('file:///ws/broken.ps1', broken, 'powershell');
    assert.equal(workspace.hasSyntaxErrors('file:///ws/broken.ps1'), true);
    const document = { uri: 'file:///ws/broken.ps1', text: broken, kind: 'powershell' as const, syntaxErrors: true };
    const offered = workspace.findings(document.uri).flatMap((f) => [...fixesFor(document, f), ...suppressionFixes(document, f, true)]).map((f) => f.title.en);
    assert.ok(offered.includes('Use Connect-AzAccount'), 'replacing a word still works');
    assert.deepEqual(offered.filter((t) => /lookup|for this line/.test(t)), []);
    const json = '{ "resources": [{ "type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2016-01-01", "name": "hub/31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8", "properties": { "tenantId": "41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" } }\n';
    await workspace.update('file:///ws/broken.json', json, 'json');
    assert.equal(workspace.hasSyntaxErrors('file:///ws/broken.json'), true);
    const azs401 = workspace.findings('file:///ws/broken.json').find((f) => f.code === 'AZS401');
    assert.ok(azs401);
    assert.deepEqual(fixesFor({ uri: 'file:///ws/broken.json', text: json, kind: 'json', syntaxErrors: true }, azs401), []);
    assert.equal(fixesFor({ uri: 'file:///ws/broken.json', text: json, kind: 'json' }, azs401).length, 1, 'offered once it parses');
  });

  describe('CloudDeploymentID lookup', () => {
    const script = [
      '#Requires -Modules Az.Resources',
      'param(',
      '  [string] $TenantId = "41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8"',
      ')',
      `New-AzResource -ResourceId "${registration}/customerSubscriptions/31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" -ApiVersion 2017-06-01 -Properties @{ tenantId = $TenantId }`,
      '',
    ].join('\n');

    it('goes in after param(), before the first tenant operation, asks for the endpoint and credential, and silences AZS501', async () => {
      const { finding, document } = await findingOf(script, 'AZS501');
      const [fix] = fixesFor(document, finding).filter((f) => f.title.en === 'Insert CloudDeploymentID lookup');
      assert.ok(fix);
      assert.equal(fix.snippet, undefined, 'nothing left to fill in');
      const inserted = fix.edits[0].newText;
      assert.equal(fix.edits[0].start, script.indexOf('New-AzResource'));
      assert.equal(inserted, [
        "# Stop unless this stamp is the one registration 'hub-payg' belongs to: its CloudDeploymentID is the registration's cloudId.",
        "$privilegedEndpoint = Read-Host -Prompt 'Privileged endpoint of this stamp (ERCS VM name or IP address)'",
        "$cloudAdminCredential = Get-Credential -Message 'CloudAdmin account for the privileged endpoint of this stamp'",
        '$pepSession = New-PSSession -ComputerName $privilegedEndpoint -ConfigurationName PrivilegedEndpoint -Credential $cloudAdminCredential',
        'try {',
        '  $stampCloudId = (Invoke-Command -Session $pepSession -ScriptBlock { Get-AzureStackStampInformation }).CloudID',
        '} finally {',
        '  Remove-PSSession $pepSession',
        '}',
        `$registrationCloudId = (Get-AzResource -ResourceId "${registration}" -ApiVersion 2017-06-01).Properties.cloudId`,
        'if ($stampCloudId -ne $registrationCloudId) {',
        "  throw \"This stamp's CloudDeploymentID $stampCloudId is not the cloudId $registrationCloudId of registration 'hub-payg': use this stamp's registration.\"",
        '}',
        '',
      ].join('\n'));
      const fixed = apply(script, fix.edits);
      assert.deepEqual((await lintText(fixed)).map((f) => f.code), (await lintText(script)).map((f) => f.code).filter((c) => c !== 'AZS501'));
      assert.equal(cloudIdLookupFix({ ...document, text: fixed }, { name: 'hub-payg' }, 0), undefined, 'never inserted twice');
    });

    it('uses the script\'s registration ID variable, and the endpoint and credential it gives Set-AzsRegistration', async () => {
      const text = [
        "$azure = Get-Credential -Message 'Azure account'",
        'Connect-AzAccount -Credential $azure',
        "$cloudAdmin = Get-Credential -Message 'CloudAdmin'",
        "Set-AzsRegistration -PrivilegedEndpointCredential $cloudAdmin -PrivilegedEndpoint 'GBG-ERCS01' `",
        "    -RegistrationName 'hub-payg' -BillingModel PayAsYouUse",
        '$registration = "/subscriptions/$Subscription/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/hub-payg"',
        'New-AzResource -ResourceId "$registration/customerSubscriptions/31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" -ApiVersion 2017-06-01 -Properties @{ tenantId = "41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" }',
        '',
      ].join('\n');
      const { finding, document } = await findingOf(text, 'AZS501');
      const fix = fixesFor(document, finding).find((f) => f.title.en === 'Insert CloudDeploymentID lookup');
      const inserted = fix!.edits[0].newText;
      assert.match(inserted, /^\$pepSession = New-PSSession -ComputerName 'GBG-ERCS01' -ConfigurationName PrivilegedEndpoint -Credential \$cloudAdmin$/m);
      assert.match(inserted, /^\$registrationCloudId = \(Get-AzResource -ResourceId \$registration -ApiVersion 2017-06-01\)\.Properties\.cloudId$/m);
      assert.doesNotMatch(inserted, /Read-Host|Get-Credential|\$azure/, 'asks for nothing the script has, and never takes the Azure credential');
      assert.deepEqual((await lintText(apply(text, fix!.edits))).map((f) => f.code), (await lintText(text)).map((f) => f.code).filter((c) => c !== 'AZS501'));
    });

    it('takes nothing a later line, a deeper block or a closed session sets', () => {
      const text = [
        'if ($check) {',
        "    $registration = '/subscriptions/3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/hub-payg'",
        '}',
        '$session = New-PSSession -ComputerName AzS-ERCS01 -ConfigurationName PrivilegedEndpoint -Credential $cred',
        'Remove-PSSession $session',
        'New-AzResource -ResourceId $id',
        "Set-AzsRegistration -PrivilegedEndpoint 'LATE-ERCS01' -PrivilegedEndpointCredential $late -RegistrationName hub-payg",
        '',
      ].join('\n');
      const fix = cloudIdLookupFix({ uri: 'file:///ws/a.ps1', text, kind: 'powershell' }, { name: 'hub-payg' }, text.indexOf('New-AzResource'));
      const inserted = fix!.edits[0].newText;
      assert.match(inserted, /-ComputerName \$privilegedEndpoint .* -Credential \$cloudAdminCredential$/m);
      assert.match(inserted, /Get-AzResource -ResourceType 'Microsoft.AzureStack\/registrations' -Name "hub-payg" -ExpandProperties/);
    });

    it('goes before the whole statement an operation continues, and never into a string', () => {
      const insertedAt = (text: string) => cloudIdLookupFix({ uri: 'file:///ws/a.ps1', text, kind: 'powershell' }, { name: 'hub-payg' }, text.indexOf('New-AzResource'))?.edits[0].start;
      for (const statement of ['$added = `\r\n    New-AzResource -ResourceId $id\r\n', '$ids |\n    New-AzResource -Force\n', '$all = @(\n    (New-AzResource -ResourceId $id),\n    New-AzResource -ResourceId $other)\n']) {
        assert.equal(insertedAt(`Connect-AzAccount\n${statement}`), 'Connect-AzAccount\n'.length, JSON.stringify(statement));
      }
      assert.equal(insertedAt('$note = @"\nNew-AzResource -ResourceId $id\n"@\n'), undefined);
    });

    it('reuses the $session a script already opens, keeps CRLF and tabs', () => {
      const text = '$session = New-PSSession -ComputerName AzS-ERCS01 -ConfigurationName PrivilegedEndpoint -Credential $cred\r\nfunction Add {\r\n\tNew-AzResource -ResourceId $id\r\n}\r\n';
      const fix = cloudIdLookupFix({ uri: 'file:///ws/a.ps1', text, kind: 'powershell' }, { name: 'hub-payg' }, text.indexOf('New-AzResource'));
      const inserted = fix!.edits[0].newText;
      assert.ok(!inserted.includes('New-PSSession'), 'no second session');
      assert.ok(inserted.split('\r\n').slice(0, -1).every((line) => line.startsWith('\t')), inserted);
      assert.match(inserted, /\$stampCloudId = \(Invoke-Command -Session \$session/);
      assert.match(inserted, /Get-AzResource -ResourceType 'Microsoft.AzureStack\/registrations' -Name "hub-payg" -ExpandProperties/);
    });

    it('as a refactoring, keeps the variables a line expands and escapes what single quotes hold literally', () => {
      const lookupOn = (line: string) => {
        const text = `${line}\n`;
        return cloudIdLookupAt({ uri: 'file:///ws/a.ps1', text, kind: 'powershell' }, 3)?.edits[0].newText;
      };
      const id = '/subscriptions/$Sub/resourceGroups/$Group/providers/Microsoft.AzureStack/registrations/hub-payg';
      assert.match(lookupOn(`$registration = "${id}"`) ?? '', /-ResourceId "\/subscriptions\/\$Sub\/resourceGroups\/\$Group\/providers/);
      // '$Sub' in single quotes is no subscription ID: the registration is looked up by name, in the group named '$Group'.
      assert.match(lookupOn(`$registration = '${id}'`) ?? '', /-Name "hub-payg" -ResourceGroupName "`\$Group" -ExpandProperties/);
      assert.match(lookupOn(`$registration = '${id.replace('$Sub', sub)}'`) ?? '', new RegExp(`-ResourceId "/subscriptions/${sub}/resourceGroups/\`\\$Group/providers/`));
      assert.match(lookupOn('Get-AzResource -ResourceType Microsoft.AzureStack/registrations -Name hub-payg') ?? '', /-Name "hub-payg" -ExpandProperties/);
      assert.equal(lookupOn('Get-AzResource -Name hub-payg'), undefined, 'no registration on the line');
      assert.equal(lookupOn(`$r = "${id.replace('hub-payg', '<registration name>')}"`), undefined, 'a placeholder for a name');
      assert.equal(expandableText('a$b`c"d\u201Ce'), 'a`$b``c`"d`\u201Ce');
    });

    it('as a refactoring, reads the registration by its ID where the subscription is a ${Sub} variable, and the result lints clean', async () => {
      const text = `param($Sub)\nNew-AzResource -ResourceId "${registration.replace(sub, '${Sub}')}/customerSubscriptions/31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" -ApiVersion 2017-06-01 -Properties @{ tenantId = "41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" }\n`;
      const fix = cloudIdLookupAt({ uri: 'file:///ws/script.ps1', text, kind: 'powershell' }, text.indexOf('New-AzResource'));
      assert.match(fix?.edits[0].newText ?? '', /^\$registrationCloudId = \(Get-AzResource -ResourceId "\/subscriptions\/\$\{Sub\}\/resourceGroups\/azurestack\/providers\/Microsoft\.AzureStack\/registrations\/hub-payg" -ApiVersion 2017-06-01\)/m);
      assert.deepEqual(await lintText(apply(text, fix!.edits)), []);
    });

    it('goes after the #Requires block that only comments and blank lines precede', () => {
      const insertedAt = (text: string) => cloudIdLookupFix({ uri: 'file:///ws/a.ps1', text, kind: 'powershell' }, { name: 'hub-payg' }, 0)?.edits[0].start;
      const header = '# Adds tenants.\r\n\r\n  # (indented note)\r\n#Requires -Modules Az.Accounts\r\n#requires -Version 5.1\r\n';
      assert.equal(insertedAt(`${header}Connect-AzAccount\r\n#Requires -Modules Az.Resources\r\n`), header.length);
      assert.equal(insertedAt('Connect-AzAccount\n#Requires -Modules Az.Resources\n'), 0, 'not after code');
      assert.equal(insertedAt('  #Requires -Modules Az.Resources\nx\n'), 0, 'only where PowerShell reads it: at the start of a line');
    });

    it('reads a long header of comments and blank lines (it took seconds, and hours for a few more lines; npm run bench times it)', () => {
      const text = `${'# note\n    \n'.repeat(5_000)}New-AzResource -ResourceId $id\n`;
      const fix = cloudIdLookupFix({ uri: 'file:///ws/a.ps1', text, kind: 'powershell' }, { name: 'hub-payg' }, text.indexOf('New-AzResource'));
      assert.equal(fix?.edits[0].start, text.indexOf('New-AzResource'));
    });
  });

  it('reads the indentation a file uses', () => {
    assert.equal(indentUnit('a\n  b\n    c\n'), '  ');
    assert.equal(indentUnit('a\n\tb\n'), '\t');
    assert.equal(indentUnit('a\nb\n'), '    ');
  });
});
