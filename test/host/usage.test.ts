// Stamps and the usage report in the real host against the emulator's stamp (test/fixtures/emulator/host.json):
// adding a stamp, its subscriptions with the Azure subscription they are billed to, a report whose totals match
// what the emulator's documented formula implies (worked out here, independently), and the CSV export; then the
// same report priced with imported price lists (test/fixtures/prices), its invoices per customer and in one file, the
// meter mapping from the workspace and the settings, and the per-subscriber queries after a gateway timeout.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { roundHalfAway } from '../../src/core/usage/pricing';
import { cancel, pressEnter, type ScriptedUserInput } from '../../src/vscode/infrastructure/ui';
import type { TestApi } from '../../src/vscode/testApi';
import { childrenAt, emulator, emulatorStamp, emulatorUrl, nodeAt, screenshot, shown, signedInFresh, testApi } from './helpers';

interface StampSeed {
  name: string;
  audience: string;
  defaultProviderSubscriptionId: string;
  tenantSubscriptions: { subscriptionId: string; displayName: string; usageScale?: number }[];
  usage: { seed: number; meters: { meterId: string; perHour: number }[] };
}

const state = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'emulator', 'host.json'), 'utf8')) as { stamps: StampSeed[] };
const stamp = state.stamps[0];
const vCoreMeters = new Set(['FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5', '9CD92D4C-BAFD-4492-B278-BEDC2DE8232A']);
const priceFixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'prices');
/** test/fixtures/prices/e2e-prices.csv per local unit, by the meter's position in the stamp's usage.meters. */
const pricePerUnit = [0.0625, 0.5 / 10, 7.3 / 730];

/** The emulator's documented usage: perHour × usageScale × (1 + (seed + 3i + 5j + day) mod 4) for every hour. */
function expectedTotal(subscriptionIndex: number, meterIndex: number, start: Date, end: Date): number {
  const subscription = stamp.tenantSubscriptions[subscriptionIndex];
  const meter = stamp.usage.meters[meterIndex];
  let total = 0;
  for (let hour = start.getTime(); hour < end.getTime(); hour += 3_600_000) {
    const day = Math.floor(hour / 86_400_000);
    total += meter.perHour * (subscription.usageScale ?? 1) * (1 + ((stamp.usage.seed + 3 * subscriptionIndex + 5 * meterIndex + day) % 4));
  }
  return total;
}

