// Where fixes put new lines, and what the CloudDeploymentID lookup takes from the script: a disable comment only where
// the language reads it as a comment (never inside a string, a here-string, a block comment or a request body), the
// lookup after #Requires and param(), before the whole statement, with the endpoint, credential, session and
// registration the script already has.
import * as assert from 'node:assert/strict';
import { applyEdits, cloudIdLookupAt, cloudIdLookupFix, indentUnit, suppressionFixes, type FixDocument } from '../../../src/core/fixes';
import type { DocumentKind } from '../../../src/core/lint';
import { findingOn } from './support/findings';

const sub = '3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37';
const documentOf = (text: string, kind: DocumentKind = 'powershell', uri = 'file:///ws/script.ps1'): FixDocument => ({ uri, text, kind });

/** The text after each disable fix offered on a finding underlining `underlined` (the line's first, then the file's). */
function disabled(text: string, underlined: string, kind: DocumentKind = 'powershell', allowsComments = true): Record<string, string> {
  const finding = findingOn(text, 'AZS401', underlined);
  const fixes = suppressionFixes(documentOf(text, kind), finding, allowsComments);
  return Object.fromEntries(fixes.map((fix) => [fix.title.en.endsWith('line') ? 'line' : 'file', applyEdits(text, fix.edits)]));
}

