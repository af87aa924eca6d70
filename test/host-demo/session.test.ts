// A first session in what `npm start -- --locale sv` opens (test/runner/start.test.ts starts it and checks the
// checkout afterwards): the display language is Swedish, the workspace is a copy of demo/, the walkthrough's steps
// go from open to ticked as the user works through them, and the fixes, the CSV import and a usage export write into
// the copy.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { cancel, pressEnter, type ScriptedUserInput } from '../../src/vscode/infrastructure/ui';
import type { TestApi } from '../../src/vscode/testApi';
import { extensionId, nodeAt, openFixture, signedInFresh, signInToStampAsUser, testApi, uiAction, waitFor, walkthroughSteps } from '../host/helpers';

const root = resolve(__dirname, '..', '..', '..');
const swedish = JSON.parse(readFileSync(join(root, 'l10n/bundle.l10n.sv.json'), 'utf8')) as Record<string, string>;
const commandTitles = JSON.parse(readFileSync(join(root, 'package.nls.sv.json'), 'utf8')) as Record<string, string>;

/** A message as the Swedish user sees it. */
function t(english: string): string {
  const text = swedish[english];
  if (!text) throw new Error(`no Swedish text for "${english}"`);
  return text;
}

/** Waits until exactly the steps in `done` are ticked. */
async function waitForTicks(...done: string[]): Promise<void> {
  let seen = '';
  await waitFor(`walkthrough steps ticked: ${done.join(', ') || 'none'}`, async () => {
    const steps = await walkthroughSteps();
    seen = [...steps].map(([step, { done: ticked }]) => `${step}=${ticked}`).join(' ');
    return steps.size === 4 && [...steps].every(([step, { done: ticked }]) => ticked === done.includes(step));
  }, 20_000).catch((error: Error) => { throw new Error(`${error.message}; shown: ${seen}`); });
}

describe('npm start: a first session in the demo, in Swedish', function () {
  this.timeout(180_000);
  let api: TestApi;
  let ui: ScriptedUserInput;

  before(async () => {
    api = await testApi();
    ui = api.useScriptedInput();
  });

  it('runs in Swedish on a copy of demo/ outside the checkout', () => {
    assert.equal(vscode.env.language, 'sv');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    assert.equal(basename(folder), 'demo');
    assert.ok(!resolve(folder).startsWith(root), `${folder} is not the checkout's demo/`);
  });

  it('ticks each walkthrough step when the user does what it asks, and not before', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#azureStackCsp.gettingStarted`, false);
    await waitForTicks();
    await signedInFresh(api);
    await waitForTicks('signIn');
    await vscode.commands.executeCommand('workbench.view.extension.azureStackCsp');
    await waitForTicks('signIn', 'browse');
    ui.enqueue(cancel);
    await uiAction({ op: 'command', title: `${commandTitles['command.category']}: ${commandTitles['command.addTenant']}` });
    await waitForTicks('signIn', 'browse', 'addTenant');
    // Beside the walkthrough, which stays in view.
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'onboarding/add-customers.ps1'), { viewColumn: vscode.ViewColumn.Beside });
    await waitForTicks('signIn', 'browse', 'addTenant', 'lint');
  });

  it('shows the CloudDeploymentID finding as information, and Fix All says in Swedish what it fixed', async () => {
    const editor = await openFixture('onboarding/add-customers.ps1');
    const azs501 = await waitFor('AZS501 on add-customers.ps1', () => vscode.languages.getDiagnostics(editor.document.uri)
      .find((d) => typeof d.code === 'object' && d.code.value === 'AZS501'));
    assert.equal(azs501.severity, vscode.DiagnosticSeverity.Information);
    ui.reset();
    await vscode.commands.executeCommand('azureStackCsp.fixAll', editor.document.uri);
    assert.match(ui.messages[0]?.message ?? '', /^Åtgärdade \d+ problem i onboarding\/add-customers\.ps1: /);
    assert.ok(await editor.document.save());
  });

  it('adds the tenants of customers.csv after the dry run and writes the results beside it', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    ui.reset();
    ui.enqueue(pressEnter);
    const registration = await nodeAt(api, t('Service principal {0}').replace(' {0}', ''), 'Contoso Cloud Services - Azure Stack billing', 'sthlm01-payg');
    await vscode.commands.executeCommand('azureStackCsp.addTenantsFromCsv', registration, vscode.Uri.joinPath(folder, 'customers.csv'));
    assert.equal(ui.prompts[0]?.kind, 'review');
    assert.match(ui.prompts[0]?.detail ?? '', /^\d+ klienter läggs till; 1 rad finns redan och 1 rad är ogiltig: de skickas inte\.$/);
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, 'customers.results.csv'));
  });

  it('exports a usage report of a stamp into the workspace', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    ui.reset();
    await signInToStampAsUser(api, ui, 'sthlm01', t);
    ui.enqueue(t('Daily'), '2026-10-01', '2026-11-01');
    await vscode.commands.executeCommand('azureStackCsp.usageReport', await nodeAt(api, t('Azure Stack Hub stamps'), 'sthlm01'));
    const target = vscode.Uri.joinPath(folder, 'usage-sthlm01-2026-10.csv');
    ui.enqueue(target);
    await vscode.commands.executeCommand('azureStackCsp.exportUsage', 'csv');
    await vscode.workspace.fs.stat(target);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
