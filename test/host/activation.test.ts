import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/vscode/tree/nodes';
import { extensionId, openFixture, testApi, waitFor } from './helpers';

describe('activation', () => {
  it('activates and contributes the Registrations view', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, 'extension is installed in the host');
    await extension.activate();
    assert.equal(extension.isActive, true);
    const manifest = extension.packageJSON as { contributes: { views: Record<string, { id: string }[]> } };
    const views = manifest.contributes.views.azureStackCsp;
    assert.deepEqual(views.map((v) => v.id), ['azureStackCsp.registrations']);
    await vscode.commands.executeCommand('workbench.view.extension.azureStackCsp');
  });

  it('reloads the whole Registrations view on Refresh', async () => {
    const api = await testApi();
    const changes: (TreeNode | undefined | void)[] = [];
    const listening = api.tree.onDidChangeTreeData((node) => changes.push(node));
    try {
      await vscode.commands.executeCommand('azureStackCsp.refresh');
      assert.deepEqual(changes, [undefined], 'one change, of the whole view');
    } finally {
      listening.dispose();
    }
  });

  it('publishes a diagnostic on a fixture file', async () => {
    const { document } = await openFixture('retired.ps1');
    const diagnostics = await waitFor('a diagnostic on retired.ps1', () => {
      const found = vscode.languages.getDiagnostics(document.uri);
      return found.length > 0 && found;
    });
    assert.deepEqual(diagnostics.map((d) => [typeof d.code === 'object' ? d.code.value : d.code, d.range.start.line]), [['AZS402', 0]]);
  });
});

describe('commands', () => {
  it('registers every command the manifest contributes', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    await extension.activate();
    const manifest = extension.packageJSON as { contributes: { commands: { command: string }[] } };
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id)), []);
  });
});
