// `npm run screenshots`: the pictures in the README and the walkthrough, taken in the real host on the demo
// workspace and the emulator's demo data. Each scene sets the workbench up through the VS Code API and asks the runner
// for a screenshot; nothing here asserts more than that the scene could be set up.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { allowsTenants } from '../../src/core/azureStack';
import type { Registration } from '../../src/azure/registrations';
import type { TreeNode } from '../../src/vscode/tree/nodes';
import type { RenderedCounts } from '../../src/vscode/usage/reportView';
import { childrenAt, openFixture, screenshot, shown, signedInFresh, signInToStampAsUser, testApi, waitFor } from '../host/helpers';

const media = process.env.AZS_SCREENSHOTS_DIR ?? join(__dirname, '..', '..', '..', 'media');
/** A picture of the window, or with `clip` only of what it is about, so that it stays readable where it is shown small. */
const picture = (folder: 'screenshots' | 'walkthrough', name: string, clip?: string[]) => screenshot(name, join(media, folder, `${name}.png`), clip ? { clip, pad: 4 } : {});
/** The side bar's title and the rows the view shows, not the empty space below them. */
const sideBar = ['.part.sidebar > .composite.title', '.part.sidebar .monaco-list-row'];
const settle = (ms = 800) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForDiagnostics(uri: vscode.Uri, count: number): Promise<void> {
  await waitFor(`${count} diagnostics`, () => vscode.languages.getDiagnostics(uri).length >= count, 20_000);
}

describe('screenshots', function () {
  this.timeout(120_000);

  before(async () => {
    const api = await testApi();
    await signedInFresh(api);
    // The demo's stamps sign in with their own service principals, confirmed as a user does the first time.
    const ui = api.useScriptedInput();
    for (const stamp of vscode.workspace.getConfiguration('azureStackCsp').get<{ name: string }[]>('stamps') ?? []) await signInToStampAsUser(api, ui, stamp.name);
    api.useRealInput();
    // Ten tenants at a time keeps the pictures readable and shows "Load more".
    await vscode.workspace.getConfiguration('azureStackCsp').update('tenants.pageSize', 10, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.view.extension.azureStackCsp');
    await vscode.commands.executeCommand('workbench.action.focusSideBar');
    // Odd but so: with the side bar focused, 'decrease' widens it.
    for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
  });

  it('the Registrations view with the demo data', async () => {
    const api = await testApi();
    await vscode.commands.executeCommand('workbench.view.extension.azureStackCsp');
    const registrations = await childrenAt(api, 'Service principal', 'Contoso Cloud Services - Azure Stack billing');
    // Nodes come from the extension's bundle, so they are told apart by shape, not by class.
    const payg: (TreeNode & { registration?: Registration }) | undefined = registrations.find((n) => shown(api, n).startsWith('sthlm01-payg'));
    assert.ok(payg?.registration && allowsTenants(payg.registration.billingModel));
    await api.view.reveal(payg, { select: true, focus: true, expand: true });
    // Tenants are named once the CSV labels and the stamps' subscriptions are read.
    await waitFor('tenants named by who the customer is', async () => (await api.tree.getChildren(payg)).some((n) => shown(api, n).startsWith('Northwind Traders')), 20_000);
    await settle();
    await picture('screenshots', 'registrations', sideBar);
    await picture('walkthrough', 'browse', sideBar);
    await vscode.commands.executeCommand('workbench.actions.treeView.azureStackCsp.registrations.collapseAll');
    const [stamps] = (await api.tree.getChildren()).filter((n) => n.kind === 'stamps');
    const [sthlm] = await api.tree.getChildren(stamps);
    await api.view.reveal(sthlm, { select: true, focus: true, expand: true });
    await api.tree.getChildren(sthlm);
    await settle(1500);
    await picture('screenshots', 'stamps', sideBar);
  });

  it('the sign-in state', async () => {
    // The step is about signing in: the view as it asks for it, then signed in again for the other scenes.
    const api = await testApi();
    await vscode.commands.executeCommand('azureStackCsp.signOut');
    await vscode.commands.executeCommand('workbench.view.extension.azureStackCsp');
    await vscode.commands.executeCommand('workbench.actions.treeView.azureStackCsp.registrations.collapseAll');
    await settle();
    await picture('walkthrough', 'sign-in', sideBar);
    await signedInFresh(api);
  });

  it('adding a tenant', async () => {
    const api = await testApi();
    api.useRealInput();
    const payg = (await childrenAt(api, 'Service principal', 'Contoso Cloud Services - Azure Stack billing')).find((n) => shown(api, n).startsWith('sthlm01-payg'));
    void vscode.commands.executeCommand('azureStackCsp.addTenant', payg);
    await settle(1500);
    await picture('walkthrough', 'add-tenant', ['.quick-input-widget']);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('diagnostics in an onboarding script', async () => {
    // The editor scenes need the width: the view is in the other pictures.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    const editor = await openFixture('onboarding/add-customers.ps1');
    await waitForDiagnostics(editor.document.uri, 5);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await settle();
    await picture('screenshots', 'lint');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('the CloudDeploymentID quick fix', async () => {
    const editor = await openFixture('onboarding/add-customers.ps1');
    await waitForDiagnostics(editor.document.uri, 5);
    const hint = vscode.languages.getDiagnostics(editor.document.uri).find((d) => typeof d.code === 'object' && d.code.value === 'AZS501');
    assert.ok(hint);
    editor.selection = new vscode.Selection(hint.range.start, hint.range.start);
    editor.revealRange(hint.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await settle(1500);
    await picture('screenshots', 'quick-fix');
    await picture('walkthrough', 'lint', ['.action-widget', '.monaco-editor .current-line']);
    await vscode.commands.executeCommand('hideCodeActionWidget');
  });

  it('an error code explained on hover', async () => {
    const editor = await openFixture('logs/onboarding-2026-11.log');
    const line = editor.document.lineAt(5);
    const at = new vscode.Position(5, line.text.indexOf('CustomerSubscriptionsNotAllowed') + 4);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    await settle(1200);
    await picture('screenshots', 'hover');
  });

  /** October's report of the Stockholm stamp, drawn, as the page shows it. */
  async function stockholmReport(): Promise<RenderedCounts> {
    const api = await testApi();
    const ui = api.useScriptedInput();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const [stamps] = (await api.tree.getChildren()).filter((n) => n.kind === 'stamps');
    const [sthlm] = await api.tree.getChildren(stamps);
    ui.enqueue('Daily', '2026-10-01', '2026-11-01');
    await vscode.commands.executeCommand('azureStackCsp.usageReport', sthlm);
    const run = api.lastReport();
    assert.ok(run);
    const counts = await run.rendered;
    await settle(2500);
    return counts;
  }

  it('a usage report', async () => {
    await stockholmReport();
    await picture('screenshots', 'usage-report');
  });

  it('a usage report with prices', async () => {
    const billing = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'billing');
    for (const file of ['partner-center-prices.csv', 'resale.csv']) await vscode.commands.executeCommand('azureStackCsp.importPrices', vscode.Uri.joinPath(billing, file));
    await vscode.workspace.getConfiguration('azureStackCsp').update('usage.markupPercent', 20, vscode.ConfigurationTarget.Workspace);
    assert.ok((await stockholmReport()).pricedRows > 0);
    await picture('screenshots', 'usage-report-prices');
  });
});
