import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LintWorkspace, describeInternalError, documentKindFor, type DocumentKind, type Finding, type InternalError, type LintOptions, type LiveData } from '../../../src/core/lint';
import { json } from '../../../src/core/languages/json';
import { allRules } from '../../../src/core/rules';
import { LineMap } from '../../../src/core/text';
import { customer, registrationId, subscription, tenant } from './support/ids';
import { testWasmDir } from './support/wasm';

const folder = 'file:///ws/';

function workspace(options: Partial<LintOptions> = {}): LintWorkspace {
  return new LintWorkspace({ wasmDir: testWasmDir(), ...options });
}

/** `CODE@line` (1-based) for each finding. */
function brief(text: string, findings: Finding[]): string[] {
  const lines = new LineMap(text);
  return findings.map((f) => `${f.code}@${lines.lineOf(f.start) + 1}`);
}

async function lintOne(text: string, kind: DocumentKind = 'powershell', options: Partial<LintOptions> = {}): Promise<string[]> {
  const ws = workspace(options);
  await ws.update(`${folder}file`, text, kind);
  return brief(text, ws.findings(`${folder}file`));
}

/** An ARM template that adds the customer subscription its parameter file names, and that parameter file. */
const pairedTemplate = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "parameters": {"customer": {"type": "string"}},
 "resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2017-06-01", "name": "[concat('reg1/', parameters('customer'))]", "properties": {"tenantId": "${tenant}"}}]}`;
const pairedParameters = (value: string) => `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"customer": {"value": "${value}"}}}`;

const addTenant = `New-AzResource -ResourceId "${registrationId}/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Properties @{ tenantId = '${tenant}' }`;

