// What a new user meets, done in the workbench as they would do it: the walkthrough (found under Help, its steps
// ticked by what the user does), the CSV dry run in a panel with its confirmation, rule links that open the rendered
// page, and Open / Reveal after an export.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CsvRunResult } from '../../src/vscode/commands/tenants';
import type { ScriptedUserInput } from '../../src/vscode/infrastructure/ui';
import type { TestApi } from '../../src/vscode/testApi';
import { emulator, isWrite, nodeAt, openFixture, signedInFresh, testApi, uiAction, waitFor, walkthroughSteps, writeWorkspaceFile } from './helpers';

const billing = 'Fabrikam CSP - Azure Stack billing';

function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs);
}

/** The open webview tab of `viewType` (VS Code reports it with a prefix of its own). */
function webviewTab(viewType: string, label?: RegExp): vscode.Tab | undefined {
  return allTabs().find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewType) && (!label || label.test(tab.label)));
}

describe('a new user\'s first steps', function () {
  this.timeout(120_000);
  let api: TestApi;
  let ui: ScriptedUserInput;

  before(async () => {
    api = await testApi();
  });
  beforeEach(async () => {
    ui = api.useScriptedInput();
    await signedInFresh(api);
    await emulator().clearRequests();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('finds the walkthrough under Help → Open Walkthrough…, and ticks each step on what the user does', async () => {
    await uiAction({ op: 'menu', path: ['Help', 'Open Walkthrough...'] });
    const [entry] = await uiAction({ op: 'query', selector: '.quick-input-list .monaco-list-row[aria-label*="Bill end customers through Azure Stack Hub"]', wait: true });
    assert.ok(entry, 'the walkthrough is listed by its title');
    await uiAction({ op: 'click', selector: '.quick-input-list .monaco-list-row[aria-label*="Bill end customers through Azure Stack Hub"]' });
    const steps = await waitFor('the walkthrough\'s four steps', async () => {
      const found = await walkthroughSteps();
      return found.size === 4 && found;
    }, 20_000);
    assert.deepEqual([...steps.keys()], ['signIn', 'browse', 'addTenant', 'lint']);
    // VS Code sees each event once per window and ticks no step for a state that held before it read the walkthrough,
    // so which steps this long session ticks depends on timing (a command run from the palette did not always tick
    // its step here); the fresh session of test/host-demo watches every step go from open to ticked, that one included.
  });

  it('shows the CSV dry run rendered beside the editor with the confirmation in it; closing it sends nothing', async () => {
    api.useRealInput();
    const registration = await nodeAt(api, 'Service principal', billing, 'hub-payg');
    const csv = await writeWorkspaceFile('first-steps.csv', [
      'customerSubscriptionId,tenantId,label',
      '32a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,42a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,Contoso',
      'not-a-guid,61a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,typo',
    ].join('\r\n'));
    await vscode.window.showTextDocument(csv);

    const cancelled = vscode.commands.executeCommand('azureStackCsp.addTenantsFromCsv', registration, csv);
    const panel = await waitFor('the dry run', () => webviewTab('azureStackCsp.review'));
    assert.equal(panel.label, 'Dry run: add tenants to hub-payg');
    assert.equal(panel.group.viewColumn, vscode.ViewColumn.Two, 'beside the CSV, which stays in view');
    assert.ok(allTabs().some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === csv.toString()));
    await vscode.window.tabGroups.close(panel);
    assert.equal(await cancelled, undefined);
    assert.deepEqual((await emulator().requests()).filter(isWrite), [], 'closing the dry run sends nothing');

    const run = vscode.commands.executeCommand<CsvRunResult>('azureStackCsp.addTenantsFromCsv', registration, csv);
    await waitFor('the dry run', () => webviewTab('azureStackCsp.review'));
    await uiAction({ op: 'click', button: 'Add 1 Tenant' });
    const result = await run;
    assert.equal(result.added, 1);
    assert.deepEqual((await emulator().requests()).filter(isWrite).map((r) => r.path.split('/').pop()), ['32a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8']);
    assert.equal(webviewTab('azureStackCsp.review'), undefined, 'the dry run closes once answered');
    assert.deepEqual(vscode.workspace.textDocuments.filter((d) => d.isUntitled).map((d) => d.uri.toString()), [], 'nothing unsaved is left to ask about');
  });

  it('opens the rendered rule page from the Problems panel\'s link and from the palette', async () => {
    const editor = await openFixture('lint/mistakes.ps1');
    await waitFor('AZS101 on mistakes.ps1', () => vscode.languages.getDiagnostics(editor.document.uri).some((d) => typeof d.code === 'object' && d.code.value === 'AZS101'));
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await uiAction({ op: 'click', selector: '.part.panel a:has-text("AZS101")' });
    await waitFor('the rendered page of AZS101', () => webviewTab('markdown.preview', /AZS101\.md/));
    assert.ok(!allTabs().some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.path.endsWith('/AZS101.md')), 'no raw Markdown');

    ui.enqueue('AZS501');
    await vscode.commands.executeCommand('azureStackCsp.showRuleDocs');
    assert.equal(ui.prompts[0].title, 'Show Rule Documentation');
    await waitFor('the rendered page of AZS501', () => webviewTab('markdown.preview', /AZS501\.md/));
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('offers to open or reveal an export, and does what was chosen', async () => {
    const registration = await nodeAt(api, 'Service principal', billing, 'hub-payg');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    const target = vscode.Uri.joinPath(folder, 'first-export.csv');
    ui.enqueue(target);
    ui.click('Open');
    await vscode.commands.executeCommand('azureStackCsp.exportTenants', registration);
    assert.deepEqual(ui.messages[0].actions, ['Open', 'Reveal in Explorer']);
    await waitFor('the export open in an editor', () => vscode.window.activeTextEditor?.document.uri.toString() === target.toString());

    ui.reset();
    const second = vscode.Uri.joinPath(folder, 'second-export.csv');
    ui.enqueue(second);
    ui.click('Reveal in Explorer');
    await vscode.commands.executeCommand('azureStackCsp.exportTenants', registration);
    await waitFor('the export selected in the Explorer', async () => {
      const selected = await uiAction({ op: 'query', selector: '.explorer-folders-view .monaco-list-row.selected' });
      return selected.some((row) => row.text.includes('second-export.csv'));
    }, 20_000);
  });
});
