// Usage reporting at scale: 30 days hourly for 200 tenant subscriptions × 10 meters (1.44 million records in pages
// of 1,000) from the emulator's stamp bench01 without latency, through StampClient.fetchUsage into a UsageAggregator,
// against bare walks of the same pages measured in the same run: fetch() + JSON.parse, and node:https (the HTTP
// stack under the SDK's pipeline) + JSON.parse. The ratio is the client's time over the faster bare walk. The priced
// run does what a priced report does: fetchAllUsage into an aggregator cut at the price changes of the Partner
// Center fixture, the report built, then priced with that sheet, the resale list and a markup. Prints records per
// second, the peak heap of the client runs (heapUsed sampled every 5 ms and after every page, plus a forced GC at
// the end) and the ratios; the last line is one JSON object.
//   npm run bench:usage [-- --rounds 2 --days 30]
// Without AZS_EMULATOR_URL it starts the emulator (test/emulator/states/bench.json) and runs itself again with the
// emulator's environment and --expose-gc, since NODE_EXTRA_CA_CERTS counts only from a process's start.
import { readFileSync } from 'node:fs';
import { Agent, get } from 'node:https';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageAggregator, aggregatedUsage } from '../src/core/usage/aggregate';
import { MeterBook } from '../src/core/usage/meterBilling';
import { periodBoundaries } from '../src/core/usage/period';
import { priceChangeDates, readPriceFile } from '../src/core/usage/priceFiles';
import type { PriceList } from '../src/core/usage/prices';
import { priceReport } from '../src/core/usage/pricing';
import { buildReport } from '../src/core/usage/report';
import { createCredentialFactory } from '../src/azure/credentials';
import { discoverStamp, signInTenant, StampClient } from '../src/azure/stamps';
import { fetchAllUsage, usagePath, type UsageQuery } from '../src/azure/usage';
import { EmulatorControl, type EmulatorAddress } from '../test/emulator/client';
import { runAgainstEmulator } from './emulatorRun';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '2' }, days: { type: 'string', default: '30' } } });
const rounds = Number(values.rounds);
const days = Number(values.days);
const stampName = 'bench01';
const mb = (bytes: number) => bytes / (1024 * 1024);

interface Run {
  ms: number;
  /** CPU time of this process (user + system): what the client costs, less disturbed than wall time by other load. */
  cpuMs: number;
  records: number;
  pages: number;
}