describe('core/fixes: disable comments', () => {
  it('use each language\'s comment, and JSON only where it may hold comments', () => {
    assert.deepEqual(disabled('az login\naz rest --url "$u?api-version=2016-01-01"\n', '2016-01-01', 'shell'), {
      line: 'az login\n# azs-disable-next-line AZS401\naz rest --url "$u?api-version=2016-01-01"\n',
      file: '# azs-disable AZS401\naz login\naz rest --url "$u?api-version=2016-01-01"\n',
    });
    assert.deepEqual(disabled('@host = x\nGET https://x/y?api-version=2016-01-01\n', '2016-01-01', 'http'), {
      line: '@host = x\n# azs-disable-next-line AZS401\nGET https://x/y?api-version=2016-01-01\n',
      file: '# azs-disable AZS401\n@host = x\nGET https://x/y?api-version=2016-01-01\n',
    });
    const json = '{\r\n  "apiVersion": "2016-01-01"\r\n}\r\n';
    assert.deepEqual(disabled(json, '2016-01-01', 'json'), {
      line: '{\r\n  // azs-disable-next-line AZS401\r\n  "apiVersion": "2016-01-01"\r\n}\r\n',
      file: '// azs-disable AZS401\r\n{\r\n  "apiVersion": "2016-01-01"\r\n}\r\n',
    });
    assert.deepEqual(disabled(json, '2016-01-01', 'json', false), {});
    assert.deepEqual(Object.keys(disabled('Get-AzResource -ApiVersion 2016-01-01\n', '2016-01-01', 'powershell', false)), ['line', 'file']);
  });

  it('for the file, after a shebang and every #Requires line, however it is spelled', () => {
    assert.equal(disabled('#!/usr/bin/env bash\naz rest --url "$u?api-version=2016-01-01"\n', '2016-01-01', 'shell').file,
      '#!/usr/bin/env bash\n# azs-disable AZS401\naz rest --url "$u?api-version=2016-01-01"\n');
    assert.equal(disabled('#!/usr/bin/env pwsh\n#Requires -Modules Az.Resources\n#requires -Version 5.1\nGet-AzResource -ApiVersion 2016-01-01\n', '2016-01-01').file,
      '#!/usr/bin/env pwsh\n#Requires -Modules Az.Resources\n#requires -Version 5.1\n# azs-disable AZS401\nGet-AzResource -ApiVersion 2016-01-01\n');
    assert.equal(disabled('#RequiresNothing\nGet-AzResource -ApiVersion 2016-01-01\n', '2016-01-01').file,
      '# azs-disable AZS401\n#RequiresNothing\nGet-AzResource -ApiVersion 2016-01-01\n');
  });

  it('for a line, above it with its indentation; on the first line, at the top', () => {
    assert.equal(disabled('if ($x) {\n\t  Get-AzResource -ApiVersion 2016-01-01\n}\n', '2016-01-01').line, 'if ($x) {\n\t  # azs-disable-next-line AZS401\n\t  Get-AzResource -ApiVersion 2016-01-01\n}\n');
    assert.equal(disabled('Get-AzResource -ApiVersion 2016-01-01 `\n  -Force\n', '2016-01-01').line, '# azs-disable-next-line AZS401\nGet-AzResource -ApiVersion 2016-01-01 `\n  -Force\n');
    assert.equal(disabled('$a = 1\r    Get-AzResource -ApiVersion 2016-01-01\r', '2016-01-01').line, '$a = 1\r    # azs-disable-next-line AZS401\n    Get-AzResource -ApiVersion 2016-01-01\r', 'lines that end in CR only');
  });

  it('for a continued PowerShell line, as a block comment before the backtick; a backslash continues no PowerShell line', () => {
    assert.equal(disabled('Get-AzResource -ResourceId $id `\n  -ApiVersion 2016-01-01\n', '2016-01-01').line, 'Get-AzResource -ResourceId $id <# azs-disable-next-line AZS401 #> `\n  -ApiVersion 2016-01-01\n');
    assert.equal(disabled('Set-Location C:\\temp\\\nGet-AzResource -ApiVersion 2016-01-01\n', '2016-01-01').line, 'Set-Location C:\\temp\\\n# azs-disable-next-line AZS401\nGet-AzResource -ApiVersion 2016-01-01\n');
    assert.equal(disabled('Write-Host `\n\nGet-AzResource -ApiVersion 2016-01-01\n', '2016-01-01').line, 'Write-Host `\n\n# azs-disable-next-line AZS401\nGet-AzResource -ApiVersion 2016-01-01\n', 'a blank line ends what a backtick continues');
  });

  it('for a shell line: none where a backslash continues the command or open quotes run on, one after a backtick', () => {
    assert.equal(disabled('az rest --method put \\\n  --url "$u?api-version=2016-01-01"\n', '2016-01-01', 'shell').line, undefined);
    assert.equal(disabled('az rest --body "{\n  api-version=2016-01-01\n}"\n', '2016-01-01', 'shell').line, undefined);
    assert.equal(disabled('# azs-disable-next-line AZS401\naz login\naz rest --body "{\n  api-version=2016-01-01\n}"\n', '2016-01-01', 'shell').line, undefined, 'another line\'s comment');
    assert.equal(disabled('LOG "starting"\n\naz rest --url "$u?api-version=2016-01-01"\n', '2016-01-01', 'shell').line, 'LOG "starting"\n\n# azs-disable-next-line AZS401\naz rest --url "$u?api-version=2016-01-01"\n', 'no request body in a shell script');
    assert.equal(disabled('now=`date`\naz rest --url "$u?api-version=2016-01-01"\n', '2016-01-01', 'shell').line, 'now=`date`\n# azs-disable-next-line AZS401\naz rest --url "$u?api-version=2016-01-01"\n');
  });

  it('for a REST Client line: in the request line and headers, never in a body', () => {
    const requests = [
      '# Adds A tenant',
      '',
      'PUT https://x/y?api-version=2016-01-01',
      'Content-Type: application/json',
      '',
      '{ "apiVersion": "2016-01-01", "x": 1 }',
      '',
      '### next',
      'GET https://x/z?api-version=2016-01-01 HTTP/1.1',
      'Accept: application/json; v=2016-01-01',
      '',
    ];
    const offered = (eol: string, underlined: string, from: number) => {
      const text = requests.join(eol);
      const start = text.indexOf(underlined, text.indexOf(requests[from]));
      const finding = { ...findingOn(text, 'AZS401', underlined), start, end: start + underlined.length };
      return suppressionFixes(documentOf(text, 'http'), finding, false).map((f) => f.title.en);
    };
    const both = ['Disable AZS401 for this line', 'Disable AZS401 for this file'];
    const at = (text: string) => {
      const start = text.lastIndexOf('2016-01-01');
      return suppressionFixes(documentOf(text, 'http'), { ...findingOn(text, 'AZS401', '2016-01-01'), start, end: start + 10 }, false).map((f) => f.title.en);
    };
    assert.deepEqual(at('@TOKEN = abc\n\nGET https://x/y?api-version=2016-01-01\n'), both, 'a variable line starts no request');
    assert.deepEqual(at('PUT  https://x/y\nContent-Type: application/json\n  \t\n{\n  "apiVersion": "2016-01-01"\n}\n'), [both[1]], 'a body after a line of blanks');
    assert.deepEqual(at('PUT https://x/y\nContent-Type: application/json\nX-Version: 2016-01-01\n'), both, 'a second header');
    assert.deepEqual(at('PUT https://x/y\n\n{\n  "note": "### x",\n  "apiVersion": "2016-01-01"\n}\n'), [both[1]], '### inside a body separates nothing');
    for (const eol of ['\n', '\r\n', '\r']) {
      assert.deepEqual(offered(eol, '2016-01-01', 2), both, `request line ${JSON.stringify(eol)}`);
      assert.deepEqual(offered(eol, '2016-01-01', 3 + 2), [both[1]], `body ${JSON.stringify(eol)}`);
      assert.deepEqual(offered(eol, '2016-01-01', 8), both, `request line after ### ${JSON.stringify(eol)}`);
      assert.deepEqual(offered(eol, '2016-01-01', 9), both, `header right after the request line ${JSON.stringify(eol)}`);
    }
  });

  describe('never a comment line inside PowerShell text', () => {
    const lineOffered = (text: string) => {
      const fixes = suppressionFixes(documentOf(text), findingOn(text, 'AZS402', 'Login-AzureRmAccount'), true);
      return fixes.some((f) => f.title.en.endsWith('line'));
    };
    const doubleQuotes = ['"', '\u201C', '\u201D', '\u201E'];
    const singleQuotes = ["'", '\u2018', '\u2019', '\u201A', '\u201B'];

    it('a string of any quote, or a here-string, that is open on the line', () => {
      for (const quote of [...doubleQuotes, ...singleQuotes]) {
        assert.equal(lineOffered(`$s = ${quote}first\nLogin-AzureRmAccount\n${quote}\n`), false, `in ${quote}…${quote}`);
        assert.equal(lineOffered(`$s = @${quote} \t\nLogin-AzureRmAccount\n${quote}@\n`), false, `in @${quote}…${quote}@`);
        assert.equal(lineOffered(`$s = ${quote}first\nLogin-AzureRmAccount\n`), false, `in ${quote} never closed`);
      }
      assert.equal(lineOffered('$s = @"\nnot "@ yet\nLogin-AzureRmAccount\n"@\n'), false, 'a here-string ends only where "@ opens a line');
      assert.equal(lineOffered("$s = @\"\n'@\nLogin-AzureRmAccount\n\"@\n"), false, "'@ does not end @\"");
      assert.equal(lineOffered("$s = @'\n\"@\nLogin-AzureRmAccount\n'@\n"), false, "\"@ does not end @'");
      assert.equal(lineOffered("$s = 'it\"s\nLogin-AzureRmAccount\n'\n"), false, 'a double quote does not end single quotes');
      assert.equal(lineOffered('$s = @"\nLogin-AzureRmAccount\n'), false, 'a here-string never closed');
      assert.equal(lineOffered('$a = @"\nx\n"@\n$s = @"\nLogin-AzureRmAccount\n"@\n'), false, 'the second of two here-strings');
      assert.equal(lineOffered('$s = "a`"\nLogin-AzureRmAccount\n"\n'), false, 'a backtick escapes a double quote');
    });

    it('a block comment open on the line, or a string that opens right after one', () => {
      assert.equal(lineOffered('<# note\nLogin-AzureRmAccount\n#>\n'), false);
      assert.equal(lineOffered('<# note\nLogin-AzureRmAccount\n'), false);
      assert.equal(lineOffered("<# it's\nLogin-AzureRmAccount\n#>\n"), false);
      assert.equal(lineOffered('<# note #>"first\nLogin-AzureRmAccount\n"\n'), false);
    });

    it('but where every string before the line is closed, however it escapes its quotes', () => {
      for (const before of [
        '$s = "a # b"', "$s = 'it''s'", '$s = "say ""hi"""', '$s = "say `"hi`""', "$s = 'C:\\temp`'", '$s = \u201Cquoted\u201D',
        '$s = "closed\u201D', "$s = \u2018closed\u201B", '$s = @"x"', '$s = @"\nLogin\n"@', "$s = @'\nit's\n'@", '$s = @\u201C\nx\n\u201E@', "# it's a note", '# 12" pipe', '<# it\'s "a" note #>',
        "'unused' | Out-Null", '"@" | Out-Null', '$s = @"\r\nx\r\n"@', '# say "hi\r',
      ]) {
        assert.equal(lineOffered(`${before}\nLogin-AzureRmAccount\n`), true, before);
      }
      assert.equal(lineOffered("'unused' | Login-AzureRmAccount 'open\n"), true, 'a string that opens on the line itself');
    });
  });
});

