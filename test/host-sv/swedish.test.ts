// With VS Code in Swedish, what the extension shows is Swedish: diagnostics, hovers, notifications, tree items.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { childrenAt, emulatorStamp, nodeAt, openFixture, shown, signedInFresh, testApi, waitFor } from '../host/helpers';

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

  it('writes a priced usage report\'s amounts and periods the Swedish way', async () => {
    const api = await testApi();
    const ui = api.useScriptedInput();
    await vscode.commands.executeCommand('azureStackCsp.importPrices', vscode.Uri.file(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'prices', 'e2e-prices.csv')));
    assert.match(ui.messages.at(-1)?.message ?? '', /^Importerade e2e-prices\.csv: 3 priser från 3 rader\./);
    const [stamps] = (await api.tree.getChildren()).filter((n) => n.kind === 'stamps');
    const [hub] = await api.tree.getChildren(stamps);
    const own = await emulatorStamp('hub01');
    ui.enqueue('Lita på', 'Tjänsthuvudnamn med klienthemlighet', own.clientId, own.clientSecret);
    await vscode.commands.executeCommand('azureStackCsp.signInToStamp', hub);
    ui.enqueue('Per dag', '2026-11-01', '2026-11-08');
    await vscode.commands.executeCommand('azureStackCsp.usageReport', hub);
    const run = api.lastReport();
    assert.ok(run);
    await run.rendered;
    const base = run.page().rows.find((r) => r.meterName === 'Base VM Size Hours' && r.displayName === 'Contoso production');
    assert.ok(base);
    assert.equal(base.text.period.replace(/\s/g, ' '), '1 nov. 2026 – 7 nov. 2026');
    assert.match(base.text.cost, /^\d{1,3}(?:\s\d{3})*,\d{2}\sUS\$$/, base.text.cost);
    assert.match(base.text.unitPrice, /^0,0625\sUS\$$/);
  });
});
