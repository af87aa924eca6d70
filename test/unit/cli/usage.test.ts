// azs-usage as a billing pipeline runs it: `node dist/usage.js` (built first) against the emulator's Entra ID stamp,
// signed in with the stamp's service principal from the environment. Its totals must equal the quantities the
// emulator's documented formula implies (worked out here) times the fixture's prices.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invoiceColumns } from '../../../src/core/usage/invoice';
import { roundHalfAway } from '../../../src/core/usage/pricing';
import { repoRoot } from '../core/support/wasm';
import { stampPrincipal } from '../azure/sandbox';
import { control, expectedUsage, hostileStamps, requireEmulator, seededStamps, stampEndpoint, unitState } from '../emulatorHelpers';

const usageCli = join(repoRoot, 'dist/usage.js');
const prices = join(repoRoot, 'test/fixtures/prices');
const stamp = seededStamps.entraId;
const start = new Date('2026-10-01T00:00:00Z');
const end = new Date('2026-10-03T00:00:00Z');
const meter = { base: stamp.usage!.meters[0].meterId, windows: stamp.usage!.meters[1].meterId, blob: stamp.usage!.meters[2].meterId, ip: stamp.usage!.meters[3].meterId, unknown: stamp.usage!.meters[4].meterId };
/** e2e-prices.csv per local unit: 0.0625 per vCore hour, 0.5 per 10 hours, 7.3 per GB-month of 730 GB-hours. */
const pricePerUnit = new Map([[meter.base, 0.0625], [meter.windows, 0.5 / 10], [meter.blob, 7.3 / 730]]);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The stamp's own service principal in the environment, as an operator gives it for that stamp. */
let principal: { clientId: string; clientSecret: string };

