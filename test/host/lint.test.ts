// The linter in the real host: diagnostics on fixture files (code, range, severity, docs link), cross-file facts,
// settings and suppression comments taking effect at once, hovers, and files too large to lint.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/vscode/testApi';
import { openFixture, testApi, waitFor } from './helpers';

type Line = string;

/** One line per diagnostic, as a person would read the Problems panel: "[line:col-line:col] severity CODE message". */
function describe_(diagnostic: vscode.Diagnostic): Line {
  const { start, end } = diagnostic.range;
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  const severity = ['error', 'warning', 'information', 'hint'][diagnostic.severity];
  return `[${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}] ${severity} ${String(code)} ${diagnostic.message}`;
}

async function diagnosticsOf(uri: vscode.Uri, settled: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return waitFor(`diagnostics on ${vscode.workspace.asRelativePath(uri)}`, () => {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'azure-stack-csp');
    return settled(found) && found;
  });
}

const codes = (diagnostics: vscode.Diagnostic[]) => diagnostics.map((d) => (typeof d.code === 'object' ? d.code.value : d.code));

describe('linter in the editor', function () {
  this.timeout(60_000);
  let api: TestApi;

  before(async () => {
    api = await testApi();
    await api.lint.indexed;
  });

  afterEach(async () => {
    await vscode.workspace.getConfiguration('azureStackCsp').update('lint.rules', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('underlines what Azure would refuse, with exact ranges, severities and a link to the rule page', async () => {
    const { document } = await openFixture('lint/mistakes.ps1');
    const diagnostics = await diagnosticsOf(document.uri, (d) => ['AZS101', 'AZS201', 'AZS401'].every((code) => codes(d).includes(code)));
    const lines = diagnostics.map(describe_);
    assert.ok(lines.includes("[3:117-3:140] error AZS101 The provider is 'Microsoft.AzureStackHCI', but registrations belong to Microsoft.AzureStack. Azure would answer RegistrationNotFound."), lines.join('\n'));
    assert.ok(lines.includes("[4:183-4:195] error AZS201 The customer subscription ID 'contoso-prod' is not a GUID; Azure would answer InvalidCustomerSubscriptionId."), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('[5:196-5:206] error AZS401 api-version 2016-01-01 has no customerSubscriptions')), lines.join('\n'));
    const link = diagnostics.find((d) => codes([d])[0] === 'AZS101')?.code;
    assert.ok(typeof link === 'object');
    assert.equal(link.target.toString(true), 'command:azureStackCsp.showRuleDocs?["AZS101"]', 'the link renders the rule page (test/host/newUser.test.ts clicks it)');
  });

  it("flags tenants added to a registration that another, unopened file registers as Development, pointing at that file", async () => {
    const { document } = await openFixture('lint/add-to-dev.ps1');
    const [azs301] = (await diagnosticsOf(document.uri, (d) => codes(d).includes('AZS301'))).filter((d) => codes([d])[0] === 'AZS301');
    assert.equal(azs301.severity, vscode.DiagnosticSeverity.Error);
    assert.match(azs301.message, /declared in development-registration\.ps1 uses the Development billing model.*CustomerSubscriptionsNotAllowed/);
    const [related] = azs301.relatedInformation ?? [];
    assert.ok(related.location.uri.path.endsWith('/lint/development-registration.ps1'));
    assert.equal(related.location.range.start.line, 2);
    assert.equal(related.message, 'The billing model Development is set here.');
  });

  it('reads the registrations of unopened files of every kind it lints, a .bash script among them', async () => {
    const { document } = await openFixture('lint/add-to-lab.ps1');
    const [azs301] = (await diagnosticsOf(document.uri, (d) => codes(d).includes('AZS301'))).filter((d) => codes([d])[0] === 'AZS301');
    assert.match(azs301.message, /declared in register-lab\.bash uses the Capacity billing model/);
    assert.ok(azs301.relatedInformation?.[0].location.uri.path.endsWith('/lint/register-lab.bash'));
  });

  it('applies a rule setting to open documents at once', async () => {
    const { document } = await openFixture('retired.ps1');
    await diagnosticsOf(document.uri, (d) => codes(d).includes('AZS402'));
    await vscode.workspace.getConfiguration('azureStackCsp').update('lint.rules', { AZS402: 'off' }, vscode.ConfigurationTarget.Workspace);
    await diagnosticsOf(document.uri, (d) => !codes(d).includes('AZS402'));
    await vscode.workspace.getConfiguration('azureStackCsp').update('lint.rules', { 'AZS4*': 'error' }, vscode.ConfigurationTarget.Workspace);
    const [raised] = await diagnosticsOf(document.uri, (d) => d.some((x) => codes([x])[0] === 'AZS402' && x.severity === vscode.DiagnosticSeverity.Error));
    assert.equal(raised.severity, vscode.DiagnosticSeverity.Error);
  });

  it('drops a finding when a suppression comment is typed above it, and brings it back when removed', async () => {
    const editor = await openFixture('retired.ps1');
    const { document } = editor;
    await diagnosticsOf(document.uri, (d) => codes(d).includes('AZS402'));
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# azs-disable-next-line AZS402\n'));
    await diagnosticsOf(document.uri, (d) => !codes(d).includes('AZS402'));
    await editor.edit((edit) => edit.delete(new vscode.Range(0, 0, 1, 0)));
    await diagnosticsOf(document.uri, (d) => codes(d).includes('AZS402'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('explains an error code on hover in a log file, and a rule code in a suppression comment', async () => {
    const log = await openFixture('logs/onboarding.log');
    const column = log.document.lineAt(1).text.indexOf('CustomerSubscriptionsNotAllowed') + 5;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', log.document.uri, new vscode.Position(1, column));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /\*\*CustomerSubscriptionsNotAllowed\*\* · HTTP 400/);
    assert.match(text, /What to do: Register the stamp again with -BillingModel PayAsYouUse/);
    const script = await vscode.workspace.openTextDocument({ language: 'powershell', content: '# azs-disable-next-line AZS701\n' });
    const ruleHovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', script.uri, new vscode.Position(0, 26));
    const ruleText = ruleHovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(ruleText, /\*\*AZS701\*\* · /);
    assert.match(ruleText, /\[Rule documentation\]\(command:azureStackCsp\.showRuleDocs\?%5B%22AZS701%22%5D\)/, 'the link renders the rule page');
  });

  it('says once, as information, that a file over 5 MB is not linted', async () => {
    const content = `# ${'x'.repeat(100)}\n`.repeat(55_000) + 'Login-AzureRmAccount\n';
    const document = await vscode.workspace.openTextDocument({ language: 'powershell', content });
    const diagnostics = await diagnosticsOf(document.uri, (d) => d.length > 0);
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.message]), [[vscode.DiagnosticSeverity.Information, 'Not linted: the file is larger than 5 MB.']]);
  });

  it('clears its diagnostics when a document closes and when linting is turned off', async () => {
    const { document } = await openFixture('retired.ps1');
    await diagnosticsOf(document.uri, (d) => d.length > 0);
    await vscode.workspace.getConfiguration('azureStackCsp').update('lint.enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      await diagnosticsOf(document.uri, (d) => d.length === 0);
    } finally {
      await vscode.workspace.getConfiguration('azureStackCsp').update('lint.enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsOf(document.uri, (d) => d.length > 0);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await diagnosticsOf(document.uri, (d) => d.length === 0);
  });
});
