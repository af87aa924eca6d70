// Every code action through the real code action provider: apply its edit, check the new text exactly, and see the
// diagnostic go.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ScriptedUserInput } from '../../src/vscode/infrastructure/ui';
import type { TestApi } from '../../src/vscode/testApi';
import { extensionId, offeredWith, screenshot, signedInFresh, testApi, waitFor } from './helpers';

const registration = '/subscriptions/3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/hub-payg';
const addTenant = (id: string, extra = '') => `New-AzResource -ResourceId "${id}/customerSubscriptions/31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" -ApiVersion 2017-06-01 -Properties @{ tenantId = "41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" }${extra}`;
let counter = 0;

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

async function fixture(text: string, extension = 'ps1'): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('no workspace folder');
  const uri = vscode.Uri.joinPath(folder, 'codeactions', `case-${++counter}.${extension}`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

async function diagnostic(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
  return waitFor(`${code} on ${vscode.workspace.asRelativePath(uri)}`, () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === code));
}

/** The document's diagnostics once one with `code` is among them. */
async function diagnosticsWith(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic[]> {
  await diagnostic(uri, code);
  return vscode.languages.getDiagnostics(uri);
}

async function gone(uri: vscode.Uri, code: string): Promise<void> {
  await waitFor(`${code} to go from ${vscode.workspace.asRelativePath(uri)}`, () => !vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === code));
}

async function actions(uri: vscode.Uri, range: vscode.Range, kind?: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind?.value);
}

/** Applies the action titled `title` offered on the diagnostic with `code`, and returns the action list's titles. */
async function applyFix(editor: vscode.TextEditor, code: string, title: string): Promise<string[]> {
  await diagnostic(editor.document.uri, code);
  // The diagnostic as shown now: after an earlier fix it moves once the linter has read the new text.
  const current = () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => codeOf(d) === code)?.range;
  const { chosen, offered } = await offeredWith(editor.document.uri, current, title);
  if (chosen.edit) assert.ok(await vscode.workspace.applyEdit(chosen.edit));
  if (chosen.command) await vscode.commands.executeCommand(chosen.command.command, ...((chosen.command.arguments ?? []) as unknown[]));
  return offered.map((a) => a.title);
}