function azsUsage(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(process.execPath, [usageCli, ...args], {
    encoding: 'utf8', timeout: 90_000,
    env: {
      PATH: process.env.PATH, LANG: 'en_US.UTF-8', NODE_EXTRA_CA_CERTS: requireEmulator().caFile,
      AZURE_TENANT_ID: stamp.directoryTenantId, AZURE_CLIENT_ID: principal.clientId, AZURE_CLIENT_SECRET: principal.clientSecret, ...env,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split('\r\n');
  assert.equal(header, invoiceColumns.join(','));
  return lines.map((line) => Object.fromEntries(line.split(',').map((field, i) => [invoiceColumns[i], field])));
}

describe('azs-usage (CLI) against the emulator', function () {
  this.timeout(180_000);
  let scratch: string;
  let endpoint: string;
  const period = ['--from', '2026-10-01', '--to', '2026-10-03', '--granularity', 'hourly'];

  before(async () => {
    const build = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    scratch = mkdtempSync(join(tmpdir(), 'azs-usage-cli-'));
    endpoint = await stampEndpoint(stamp.name);
    principal = await stampPrincipal(stamp.name);
  });
  beforeEach(() => control().reset());
  after(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await control().reset();
  });

  it('writes invoice lines whose cost is each quantity times its price, and totals that add them up', () => {
    const run = azsUsage(['--stamp', endpoint, ...period, '--prices', join(prices, 'e2e-prices.csv'), '--markup', '25', '--format', 'json']);
    assert.equal(run.status, 1, `exit 1: the unknown meter has no price\n${run.stderr}`);
    const invoice = JSON.parse(run.stdout) as { customers: { displayName: string; lines: Record<string, string | number>[] }[]; totals: { currency: string; cost: number; resale: number; margin: number }[] };
    const expected = expectedUsage(stamp, start, end, 'hourly').totals;
    let cost = 0;
    let lines = 0;
    for (const customer of invoice.customers) {
      for (const line of customer.lines) {
        lines++;
        const quantity = expected.get(`${line.tenantSubscriptionId}|${line.meterId}`);
        assert.equal(line.quantity, quantity, `${customer.displayName} × ${line.meterName}`);
        const price = pricePerUnit.get(String(line.meterId));
        if (price === undefined) continue;
        const lineCost = roundHalfAway(quantity! * price, 2);
        assert.equal(line.estimatedCost, lineCost, `${customer.displayName} × ${line.meterName}`);
        assert.equal(line.resaleAmount, roundHalfAway(quantity! * price * 1.25, 2));
        cost += lineCost;
      }
    }
    assert.equal(lines, expected.size, 'a line per tenant subscription with usage and meter, none dropped');
    assert.deepEqual(invoice.totals.map((t) => [t.currency, t.cost]), [['USD', roundHalfAway(cost, 2)]]);
    const ip = invoice.customers[0].lines.find((l) => l.meterId === meter.ip);
    assert.deepEqual([ip?.billedByMicrosoft, ip?.priceStatus, ip?.estimatedCost], ['no', 'notBilled', 0]);
    assert.match(run.stderr, /e2e-prices\.csv \(Partner Center Azure plan price sheet\): 3 prices from 3 rows/);
    assert.match(run.stderr, new RegExp(`no price \\(unknownMeter\\): ${meter.unknown}`));
    assert.match(run.stderr, /total USD: cost /);
  });

  it('asks per tenant subscription when the stamp\'s gateway gives up on all of them, with the same lines', async () => {
    const normal = azsUsage(['--stamp', endpoint, ...period, '--prices', join(prices, 'e2e-prices.csv')]);
    await control().setGatewayTimeout(stamp.name, { unfilteredRecordsAbove: 100 });
    const fallback = azsUsage(['--stamp', endpoint, ...period, '--prices', join(prices, 'e2e-prices.csv'), '--parallel', '2']);
    assert.equal(fallback.status, 1, fallback.stderr);
    assert.match(fallback.stderr, /gave up on all subscriptions at once \(GatewayTimeout\): asking per tenant subscription/);
    assert.deepEqual(csvRows(fallback.stdout), csvRows(normal.stdout));
  });

  it('writes one file per customer, and never replaces a file without --force', () => {
    const folder = join(scratch, 'per-customer');
    const args = ['--stamp', endpoint, ...period, '--prices', join(prices, 'e2e-prices.csv'), '--out', folder, '--per-customer'];
    assert.equal(azsUsage(args).status, 1);
    const files = readdirSync(folder).sort();
    assert.deepEqual(files, [
      'Alpine_Ski_House_-_production-e7095b29-2026-10.csv', 'Alpine_Ski_House_-_test-10f3b986-2026-10.csv',
      'Northwind_Traders-59640447-2026-10.csv', 'Operator_lab-9027133e-2026-10.csv',
    ]);
    assert.ok(csvRows(readFileSync(join(folder, files[2]), 'utf8')).every((row) => row.customer === 'Northwind Traders'));
    const again = azsUsage(args);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /exists already: give --force/);
    const single = join(scratch, 'all.csv');
    writeFileSync(single, 'keep me');
    const refused = azsUsage(['--stamp', endpoint, ...period, '--out', single]);
    assert.deepEqual([refused.status, readFileSync(single, 'utf8')], [2, 'keep me'], 'refused before any usage is read');
    assert.equal(azsUsage(['--stamp', endpoint, ...period, '--out', single, '--force']).status, 1);
    assert.ok(readFileSync(single, 'utf8').startsWith('customer,'));
  });

  it('takes a meter mapping and a customer\'s markup, and exits 0 when every billed meter has a price', () => {
    const run = azsUsage(['--stamp', endpoint, ...period, '--prices', join(prices, 'e2e-prices.csv'), '--meters', join(prices, 'azs-meters.json'),
      '--markup', '10', '--markup', 'Northwind Traders=50']);
    assert.equal(run.status, 0, run.stderr);
    const rows = csvRows(run.stdout);
    const site = rows.find((r) => r.meterId === meter.unknown);
    assert.deepEqual([site?.meterName, site?.billedByMicrosoft, site?.priceStatus], ['Site hours', 'no', 'notBilled']);
    const northwind = rows.find((r) => r.customer === 'Northwind Traders' && r.meterId === meter.base);
    const alpine = rows.find((r) => r.customer === 'Alpine Ski House - production' && r.meterId === meter.base);
    assert.deepEqual([northwind?.markupPercent, alpine?.markupPercent], ['50', '10']);
    assert.equal(Number(northwind?.resaleAmount), roundHalfAway(Number(northwind?.quantity) * 0.0625 * 1.5, 2));
  });

  it('signs an AD FS stamp in to "adfs", whatever AZURE_TENANT_ID says', async () => {
    const adfs = seededStamps.adfs;
    const own = await stampPrincipal(adfs.name);
    const run = azsUsage(['--stamp', await stampEndpoint(adfs.name), ...period, '--format', 'json'], { AZURE_CLIENT_ID: own.clientId, AZURE_CLIENT_SECRET: own.clientSecret });
    assert.equal(run.status, 1, run.stderr);
    const invoice = JSON.parse(run.stdout) as { customers: { displayName: string; lines: unknown[] }[] };
    assert.deepEqual(invoice.customers.map((c) => [c.displayName, c.lines.length]), [[adfs.tenantSubscriptions![0].displayName, adfs.usage!.meters.length]]);
  });

  it('exits 2 on bad arguments or price files, 3 when the stamp refuses the sign-in, 4 when the stamp fails', async () => {
    const bad = azsUsage(['--stamp', endpoint, '--from', '2026-10-01', '--to', '2026-09-01']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--to: The end must come after the start/);
    const resaleAsPrices = azsUsage(['--stamp', endpoint, ...period, '--prices', join(prices, 'resale.csv')]);
    assert.deepEqual([resaleAsPrices.status, /resale\.csv: this is a resale list/.test(resaleAsPrices.stderr)], [2, true]);
    const wrongSecret = azsUsage(['--stamp', endpoint, ...period], { AZURE_CLIENT_SECRET: 'not-the-secret' });
    assert.equal(wrongSecret.status, 3, wrongSecret.stderr);
    const noSecret = azsUsage(['--stamp', endpoint, ...period], { AZURE_CLIENT_SECRET: '' });
    assert.equal(noSecret.status, 3);
    assert.match(noSecret.stderr, /AZURE_CLIENT_SECRET/);
    await control().addFaults({ kind: 'status', status: 400, code: 'InvalidProperty', path: 'subscriberUsageAggregates$', stamp: stamp.name });
    const failed = azsUsage(['--stamp', endpoint, ...period]);
    assert.equal(failed.status, 4);
    assert.match(failed.stderr, /InvalidProperty \(400\)/);
    assert.equal(failed.stdout, '', 'no half-written invoice on stdout');
  });

  it('refuses a stamp whose metadata asks for a token for Azure Resource Manager: exit 3, and only the metadata read', async () => {
    await control().replaceState({ ...unitState, stamps: [...unitState.stamps ?? [], hostileStamps['arm-audience']] });
    const own = await stampPrincipal('arm-audience');
    await control().clearRequests();
    const run = azsUsage(['--stamp', await stampEndpoint('arm-audience'), ...period], { AZURE_TENANT_ID: 'adfs', AZURE_CLIENT_ID: own.clientId, AZURE_CLIENT_SECRET: own.clientSecret });
    assert.equal(run.status, 3, run.stderr);
    assert.match(run.stderr, /StampAudience\w+: The stamp asks for a token for .* Nothing was sent\./);
    const log = await control().requests();
    assert.deepEqual(log.map((r) => `${r.method} ${r.path}`), ['GET /metadata/endpoints']);
    assert.deepEqual(log.flatMap((r) => r.carried ?? []), []);
  });
});
