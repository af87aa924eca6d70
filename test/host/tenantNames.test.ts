// Tenants by who the customer is: names from the labels of tenant CSV files and from a stamp's tenant subscriptions in
// the same directory, the IDs beside them, and a filter for the view by name, owner, subscription or directory.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ScriptedUserInput } from '../../src/vscode/infrastructure/ui';
import type { TestApi } from '../../src/vscode/testApi';
import type { TreeNode } from '../../src/vscode/tree/nodes';
import { childrenAt, nodeAt, shown, signedInFresh, signInToStampAsUser, testApi, waitFor, writeWorkspaceFile } from './helpers';

const billing = 'Fabrikam CSP - Azure Stack billing';
const config = () => vscode.workspace.getConfiguration('azureStackCsp');

describe('tenants named by who the customer is, and the filter (emulator)', function () {
  this.timeout(90_000);
  let api: TestApi;
  let ui: ScriptedUserInput;
  let initialStamps: unknown;

  const hubPaygTenants = async () => {
    const registration = await nodeAt(api, 'Service principal', billing, 'hub-payg');
    await api.tree.getChildren(registration);
    await api.tree.idle();
    return api.tree.getChildren(registration);
  };
  const tooltip = (node: TreeNode) => (api.tree.getTreeItem(node).tooltip as vscode.MarkdownString).value;
  /** The tooltip as it reads once rendered: escapes and non-breaking spaces undone. */
  const readable = (node: TreeNode) => tooltip(node).replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');

  before(async () => {
    api = await testApi();
    ui = api.useScriptedInput();
    initialStamps = config().inspect('stamps')?.workspaceValue;
    await signedInFresh(api);
  });
  after(async () => {
    await vscode.commands.executeCommand('azureStackCsp.clearTenantFilter');
    await config().update('stamps', initialStamps, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'named-customers.csv'));
  });

  it('names tenants by a CSV label and by a stamp\'s tenant subscriptions in their directory, with the IDs beside and in the tooltip', async () => {
    await writeWorkspaceFile('named-customers.csv', 'customerSubscriptionId,tenantId,label\r\n13a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,23a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,Northwind *Traders*\r\n');
    const named = await waitFor('the CSV label on its tenant', async () => {
      const tenant = (await hubPaygTenants()).find((n) => shown(api, n).startsWith('Northwind'));
      return tenant;
    });
    assert.equal(shown(api, named), 'Northwind *Traders* · 13a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 · 23a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8');
    assert.match(tooltip(named), /^\*\*Northwind(?: |&nbsp;)\\\*Traders\\\*\*\*/, 'a label is shown as text, never as Markdown');
    assert.match(readable(named), /named-customers\.csv, line 2: "Northwind \*Traders\*"/);
    assert.match(readable(named), /Customer subscription: `13a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8`/);

    ui.reset();
    // Once the stamp can sign in without asking, its subscriptions are read quietly: no need to expand it.
    await signInToStampAsUser(api, ui, 'hub01');
    const tenants = await waitFor('names from the stamp', async () => {
      const found = (await hubPaygTenants()).map((n) => shown(api, n));
      return found.some((t) => t.startsWith('Fabrikam residences')) && found;
    });
    assert.ok(tenants.includes('Fabrikam residences · 12a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 · 22a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8'), tenants.join('\n'));
    assert.ok(tenants.includes('14a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 · 24a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8'), 'a customer nobody names keeps its IDs');
    const fabrikam = (await hubPaygTenants()).find((n) => shown(api, n).startsWith('Fabrikam residences'))!;
    assert.match(readable(fabrikam), /Owner: it@fabrikam\.example/);
    assert.match(readable(fabrikam), /stamp hub01: subscription "Fabrikam residences" of it@fabrikam\.example/);
  });

  it('filters the tenants and the stamps\' subscriptions by name, owner, subscription ID or directory, and says so', async () => {
    ui.reset();
    ui.enqueue('RESIDENCES');
    await vscode.commands.executeCommand('azureStackCsp.filterTenants');
    assert.equal(api.view.description, 'tenants matching "RESIDENCES"');
    assert.deepEqual((await hubPaygTenants()).map((n) => shown(api, n)), ['Fabrikam residences · 12a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 · 22a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8']);
    assert.deepEqual((await childrenAt(api, 'Azure Stack Hub stamps', 'hub01')).filter((n) => n.kind === 'stampSubscription').map((n) => shown(api, n).split(' · ')[0]), ['Fabrikam residences']);

    await vscode.commands.executeCommand('azureStackCsp.filterTenants', '24a2b3c4');
    assert.deepEqual((await hubPaygTenants()).map((n) => shown(api, n)), ['14a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 · 24a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8'], 'by directory');
    await vscode.commands.executeCommand('azureStackCsp.filterTenants', 'it@contoso');
    assert.deepEqual((await hubPaygTenants()).map((n) => shown(api, n).split(' · ').slice(-2).join(' · ')), ['11a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 · 21a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8'], 'by owner');
    await vscode.commands.executeCommand('azureStackCsp.filterTenants', 'nobody like this');
    assert.deepEqual((await hubPaygTenants()).map((n) => shown(api, n)), ['No tenant matches "nobody like this"']);

    await vscode.commands.executeCommand('azureStackCsp.clearTenantFilter');
    assert.equal(api.view.description, undefined);
    assert.deepEqual((await hubPaygTenants()).map((n) => n.kind), ['tenant', 'tenant', 'tenant', 'tenant', 'loadMore'], 'all tenants again, a page at a time');
  });
});