describe('stamps and usage reports (emulator)', function () {
  this.timeout(90_000);
  let api: TestApi;
  let ui: ScriptedUserInput;
  const configured = () => vscode.workspace.getConfiguration('azureStackCsp').get<{ name: string; adminEndpoint: string; tenantId?: string }[]>('stamps') ?? [];

  before(async () => {
    api = await testApi();
    ui = api.useScriptedInput();
    await signedInFresh(api);
  });

  beforeEach(() => ui.reset());

  afterEach(() => assert.equal(ui.pending, 0, 'every scripted answer was used'));

  it('adds a stamp by its admin endpoint: shows how it signs in, pins that, and takes its own credentials', async () => {
    const [hub] = configured();
    await vscode.workspace.getConfiguration('azureStackCsp').update('stamps', [], vscode.ConfigurationTarget.Workspace);
    ui.enqueue('https://127.0.0.1:1/?x', '');
    await vscode.commands.executeCommand('azureStackCsp.addStamp');
    assert.match(ui.prompts[0].validation ?? '', /without query|https/i, 'a URL with a query is refused as it is typed');
    ui.reset();
    const own = await emulatorStamp('hub01');
    ui.enqueue(`${hub.adminEndpoint}/`, 'Trust', 'hub01', hub.tenantId ?? '', '', 'Service principal with a client secret', own.clientId, own.clientSecret);
    await vscode.commands.executeCommand('azureStackCsp.addStamp');
    assert.deepEqual(ui.prompts.map((p) => `${p.kind}${p.validation ? ` ${p.validation}` : ''}`), ['input', 'confirm', 'input', 'input', 'input', 'pick', 'input', 'input']);
    assert.match(ui.prompts[1].detail ?? '', new RegExp(`^Admin endpoint: ${hub.adminEndpoint}\nIdentity system: Microsoft Entra ID\nLogin endpoint: ${emulatorUrl()}/\nAudience \\(the token is for\\): ${stamp.audience}\n`));
    assert.deepEqual(configured(), [{
      name: 'hub01', adminEndpoint: hub.adminEndpoint, tenantId: hub.tenantId,
      pinned: { identitySystem: 'entraId', loginEndpoint: `${emulatorUrl()}/`, audience: stamp.audience },
      signIn: { method: 'servicePrincipalSecret', clientId: own.clientId },
    }]);
    assert.equal(ui.messages[0].message, 'Added stamp hub01 (Microsoft Entra ID sign-in).');
  });

  it('lists the stamp\'s tenant subscriptions with the Azure subscription each is billed to, and flags a directory not added', async () => {
    const children = await childrenAt(api, 'Azure Stack Hub stamps', 'hub01');
    assert.deepEqual(children.map((n) => shown(api, n)), [
      "Registration hub-payg (PayAsYouUse), named by the stamp's activation",
      'Contoso production · → 11a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
      'Fabrikam residences · → 12a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
      'Operator lab · not added to the registration',
    ]);
    const lab = await nodeAt(api, 'Azure Stack Hub stamps', 'hub01', 'Operator lab');
    const tooltip = api.tree.getTreeItem(lab).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /Directory not added to hub-payg: billed to the registration's subscription 3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37/);
    assert.match(tooltip.value, /Owner: operator@fabrikamhub\.onmicrosoft\.com/);
  });

  it('refuses a period the stamp would refuse, as it is typed', async () => {
    ui.enqueue('Daily', '2026-11-01', '2099-01-01');
    const node = await nodeAt(api, 'Azure Stack Hub stamps', 'hub01');
    await vscode.commands.executeCommand('azureStackCsp.usageReport', node);
    assert.match(ui.prompts[2].validation ?? '', /RequestEndTimeIsInFuture/);
    ui.reset();
    ui.enqueue('Hourly', '2026-11-01T05:30Z');
    await vscode.commands.executeCommand('azureStackCsp.usageReport', node);
    assert.match(ui.prompts[1].validation ?? '', /whole UTC hour/);
  });

  it('reports usage per customer and meter with the totals the stamp\'s data implies, and exports them as CSV', async () => {
    const start = new Date('2026-11-01T00:00:00Z');
    const end = new Date('2026-11-08T00:00:00Z');
    ui.enqueue('Daily', '2026-11-01', '2026-11-08');
    const node = await nodeAt(api, 'Azure Stack Hub stamps', 'hub01');
    await vscode.commands.executeCommand('azureStackCsp.usageReport', node);
    const run = api.lastReport();
    assert.ok(run, 'a report was shown');
    const { report } = run;
    assert.equal(report.records, 7 * 3 * 4);
    stamp.tenantSubscriptions.forEach((subscription, i) => {
      stamp.usage.meters.forEach((meter, j) => {
        const row = report.rows.find((r) => r.subscriptionId === subscription.subscriptionId && r.meterId.replace(/-/g, '').toLowerCase() === meter.meterId.replace(/-/g, '').toLowerCase());
        assert.ok(row, `${subscription.displayName} × ${meter.meterId}`);
        assert.equal(row.quantity, expectedTotal(i, j, start, end), `${subscription.displayName} × ${row.meterName}`);
      });
      const customer = report.customers.find((c) => c.subscriptionId === subscription.subscriptionId);
      const vCore = stamp.usage.meters.reduce((sum, meter, j) => sum + (vCoreMeters.has(meter.meterId) ? expectedTotal(i, j, start, end) : 0), 0);
      assert.equal(customer?.vCoreHours, vCore, `${subscription.displayName} vCore hours`);
      assert.equal(customer?.daily.length, 7);
    });
    const unknown = report.rows.filter((r) => !r.knownMeter);
    assert.deepEqual([...new Set(unknown.map((r) => r.meterName))], ['5B2E9C71-0D4A-4F83-A6E1-7C9D2B3F4A50'], 'an unknown meter is kept, by its ID');
    assert.deepEqual(await run.rendered, { customers: 3, rows: 12, pricedRows: 0 }, 'the page shows a card per customer and a row per customer and meter');
    await screenshot('usage-report');

    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    const target = vscode.Uri.joinPath(folder, 'usage-hub01.csv');
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('an earlier export\n'));
    ui.enqueue(target, '');
    await vscode.commands.executeCommand('azureStackCsp.exportUsage', 'csv');
    assert.deepEqual(ui.prompts.slice(-1).map((p) => [p.title, p.buttons]), [['usage-hub01.csv already exists.', ['Save as usage-hub01-2.csv', 'Replace', 'Cancel']]]);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), 'an earlier export\n', 'dismissed: the earlier file is untouched');
    ui.enqueue(target, 'Replace');
    await vscode.commands.executeCommand('azureStackCsp.exportUsage', 'csv');
    const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(target)).trimEnd().split('\r\n');
    assert.equal(lines.length, 1 + 3 * 4);
    const contosoBase = lines.find((l) => l.startsWith('Contoso production,51a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,') && l.includes(',Base VM Size Hours,'));
    assert.ok(contosoBase, lines.join('\n'));
    const fields = contosoBase.split(',');
    assert.equal(fields[4], '11a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8', 'billed Azure subscription');
    assert.equal(Number(fields[9]), expectedTotal(0, 0, start, end));
    assert.equal(fields[10], 'vCore hours');
    const lab = lines.find((l) => l.startsWith('Operator lab,'));
    assert.ok(lab?.includes(",3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37,Directory not added to hub-payg: billed to the registration's subscription 3b0c9d2e"), lab);
  });
  it('prices the report with an imported price sheet, resale list and markup, and exports invoices per customer', async () => {
    ui.enqueue(vscode.Uri.file(join(priceFixtures, 'e2e-prices.csv')));
    await vscode.commands.executeCommand('azureStackCsp.importPrices');
    assert.equal(ui.prompts[0].kind, 'openUri');
    assert.match(ui.messages[0].message, /^Imported e2e-prices\.csv: 3 prices from 3 rows\./);
    await vscode.commands.executeCommand('azureStackCsp.importPrices', vscode.Uri.file(join(priceFixtures, 'resale.csv')));
    await vscode.workspace.getConfiguration('azureStackCsp').update('usage.markupPercent', 20, vscode.ConfigurationTarget.Workspace);
    const start = new Date('2026-11-01T00:00:00Z');
    const end = new Date('2026-11-08T00:00:00Z');
    ui.enqueue('Daily', '2026-11-01', '2026-11-08');
    await vscode.commands.executeCommand('azureStackCsp.usageReport', await nodeAt(api, 'Azure Stack Hub stamps', 'hub01'));
    const run = api.lastReport();
    assert.ok(run);
    const { pricing } = run.priced;
    let totalCost = 0;
    stamp.tenantSubscriptions.forEach((subscription, i) => {
      stamp.usage.meters.forEach((meter, j) => {
        const row = pricing.rows.find((r) => r.subscriptionId === subscription.subscriptionId && r.meterId.toLowerCase() === meter.meterId.toLowerCase());
        assert.ok(row, `${subscription.displayName} × ${meter.meterId}`);
        if (j >= pricePerUnit.length) {
          assert.deepEqual(row.costStatus, { kind: 'noPrice', reason: 'unknownMeter' });
          return;
        }
        const cost = roundHalfAway(expectedTotal(i, j, start, end) * pricePerUnit[j], 2);
        assert.equal(row.cost, cost, `${subscription.displayName} × ${row.meterName}`);
        totalCost += cost;
      });
    });
    assert.equal(pricing.totals[0].cost, roundHalfAway(totalCost, 2));
    const contosoBase = pricing.rows.find((r) => r.displayName === 'Contoso production' && r.meterName === 'Base VM Size Hours');
    assert.deepEqual([contosoBase?.resaleStatus.kind, contosoBase?.resale], ['list', roundHalfAway(expectedTotal(0, 0, start, end) * 0.015, 2)], "Contoso's own price");
    const labBlob = pricing.rows.find((r) => r.displayName === 'Operator lab' && r.meterName === 'BlockBlobCapacity');
    assert.equal(labBlob?.resale, roundHalfAway(expectedTotal(2, 2, start, end) * (0.0146 / 730), 2), 'the resale list prices blob storage per GB-month');
    const labWindows = pricing.rows.find((r) => r.displayName === 'Operator lab' && r.meterName === 'Windows VM Size Hours');
    assert.deepEqual([labWindows?.resaleStatus.kind, labWindows?.resale], ['list', roundHalfAway(expectedTotal(2, 1, start, end) * 0.06, 2)]);
    assert.deepEqual(pricing.billedSubscriptions.map((b) => [b.billedSubscriptionId, b.customers]), [
      ['11a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8', 1], ['12a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8', 1], ['3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37', 1],
    ]);
    assert.deepEqual(await run.rendered, { customers: 3, rows: 12, pricedRows: 9 }, 'three priced meters per customer; the unknown one shown without a price');
    assert.ok(!Object.keys(require.cache).some((path) => /[\\/]dist[\\/]spreadsheet\.js$/.test(path)), 'the spreadsheet reader (ExcelJS) is not loaded for CSV price lists');
    await screenshot('usage-report-prices');

    const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'invoices');
    await vscode.workspace.fs.createDirectory(folder);
    ui.enqueue(folder);
    await vscode.commands.executeCommand('azureStackCsp.exportInvoices', 'csv', true);
    const names = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).sort();
    assert.deepEqual(names, ['Contoso_production-51a2b3c4-2026-11.csv', 'Fabrikam_residences-52a2b3c4-2026-11.csv', 'Operator_lab-53a2b3c4-2026-11.csv']);
    const contoso = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, names[0]))).trimEnd().split('\r\n');
    assert.equal(contoso.length, 1 + 4);
    assert.ok(contoso.slice(1).every((line) => line.startsWith('Contoso production,51a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8,')));

    // Exporting again asks once about the files that exist: dismissed, nothing is written; Enter (the default) saves
    // the new files beside them, and what was edited by hand stays.
    const edited = vscode.Uri.joinPath(folder, names[1]);
    await vscode.workspace.fs.writeFile(edited, new TextEncoder().encode('edited by hand'));
    ui.enqueue(folder, '');
    await vscode.commands.executeCommand('azureStackCsp.exportInvoices', 'csv', true);
    assert.deepEqual(ui.prompts.slice(-1).map((p) => [p.kind, p.title, p.buttons]), [['askDestructive', '3 of the 3 files already exist.', ['Save Beside Them', 'Replace 3 Files', 'Cancel']]]);
    assert.equal((await vscode.workspace.fs.readDirectory(folder)).length, 3, 'dismissed: nothing written');
    ui.enqueue(folder, pressEnter);
    await vscode.commands.executeCommand('azureStackCsp.exportInvoices', 'csv', true);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(edited)), 'edited by hand');
    const beside = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'Fabrikam_residences-52a2b3c4-2026-11-2.csv')));
    assert.ok(beside.startsWith('customer,'), beside);
    assert.equal((await vscode.workspace.fs.readDirectory(folder)).length, 6);
    assert.match(ui.messages.at(-1)?.message ?? '', /^3 invoice files exported to invoices\.$/);
    ui.enqueue(folder, 'Replace 3 Files');
    await vscode.commands.executeCommand('azureStackCsp.exportInvoices', 'csv', true);
    assert.ok(new TextDecoder().decode(await vscode.workspace.fs.readFile(edited)).startsWith('customer,'), 'replaced when asked to');
    assert.equal((await vscode.workspace.fs.readDirectory(folder)).length, 6);

    // One JSON file for every customer, with the report's totals.
    const all = vscode.Uri.joinPath(folder, 'all.json');
    ui.enqueue(all);
    await vscode.commands.executeCommand('azureStackCsp.exportInvoices', 'json', false);
    const invoice = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(all))) as { customers: { lines: unknown[] }[]; totals: { currency: string; cost: number }[] };
    assert.deepEqual(invoice.customers.map((c) => c.lines.length), [4, 4, 4]);
    assert.deepEqual(invoice.totals.map((t) => [t.currency, t.cost]), [['USD', roundHalfAway(totalCost, 2)]]);
    assert.match(ui.messages.at(-1)?.message ?? '', /^Invoices exported to invoices\/all\.json\.$/);
  });

  it('prices with the workspace\'s meter mapping file and the setting\'s entries, which win', async () => {
    const config = vscode.workspace.getConfiguration('azureStackCsp');
    const mappingFile = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'azs-meters.json');
    const site = stamp.usage.meters[3].meterId;
    // Saved with a byte order mark, as Windows editors do.
    await vscode.workspace.fs.writeFile(mappingFile, new TextEncoder().encode(`\uFEFF${JSON.stringify({
      meters: [
        { meter: site, name: 'Site hours', unit: '1 Hour', commerceMeterName: 'Base VM' },
        { meter: 'Windows VM Size Hours', commerceMeterName: 'Base VM' },
      ],
    })}`));
    await config.update('usage.meterMappings', [{ meter: site, billedByMicrosoft: false }], vscode.ConfigurationTarget.Workspace);
    try {
      const start = new Date('2026-11-01T00:00:00Z');
      const end = new Date('2026-11-08T00:00:00Z');
      ui.enqueue('Daily', '2026-11-01', '2026-11-08');
      await vscode.commands.executeCommand('azureStackCsp.usageReport', await nodeAt(api, 'Azure Stack Hub stamps', 'hub01'));
      const { pricing } = api.lastReport()!.priced;
      stamp.tenantSubscriptions.forEach((subscription, i) => {
        const rows = pricing.rows.filter((r) => r.subscriptionId === subscription.subscriptionId);
        const windows = rows.find((r) => r.meterName === 'Windows VM Size Hours');
        assert.equal(windows?.cost, roundHalfAway(expectedTotal(i, 1, start, end) * pricePerUnit[0], 2), `${subscription.displayName}: Windows VM hours at the base VM price`);
        const siteRow = rows.find((r) => r.meterId.toLowerCase() === site.toLowerCase());
        assert.deepEqual([siteRow?.meterName, siteRow?.costStatus, siteRow?.quantity], ['Site hours', { kind: 'notBilled' }, expectedTotal(i, 3, start, end)]);
      });
      assert.equal(pricing.unpriced.rows, 0, 'every meter is priced or known not to be billed');
      assert.deepEqual(await api.lastReport()!.rendered, { customers: 3, rows: 12, pricedRows: 9 }, 'the site meter is shown as not billed, not as priced');
    } finally {
      await vscode.workspace.fs.delete(mappingFile);
      await config.update('usage.meterMappings', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('asks per tenant subscription when the stamp\'s gateway times out on all of them at once, with the same totals', async () => {
    await emulator().setGatewayTimeout('hub01', { unfilteredRecordsAbove: 10 });
    await emulator().clearRequests();
    try {
      const start = new Date('2026-11-01T00:00:00Z');
      const end = new Date('2026-11-08T00:00:00Z');
      const earlier = api.lastReport();
      ui.enqueue('Daily', '2026-11-01', '2026-11-08');
      await vscode.commands.executeCommand('azureStackCsp.usageReport', await nodeAt(api, 'Azure Stack Hub stamps', 'hub01'));
      assert.notEqual(api.lastReport(), earlier, 'a new report was shown');
      const { report } = api.lastReport()!;
      stamp.tenantSubscriptions.forEach((subscription, i) => {
        stamp.usage.meters.forEach((meter, j) => {
          const row = report.rows.find((r) => r.subscriptionId === subscription.subscriptionId && r.meterId.replace(/-/g, '').toLowerCase() === meter.meterId.replace(/-/g, '').toLowerCase());
          assert.equal(row?.quantity, expectedTotal(i, j, start, end), `${subscription.displayName} × ${meter.meterId}`);
        });
      });
      const usage = (await emulator().requests()).filter((r) => /subscriberUsageAggregates$/i.test(r.path));
      assert.deepEqual(usage.map((r) => r.status).sort(), [200, 200, 200, 504], 'one unfiltered query, not retried, then one per tenant subscription');
    } finally {
      await emulator().setGatewayTimeout('hub01', null);
    }
  });

  it('refuses a file that is no price list, keeps what it has, and takes a Swedish resale list in place of the last', async () => {
    ui.enqueue(vscode.Uri.file(join(priceFixtures, 'README.md')));
    await vscode.commands.executeCommand('azureStackCsp.importPrices');
    assert.equal(ui.messages.at(-1)?.kind, 'error');
    assert.match(ui.messages.at(-1)?.message ?? '', /README\.md: not a price list this tool reads/);
    ui.enqueue(cancel);
    await vscode.commands.executeCommand('azureStackCsp.removePrices');
    assert.deepEqual(ui.prompts.at(-1)?.items?.map((i) => i.label), ['e2e-prices.csv', 'resale.csv'], 'both lists are still remembered');
    // UTF-16 with semicolons and decimal commas, as a Swedish Excel saves it: still a resale list.
    await vscode.commands.executeCommand('azureStackCsp.importPrices', vscode.Uri.file(join(priceFixtures, 'resale-sv.csv')));
    assert.match(ui.messages.at(-1)?.message ?? '', /^Imported resale-sv\.csv: 2 prices from 2 rows\./);
    ui.enqueue('resale-sv.csv');
    await vscode.commands.executeCommand('azureStackCsp.removePrices');
    assert.deepEqual(ui.prompts.at(-1)?.items?.map((i) => [i.label, i.description]), [['e2e-prices.csv', "Microsoft's prices"], ['resale-sv.csv', 'Resale prices']]);
  });

  it('asks before removing a stamp with Keep as the default; removing it forgets its secret', async () => {
    const before = configured();
    const question = ['askDestructive', 'Remove stamp hub01 from the list?', ['Keep Stamp', 'Remove Stamp', 'Cancel']];
    ui.enqueue('', pressEnter);
    await vscode.commands.executeCommand('azureStackCsp.removeStamp', await nodeAt(api, 'Azure Stack Hub stamps', 'hub01'));
    await vscode.commands.executeCommand('azureStackCsp.removeStamp', await nodeAt(api, 'Azure Stack Hub stamps', 'hub01'));
    assert.deepEqual(ui.prompts.map((p) => [p.kind, p.title, p.buttons]), [question, question]);
    assert.deepEqual(configured(), before, 'Escape and Enter keep the stamp');

    ui.reset();
    ui.enqueue('Remove Stamp');
    await vscode.commands.executeCommand('azureStackCsp.removeStamp', await nodeAt(api, 'Azure Stack Hub stamps', 'hub01'));
    assert.deepEqual(configured().map((s) => s.name), before.map((s) => s.name).filter((name) => name !== 'hub01'));

    // The same stamp set up again by hand: its secret went with it, so the view asks for its credentials.
    await vscode.workspace.getConfiguration('azureStackCsp').update('stamps', before, vscode.ConfigurationTarget.Workspace);
    api.tree.refresh();
    const children = await childrenAt(api, 'Azure Stack Hub stamps', 'hub01');
    assert.deepEqual(children.filter((n) => n.id.endsWith('#signIn')).map((n) => shown(api, n)), ['Sign in to stamp hub01 with its own credentials']);
  });
});
