// Markdown runbooks in the real host: the code blocks' findings underlined where they are in the .md file, quick fixes
// that edit inside a block, a disable comment before a block; and one finding per defect, with the other places where
// the same value is used as related information.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { offeredWith, testApi, waitFor, writeWorkspaceFile } from './helpers';

const registration = '/subscriptions/3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/hub-payg';
const customer = '31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8';

const runbook = [
  '# Onboard a customer',
  '',
  `Prose that names \`${registration}/customerSubscriptions/<id>\` is not checked.`,
  '',
  '1. Add the subscription:',
  '',
  '   ```powershell',
  `   New-AzResource -ResourceId "${registration}/customerSubscriptions/{${customer}}" -ApiVersion 2017-06-01 -Properties @{ tenantId = '41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8' } -Force`,
  '   ```',
  '',
  '2. The request body, for the REST API:',
  '',
  '   ```json',
  '   { "properties": { "tenantId": "contoso.onmicrosoft.com" } }',
  '   ```',
  '',
].join('\n');

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const range = (d: vscode.Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`;

async function open(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = await writeWorkspaceFile(name, text);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

async function diagnosticsWith(uri: vscode.Uri, codes: string[]): Promise<vscode.Diagnostic[]> {
  return waitFor(`${codes.join(', ')} on ${vscode.workspace.asRelativePath(uri)}`, () => {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'azure-stack-csp');
    return codes.every((code) => found.some((d) => codeOf(d) === code)) && found;
  });
}

async function apply(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: string): Promise<void> {
  const { chosen } = await offeredWith(uri, diagnostic.range, title);
  assert.ok(chosen.edit, `"${title}" carries an edit`);
  assert.ok(await vscode.workspace.applyEdit(chosen.edit));
}

describe('Markdown runbooks', function () {
  this.timeout(60_000);

  before(async () => {
    await (await testApi()).lint.indexed;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('underlines the findings of tagged code blocks where they are in the .md file, and nothing in prose', async () => {
    const { document } = await open('runbook-onboard.md', runbook);
    assert.equal(document.languageId, 'markdown');
    const diagnostics = await diagnosticsWith(document.uri, ['AZS201', 'AZS202']);
    const lines = diagnostics.map((d) => `${codeOf(d)} ${range(d)} ${document.getText(d.range)}`).sort();
    assert.deepEqual(lines.filter((l) => !l.startsWith('AZS501')), [
      `AZS201 8:186-8:224 {${customer}}`,
      'AZS202 14:35-14:58 contoso.onmicrosoft.com',
    ]);
    assert.ok(!diagnostics.some((d) => d.range.start.line === 2), 'the prose line has no diagnostic');
  });

  it('fixes inside the block, and disables a rule for a block with a comment before its fence', async () => {
    const editor = await open('runbook-fix.md', runbook);
    const { document } = editor;
    const [guid] = (await diagnosticsWith(document.uri, ['AZS201'])).filter((d) => codeOf(d) === 'AZS201');
    await apply(document.uri, guid, `Fix the GUID: ${customer}`);
    assert.equal(document.lineAt(7).text, `   New-AzResource -ResourceId "${registration}/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Properties @{ tenantId = '41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8' } -Force`);
    await waitFor('AZS201 to go', () => !vscode.languages.getDiagnostics(document.uri).some((d) => codeOf(d) === 'AZS201'));
    const [tenant] = (await diagnosticsWith(document.uri, ['AZS202'])).filter((d) => codeOf(d) === 'AZS202');
    await apply(document.uri, tenant, 'Disable AZS202 for this code block');
    assert.equal(document.lineAt(12).text, '   <!-- azs-disable AZS202 -->');
    assert.equal(document.lineAt(13).text, '   ```json');
    await waitFor('AZS202 to go', () => !vscode.languages.getDiagnostics(document.uri).some((d) => codeOf(d) === 'AZS202'));
  });

  it('reports an ID built once and used by two calls once, where it is written, with both calls as related information', async () => {
    const script = [
      `$id = "${registration.replace('/hub-payg', '')}"`,
      '$registration = Get-AzResource -ResourceId $id -ApiVersion 2017-06-01',
      'Remove-AzResource -ResourceId $id -ApiVersion 2017-06-01 -Force',
      '',
    ].join('\n');
    const { document } = await open('one-defect.ps1', script);
    const ids = (await diagnosticsWith(document.uri, ['AZS101'])).filter((d) => codeOf(d) === 'AZS101');
    assert.equal(ids.length, 1, ids.map((d) => range(d)).join(' '));
    assert.equal(range(ids[0]), `1:8-1:${8 + registration.length - '/hub-payg'.length}`);
    assert.deepEqual(ids[0].relatedInformation?.map((r) => [r.location.uri.toString(), r.location.range.start.line + 1, document.getText(r.location.range), r.message]), [
      [document.uri.toString(), 2, '$id', 'The same value is used here.'],
      [document.uri.toString(), 3, '$id', 'The same value is used here.'],
    ]);
  });
});