/** The JSON of a parameter file that gives the parameter `version`. */
const versionParameters = (version: string) => `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"version": {"value": "${version}"}}}\n`;
/** The same without `$schema`, nor any word of Azure Stack: known as a parameter file by its shape alone. */
const unschemedParameters = (version: string) => `{"contentVersion": "1.0.0.0", "parameters": {"version": {"value": "${version}"}}}\n`;
/** A template whose tenant resource takes its api-version from the parameter `version`. */
const versionTemplate = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "parameters": {"version": {"type": "string"}}, "resources": [{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "[parameters('version')]", "name": "hub-payg/31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8", "properties": {"tenantId": "41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8"}}]}\n`;

/** A folder with that template and a parameter file giving version 2016-01-01 (open, not shown), the template shown. */
async function parameterFileCase(name: string, parameters = versionParameters): Promise<{ parameterUri: vscode.Uri; parameterFile: vscode.TextDocument; editor: vscode.TextEditor }> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('no workspace folder');
  const parameterUri = vscode.Uri.joinPath(folder, 'codeactions', name, 'azuredeploy.parameters.json');
  await vscode.workspace.fs.writeFile(parameterUri, new TextEncoder().encode(parameters('2016-01-01')));
  const parameterFile = await vscode.workspace.openTextDocument(parameterUri);
  const templateUri = vscode.Uri.joinPath(folder, 'codeactions', name, 'azuredeploy.json');
  await vscode.workspace.fs.writeFile(templateUri, new TextEncoder().encode(versionTemplate));
  return { parameterUri, parameterFile, editor: await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(templateUri)) };
}

describe('code actions', function () {
  this.timeout(60_000);
  let api: TestApi;
  let ui: ScriptedUserInput;

  before(async () => {
    api = await testApi();
    ui = api.useScriptedInput();
    await api.lint.indexed;
  });

  beforeEach(() => ui.reset());

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('replaces a retired AzureRM cmdlet with its Az name', async () => {
    const editor = await fixture('Login-AzureRmAccount -EnvironmentName AzureCloud\n');
    await applyFix(editor, 'AZS402', 'Use Connect-AzAccount');
    assert.equal(editor.document.getText(), 'Connect-AzAccount -EnvironmentName AzureCloud\n');
    await gone(editor.document.uri, 'AZS402');
  });

  it('fixes a GUID written with braces', async () => {
    const editor = await fixture(`${addTenant(registration).replace('31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8', '{31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8}')}\n`);
    await applyFix(editor, 'AZS201', 'Fix the GUID: 31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8');
    assert.equal(editor.document.getText(), `${addTenant(registration)}\n`);
    await gone(editor.document.uri, 'AZS201');
  });

  it('corrects a misspelled path segment, and uses an api-version that has customerSubscriptions', async () => {
    const editor = await fixture(`${addTenant(registration.replace('resourceGroups', 'resourcegroup')).replace('2017-06-01', '2016-01-01')}\n`);
    await applyFix(editor, 'AZS101', 'Correct the segment to "resourceGroups"');
    await applyFix(editor, 'AZS401', 'Use api-version 2017-06-01');
    assert.equal(editor.document.getText(), `${addTenant(registration)}\n`);
    await gone(editor.document.uri, 'AZS401');
  });

  it('registers with PayAsYouUse in the file that declares the registration', async () => {
    const declaring = await fixture("Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -RegistrationName hub-late -BillingModel Development\n");
    const editor = await fixture(`${addTenant(registration.replace('hub-payg', 'hub-late'))}\n`);
    await applyFix(editor, 'AZS301', 'Register with PayAsYouUse');
    assert.equal(declaring.document.getText(), 'Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -RegistrationName hub-late -BillingModel PayAsYouUse\n');
    await gone(editor.document.uri, 'AZS301');
  });

  it('fixes an api-version a parameter file gives in the parameter file, and leaves the template using its parameter', async () => {
    const { parameterFile, editor } = await parameterFileCase('parameters');
    await applyFix(editor, 'AZS401', 'Use api-version 2017-06-01');
    assert.equal(parameterFile.getText(), versionParameters('2017-06-01'));
    assert.equal(editor.document.getText(), versionTemplate);
    await gone(editor.document.uri, 'AZS401');
  });

  it('reads a template with a parameter file that has no $schema, points at its value and fixes it there', async () => {
    const { parameterUri, parameterFile, editor } = await parameterFileCase('unschemed', unschemedParameters);
    const shown = await diagnostic(editor.document.uri, 'AZS401');
    const given = shown.relatedInformation?.find((r) => r.location.uri.toString() === parameterUri.toString());
    assert.equal(given && parameterFile.getText(given.location.range), '2016-01-01', 'related information at the value in the parameter file');
    await applyFix(editor, 'AZS401', 'Use api-version 2017-06-01');
    assert.equal(parameterFile.getText(), unschemedParameters('2017-06-01'));
    assert.equal(editor.document.getText(), versionTemplate);
    await gone(editor.document.uri, 'AZS401');
  });

  it('writes into a parameter file where its value is now, not where the linter last read it', async () => {
    const { parameterUri, parameterFile, editor } = await parameterFileCase('moved');
    const shown = await diagnostic(editor.document.uri, 'AZS401');
    // The parameter file's value moves while the linter has not read the file again (its change handler is held
    // back, as in the moment before the read that follows an edit): a fix placed by the text it read is not offered.
    Object.assign(api.lint, { onChange: () => undefined });
    const moved = new vscode.WorkspaceEdit();
    moved.insert(parameterUri, new vscode.Position(0, 0), '\n\n');
    assert.ok(await vscode.workspace.applyEdit(moved));
    const offered = await actions(editor.document.uri, shown.range);
    Reflect.deleteProperty(api.lint, 'onChange');
    assert.ok(!offered.some((a) => a.title === 'Use api-version 2017-06-01'), 'no fix placed by the text the linter read before');
    // Once the linter has read the file as it is, the fix writes where the value is now.
    const end = new vscode.WorkspaceEdit();
    end.insert(parameterUri, parameterFile.positionAt(parameterFile.getText().length), '\n');
    assert.ok(await vscode.workspace.applyEdit(end));
    await applyFix(editor, 'AZS401', 'Use api-version 2017-06-01');
    assert.equal(parameterFile.getText(), `\n\n${versionParameters('2017-06-01')}\n`);
    assert.equal(editor.document.getText(), versionTemplate);
    await gone(editor.document.uri, 'AZS401');
  });

  it('adds -AgreementNumber to a Capacity registration and -RegistrationName where it is missing, as snippets', async () => {
    const editor = await fixture('Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -BillingModel Capacity\n');
    await applyFix(editor, 'AZS302', 'Add -AgreementNumber');
    await vscode.commands.executeCommand('leaveSnippet');
    await applyFix(editor, 'AZS104', 'Add -RegistrationName');
    await vscode.commands.executeCommand('leaveSnippet');
    assert.equal(editor.document.getText(), 'Set-AzsRegistration -RegistrationName $registrationName -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -BillingModel Capacity -AgreementNumber agreement-number\n');
    await gone(editor.document.uri, 'AZS302');
    await gone(editor.document.uri, 'AZS104');
  });

  it('uses PayAsYouUse for a billing model that does not exist', async () => {
    const editor = await fixture('Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -RegistrationName r1 -BillingModel PayAsYouGo\n');
    await applyFix(editor, 'AZS303', 'Use PayAsYouUse');
    assert.match(editor.document.getText(), /-BillingModel PayAsYouUse\n$/);
    await gone(editor.document.uri, 'AZS303');
  });

  it('inserts a CloudDeploymentID lookup that runs before the first tenant operation, once, and adds no diagnostic', async () => {
    const text = `param(\n    [string] $Id\n)\nConnect-AzAccount\n${addTenant(registration)}\n`;
    const editor = await fixture(text);
    const before = (await diagnosticsWith(editor.document.uri, 'AZS501')).map(codeOf);
    const offered = await applyFix(editor, 'AZS501', 'Insert CloudDeploymentID lookup');
    await screenshot('code-action-lookup-applied');
    const lines = editor.document.getText().split('\n');
    assert.deepEqual(lines.slice(0, 5), ['param(', '    [string] $Id', ')', 'Connect-AzAccount',
      "# Stop unless this stamp is the one registration 'hub-payg' belongs to: its CloudDeploymentID is the registration's cloudId."]);
    assert.deepEqual(lines.slice(5, 8), [
      "$privilegedEndpoint = Read-Host -Prompt 'Privileged endpoint of this stamp (ERCS VM name or IP address)'",
      "$cloudAdminCredential = Get-Credential -Message 'CloudAdmin account for the privileged endpoint of this stamp'",
      '$pepSession = New-PSSession -ComputerName $privilegedEndpoint -ConfigurationName PrivilegedEndpoint -Credential $cloudAdminCredential',
    ]);
    assert.equal(lines[13], `$registrationCloudId = (Get-AzResource -ResourceId "${registration}" -ApiVersion 2017-06-01).Properties.cloudId`);
    assert.equal(lines[17], addTenant(registration));
    await gone(editor.document.uri, 'AZS501');
    assert.deepEqual(vscode.languages.getDiagnostics(editor.document.uri).map(codeOf), before.filter((code) => code !== 'AZS501'), 'no diagnostic on the inserted lines');
    const again = await actions(editor.document.uri, new vscode.Range(17, 0, 17, 0));
    assert.ok(!again.some((a) => a.title === 'Insert CloudDeploymentID lookup'), 'not offered twice');
    assert.ok(offered.includes('Disable AZS501 for this line'));
  });

  it('offers the lookup as a refactoring on a line that names a registration without any diagnostic', async () => {
    const editor = await fixture('$rg = "azurestack"\nGet-AzResource -ResourceGroupName $rg -ResourceType Microsoft.AzureStack/registrations -Name hub-payg\n');
    const offered = await actions(editor.document.uri, new vscode.Range(1, 5, 1, 5), vscode.CodeActionKind.Refactor);
    assert.ok(offered.some((a) => a.title === 'Insert CloudDeploymentID lookup' && a.kind?.value === 'refactor.insert'), offered.map((a) => a.title).join(' | '));
  });

  it('disables a rule for one line and for the whole file', async () => {
    const editor = await fixture('Connect-AzAccount\nLogin-AzureRmAccount\n');
    await applyFix(editor, 'AZS402', 'Disable AZS402 for this line');
    assert.equal(editor.document.getText(), 'Connect-AzAccount\n# azs-disable-next-line AZS402\nLogin-AzureRmAccount\n');
    await gone(editor.document.uri, 'AZS402');
    const other = await fixture('Login-AzureRmAccount\n');
    await applyFix(other, 'AZS402', 'Disable AZS402 for this file');
    assert.equal(other.document.getText(), '# azs-disable AZS402\nLogin-AzureRmAccount\n');
    await gone(other.document.uri, 'AZS402');
  });

  it('offers "Fix all" in the Ctrl+. menu and as a source action; it fixes the api-version too and says what it changed', async () => {
    const editor = await fixture(`Login-AzureRmAccount\nGet-AzureRmResource -ResourceId $id\n${addTenant(registration).replace('New-AzResource', 'New-AzureRmResource').replace('2017-06-01', '2016-01-01')}\n`);
    const found = await diagnostic(editor.document.uri, 'AZS401');
    const title = 'Fix all Azure Stack Hub CSP problems';
    const { offered: listed } = await offeredWith(editor.document.uri, found.range, title);
    assert.deepEqual(listed.filter((a) => a.title === title).map((a) => a.kind?.value).sort(), ['quickfix', 'source.fixAll.azureStackCsp']);
    const [source] = await actions(editor.document.uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.Source);
    assert.equal(source?.title, title, 'in the Source Action menu');
    const [fixAll] = await actions(editor.document.uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.SourceFixAll);
    assert.ok(fixAll?.command);
    await vscode.commands.executeCommand(fixAll.command.command, ...((fixAll.command.arguments ?? []) as unknown[]));
    assert.equal(editor.document.getText(), `Connect-AzAccount\nGet-AzResource -ResourceId $id\n${addTenant(registration)}\n`);
    assert.deepEqual(ui.messages.map((m) => m.message), [`Fixed 4 problems in codeactions/case-${counter}.ps1: 3 × AZS402, 1 × AZS401`]);
    await gone(editor.document.uri, 'AZS401');
    await gone(editor.document.uri, 'AZS402');
  });

  it('fixes all from the command palette, and says so when nothing is left to fix', async () => {
    const editor = await fixture('Login-AzureRmAccount\n');
    await diagnostic(editor.document.uri, 'AZS402');
    assert.equal(await vscode.commands.executeCommand('azureStackCsp.fixAll'), 1);
    assert.equal(editor.document.getText(), 'Connect-AzAccount\n');
    assert.equal(await vscode.commands.executeCommand('azureStackCsp.fixAll'), 0);
    assert.deepEqual(ui.messages.map((m) => m.message), [
      `Fixed 1 problem in codeactions/case-${counter}.ps1: 1 × AZS402`, `Nothing in codeactions/case-${counter}.ps1 can be fixed without a choice.`,
    ]);
    const manifest = (vscode.extensions.getExtension(extensionId)?.packageJSON ?? {}) as { contributes: { menus: Record<string, { command: string }[]> } };
    assert.ok(manifest.contributes.menus['editor/context'].some((m) => m.command === 'azureStackCsp.fixAll'), 'in the editor\'s context menu');
  });

  it('picks a registration from Azure and rewrites the resource ID in place', async () => {
    await signedInFresh(api);
    const editor = await fixture(`${addTenant('/subscriptions/<subscription id>/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/<registration name>')}\n`);
    ui.enqueue('hub-payg');
    await applyFix(editor, 'AZS102', 'Pick registration from Azure…');
    assert.deepEqual(ui.prompts[0].items?.map((i) => i.label), ['hub-capacity', 'hub-payg', 'hub-unapproved', 'lab-dev']);
    assert.equal(editor.document.getText(), `${addTenant(registration)}\n`);
    await gone(editor.document.uri, 'AZS102');
  });

  it('shows the quick fix menu with the lookup first (screenshot for the README)', async () => {
    const editor = await fixture(`Connect-AzAccount\n${addTenant(registration)}\n`);
    const found = await diagnostic(editor.document.uri, 'AZS501');
    editor.selection = new vscode.Selection(found.range.start, found.range.start);
    await vscode.commands.executeCommand('editor.action.quickFix');
    const menu = await screenshot('quick-fix-menu', undefined, { shown: '.action-widget' });
    await vscode.commands.executeCommand('hideCodeActionWidget');
    const rows = menu.split('\n').map((row) => row.trim()).filter((row) => row !== '');
    assert.ok(rows.indexOf('Insert CloudDeploymentID lookup') >= 0, menu);
    assert.ok(rows.indexOf('Insert CloudDeploymentID lookup') < rows.indexOf('Disable AZS501 for this line'), menu);
  });
});