describe('LintWorkspace', () => {
  describe('suppression comments', () => {
    it('silence the next line for the codes they name, or for all', async () => {
      const text = [
        'Login-AzureRmAccount',
        '# azs-disable-next-line AZS402',
        'Login-AzureRmAccount',
        '<# azs-disable-next-line #>',
        "Set-AzsRegistration -PrivilegedEndpoint '<pep>'",
        '# azs-disable-next-line AZS104, AZS999',
        "Set-AzsRegistration -PrivilegedEndpoint '<pep>'",
      ].join('\n');
      assert.deepEqual(await lintOne(text), ['AZS402@1', 'AZS102@7']);
    });

    it('silence the whole file', async () => {
      assert.deepEqual(await lintOne('Login-AzureRmAccount\nGet-AzureRmResource\n# azs-disable AZS402'), []);
    });

    it('work in JSONC, REST Client files and shell scripts', async () => {
      const json = `{"resources": [{"type": "Microsoft.AzureStack/registrations", "name": "reg1",\n  // azs-disable-next-line AZS401\n  "apiVersion": "2015-01-01"}, {"type": "Microsoft.AzureStack/registrations", "name": "reg2",\n  "apiVersion": "2015-01-01"}]}`;
      assert.deepEqual(await lintOne(json, 'json'), ['AZS401@4']);
      const http = `# azs-disable-next-line AZS401\nGET https://management.azure.com${registrationId}?api-version=2015-01-01\n`;
      assert.deepEqual(await lintOne(http, 'http'), []);
      const shell = `# azs-disable AZS401\naz rest --url "https://management.azure.com${registrationId}?api-version=2015-01-01"\n`;
      assert.deepEqual(await lintOne(shell, 'shell'), []);
    });
  });

  describe('severity configuration', () => {
    it('turns rules off or changes their severity, by code or glob', async () => {
      const text = 'Login-AzureRmAccount';
      assert.deepEqual(await lintOne(text, 'powershell', { rules: { AZS402: 'off' } }), []);
      const ws = workspace({ rules: { 'AZS4*': 'error' } });
      await ws.update(`${folder}a.ps1`, text, 'powershell');
      assert.deepEqual(ws.findings(`${folder}a.ps1`).map((f) => f.severity), ['error']);
      ws.configure({ rules: { 'AZS4*': 'error', AZS402: 'hint' } });
      assert.deepEqual(ws.findings(`${folder}a.ps1`).map((f) => f.severity), ['hint']);
      ws.configure({ locale: 'sv', rules: undefined });
      assert.deepEqual(ws.findings(`${folder}a.ps1`).map((f) => [f.severity, f.message]), [
        ['information', 'Login-AzureRmAccount är en AzureRM-cmdlet, och AzureRM stöds inte längre; använd Connect-AzAccount från Az-modulen.'],
      ]);
    });
  });

  describe('workspace-wide facts', () => {
    const put = `PUT https://management.azure.com${registrationId}/customerSubscriptions/${customer}?api-version=2017-06-01\nContent-Type: application/json\n\n{"properties": {"tenantId": "${tenant}"}}\n`;
    const response = (model: string) => `{"id": "${registrationId}", "type": "Microsoft.AzureStack/registrations", "properties": {"billingModel": "${model}"}}`;

    it('a PUT in one file and a saved GET response with Development in another give AZS301 with related information', async () => {
      const ws = workspace({ rules: { AZS501: 'off' } });
      await ws.update(`${folder}add.http`, put, 'http');
      assert.deepEqual(ws.findings(`${folder}add.http`), []);
      await ws.update(`${folder}registration.json`, response('Development'), 'json');
      assert.deepEqual(ws.dependents(`${folder}registration.json`), [`${folder}add.http`]);
      const [finding] = ws.findings(`${folder}add.http`);
      assert.equal(finding.code, 'AZS301');
      assert.equal(finding.azureError, 'CustomerSubscriptionsNotAllowed');
      assert.equal(put.slice(finding.start, finding.end), put.split('\n')[0].slice(4));
      assert.deepEqual(finding.related.map((r) => [r.uri, response('Development').slice(r.start, r.end), r.message]), [
        [`${folder}registration.json`, 'Development', 'The billing model Development is set here.'],
      ]);

      await ws.update(`${folder}registration.json`, response('PayAsYouUse'), 'json');
      assert.deepEqual(ws.findings(`${folder}add.http`), []);
      await ws.update(`${folder}registration.json`, response('Capacity'), 'json');
      assert.equal(ws.findings(`${folder}add.http`).length, 1);
      await ws.remove(`${folder}registration.json`);
      assert.deepEqual(ws.dependents(`${folder}registration.json`), [`${folder}add.http`]);
      assert.deepEqual(ws.findings(`${folder}add.http`), []);
    });

    it('re-reads the declarations after each addition, edit and removal of a declaring file (AZS103)', async () => {
      const declared = (group: string, name: string) =>
        `{"id": "/subscriptions/${subscription}/resourceGroups/${group}/providers/Microsoft.AzureStack/registrations/${name}", "type": "Microsoft.AzureStack/registrations", "properties": {"billingModel": "PayAsYouUse"}}`;
      const ws = workspace({ rules: { AZS501: 'off' } });
      const messages = () => ws.findings(`${folder}add.http`).map((f) => [f.code, put.slice(f.start, f.end), f.message, f.related.map((r) => r.uri)]);
      const mismatch = (used: string, declared: string, file: string) =>
        `This request targets ${used}, but the registration declared in ${file} is ${declared}. Azure would answer RegistrationNotFound unless that registration exists too.`;
      await ws.update(`${folder}add.http`, put, 'http');
      await ws.update(`${folder}a.json`, declared('Billing-RG', 'reg1'), 'json');
      assert.deepEqual(messages(), [['AZS103', 'azurestack', mismatch("resource group 'azurestack'", "in 'Billing-RG'", 'a.json'), [`${folder}a.json`]]]);

      await ws.update(`${folder}a.json`, declared(' AzureStack ', 'REG1'), 'json');
      assert.deepEqual(messages(), []);

      await ws.update(`${folder}b.json`, declared('azurestack', 'reg2'), 'json');
      assert.deepEqual(messages(), []);
      await ws.remove(`${folder}a.json`);
      assert.deepEqual(messages(), [['AZS103', 'reg1', mismatch("registration 'reg1'", "'reg2'", 'b.json'), [`${folder}b.json`]]]);
    });

    it('an edit that leaves the declarations alone re-checks nothing else', async () => {
      const ws = workspace();
      await ws.update(`${folder}add.http`, put, 'http');
      await ws.update(`${folder}registration.json`, response('Development'), 'json');
      await ws.update(`${folder}registration.json`, `${response('Development')}\n`, 'json');
      assert.deepEqual(ws.dependents(`${folder}registration.json`), []);
    });

    it('an ARM parameter file supplies the parameters of the template beside it, in either order', async () => {
      const template = pairedTemplate;
      const parameters = pairedParameters;
      for (const order of [['template', 'parameters'], ['parameters', 'template']]) {
        const ws = workspace();
        for (const which of order) {
          if (which === 'template') await ws.update(`${folder}azuredeploy.json`, template, 'json');
          else await ws.update(`${folder}azuredeploy.parameters.json`, parameters('Contoso'), 'json');
        }
        assert.deepEqual(ws.findings(`${folder}azuredeploy.json`).map((f) => [f.code, template.slice(f.start, f.end)]), [['AZS201', "[concat('reg1/', parameters('customer'))]"]], order.join(' then '));
        await ws.update(`${folder}azuredeploy.parameters.json`, parameters(customer), 'json');
        assert.deepEqual(ws.dependents(`${folder}azuredeploy.parameters.json`), [`${folder}azuredeploy.json`]);
        assert.deepEqual(ws.findings(`${folder}azuredeploy.json`), []);
      }
    });
  });

  describe('pairing templates with parameter files', () => {
    /** A template whose tenant resource takes its api-version from the parameter `version`. */
    const versionTemplate = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "parameters": {"version": {"type": "string"}},
 "resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "[parameters('version')]", "name": "reg1/${customer}", "properties": {"tenantId": "${tenant}"}}]}`;
    /** What the template's findings say, and where their related information points. */
    const findingsOf = async (files: Record<string, string>) => {
      const ws = workspace();
      for (const [name, text] of Object.entries(files)) await ws.update(`${folder}${name}`, text, 'json');
      return ws.findings(`${folder}azuredeploy.json`).map((f) => [f.code, ...f.related.map((r) => r.uri.slice(folder.length))]);
    };

    it('reads a template with the first parameter file of its stem by name, whichever was read first', async () => {
      const files = {
        'azuredeploy.json': versionTemplate,
        'azuredeploy.params.json': pairedParameters('2017-06-01').replace('customer', 'version'),
        'azuredeploy.parameters.json': pairedParameters('2016-01-01').replace('customer', 'version'),
      };
      const names = Object.keys(files);
      for (const order of [names, [...names].reverse(), [names[1], names[0], names[2]]]) {
        assert.deepEqual(await findingsOf(Object.fromEntries(order.map((name) => [name, files[name as keyof typeof files]]))), [['AZS401', 'azuredeploy.parameters.json']], order.join(', '));
      }
    });

    it('pairs a parameter file without $schema by its shape, and nothing else of that look', async () => {
      const unschemed = '{"contentVersion": "1.0.0.0", "parameters": {"version": {"value": "2016-01-01"}, "secret": {"reference": {"keyVault": {"id": "kv"}, "secretName": "s"}}}}';
      assert.deepEqual(await findingsOf({ 'azuredeploy.parameters.json': unschemed, 'azuredeploy.json': versionTemplate }), [['AZS401', 'azuredeploy.parameters.json']], 'a parameter file');
      // Documents that hold parameter values among other things: a policy assignment, a template's parameters with a type.
      const others = [
        `{"displayName": "Tenants", "policyDefinitionId": "/providers/Microsoft.Authorization/policyDefinitions/p", "parameters": {"version": {"value": "2016-01-01"}, "tenantId": {"value": "${tenant}"}}}`,
        `{"parameters": {"version": {"value": "2016-01-01", "type": "string"}, "tenantId": {"value": "${tenant}"}}}`,
      ];
      for (const other of others) assert.deepEqual(await findingsOf({ 'azuredeploy.parameters.json': other, 'azuredeploy.json': versionTemplate }), [], other);
    });
  });

  describe('incremental re-lint', () => {
    const script = Array.from({ length: 12 }, (_, i) => [
      `$customer${i} = '${customer.slice(0, -2)}${String(i).padStart(2, '0')}'`,
      `# step ${i}`,
      `New-AzResource -ResourceId "${registrationId}/customerSubscriptions/$customer${i}" -ApiVersion 2017-06-01 -Properties @{ tenantId = '<tenant ${i}>' }`,
      i % 4 === 0 ? 'Login-AzureRmAccount' : `Write-Host "done ${i}"`,
    ].join('\n')).join('\n');
    const key = (f: Finding) => `${f.code} ${f.start}-${f.end} ${f.message}`;

    for (const keepSyntaxTrees of [true, false]) {
      it(`gives after each edit the findings of a fresh parse (${keepSyntaxTrees ? 'trees kept' : 'trees freed, as the CLI does'})`, async () => {
        const ws = workspace({ keepSyntaxTrees });
        const uri = `${folder}edited.ps1`;
        let text = script;
        await ws.update(uri, text, 'powershell');
        await fc.assert(fc.asyncProperty(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('', 'x', '$', "'", '\n', '# ', 'AzureRm'), async (at, length, inserted) => {
          const start = at % (text.length + 1);
          const end = Math.min(text.length, start + length);
          text = text.slice(0, start) + inserted + text.slice(end);
          await ws.update(uri, text, 'powershell', [{ start, end, text: inserted }]);
          const fresh = workspace();
          await fresh.update(uri, text, 'powershell');
          assert.deepEqual(ws.findings(uri).map(key), fresh.findings(uri).map(key));
        }), { numRuns: 60, seed: 4242 });
      });
    }

    // After a syntax error or a stray character, a fresh parse may count the line break and indentation before a
    // token as part of it; a parse that reuses the previous tree does not (found by fuzzing).
    const afterOddCharacters: [string, string, string[]][] = [
      ['a here-string after a syntax error', `-S\n@"\nNew-AzResource -ResourceId '/subscriptions/<sub>/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/r'\n"@\n`, ['AZS102@3']],
      ['a hashtable key after a combining mark', "$registration = @{\u0301\n    PrivilegedEndpointCredential = $cloudAdmin\n    PrivilegedEndpoint = 'AzS-ERCS01'\n    RegistrationName = 'azs-north'\n}\nSet-AzsRegistration @registration -BillingModel PayAsYouUse\n", []],
    ];
    for (const [what, text, expected] of afterOddCharacters) {
      it(`reads ${what} alike, whatever parse came before`, async () => {
        const ws = workspace();
        const uri = `${folder}odd.ps1`;
        await ws.update(uri, text, 'powershell');
        assert.deepEqual(brief(text, ws.findings(uri)), expected);
        await ws.update(uri, text, 'powershell', [{ start: 1, end: 1, text: '' }]);
        assert.deepEqual(brief(text, ws.findings(uri)), expected);
      });
    }

    it('parses from scratch when the changes do not match the text', async () => {
      const ws = workspace();
      const uri = `${folder}x.ps1`;
      await ws.update(uri, 'Login-AzureRmAccount', 'powershell');
      await ws.update(uri, 'Connect-AzAccount\nLogin-AzureRmAccount', 'powershell', [{ start: 0, end: 0, text: 'wrong' }]);
      assert.deepEqual(brief('Connect-AzAccount\nLogin-AzureRmAccount', ws.findings(uri)), ['AZS402@2']);
    });
  });

  describe('bad input', () => {
    async function bounded(text: string, kind: DocumentKind): Promise<{ findings: Finding[]; notice: string | undefined }> {
      const ws = workspace();
      await ws.update(`${folder}bad`, text, kind);
      return { findings: ws.findings(`${folder}bad`), notice: ws.notice(`${folder}bad`) };
    }

    it('skips documents over 5 MB and binary ones with a note', async () => {
      const large = await bounded(`# AzureStack\n${'x'.repeat(5 * 1024 * 1024)}`, 'powershell');
      assert.deepEqual([large.findings, large.notice], [[], 'Not linted: the file is larger than 5 MB.']);
      const binary = await bounded('MZ\0\0\0AzureStack', 'powershell');
      assert.deepEqual([binary.findings, binary.notice], [[], 'Not linted: the file looks binary.']);
    });

    it('reads unparsable scripts, truncated JSON and half a request without throwing', async () => {
      const script = await bounded(`Set-AzsRegistration -RegistrationName "unclosed\n}}}} ((( @{ ${addTenant.slice(0, 90)}`, 'powershell');
      assert.equal(script.notice, undefined);
      const json = await bounded(`{"resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "2016-01-01", "name": "reg1/x`, 'json');
      assert.deepEqual(json.findings.map((f) => f.code), ['AZS401', 'AZS201'], 'what the cut document shows, and no claim that tenantId is absent');
      const http = await bounded(`PUT https://management.azure.com${registrationId}/customerSubscriptions/${customer}?api-version=2017-06-01\n\n{"properties": {"tenantId": `, 'http');
      assert.equal(http.notice, undefined);
      const shell = await bounded(`az rest --url "https://management.azure.com${registrationId}/customerSubscriptions/$(echo "x`, 'shell');
      assert.equal(shell.notice, undefined);
    });

    // How long these take (linear in their size) is measured by npm run bench (bench/bounds.ts), not here.
    it('survives JSON and PowerShell nested 10,000 deep', async () => {
      const strict = await bounded(`{"id": "${registrationId}/x", "x": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 'json');
      assert.deepEqual([strict.findings.map((f) => f.code), strict.notice], [['AZS101'], undefined], 'JSON.parse reads it; the finding is found in it');
      const commented = await bounded(`// tenantId\n{"x": ${'['.repeat(10_000)}${']'.repeat(10_000)}, "id": "${registrationId}/x"}`, 'json');
      assert.deepEqual([commented.findings.map((f) => f.code), commented.notice], [['AZS101'], undefined], 'JSONC too, after the deep part');
      const script = await bounded(`# AzureStack\n$x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}`, 'powershell');
      assert.deepEqual([script.findings, script.notice], [[], undefined]);
    });

    it('reads a 1 MB single line', async () => {
      const json = await bounded(`{"value": [${Array.from({ length: 9000 }, () => `{"id": "${registrationId}"}`).join(',')}]}`, 'json');
      assert.deepEqual([json.findings, json.notice], [[], undefined]);
    });

    it('costs no parse when a document touches no Azure Stack registration', async () => {
      // Without its wasm files the parser cannot load: a document that needed it would say so.
      const ws = workspace({ wasmDir: '/nonexistent/azs-wasm' });
      const unrelated = "$p = ConvertTo-SecureString 'Winter2024!' -AsPlainText -Force\nNew-PSSession -ComputerName '<server>'";
      await ws.update(`${folder}unrelated.ps1`, unrelated, 'powershell');
      assert.deepEqual([ws.findings(`${folder}unrelated.ps1`), ws.notice(`${folder}unrelated.ps1`)], [[], undefined]);
      await ws.update(`${folder}related.ps1`, `${unrelated}\nGet-AzsRegistrationToken`, 'powershell');
      assert.match(ws.notice(`${folder}related.ps1`) ?? '', /^Not linted: the PowerShell parser could not be loaded/);
    });
  });

  describe('internal errors', () => {
    it('tells of a rule that throws once per document, says so on the document, and keeps the other rules\' findings', async () => {
      const told: InternalError[] = [];
      const ws = workspace({ onInternalError: (error) => told.push(error) });
      // What Azure says comes from outside: an answer that throws is what a broken live-data source would do.
      const broken = new Error('live data broke');
      const live: LiveData = { registration: () => { throw broken; }, tenant: () => { throw broken; } };
      ws.configure({ live });
      const text = `Login-AzureRmAccount\n${addTenant}`;
      await ws.update(`${folder}a.ps1`, text, 'powershell');
      assert.deepEqual(brief(text, ws.findings(`${folder}a.ps1`)), ['AZS402@1', 'AZS501@2']);
      assert.deepEqual(told.map((e) => [e.rule, e.uri, e.error]), [['AZS601', `${folder}a.ps1`, broken], ['AZS602', `${folder}a.ps1`, broken], ['AZS604', `${folder}a.ps1`, broken]]);
      assert.match(describeInternalError(told[0]), /^internal error: rule AZS601 failed on file:\/\/\/ws\/a\.ps1: Error: live data broke\n\s+at /);
      assert.equal(ws.failureNotice(`${folder}a.ps1`), 'AZS601, AZS602, AZS604 failed on this file with an internal error and checked nothing here; the other rules ran. Please report it: the log has the details.');

      ws.configure({ live, locale: 'sv' });
      assert.equal(ws.findings(`${folder}a.ps1`).length, 2);
      assert.equal(told.length, 3, 'told once per rule and document');
      assert.match(ws.failureNotice(`${folder}a.ps1`) ?? '', /^AZS601, AZS602, AZS604 misslyckades med ett internt fel/);
      await ws.update(`${folder}b.ps1`, addTenant, 'powershell');
      ws.findings(`${folder}b.ps1`);
      assert.deepEqual(told.slice(3).map((e) => [e.rule, e.uri]), [['AZS601', `${folder}b.ps1`], ['AZS602', `${folder}b.ps1`], ['AZS604', `${folder}b.ps1`]]);

      ws.configure({ live: undefined });
      assert.deepEqual([ws.findings(`${folder}a.ps1`).length, ws.failureNotice(`${folder}a.ps1`)], [2, undefined]);
    });

    it('keeps a rule whose findings cannot be placed from taking the others down, and drops its findings whole', async () => {
      const told: InternalError[] = [];
      const ws = workspace({ onInternalError: (error) => told.push(error) });
      const rule = allRules.find((r) => r.code === 'AZS501')!;
      const own = Object.getOwnPropertyDescriptor(rule, 'check')!;
      const check = rule.check.bind(rule);
      const broken = new Error('no place for it');
      // The rule's own reports, then one whose place cannot be worked out (as a value that lost its span did).
      Object.assign(rule, { check: (context: Parameters<typeof check>[0]) => [...check(context), { ...check(context)[0], get span(): never { throw broken; } }] });
      try {
        const text = `Login-AzureRmAccount\n${addTenant}`;
        await ws.update(`${folder}a.ps1`, text, 'powershell');
        assert.deepEqual(brief(text, ws.findings(`${folder}a.ps1`)), ['AZS402@1']);
        assert.deepEqual(told.map((e) => [e.rule, e.uri, e.error]), [['AZS501', `${folder}a.ps1`, broken]]);
        assert.match(ws.failureNotice(`${folder}a.ps1`) ?? '', /^AZS501 failed on this file with an internal error/);
      } finally {
        Object.defineProperty(rule, 'check', own);
      }
    });
  });

  describe('a read that throws', () => {
    /** The notices of a JSON document whose read `read` stands in for, in English and in Swedish. */
    async function noticesOf(read: typeof json.read): Promise<(string | undefined)[]> {
      const own = Object.getOwnPropertyDescriptor(json, 'read') as PropertyDescriptor;
      json.read = read;
      try {
        const ws = workspace({ onInternalError: () => undefined });
        await ws.update(`${folder}a.json`, '{"tenantId": "x"}', 'json');
        const english = ws.notice(`${folder}a.json`);
        ws.configure({ locale: 'sv' });
        return [english, ws.notice(`${folder}a.json`), ws.findings(`${folder}a.json`).length.toString()];
      } finally {
        Object.defineProperty(json, 'read', own);
      }
    }

    it('says in words of its own that a file nests too deeply when the read runs out of stack, in English and Swedish', async () => {
      // A real exhausted stack: how deep a file must nest for one depends on the process, so no file is used here.
      const deeper = (depth: number): number => deeper(depth + 1) + 1;
      assert.deepEqual(await noticesOf(() => ({ facts: { depth: deeper(0) } as never })), [
        'Not linted: the file nests too deeply for the linter to read it.',
        'Inte kontrollerad: filen är nästlad för djupt för att lintern ska kunna läsa den.',
        '0',
      ]);
    });

    it('shows any other error of a read as the error says', async () => {
      assert.deepEqual(await noticesOf(() => { throw new RangeError('Invalid array length'); }), ['Not linted: Invalid array length', 'Inte kontrollerad: Invalid array length', '0']);
    });

    it('says so on a template whose read again with its edited parameter file throws, and names it among the dependents', async () => {
      const own = Object.getOwnPropertyDescriptor(json, 'read') as PropertyDescriptor;
      const read = json.read.bind(json);
      const broken = new Error('read broke');
      const template = `${folder}azuredeploy.json`;
      const parameters = `${folder}azuredeploy.parameters.json`;
      // Only the template's read with the edited parameter file throws: the reads before it and the parameter file's do not.
      json.read = (input) => {
        if (input.uri === template && input.partner?.parameterValues?.get('customer')?.text === customer) throw broken;
        return read(input);
      };
      try {
        const told: InternalError[] = [];
        const ws = workspace({ onInternalError: (error) => told.push(error) });
        await ws.update(template, pairedTemplate, 'json');
        await ws.update(parameters, pairedParameters('Contoso'), 'json');
        assert.deepEqual(ws.findings(template).map((f) => f.code), ['AZS201']);
        await ws.update(parameters, pairedParameters(customer), 'json');
        assert.deepEqual(told.map((e) => [e.uri, e.error]), [[template, broken]]);
        assert.deepEqual(ws.dependents(parameters), [template]);
        assert.deepEqual([ws.findings(template), ws.notice(template)], [[], 'Not linted: read broke']);
        // Unread, it is no template its parameter file's edits reach (as after a read of its own that threw), until edited.
        await ws.update(parameters, pairedParameters('Contoso'), 'json');
        await ws.update(template, `${pairedTemplate}\n`, 'json');
        assert.deepEqual([ws.findings(template).map((f) => f.code), ws.notice(template)], [['AZS201'], undefined], 'read again once edited');
      } finally {
        Object.defineProperty(json, 'read', own);
      }
    });
  });

  it('tells the document kind by language id or extension', () => {
    assert.deepEqual(
      ['a.ps1', 'b.PSM1', 'c.json', 'd.jsonc', 'e.http', 'f.rest', 'g.sh', 'h.azcli', 'i.txt', 'j.psd1', 'k.bash', 'l.zsh'].map((n) => documentKindFor(n)),
      ['powershell', 'powershell', 'json', 'json', 'http', 'http', 'shell', 'shell', undefined, 'powershell', 'shell', 'shell'],
    );
    assert.equal(documentKindFor('Untitled-1', 'shellscript'), 'shell');
    assert.equal(documentKindFor('x.txt', 'jsonc'), 'json');
    assert.equal(documentKindFor('x.ps1', 'plaintext'), 'powershell');
  });
});
