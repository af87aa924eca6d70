// The live rules (AZS601–AZS604) in the real host against the emulator: they appear once Azure has answered, follow
// the emulator's state after Refresh, and go silent when signed out.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/vscode/testApi';
import { emulator, signedInFresh, testApi, waitFor } from './helpers';

const base = '/subscriptions/3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations';
const subscriptionPath = base.slice(0, base.indexOf('/resourceGroups')).toLowerCase();
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const live = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => /^AZS6/.test(codeOf(d))).map((d) => `${codeOf(d)} ${d.message}`).sort();

const script = [
  'Connect-AzAccount',
  `New-AzResource -ResourceId "${base}/hub-capacity/customerSubscriptions/31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" -ApiVersion 2017-06-01 -Properties @{ tenantId = "41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" }`,
  `New-AzResource -ResourceId "${base}/hub-payg/customerSubscriptions/11a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" -ApiVersion 2017-06-01 -Properties @{ tenantId = "21a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" }`,
  `Remove-AzResource -ResourceId "${base}/hub-payg/customerSubscriptions/99a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8" -ApiVersion 2017-06-01 -Force`,
  `Get-AzResource -ResourceId "${base}/hub-gone/customerSubscriptions" -ApiVersion 2017-06-01`,
  '',
].join('\n');

describe('live rules (emulator)', function () {
  this.timeout(60_000);
  let api: TestApi;
  let document: vscode.TextDocument;

  before(async () => {
    api = await testApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signedInFresh(api);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder, 'live', 'onboard-tenants.ps1');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(script));
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await emulator().reset();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('says what Azure holds: wrong billing model, missing registration, tenant missing or already there', async () => {
    const expected = [
      "AZS601 Subscription 3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37 has no registration 'hub-gone' in resource group 'azurestack' (checked in Azure); Azure would answer RegistrationNotFound.",
      "AZS602 In Azure, registration 'hub-capacity' uses the Capacity billing model; it takes no tenants, so Azure would answer CustomerSubscriptionsNotAllowed.",
      "AZS603 Customer subscription 99a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 is not in registration 'hub-payg' (checked in Azure); Azure would answer CustomerSubscriptionNotFound.",
      "AZS604 Customer subscription 11a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 is already in registration 'hub-payg' (checked in Azure); adding it again replaces its tenant ID.",
    ];
    await waitFor('the four live findings', () => JSON.stringify(live(document.uri)) === JSON.stringify(expected), 20_000)
      .catch(() => assert.deepEqual(live(document.uri), expected));
  });

  it('asks Azure once per registration and tenant, not per keystroke', async () => {
    await emulator().clearRequests();
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    for (let i = 0; i < 5; i++) await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# typing\n'));
    await waitFor('findings after typing', () => live(document.uri).length === 4);
    // Only lookups in the file's subscription count: the Registrations view may still be loading other subscriptions.
    const lookups = (await emulator().requests()).filter((r) => r.path.toLowerCase().startsWith(subscriptionPath));
    assert.deepEqual(lookups, []);
  });

  it('follows a change in Azure after Refresh', async () => {
    const state = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'emulator', 'host.json'), 'utf8')) as { registrations: { name: string; billingModel: string }[] };
    for (const registration of state.registrations) if (registration.name === 'hub-capacity') registration.billingModel = 'PayAsYouUse';
    await emulator().replaceState(state as never);
    await vscode.commands.executeCommand('azureStackCsp.refresh');
    await waitFor('AZS602 to clear', () => live(document.uri).length === 3 && !live(document.uri).some((l) => l.startsWith('AZS602')), 20_000);
  });

  it('goes silent when signed out', async () => {
    await vscode.commands.executeCommand('azureStackCsp.signOut');
    await waitFor('no live findings', () => live(document.uri).length === 0);
    await api.session.signIn(false);
  });
});
