// The Registrations view and the tenant commands in the real host, against the emulator (test/fixtures/emulator/host.json).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { pressEnter, type Choice, type PromptRecord, type ScriptedAnswer, type ScriptedUserInput } from '../../src/vscode/infrastructure/ui';
import type { TestApi } from '../../src/vscode/testApi';
import { childrenAt, emulator, extensionId, isWrite, nodeAt, screenshot, shown, waitFor, signedInWithScriptedInput, writeWorkspaceFile } from './helpers';

const billing = 'Fabrikam CSP - Azure Stack billing';
const lab = 'Fabrikam CSP - Lab';
const hubPaygId = '/subscriptions/3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/hub-payg';
const addable = { customerSubscriptionId: '31a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8', tenantId: '41a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8' };
/** The first tenant of hub-payg in the emulator's data. */
const present = { customerSubscriptionId: '11a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8', tenantId: '21a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8' };

describe('Registrations view and tenant commands (emulator)', function () {
  this.timeout(60_000);
  let api: TestApi;
  let ui: ScriptedUserInput;
  signedInWithScriptedInput((context) => ({ api, ui } = context));

  afterEach(() => {
    assert.equal(ui.pending, 0, 'every scripted answer was used');
  });

  /** What the emulator holds for a customer subscription of hub-payg, read through Azure Resource Manager. */
  const azureHolds = (customerSubscriptionId: string) => api.session.requireClient().findTenant({
    subscriptionId: '3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37', resourceGroup: 'azurestack', registrationName: 'hub-payg', customerSubscriptionId,
  });

  it('shows the account, subscriptions, registrations with billing model, and tenants page by page', async () => {
    const [account] = await api.tree.getChildren();
    assert.match(shown(api, account), /^Service principal .* · Custom$/);
    assert.deepEqual((await childrenAt(api, 'Service principal')).map((n) => shown(api, n)), [
      `${billing} · 3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37`, `${lab} · a7e52c19-0d3b-4e86-b2f4-5c9a1e7d3b60`,
    ]);
    assert.deepEqual((await childrenAt(api, 'Service principal', billing)).map((n) => shown(api, n)),
      ['hub-capacity · Capacity', 'hub-payg · PayAsYouUse', 'hub-unapproved · PayAsYouUse']);
    const registration = await nodeAt(api, 'Service principal', billing, 'hub-payg');
    const tooltip = api.tree.getTreeItem(registration).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /CloudDeploymentID \(cloudId\): `5f0e3a7c-2b9d-4c61-8e14-d3a6f2b9c087`/);
    assert.match(tooltip.value, /Resource group: `azurestack`/);
    await api.tree.getChildren(registration);
    // The first service page is shown at once; the rest is read in the background to say how many there are.
    await api.tree.idle();
    const firstPage = await api.tree.getChildren(registration);
    assert.deepEqual(firstPage.map((n) => shown(api, n)), [
      '11a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 · 21a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
      '12a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 · 22a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
      '13a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 · 23a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
      '14a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8 · 24a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
      'Load more (4 of 6)',
    ]);
    await vscode.commands.executeCommand('azureStackCsp.loadMore', firstPage[4]);
    const all = await api.tree.getChildren(registration);
    assert.equal(all.length, 6);
    assert.ok(all.every((n) => n.kind === 'tenant'));
    const tenantLists = (await emulator().requests()).filter((r) => r.path.endsWith('/customerSubscriptions'));
    assert.equal(tenantLists.length, 2, 'one request per page, nothing fetched twice');
  });

  it('shows tenants in the configured page size, counts them all in the background, and then needs no request for Load more', async () => {
    const tenants = Array.from({ length: 30 }, (_, i) => {
      const n = (100 + i).toString(16).padStart(4, '0');
      return { subscriptionId: `aaaa${n}-d5e6-4f70-8192-a3b4c5d6e7f8`, tenantId: `bbbb${n}-d5e6-4f70-8192-a3b4c5d6e7f8` };
    });
    await emulator().replaceState({
      paging: { customerSubscriptions: 25 },
      subscriptions: [{ subscriptionId: '3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37', displayName: billing, cspPartner: 'fabrikam', resourceGroups: ['azurestack'] }],
      registrations: [{ subscriptionId: '3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37', resourceGroup: 'azurestack', name: 'big', billingModel: 'PayAsYouUse', cloudId: '7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b', objectId: '8f2a3b4c-5d6e-4f7a-9b0c-1d2e3f4a5b6c', customerSubscriptions: tenants }],
    });
    await vscode.workspace.getConfiguration('azureStackCsp').update('tenants.pageSize', 10, vscode.ConfigurationTarget.Workspace);
    try {
      api.tree.refresh();
      const registration = await nodeAt(api, 'Service principal', billing, 'big');
      const firstPage = await api.tree.getChildren(registration);
      assert.equal(firstPage.filter((n) => n.kind === 'tenant').length, 10, 'the first page is shown before the rest is read');
      await api.tree.idle();
      const pages: string[] = [];
      const requests: number[] = [];
      for (let round = 0; round < 5; round++) {
        const children = await api.tree.getChildren(registration);
        const more = children.find((n) => n.kind === 'loadMore');
        pages.push(`${children.filter((n) => n.kind === 'tenant').length} ${more ? shown(api, more) : '(all)'}`);
        requests.push((await emulator().requests()).filter((r) => r.path.endsWith('/customerSubscriptions')).length);
        if (!more) break;
        await vscode.commands.executeCommand('azureStackCsp.loadMore', more);
      }
      assert.deepEqual(pages, ['10 Load more (10 of 30)', '20 Load more (20 of 30)', '30 (all)']);
      assert.deepEqual(requests, [2, 2, 2], 'both service pages once, none for Load more');
    } finally {
      await vscode.workspace.getConfiguration('azureStackCsp').update('tenants.pageSize', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('asks nothing of Azure for registrations nobody expands, and once per subscription for the rest', async () => {
    // From a fresh view: the view itself and this test ask for the same nodes, whose loads they share.
    await api.tree.idle();
    await emulator().clearRequests();
    api.tree.refresh();
    await childrenAt(api, 'Service principal', billing);
    await api.tree.idle();
    const requests = await emulator().requests();
    assert.equal(requests.filter((r) => /customerSubscriptions/i.test(r.path)).length, 0);
    assert.deepEqual(requests.filter((r) => /registrations$/i.test(r.path)).length, 2, 'one registrations list per subscription');
  });

  it('adds a tenant, which the view then shows and selects', async () => {
    const registration = await nodeAt(api, 'Service principal', billing, 'hub-payg');
    ui.enqueue(addable.customerSubscriptionId, `{${addable.tenantId.toUpperCase()}}`);
    await vscode.commands.executeCommand('azureStackCsp.addTenant', registration);
    assert.deepEqual(ui.prompts.map((p) => [p.kind, p.validation]), [['input', undefined], ['input', undefined]]);
    assert.deepEqual(ui.messages.map((m) => [m.kind, m.message]), [['info', `Added tenant ${addable.customerSubscriptionId} to hub-payg.`]]);
    const puts = (await emulator().requests()).filter((r) => r.method === 'PUT');
    assert.deepEqual(puts.map((r) => [r.path.toLowerCase(), r.status]), [[`${hubPaygId}/customerSubscriptions/${addable.customerSubscriptionId}`.toLowerCase(), 201]]);
    const selected = await waitFor('the new tenant selected in the view', () => {
      const [node] = api.view.selection;
      return node && shown(api, node);
    });
    assert.equal(selected, `${addable.customerSubscriptionId} · ${addable.tenantId.toUpperCase()}`);
    const tenants = (await api.tree.getChildren(registration)).map((n) => shown(api, n));
    assert.ok(tenants.includes(selected), `shown without Load more: ${tenants.join('\n')}`);
  });

  it('checks GUIDs as they are typed and sends nothing for a wrong one', async () => {
    const registration = await nodeAt(api, 'Service principal', billing, 'hub-payg');
    ui.enqueue('<customer subscription id>');
    await vscode.commands.executeCommand('azureStackCsp.addTenant', registration);
    assert.match(ui.prompts[0].validation ?? '', /is a placeholder/);
    ui.reset();
    ui.enqueue('6f1d4a52-0e3b-4c8e-9a71');
    await vscode.commands.executeCommand('azureStackCsp.addTenant', registration);
    assert.match(ui.prompts[0].validation ?? '', /is a GUID like/);
    assert.deepEqual((await emulator().requests()).filter((r) => r.method === 'PUT'), []);
  });

  it('refuses a registration that is not PayAsYouUse before sending anything', async () => {
    const registration = await nodeAt(api, 'Service principal', billing, 'hub-capacity');
    await vscode.commands.executeCommand('azureStackCsp.addTenant', registration);
    assert.equal(ui.prompts.length, 0, 'not even asked for IDs');
    assert.equal(ui.messages.length, 1);
    assert.equal(ui.messages[0].kind, 'error');
    assert.match(ui.messages[0].message, /hub-capacity uses the Capacity billing model and cannot take tenants \(CustomerSubscriptionsNotAllowed\)/);
    // Only hub-capacity's: the view may read the tenants of a registration it shows expanded.
    assert.deepEqual((await emulator().requests()).filter((r) => r.method !== 'GET' || /hub-capacity\/customerSubscriptions/i.test(r.path)), []);
  });

  it('explains the documented error when Azure refuses', async () => {
    const unapproved = await nodeAt(api, 'Service principal', billing, 'hub-unapproved');
    ui.enqueue(addable.customerSubscriptionId, addable.tenantId);
    await vscode.commands.executeCommand('azureStackCsp.addTenant', unapproved);
    assert.match(ui.messages[0].message, /^UnauthorizedCspRegistration: The registration has not been approved by Microsoft for multi-tenancy/);
    ui.reset();
    const payg = await nodeAt(api, 'Service principal', billing, 'hub-payg');
    ui.enqueue('33a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8', '43a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8');
    await vscode.commands.executeCommand('azureStackCsp.addTenant', payg);
    assert.match(ui.messages[0].message, /^BadCustomerSubscriptionId: /);
    assert.deepEqual(ui.messages[0].actions, ['Show Log']);
  });

  it('says so and sends nothing when the customer subscription is already there with the same directory', async () => {
    const registration = await nodeAt(api, 'Service principal', billing, 'hub-payg');
    ui.enqueue(present.customerSubscriptionId, present.tenantId.toUpperCase());
    await vscode.commands.executeCommand('azureStackCsp.addTenant', registration);
    assert.deepEqual(ui.messages.map((m) => [m.kind, m.message]),
      [['info', `Tenant ${present.customerSubscriptionId} is already in hub-payg with directory ${present.tenantId}: nothing was sent.`]]);
    const requests = await emulator().requests();
    assert.deepEqual(requests.filter(isWrite), []);
    assert.deepEqual(requests.filter((r) => /customerSubscriptions\//i.test(r.path)).map((r) => [r.method, r.path.split('/').pop(), r.status]),
      [['GET', present.customerSubscriptionId, 200]], 'read once, first');
  });

  it('asks before replacing the directory of a customer subscription that is already there, Keep being the default', async () => {
    const registration = await nodeAt(api, 'Service principal', billing, 'hub-payg');
    const otherDirectory = '4f1e2d3c-b4a5-4968-8776-a5b4c3d2e1f0';
    const add = (...answers: ScriptedAnswer[]) => {
      ui.reset();
      ui.enqueue(present.customerSubscriptionId, otherDirectory, ...answers);
      return vscode.commands.executeCommand('azureStackCsp.addTenant', registration);
    };
    await add('Cancel');
    const [question] = ui.prompts.filter((p) => p.kind === 'askDestructive');
    assert.equal(question.title, `Customer subscription ${present.customerSubscriptionId} is already in hub-payg, with directory ${present.tenantId}.`);
    assert.match(question.detail ?? '', new RegExp(`Replacing it with directory ${otherDirectory} moves the customer's usage billing`));
    assert.deepEqual(question.buttons, ['Keep Current Directory', 'Replace Directory', 'Cancel'], 'the first button, the default, keeps the directory');
    await add(pressEnter);
    assert.deepEqual((await emulator().requests()).filter(isWrite), [], 'neither Cancel nor Enter sends anything');
    assert.equal(ui.messages.length, 0);
    await add('Replace Directory');
    const writes = (await emulator().requests()).filter(isWrite);
    assert.deepEqual(writes.map((r) => [r.method, r.path.split('/').pop(), r.status]), [['PUT', present.customerSubscriptionId, 200]]);
    assert.deepEqual(ui.messages.map((m) => m.message),
      [`Replaced the directory of tenant ${present.customerSubscriptionId} in hub-payg: ${present.tenantId} → ${otherDirectory}.`]);
    assert.equal((await azureHolds(present.customerSubscriptionId))?.tenantId, otherDirectory);
  });

  it('offers Add Tenant and Add Tenants from CSV only on registrations that take tenants, in menus and pickers', async () => {
    const manifest = vscode.extensions.getExtension(extensionId)?.packageJSON as { contributes: { menus: Record<string, { command: string; when: string }[]> } };
    const adding = manifest.contributes.menus['view/item/context'].filter((m) => /\.addTenants?(FromCsv)?$/.test(m.command));
    assert.ok(adding.length >= 2);
    const enables = (contextValue: string) => adding.every((m) => new RegExp(/viewItem =~ \/(.+?)\/(?: |$)/.exec(m.when)?.[1] ?? '^$').test(contextValue));
    const offered = async (...path: string[]) => enables(api.tree.getTreeItem(await nodeAt(api, 'Service principal', ...path)).contextValue ?? '');
    assert.equal(await offered(billing, 'hub-payg'), true);
    assert.equal(await offered(billing, 'hub-capacity'), false);
    assert.equal(await offered(lab, 'lab-dev'), false);

    const unavailable = (prompt: PromptRecord | undefined) => (prompt?.items ?? []).map((i) => [i.label, (i as Choice).unavailable]);
    const expected = [
      ['hub-payg', undefined], ['hub-unapproved', undefined],
      ['hub-capacity', 'Takes no tenants: Capacity registrations cannot (only PayAsYouUse registrations can).'],
      ['lab-dev', 'Takes no tenants: Development registrations cannot (only PayAsYouUse registrations can).'],
    ];
    ui.enqueue('hub-payg', '');
    await vscode.commands.executeCommand('azureStackCsp.addTenant');
    assert.deepEqual(unavailable(ui.prompts[0]), expected);
    ui.reset();
    ui.enqueue('hub-payg', '');
    await vscode.commands.executeCommand('azureStackCsp.addTenantsFromCsv', undefined, await writeWorkspaceFile('one.csv', `${addable.customerSubscriptionId},${addable.tenantId}\n`));
    assert.deepEqual(unavailable(ui.prompts[0]), expected);
    assert.deepEqual((await emulator().requests()).filter(isWrite), [], 'both were cancelled before sending');
  });

  it('asks before removing a tenant with Keep as the default, and Undo puts it back with the same directory', async () => {
    const registration = await nodeAt(api, 'Service principal', billing, 'hub-payg');
    const [tenant] = await api.tree.getChildren(registration);
    ui.enqueue('');
    await vscode.commands.executeCommand('azureStackCsp.removeTenant', tenant);
    assert.deepEqual(ui.prompts.map((p) => [p.kind, p.title, p.buttons]), [['askDestructive',
      `Remove tenant ${present.customerSubscriptionId} from registration hub-payg?`, ['Keep Tenant', 'Remove Tenant', 'Cancel']]]);
    assert.match(ui.prompts[0].detail ?? '', new RegExp(`^Its directory is ${present.tenantId}\\.`));
    ui.enqueue(pressEnter);
    await vscode.commands.executeCommand('azureStackCsp.removeTenant', tenant);
    assert.deepEqual((await emulator().requests()).filter(isWrite), [], 'Escape and Enter remove nothing');

    ui.reset();
    ui.enqueue('Remove Tenant');
    ui.click('Undo');
    await vscode.commands.executeCommand('azureStackCsp.removeTenant', tenant);
    await waitFor('the undo to finish', () => ui.messages.find((m) => m.message.startsWith('Restored')));
    assert.deepEqual(ui.messages.map((m) => [m.message, m.actions]), [
      [`Removed tenant ${present.customerSubscriptionId} from hub-payg.`, ['Undo']],
      [`Restored tenant ${present.customerSubscriptionId} to hub-payg with directory ${present.tenantId}.`, []],
    ]);
    const writes = (await emulator().requests()).filter(isWrite);
    assert.deepEqual(writes.map((r) => [r.method, r.path.split('/').pop(), r.status]),
      [['DELETE', present.customerSubscriptionId, 204], ['PUT', present.customerSubscriptionId, 201]]);
    assert.equal((await azureHolds(present.customerSubscriptionId))?.tenantId, present.tenantId);
  });

  it('says so and sends nothing when the tenant to remove is already gone', async () => {
    ui.enqueue('hub-payg', addable.customerSubscriptionId);
    await vscode.commands.executeCommand('azureStackCsp.removeTenant');
    assert.deepEqual(ui.messages.map((m) => m.message), [`Tenant ${addable.customerSubscriptionId} is not in hub-payg: nothing was sent.`]);
    assert.deepEqual((await emulator().requests()).filter(isWrite), []);
  });

  it('finds a registration by CloudDeploymentID and reveals it', async () => {
    await vscode.commands.executeCommand('azureStackCsp.findByCloudDeploymentId', '8D2C6B1A-4E7F-4A93-B5C0-E1F2A3B4C5D6');
    await waitFor('the match to be selected', () => api.view.selection[0]?.id.endsWith('/registrations/hub-capacity'));
    await screenshot('tree-find-by-cloud-id');
  });

  it('says so when several registrations share a CloudDeploymentID, and when none has it', async () => {
    ui.enqueue('lab-dev');
    const chosen = await vscode.commands.executeCommand<{ registrationName: string }>('azureStackCsp.findByCloudDeploymentId', '5f0e3a7c-2b9d-4c61-8e14-d3a6f2b9c087');
    assert.equal(chosen.registrationName, 'lab-dev');
    assert.match(ui.messages[0].message, /^2 registrations have CloudDeploymentID 5f0e3a7c/);
    assert.deepEqual(ui.prompts[0].items?.map((i) => i.label), ['hub-payg', 'lab-dev']);
    await waitFor('lab-dev to be selected', () => api.view.selection[0]?.id.endsWith('/registrations/lab-dev'));
    ui.reset();
    await vscode.commands.executeCommand('azureStackCsp.findByCloudDeploymentId', '00000000-1111-4222-8333-444444444444');
    assert.match(ui.messages[0].message, /^No registration in the 2 selected subscriptions has CloudDeploymentID 00000000-1111/);
  });

  it('shows MetadataResolverBadGatewayError as an error node, and Retry recovers once the fault clears', async () => {
    await emulator().addFaults({ kind: 'status', status: 502, path: 'a7e52c19-0d3b-4e86-b2f4-5c9a1e7d3b60/providers/Microsoft.AzureStack/registrations$', count: 10 });
    const [errorNode] = await childrenAt(api, 'Service principal', lab);
    assert.equal(errorNode.kind, 'error');
    assert.match(shown(api, errorNode), /^MetadataResolverBadGatewayError: A server behind Azure Resource Manager answered/);
    const tooltip = api.tree.getTreeItem(errorNode).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /Try again in a few minutes/);
    await emulator().clearFaults();
    await vscode.commands.executeCommand('azureStackCsp.retry', errorNode);
    assert.deepEqual((await childrenAt(api, 'Service principal', lab)).map((n) => shown(api, n)), ['lab-dev · Development']);
  });
});