describe('core/fixes: the CloudDeploymentID lookup', () => {
  const uri = 'file:///ws/a.ps1';
  /** The lines the lookup inserts for registration `name` before the first `New-AzResource` of `text`. */
  const lookupLines = (text: string, name = 'hub-payg') => {
    const fix = cloudIdLookupFix(documentOf(text, 'powershell', uri), { name }, text.indexOf('New-AzResource'));
    return fix?.edits[0].newText.split(/\r?\n/).slice(0, -1);
  };
  /** Where the lookup goes for an operation at `before` (the first `New-AzResource`, or a file's first line: 0). */
  const insertedAt = (text: string, before = text.indexOf('New-AzResource')) => cloudIdLookupFix(documentOf(text, 'powershell', uri), { name: 'hub-payg' }, before)?.edits[0].start;
  const pepLine = (text: string) => lookupLines(text)?.find((line) => line.startsWith('$pepSession'));
  const askedFor = (text: string) => (lookupLines(text) ?? []).filter((line) => /Read-Host|Get-Credential/.test(line)).map((line) => line.split(' =')[0]);

  it('is offered only for PowerShell that parses, a registration name that is no placeholder, and a file that does not look the stamp up', () => {
    const text = 'New-AzResource -ResourceId $id\n';
    const fix = cloudIdLookupFix(documentOf(text), { name: 'hub-payg' }, 0);
    assert.deepEqual(fix && { ...fix, edits: fix.edits.map((e) => ({ ...e, newText: '…' })) }, {
      title: { en: 'Insert CloudDeploymentID lookup', sv: 'Infoga kontroll av CloudDeploymentID' },
      edits: [{ uri: 'file:///ws/script.ps1', start: 0, end: 0, newText: '…' }], preferred: true,
    });
    assert.equal(cloudIdLookupFix(documentOf(text, 'shell'), { name: 'hub-payg' }, 0), undefined);
    assert.equal(cloudIdLookupFix({ ...documentOf(text), syntaxErrors: true }, { name: 'hub-payg' }, 0), undefined);
    assert.equal(cloudIdLookupFix(documentOf(text), { name: '<registration name>' }, 0), undefined);
    assert.equal(cloudIdLookupFix(documentOf(`$i = Invoke-Command -Session $s { get-azurestackstampinformation }\n${text}`), { name: 'hub-payg' }, 40), undefined);
  });

  it('writes every line with the operation\'s indentation and the file\'s indentation unit, the name kept on one comment line', () => {
    const text = 'function Add {\n  if ($x) {\n      New-AzResource -ResourceId $id\n  }\n}\n';
    assert.deepEqual(lookupLines(text), [
      "      # Stop unless this stamp is the one registration 'hub-payg' belongs to: its CloudDeploymentID is the registration's cloudId.",
      "      $privilegedEndpoint = Read-Host -Prompt 'Privileged endpoint of this stamp (ERCS VM name or IP address)'",
      "      $cloudAdminCredential = Get-Credential -Message 'CloudAdmin account for the privileged endpoint of this stamp'",
      '      $pepSession = New-PSSession -ComputerName $privilegedEndpoint -ConfigurationName PrivilegedEndpoint -Credential $cloudAdminCredential',
      '      try {',
      '        $stampCloudId = (Invoke-Command -Session $pepSession -ScriptBlock { Get-AzureStackStampInformation }).CloudID',
      '      } finally {',
      '        Remove-PSSession $pepSession',
      '      }',
      "      $registrationCloudId = (Get-AzResource -ResourceType 'Microsoft.AzureStack/registrations' -Name \"hub-payg\" -ExpandProperties).Properties.cloudId",
      '      if ($stampCloudId -ne $registrationCloudId) {',
      "        throw \"This stamp's CloudDeploymentID $stampCloudId is not the cloudId $registrationCloudId of registration 'hub-payg': use this stamp's registration.\"",
      '      }',
    ]);
    assert.equal(lookupLines(text, 'hub\r\npay\rg')?.[0], "      # Stop unless this stamp is the one registration 'hub  pay g' belongs to: its CloudDeploymentID is the registration's cloudId.");
  });

  describe('takes the endpoint and credential the script gives Set-AzsRegistration', () => {
    it('the last usable ones before the operation, quoted, bare or after a colon', () => {
      assert.equal(pepLine("$c = Get-Credential\nSet-AzsRegistration -PrivilegedEndpoint 'OLD-ERCS01' -PrivilegedEndpointCredential $c\nSet-AzsRegistration -PrivilegedEndpoint:AzS-ERCS01 -PrivilegedEndpointCredential:$c\nNew-AzResource -ResourceId $id\n"),
        '$pepSession = New-PSSession -ComputerName AzS-ERCS01 -ConfigurationName PrivilegedEndpoint -Credential $c');
      assert.deepEqual(lookupLines("$c = Get-Credential\nSet-AzsRegistration -PrivilegedEndpoint AzS-ERCS01 -PrivilegedEndpointCredential $c\nNew-AzResource -ResourceId $id\n")?.slice(1, 4), [
        '$pepSession = New-PSSession -ComputerName AzS-ERCS01 -ConfigurationName PrivilegedEndpoint -Credential $c', 'try {',
        '    $stampCloudId = (Invoke-Command -Session $pepSession -ScriptBlock { Get-AzureStackStampInformation }).CloudID',
      ], 'no prompt for what the script gives');
      assert.equal(pepLine('Set-AzsRegistration -PrivilegedEndpoint "10.0.0.5"\nNew-AzResource -ResourceId $id\n'),
        '$pepSession = New-PSSession -ComputerName "10.0.0.5" -ConfigurationName PrivilegedEndpoint -Credential $cloudAdminCredential');
    });

    it('a variable only where the script defines it: a parameter, or set before at the same depth', () => {
      const params = 'param(\n  [string] $Pep,\n  [pscredential] $Cred\n)\n';
      assert.equal(pepLine(`${params}Set-AzsRegistration -PrivilegedEndpoint $Pep -PrivilegedEndpointCredential $Cred\nNew-AzResource -ResourceId $id\n`),
        '$pepSession = New-PSSession -ComputerName $Pep -ConfigurationName PrivilegedEndpoint -Credential $Cred');
      assert.deepEqual(askedFor('param([string] $PepHost)\nSet-AzsRegistration -PrivilegedEndpoint $Pep -PrivilegedEndpointCredential $Cred\nNew-AzResource -ResourceId $id\n'), ['$privilegedEndpoint', '$cloudAdminCredential']);
      assert.equal(pepLine('$script:pep = "AzS-ERCS01"\n$cred = Get-Credential\nSet-AzsRegistration -PrivilegedEndpoint $pep -PrivilegedEndpointCredential $cred\nNew-AzResource -ResourceId $id\n'),
        '$pepSession = New-PSSession -ComputerName $pep -ConfigurationName PrivilegedEndpoint -Credential $cred');
      assert.deepEqual(askedFor('if ($x) {\n  $pep = "AzS-ERCS01"\n}\nSet-AzsRegistration -PrivilegedEndpoint $pep\nNew-AzResource -ResourceId $id\n'), ['$privilegedEndpoint', '$cloudAdminCredential']);
      assert.deepEqual(askedFor('$pep == "AzS-ERCS01"\nSet-AzsRegistration -PrivilegedEndpoint $pep\nNew-AzResource -ResourceId $id\n'), ['$privilegedEndpoint', '$cloudAdminCredential'], 'a comparison sets nothing');
    });

    it('the script\'s own $PrivilegedEndpoint parameter when no Set-AzsRegistration gives one', () => {
      assert.equal(pepLine('param($pep)\nSet-AzsRegistration -PrivilegedEndpoint $PEP\nNew-AzResource -ResourceId $id\n'),
        '$pepSession = New-PSSession -ComputerName $PEP -ConfigurationName PrivilegedEndpoint -Credential $cloudAdminCredential', 'PowerShell variables ignore case');
      assert.equal(pepLine('param($PrivilegedEndpoint)\nNew-AzResource -ResourceId $id\n'),
        '$pepSession = New-PSSession -ComputerName $PrivilegedEndpoint -ConfigurationName PrivilegedEndpoint -Credential $cloudAdminCredential');
    });

    it('never a placeholder, an expanding string, a credential that is no variable, or -PrivilegedEndpointCredential for the endpoint', () => {
      assert.deepEqual(askedFor("Set-AzsRegistration -PrivilegedEndpoint '<ERCS VM>'\nNew-AzResource -ResourceId $id\n"), ['$privilegedEndpoint', '$cloudAdminCredential']);
      assert.deepEqual(askedFor('$h = "x"\nSet-AzsRegistration -PrivilegedEndpoint "$h-ERCS01"\nNew-AzResource -ResourceId $id\n'), ['$privilegedEndpoint', '$cloudAdminCredential']);
      assert.deepEqual(askedFor('$c = 1\nSet-AzsRegistration -PrivilegedEndpoint AzS-ERCS01 -PrivilegedEndpointCredential c\nNew-AzResource -ResourceId $id\n'), ['$cloudAdminCredential']);
      assert.deepEqual(askedFor('$c = Get-Credential\nSet-AzsRegistration -PrivilegedEndpointCredential $c\nNew-AzResource -ResourceId $id\n'), ['$privilegedEndpoint']);
    });
  });

  describe('reuses a privileged endpoint session the script has open', () => {
    /** The session the inserted lines read the stamp through. */
    const session = (text: string) => lookupLines(text)?.map((line) => /^\s*\$stampCloudId = \(Invoke-Command -Session (\S+)/.exec(line)?.[1]).find(Boolean);
    it('assigned to any variable, kept open until the operation', () => {
      assert.equal(session('$script:pep = New-PSSession -ComputerName AzS-ERCS01 -ConfigurationName PrivilegedEndpoint -Credential $c\nRemove-PSSession $pepOld\nNew-AzResource -ResourceId $id\n'), '$script:pep');
    });
    it('not a session set in a block that does not hold the operation', () => {
      assert.equal(session('if ($x) {\n  $pep = New-PSSession -ComputerName AzS-ERCS01 -ConfigurationName PrivilegedEndpoint\n}\n\t  New-AzResource -ResourceId $id\n'), '$pepSession');
    });
    it('not a session to another endpoint, nor one removed before the operation', () => {
      assert.equal(session('$web = New-PSSession -ComputerName web01\nNew-AzResource -ResourceId $id\n'), '$pepSession');
      assert.equal(session('$pep = New-PSSession -ComputerName AzS-ERCS01 -ConfigurationName PrivilegedEndpoint\nremove-pssession -Session $pep\nNew-AzResource -ResourceId $id\n'), '$pepSession');
    });
  });

  describe('reads the registration', () => {
    const reads = (text: string, name = 'hub-payg') => lookupLines(text, name)?.find((line) => line.startsWith('$registrationCloudId'))?.replace(/^\$registrationCloudId = \((.*)\)\.Properties\.cloudId$/, '$1');
    const id = `/subscriptions/${sub}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/hub-payg`;

    it('through the script\'s variable holding its ID, a comment after it or not', () => {
      assert.equal(reads(`$reg = '${id}'  # the registration\nNew-AzResource -ResourceId "$reg/customerSubscriptions/$t"\n`), 'Get-AzResource -ResourceId $reg -ApiVersion 2017-06-01');
      assert.equal(reads(`$reg = "${id.replace('hub-payg', 'hub.payg')}"\nNew-AzResource -ResourceId "$reg/customerSubscriptions/$t"\n`, 'hub.payg'), 'Get-AzResource -ResourceId $reg -ApiVersion 2017-06-01');
    });

    it('not through a variable holding another ID: another name, a tenant under it, a placeholder', () => {
      const byName = 'Get-AzResource -ResourceType \'Microsoft.AzureStack/registrations\' -Name "hub.payg" -ExpandProperties';
      assert.equal(reads(`$reg = '${id.replace('hub-payg', 'hubXpayg')}'\nNew-AzResource -ResourceId $x\n`, 'hub.payg'), byName);
      assert.equal(reads(`$reg = '${id.replace('hub-payg', 'hub.payg')}/customerSubscriptions/t'\nNew-AzResource -ResourceId $x\n`, 'hub.payg'), byName);
      assert.equal(reads(`$reg = '${id.replace(sub, '<subscription>').replace('hub-payg', 'hub.payg')}'\nNew-AzResource -ResourceId $x\n`, 'hub.payg'), byName);
    });
  });

  describe('as a refactoring on a line naming a registration', () => {
    const reads = (line: string) => {
      const text = `${line}\n`;
      const fix = cloudIdLookupAt(documentOf(text, 'powershell', uri), 5);
      return fix?.edits[0].newText.split('\n').find((l) => l.startsWith('$registrationCloudId'))?.replace(/^\$registrationCloudId = \((.*)\)\.Properties\.cloudId$/, '$1');
    };
    const id = (subscription: string, group: string, name = 'hub-payg') => `/subscriptions/${subscription}/resourceGroups/${group}/providers/Microsoft.AzureStack/registrations/${name}`;

    it('by ID where the subscription is a GUID or a variable and the ID is well formed', () => {
      for (const subscription of [sub, '$Sub', '${Sub}', '$env:SUB']) {
        assert.equal(reads(`Get-AzResource -ResourceId "${id(subscription, 'azurestack')}?api-version=2017-06-01"`), `Get-AzResource -ResourceId "${id(subscription, 'azurestack')}" -ApiVersion 2017-06-01`, subscription);
      }
      assert.equal(reads(`Write-Host 'Adding'; New-AzResource -ResourceId "${id('$Sub', '$Group')}/customerSubscriptions/$t"`), `Get-AzResource -ResourceId "${id('$Sub', '$Group')}" -ApiVersion 2017-06-01`,
        'the quotes around the ID say how to read it, not those before');
      assert.equal(reads(`Get-AzResource -ResourceId ${id('$Sub', 'azurestack')}`), `Get-AzResource -ResourceId "${id('$Sub', 'azurestack')}" -ApiVersion 2017-06-01`, 'an ID in no quotes');
      assert.equal(reads(`$r = "${id('$Sub', 'azurestack')}"; Write-Host 'done'`), `Get-AzResource -ResourceId "${id('$Sub', 'azurestack')}" -ApiVersion 2017-06-01`, 'quotes after the ID say nothing');
      assert.equal(reads(`Invoke-RestMethod -Uri 'https://management.azure.com${id('$Sub', 'azurestack')}?api-version=2017-06-01'`),
        'Get-AzResource -ResourceType \'Microsoft.AzureStack/registrations\' -Name "hub-payg" -ResourceGroupName "azurestack" -ExpandProperties', 'single quotes before the ID, with text between');
      assert.equal(reads(`$r = '${id(sub, 'azurestack')}'`.replace('/subscriptions/', '/Subscriptions/').replace('resourceGroups', 'resourcegroups')), `Get-AzResource -ResourceId "${id(sub, 'azurestack')}" -ApiVersion 2017-06-01`);
    });

    it('by name, in its resource group, where the subscription is no GUID or the group a placeholder', () => {
      for (const subscription of ['my-sub', '$Sub-0001', '00000000-0000-0000-0000-000000000000']) {
        assert.equal(reads(`$r = "${id(subscription, 'azurestack')}"`), 'Get-AzResource -ResourceType \'Microsoft.AzureStack/registrations\' -Name "hub-payg" -ResourceGroupName "azurestack" -ExpandProperties', subscription);
      }
      assert.equal(reads(`$r = "${id('$Sub', '<resource-group>')}"`), 'Get-AzResource -ResourceType \'Microsoft.AzureStack/registrations\' -Name "hub-payg" -ExpandProperties');
      assert.equal(reads(`$r = "${id('$Sub', 'azure stack')}"`), undefined, 'no ID: the name is read up to the blank');
      const text = `Connect-AzAccount\n$r = "${id(sub, 'azurestack')}"\n`;
      assert.equal(cloudIdLookupAt(documentOf(text), 3), undefined, 'only the line asked about counts');
    });

    it('from -RegistrationName or a registrations -Name, with -ResourceGroupName', () => {
      assert.equal(reads("Remove-AzsRegistration -RegistrationName 'hub.payg' -ResourceGroupName 'rg(east).1'"), 'Get-AzResource -ResourceType \'Microsoft.AzureStack/registrations\' -Name "hub.payg" -ResourceGroupName "rg(east).1" -ExpandProperties');
      assert.equal(reads('Get-AzResource -ResourceType "Microsoft.AzureStack/registrations" -Name hub-payg'), 'Get-AzResource -ResourceType \'Microsoft.AzureStack/registrations\' -Name "hub-payg" -ExpandProperties');
      assert.equal(reads('Get-AzResource -Name  hub-payg -ResourceType  Microsoft.AzureStack/registrations'), 'Get-AzResource -ResourceType \'Microsoft.AzureStack/registrations\' -Name "hub-payg" -ExpandProperties');
      assert.equal(reads('Remove-AzsRegistration -RegistrationName  hub-payg -ResourceGroupName  azurestack'), 'Get-AzResource -ResourceType \'Microsoft.AzureStack/registrations\' -Name "hub-payg" -ResourceGroupName "azurestack" -ExpandProperties');
      assert.equal(reads('Get-AzResource -ResourceType Microsoft.AzureStack/registrations/customerSubscriptions -Name hub-payg'), undefined);
      assert.equal(reads(`$r = "${id('$Sub', 'azurestack', '$Name')}"`), undefined, 'a registration name the line does not give');
    });
  });

  describe('goes in', () => {
    it('after a param() block of any spelling, whatever its parentheses hold', () => {
      for (const header of [
        '[CmdletBinding(SupportsShouldProcess)]\n\nParam (\n  [ValidateSet("a", "b")] [string] $Mode = (Get-Date).Year,\n  $X\n) # end\n',
        '[CmdletBinding()] param($x)\n',
        '#Requires -Version 5.1\n  param($x)\n',
        '#Requires -Version 5.1\nparam(\n  $x = (1)\n)\n',
      ]) {
        assert.equal(insertedAt(`${header}New-AzResource -ResourceId $id\n`, 0), header.length, header);
      }
      const unclosed = 'param(\n  $x\nNew-AzResource -ResourceId $id\n';
      assert.equal(insertedAt(unclosed), unclosed.indexOf('New-AzResource'));
      assert.equal(insertedAt('#Requires -Version 5.1\n\n#Requires -Modules Az.Resources\nNew-AzResource -ResourceId $id\n', 0), '#Requires -Version 5.1\n'.length, 'after the first #Requires block');
      assert.equal(insertedAt('$f = {param($x) $x}\nNew-AzResource -ResourceId $id\n', 0), 0, 'a script block\'s param() is none of the script\'s');
      assert.equal(insertedAt('\nNew-AzResource -ResourceId $id\n', 0), 0, 'offset 0 is on the first line, even a blank one');
    });

    it('before an operation that opens the file, whatever param() comes later', () => {
      assert.equal(insertedAt('New-AzResource -ResourceId $id\nfunction f { param($x) $x }\n'), 0);
      assert.equal(insertedAt('New-AzResource -ResourceId $id\n$g = { param($x)\n}\n'), 0);
    });

    it('before the statement an operation continues, not after a line that merely holds =', () => {
      assert.equal(insertedAt('$a = 1\n$added =  \t\n  New-AzResource -ResourceId $id\n'), '$a = 1\n'.length);
      assert.equal(insertedAt('$a = $b\nNew-AzResource -ResourceId $id\n'), '$a = $b\n'.length);
      assert.equal(insertedAt('$all = $ids,\n  $more |\n  New-AzResource -Force\n'), 0);
      assert.equal(insertedAt('New-AzResource -ResourceId $id |\n  Out-Null\n'), 0, 'the first line, continued');
    });

    it('where a param() block ends the file, at its end', () => {
      const text = 'param($x = (New-AzResource -ResourceId $id))';
      assert.equal(insertedAt(text), text.length);
    });
  });

  it('reads the indentation unit a file uses: a tab, or the narrowest indentation of two or more spaces', () => {
    assert.equal(indentUnit('a\n b\n   c\n     d\n'), '   ');
    assert.equal(indentUnit('a  = 1\n    b\n'), '    ');
    assert.equal(indentUnit('a\n  \n     b\n'), '     ');
    assert.equal(indentUnit('a\n    b\n\tc\n'), '\t');
    assert.equal(indentUnit('a\tb\n    c\n'), '    ');
  });
});
