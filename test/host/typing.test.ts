// Typing in a 1 MB script: the linter reads a large document again only after a pause in typing and publishes nothing
// that typing overtook, so a keystroke never holds the extension host for long. The probe runs in this process, which
// is the extension host: Node's event-loop delay monitor records how long the loop was held at a time while the test
// types through the editor's own `type` command.
import * as assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { denseScript } from '../unit/core/support/denseScript';
import { testApi, waitFor } from './helpers';

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'azure-stack-csp');

describe('typing in a large script', function () {
  this.timeout(300_000);

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('never blocks the extension host for more than 50 ms at a time, and lints the typed text once typing pauses', async () => {
    const api = await testApi();
    const document = await vscode.workspace.openTextDocument({ language: 'powershell', content: denseScript(1_000_000) });
    const editor = await vscode.window.showTextDocument(document);
    await waitFor('the first lint of the 1 MB script', () => ours(document.uri).length > 1000, 180_000);
    const end = document.lineAt(document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);

    const published: { version: number | undefined; current: number }[] = [];
    const listening = api.lint.onDidLint((event) => {
      if (event.uri.toString() === document.uri.toString()) published.push({ version: event.version, current: document.version });
    });
    const probe = monitorEventLoopDelay({ resolution: 5 });
    probe.enable();
    for (const character of '\nLogin-AzureRmAccount') await vscode.commands.executeCommand('type', { text: character });
    probe.disable();
    const typed = document.version;
    try {
      await waitFor('the lint of the typed text', () => published.some((p) => p.version === typed), 180_000);
    } finally {
      listening.dispose();
    }

    const longestMs = probe.max / 1e6;
    assert.ok(longestMs <= 50, `the extension host was blocked for ${longestMs.toFixed(0)} ms at once while typing`);
    assert.deepEqual(published.filter((p) => p.version !== p.current), [], 'no findings published for text that typing had overtaken');
    const last = document.lineCount - 1;
    assert.ok(ours(document.uri).some((d) => d.range.start.line === last && typeof d.code === 'object' && d.code.value === 'AZS402'), 'the typed line is linted');
  });
});
