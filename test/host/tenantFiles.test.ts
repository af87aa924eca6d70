// Onboarding tenants from a CSV and exporting them, copying IDs and explaining codes, in the real host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { pressEnter, type ScriptedUserInput } from '../../src/vscode/infrastructure/ui';
import type { TestApi } from '../../src/vscode/testApi';
import { emulator, isWrite, nodeAt, signedInWithScriptedInput, writeWorkspaceFile } from './helpers';

const billing = 'Fabrikam CSP - Azure Stack billing';

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('tenant files and small commands (emulator)', function () {
  this.timeout(60_000);
  let api: TestApi;
  let ui: ScriptedUserInput;
  signedInWithScriptedInput((context) => ({ api, ui } = context));

  it('adds the tenants of a CSV after a dry run, writes a result per row, and sends nothing twice on a second run', async () => {
    const registration = await nodeAt(api, 'Service principal', billing, 'hub-payg');
    const csv = await writeWorkspaceFile('onboard.csv', [
      'customerSubscriptionId,tenantId,label',
      '31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,Northwind',
      '11a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,21a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,already there',
      '34a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,44a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,not a CSP subscription',
      'zz-not-a-guid,41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,typo',
    ].join('\r\n'));
    ui.enqueue('Add 2 Tenants');
    await vscode.commands.executeCommand('azureStackCsp.addTenantsFromCsv', registration, csv);
    assert.deepEqual(ui.prompts.map((p) => [p.kind, p.title, p.detail, p.buttons]), [['review', 'Dry run: add tenants to hub-payg',
      '2 tenants will be added; 1 row is already present and 1 row is not valid: they are not sent.', ['Add 2 Tenants', 'Cancel']]]);
    const dryRun = ui.prompts[0].review?.rows.map((row) => `${row.outcome}: ${row.cells.join(' | ')}`);
    assert.deepEqual(dryRun, [
      'send: 2 | 31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 | 41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 | Northwind | will be added (PUT)',
      'skip: 3 | 11a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 | 21a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 | already there | already present: skipped',
      'send: 4 | 34a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 | 44a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 | not a CSP subscription | will be added (PUT)',
      'invalid: 5 | zz-not-a-guid | 41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 | typo | not sent: The customer subscription ID is not a GUID: zz-not-a-guid',
    ]);
    assert.deepEqual(vscode.workspace.textDocuments.filter((d) => d.isUntitled), [], 'no unsaved document that asks to be saved later');
    const puts = (await emulator().requests()).filter((r) => r.method === 'PUT').map((r) => [r.path.split('/').pop(), r.status]);
    assert.deepEqual(puts.sort(), [['31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8', 201], ['34a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8', 400]]);
    const results = (await readText(vscode.Uri.joinPath(csv, '..', 'onboard.results.csv'))).trimEnd().split('\r\n');
    assert.equal(results[0], 'line,customerSubscriptionId,tenantId,label,outcome,errorCode,message');
    assert.match(results[1], /^2,31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,Northwind,added,,$/);
    assert.match(results[2], /^3,.*,skipped: already present,,$/);
    assert.match(results[3], /^4,.*,failed,InvalidCSPSubscription,"InvalidCSPSubscription: The customer subscription is not a valid CSP subscription/);
    assert.match(results[4], /^5,zz-not-a-guid,.*,invalid,,The customer subscription ID is not a GUID/);
    assert.deepEqual(ui.messages[ui.messages.length - 1], {
      kind: 'warning', message: '1 tenant added, 1 failed, 1 skipped, 1 not valid. Results: onboard.results.csv', actions: ['Open', 'Reveal in Explorer'],
    });

    const firstResults = await readText(vscode.Uri.joinPath(csv, '..', 'onboard.results.csv'));
    await emulator().clearRequests();
    ui.reset();
    ui.enqueue('Add 1 Tenant', 'Cancel');
    await vscode.commands.executeCommand('azureStackCsp.addTenantsFromCsv', registration, csv);
    assert.deepEqual(ui.prompts.map((p) => [p.kind, p.title, p.buttons]), [
      ['review', 'Dry run: add tenants to hub-payg', ['Add 1 Tenant', 'Cancel']],
      ['askDestructive', 'onboard.results.csv already exists.', ['Save as onboard.results-2.csv', 'Replace', 'Cancel']],
    ]);
    assert.deepEqual((await emulator().requests()).filter((r) => r.method === 'PUT'), [], 'declining to replace the results sends nothing');

    ui.reset();
    ui.enqueue('Add 1 Tenant', pressEnter);
    await vscode.commands.executeCommand('azureStackCsp.addTenantsFromCsv', registration, csv);
    const again = (await emulator().requests()).filter((r) => r.method === 'PUT').map((r) => r.path.split('/').pop());
    assert.deepEqual(again, ['34a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8'], 'only the row that failed is sent again');
    assert.equal(await readText(vscode.Uri.joinPath(csv, '..', 'onboard.results.csv')), firstResults, 'the first results are kept');
    assert.match(await readText(vscode.Uri.joinPath(csv, '..', 'onboard.results-2.csv')), /^4,34a2b3c4-.*,failed,InvalidCSPSubscription,/m);
    assert.match(ui.messages[ui.messages.length - 1].message, /Results: onboard\.results-2\.csv$/);
  });

  it('does not send a row whose customer subscription is there with another directory, and says how to move it', async () => {
    const registration = await nodeAt(api, 'Service principal', billing, 'hub-payg');
    const csv = await writeWorkspaceFile('move.csv', '11a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,4f1e2d3c-b4a5-4968-8776-a5b4c3d2e1f0\n');
    await vscode.commands.executeCommand('azureStackCsp.addTenantsFromCsv', registration, csv);
    assert.deepEqual(ui.prompts.map((p) => [p.kind, p.detail, p.buttons]), [['review', '0 tenants will be added; 0 rows are already present and 1 row is not valid: they are not sent.', []]]);
    assert.match(ui.prompts[0].review?.rows[0].cells[4] ?? '', /^not sent: The customer subscription is already in the registration with tenant ID 21a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8; to move it to another directory, use Add Tenant to Registration, which asks first\.$/);
    assert.deepEqual(ui.messages.map((m) => m.message), ['Nothing to add: 0 rows are already present and 1 row is not valid.']);
    assert.deepEqual((await emulator().requests()).filter(isWrite), []);
  });

  it('exports every tenant of a registration, across pages, in the format the import reads', async () => {
    const registration = await nodeAt(api, 'Service principal', billing, 'hub-payg');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    const target = vscode.Uri.joinPath(folder, 'exported.csv');
    ui.enqueue(target);
    await vscode.commands.executeCommand('azureStackCsp.exportTenants', registration);
    const lines = (await readText(target)).trimEnd().split('\r\n');
    assert.deepEqual(ui.prompts.map((p) => p.kind), ['saveUri'], 'a new file is written without a question');
    assert.equal(lines[0], 'customerSubscriptionId,tenantId,label');
    assert.equal(lines.length, 7);
    assert.equal(lines[6], '16a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,26a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,');
  });

  it('asks before exporting onto an existing file: Cancel keeps it, Enter saves beside it, Replace replaces it', async () => {
    const registration = await nodeAt(api, 'Service principal', billing, 'hub-payg');
    const earlier = await writeWorkspaceFile('tenants-earlier.csv', 'customerSubscriptionId,tenantId,label\r\nkept by hand\r\n');
    const beside = vscode.Uri.joinPath(earlier, '..', 'tenants-earlier-2.csv');
    const exists = (uri: vscode.Uri) => vscode.workspace.fs.stat(uri).then(() => true, () => false);
    ui.enqueue(earlier, 'Cancel');
    await vscode.commands.executeCommand('azureStackCsp.exportTenants', registration);
    assert.deepEqual(ui.prompts.map((p) => [p.kind, p.title, p.buttons]), [
      ['saveUri', 'Export Tenants to CSV', undefined],
      ['askDestructive', 'tenants-earlier.csv already exists.', ['Save as tenants-earlier-2.csv', 'Replace', 'Cancel']],
    ]);
    assert.equal(await readText(earlier), 'customerSubscriptionId,tenantId,label\r\nkept by hand\r\n');
    assert.equal(await exists(beside), false);
    assert.equal(ui.messages.length, 0);

    ui.reset();
    ui.enqueue(earlier, pressEnter);
    await vscode.commands.executeCommand('azureStackCsp.exportTenants', registration);
    assert.equal(await readText(earlier), 'customerSubscriptionId,tenantId,label\r\nkept by hand\r\n');
    assert.equal((await readText(beside)).trimEnd().split('\r\n').length, 7);
    assert.match(ui.messages[0]?.message ?? '', /to tenants-earlier-2\.csv\.$/);

    ui.reset();
    ui.enqueue(earlier, 'Replace');
    await vscode.commands.executeCommand('azureStackCsp.exportTenants', registration);
    assert.equal(await readText(earlier), await readText(beside));
  });

  it('copies IDs and builds the portal address of the selected cloud', async () => {
    const registration = await nodeAt(api, 'Service principal', billing, 'hub-capacity');
    const copied = await vscode.commands.executeCommand<string>('azureStackCsp.copyCloudDeploymentId', registration);
    assert.equal(copied, '8d2c6b1a-4e7f-4a93-b5c0-e1f2a3b4c5d6');
    const id = await vscode.commands.executeCommand<string>('azureStackCsp.copyResourceId', registration);
    assert.equal(id, '/subscriptions/3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/hub-capacity');
    await vscode.commands.executeCommand('azureStackCsp.openInPortal', registration);
    assert.match(ui.messages[0]?.message ?? '', /no portal address; set azureStackCsp.customCloud.portalUrl/);
  });

  it('explains an error code picked from the list', async () => {
    ui.enqueue('InvalidCSPSubscription');
    const text = await vscode.commands.executeCommand<string>('azureStackCsp.explainErrorCode');
    assert.deepEqual(ui.prompts[0].items?.map((i) => i.label).length, 8);
    assert.match(text, /^InvalidCSPSubscription: The customer subscription is not a valid CSP subscription.* What to do: Check the customer subscription ID against Partner Center\.$/);
    assert.equal(ui.messages[0].message, text);
  });
});