/** Wall and CPU time of `work`. */
async function timed<T>(work: () => Promise<T>): Promise<T & { ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { ...result, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

type GetText = (url: string, token: string) => Promise<string>;

async function fetchText(url: string, token: string): Promise<string> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

const keepAlive = new Agent({ keepAlive: true });

function httpsText(url: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { agent: keepAlive, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => (response.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${url} answered ${response.statusCode}`))));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** A bare walk: get each page, JSON.parse it, follow nextLink. Nothing counted but the items. */
function bareWalk(getText: GetText, firstUrl: string, token: string): Promise<Run> {
  return timed(async () => {
    let records = 0;
    let pages = 0;
    for (let url: string | undefined = firstUrl; url; ) {
      const page = JSON.parse(await getText(url, token)) as { value: unknown[]; nextLink?: string };
      records += page.value.length;
      pages += 1;
      url = page.nextLink;
    }
    return { records, pages };
  });
}

/** The client: StampClient.fetchUsage into a fresh aggregator, with the heap sampled while it runs. */
async function clientRun(client: StampClient, query: UsageQuery): Promise<Run & { peakHeap: number; cells: number }> {
  let peakHeap = 0;
  const sample = () => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed); };
  const sampler = setInterval(sample, 5);
  const aggregator = new UsageAggregator();
  try {
    const result = await timed(() => client.fetchUsage(query, aggregator, { onProgress: sample }));
    sample();
    return { ...result, peakHeap, cells: aggregator.cellCount };
  } finally {
    clearInterval(sampler);
  }
}

/** A priced report: usage streamed into an aggregator cut at month starts and price changes, the report built and priced. */
async function pricedRun(client: StampClient, query: UsageQuery, lists: { microsoft: PriceList[]; resale: PriceList[] }): Promise<Run & { peakHeap: number; cells: number }> {
  let peakHeap = 0;
  const sample = () => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed); };
  const sampler = setInterval(sample, 5);
  const aggregator = new UsageAggregator({ boundaries: periodBoundaries(query, priceChangeDates([...lists.microsoft, ...lists.resale])) });
  try {
    const result = await timed(async () => {
      const progress = await fetchAllUsage(client, query, aggregator, { onProgress: sample });
      const report = buildReport(aggregatedUsage(aggregator), [], new Map(), query, 'en');
      const pricing = priceReport(report, { book: new MeterBook(), ...lists, markup: { all: 15 } });
      if (pricing.rows.length !== aggregator.cellCount) throw new Error('a priced row per cell');
      return { records: progress.records, pages: progress.pages };
    });
    sample();
    return { ...result, peakHeap, cells: aggregator.cellCount };
  } finally {
    clearInterval(sampler);
  }
}

async function benchPriceLists(): Promise<{ microsoft: PriceList[]; resale: PriceList[] }> {
  const fixtures = join(__dirname, '..', '..', 'test', 'fixtures', 'prices');
  const read = async (name: string, role: 'microsoft' | 'resale') => {
    const result = await readPriceFile(readFileSync(join(fixtures, name)), name, role);
    if (!result.ok) throw new Error(result.message.en);
    return result.list;
  };
  return { microsoft: [await read('partner-center-azure-plan.csv', 'microsoft')], resale: [await read('resale.csv', 'resale')] };
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function runBenchmark(address: EmulatorAddress): Promise<void> {
  const control = new EmulatorControl(address.controlUrl);
  const listed = (await control.stamps()).find((s) => s.name === stampName);
  const principal = (await control.stampPrincipals()).find((p) => p.name === stampName);
  if (!listed || !principal) throw new Error(`the emulator's state has no stamp ${stampName}`);
  const { adminEndpoint } = listed;
  const stamp = await discoverStamp(adminEndpoint);
  const tenant = signInTenant(stamp, listed.tenantId);
  if (!tenant.ok) throw new Error(tenant.message.en);
  // The stamp's own service principal: a stamp never takes the Azure sandbox's.
  const credentials = createCredentialFactory({ method: 'servicePrincipal', tenantId: tenant.tenantId, clientId: principal.clientId, clientSecret: principal.clientSecret }, stamp.cloud);
  const client = new StampClient({ stamp, credentials });
  const token = (await credentials({ renew: false }).getToken(stamp.cloud.armScope))!.token;
  const provider = (await client.defaultProviderSubscription()).subscriptionId;
  const end = new Date(Date.UTC(2026, 9, 1 + days));
  const query: UsageQuery = { start: new Date(Date.UTC(2026, 9, 1)), end, granularity: 'hourly' };
  const firstUrl = `${adminEndpoint}/${usagePath(provider, query)}`;

  // Warm both paths up (JIT, connections, token) on one day before measuring.
  const warmUp: UsageQuery = { ...query, end: new Date(Date.UTC(2026, 9, 2)) };
  for (const getText of [fetchText, httpsText]) await bareWalk(getText, `${adminEndpoint}/${usagePath(provider, warmUp)}`, token);
  await client.fetchUsage(warmUp, new UsageAggregator());
  const lists = await benchPriceLists();
  await pricedRun(client, warmUp, lists);

  const bareFetch: Run[] = [];
  const bareHttps: Run[] = [];
  const clientRuns: Awaited<ReturnType<typeof clientRun>>[] = [];
  const pricedRuns: Awaited<ReturnType<typeof pricedRun>>[] = [];
  for (let round = 0; round < rounds; round++) {
    gc();
    bareFetch.push(await bareWalk(fetchText, firstUrl, token));
    gc();
    bareHttps.push(await bareWalk(httpsText, firstUrl, token));
    gc();
    clientRuns.push(await clientRun(client, query));
    gc();
    pricedRuns.push(await pricedRun(client, query, lists));
  }
  gc();
  const heapAfterGc = process.memoryUsage().heapUsed;
  const best = <T extends Run>(runs: T[]) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const fastestBare = best([...bareFetch, ...bareHttps]);
  const fastestClient = best(clientRuns);
  const fastestPriced = best(pricedRuns);
  for (const run of [fastestClient, fastestPriced]) {
    if (run.records !== fastestBare.records) throw new Error(`the client counted ${run.records} records, the bare walk ${fastestBare.records}`);
  }
  const peakHeapMb = Math.max(...clientRuns.map((r) => mb(r.peakHeap)));
  const pricedPeakHeapMb = Math.max(...pricedRuns.map((r) => mb(r.peakHeap)));
  const ratio = fastestClient.ms / fastestBare.ms;
  const pricedRatio = fastestPriced.ms / fastestBare.ms;
  const recordsPerSecond = fastestClient.records / (fastestClient.ms / 1000);

  console.log(`${fastestClient.records.toLocaleString('en')} records in ${fastestClient.pages} pages (${days} days hourly, ${fastestClient.cells} subscription × meter cells), best of ${rounds}`);
  const seconds = (runs: Run[]) => runs.map((r) => `${(r.ms / 1000).toFixed(2)} s (CPU ${(r.cpuMs / 1000).toFixed(2)} s)`).join(', ');
  console.log(`fetch() + JSON.parse      ${seconds(bareFetch)}`);
  console.log(`node:https + JSON.parse   ${seconds(bareHttps)}`);
  console.log(`StampClient.fetchUsage    ${seconds(clientRuns)}`);
  console.log(`priced report            ${seconds(pricedRuns)} (${fastestPriced.cells} customer × meter × period rows)`);
  console.log(`records per second        ${Math.round(recordsPerSecond).toLocaleString('en')}`);
  console.log(`peak heap (client runs)   ${peakHeapMb.toFixed(1)} MB; after a forced GC at the end ${mb(heapAfterGc).toFixed(1)} MB`);
  console.log(`peak heap (priced runs)   ${pricedPeakHeapMb.toFixed(1)} MB`);
  console.log(`ratio client / best bare  ${ratio.toFixed(3)} (target ≤ 1.2); CPU time ${(fastestClient.cpuMs / fastestBare.cpuMs).toFixed(3)}`);
  console.log(`ratio priced / best bare  ${pricedRatio.toFixed(3)} (target ≤ 1.2); CPU time ${(fastestPriced.cpuMs / fastestBare.cpuMs).toFixed(3)}`);
  console.log(JSON.stringify({
    usage_records_per_second: Math.round(recordsPerSecond),
    usage_peak_heap_mb: Number(peakHeapMb.toFixed(1)),
    usage_ratio: Number(ratio.toFixed(3)),
    usage_priced_ratio: Number(pricedRatio.toFixed(3)),
    usage_priced_peak_heap_mb: Number(pricedPeakHeapMb.toFixed(1)),
  }));
}

runAgainstEmulator('bench/usage', runBenchmark, { nodeArgs: ['--expose-gc'] });
