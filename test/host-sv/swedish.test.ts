// With VS Code in Swedish, what the extension shows is Swedish: diagnostics, hovers, notifications, tree items.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { childrenAt, nodeAt, openFixture, shown, signedInFresh, testApi, waitFor } from '../host/helpers';

describe('på svenska', function () {
  this.timeout(60_000);

  it('runs with the Swedish display language', () => {
    assert.equal(vscode.env.language, 'sv');
  });

  it('writes diagnostics in Swedish', async () => {
    const { document } = await openFixture('retired.ps1');
    const [diagnostic] = await waitFor('a diagnostic', () => {
      const found = vscode.languages.getDiagnostics(document.uri);
      return found.length > 0 && found;
    });
    assert.equal(diagnostic.message, 'Login-AzureRmAccount är en AzureRM-cmdlet, och AzureRM stöds inte längre; använd Connect-AzAccount från Az-modulen.');
  });

  it('explains an error code in Swedish on hover', async () => {
    const script = await vscode.workspace.openTextDocument({ language: 'powershell', content: '# CustomerSubscriptionsNotAllowed\n' });
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', script.uri, new vscode.Position(0, 6));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /Orsak: Registreringen använder inte debiteringsmodellen PayAsYouUse/);
    assert.match(text, /Gör så här: Registrera stämpeln på nytt med -BillingModel PayAsYouUse/);
  });

  it('shows the tree and refuses a Capacity registration in Swedish', async () => {
    const api = await testApi();
    const ui = api.useScriptedInput();
    await signedInFresh(api);
    const registrations = await childrenAt(api, 'Tjänsthuvudnamn', 'Fabrikam CSP - Azure Stack billing');
    assert.ok(registrations.map((n) => shown(api, n)).includes('hub-capacity · Capacity'));
    await vscode.commands.executeCommand('azureStackCsp.addTenant', await nodeAt(api, 'Tjänsthuvudnamn', 'Fabrikam CSP - Azure Stack billing', 'hub-capacity'));
    assert.equal(ui.messages[0].message,
      'hub-capacity använder debiteringsmodellen Capacity och kan inte ta emot klienter (CustomerSubscriptionsNotAllowed). Registrera stämpeln på nytt med -BillingModel PayAsYouUse (Set-AzsRegistration) och lägg sedan till klienterna.');
    assert.deepEqual(ui.messages[0].actions, ['Visa logg']);
  });
});
