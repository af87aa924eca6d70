// Usage reporting at scale: 30 days hourly for 200 tenant subscriptions × 10 meters (1.44 million records in pages
// of 1,000) from the emulator's stamp bench01 without latency, through StampClient.fetchUsage into a UsageAggregator,
// against bare walks of the same pages measured in the same run: fetch() + JSON.parse, and node:https (the HTTP
// stack under the SDK's pipeline) + JSON.parse. The ratio is the client's time over the faster bare walk. The priced
// run does what a priced report does: fetchAllUsage into an aggregator cut at the price changes of the Partner
// Center fixture, the report built, then priced with that sheet, the resale list and a markup.
// The four walks take turns a day (48 pages) at a time, the day's first walk changing from day to day, and each
// walk's time is the sum over the days of its fastest of the rounds at that day (the priced report's building and
// pricing timed apart, the fastest of the rounds): a change of load on the machine in the middle of a run hits all
// four alike. Whole 30-day walks, one after the other, the fastest of two, spread 1.02–1.23 from run to run with no
// code changed: the emulator shares the cores, and a walk of 11 s met another load than the walk it was compared with.
// Prints records per second, the peak heap of the client runs (heapUsed sampled every 5 ms and after every page, plus
// a forced GC at the end) and the ratios, of wall time (the row) and of this process's CPU time; the last line is one
// JSON object.
//   npm run bench:usage [-- --rounds 3 --days 30]
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
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Wall time, and CPU time of this process (user + system): what the client costs, less disturbed by other load. */
interface Times {
  ms: number;
  cpuMs: number;
}

async function timed<T>(work: () => T | Promise<T>): Promise<{ result: T; times: Times }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { result, times: { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 } };
}

type GetText = (url: string, token: string) => Promise<string>;

async function fetchText(url: string, token: string): Promise<string> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

const keepAlive = new Agent({ keepAlive: true });

function httpsText(url: string, token: string, again = true): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: keepAlive, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => (response.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${url} answered ${response.statusCode}`))));
      response.on('error', reject);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the emulator closed as the request went out: asked again once, as Node's documentation
      // advises (the walks take turns, so a socket may wait idle as long as the emulator keeps it).
      if (again && request.reusedSocket && error.code === 'ECONNRESET') httpsText(url, token, false).then(resolve, reject);
      else reject(error);
    });
  });
}

/** A bare walk: get each page, JSON.parse it, follow nextLink. Nothing counted but the items. Gives the records. */
async function bareWalk(getText: GetText, firstUrl: string, token: string): Promise<number> {
  let records = 0;
  for (let url: string | undefined = firstUrl; url; ) {
    const page = JSON.parse(await getText(url, token)) as { value: unknown[]; nextLink?: string };
    records += page.value.length;
    url = page.nextLink;
  }
  return records;
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

const walkNames = ['fetch', 'https', 'client', 'priced'] as const;
type WalkName = (typeof walkNames)[number];

/** What the walks need: the stamp's client, a token for the bare walks, the price lists. */
interface Bench {
  client: StampClient;
  token: string;
  adminEndpoint: string;
  provider: string;
  lists: { microsoft: PriceList[]; resale: PriceList[] };
}

/** One round's state: the client's and the priced report's aggregators (the priced one cut at the price changes). */
interface Round {
  client: UsageAggregator;
  priced: UsageAggregator;
  /** Records each bare walk read. */
  bare: Record<'fetch' | 'https', number>;
}

/** One walk of one day's pages, into this round's aggregators. */
function walkOf(name: WalkName, bench: Bench, round: Round, day: UsageQuery, sample: () => void): () => Promise<unknown> {
  const url = `${bench.adminEndpoint}/${usagePath(bench.provider, day)}`;
  switch (name) {
    case 'fetch':
    case 'https':
      return async () => {
        round.bare[name] += await bareWalk(name === 'fetch' ? fetchText : httpsText, url, bench.token);
      };
    case 'client':
      return () => bench.client.fetchUsage(day, round.client, { onProgress: sample });
    case 'priced':
      return () => fetchAllUsage(bench.client, day, round.priced, { onProgress: sample });
  }
}

/** The priced report's last step: the report built from the aggregator and priced. */
function priceAggregated(aggregator: UsageAggregator, query: UsageQuery, lists: Bench['lists']): void {
  const report = buildReport(aggregatedUsage(aggregator), [], new Map(), query, 'en');
  const pricing = priceReport(report, { book: new MeterBook(), ...lists, markup: { all: 15 } });
  if (pricing.rows.length !== aggregator.cellCount) throw new Error('a priced row per cell');
}

/** Each walk's times by day and round, and the peak heap while the client's and the priced report's walks ran. */
class Measured {
  readonly byDay = new Map<WalkName, Times[][]>(walkNames.map((name) => [name, []]));
  /** The priced report's building and pricing, per round. */
  readonly pricing: Times[] = [];
  readonly peakHeap: Record<WalkName, number> = { fetch: 0, https: 0, client: 0, priced: 0 };
  records = 0;
  cells = 0;
  pricedRows = 0;

  add(name: WalkName, day: number, times: Times): void {
    ((this.byDay.get(name) as Times[][])[day] ??= []).push(times);
  }

  /** A walk's time: the sum over the days of the fastest round at each (wall and CPU each so), plus pricing for the priced. */
  total(name: WalkName): Times {
    const fastest = (times: Times[], of: keyof Times) => Math.min(...times.map((t) => t[of]));
    const perDay = this.byDay.get(name) as Times[][];
    const sum = (of: keyof Times) => perDay.reduce((total, times) => total + fastest(times, of), 0) + (name === 'priced' ? fastest(this.pricing, of) : 0);
    return { ms: sum('ms'), cpuMs: sum('cpuMs') };
  }

  /** A walk's whole time in each round (its days' times added up), as a walk of the 30 days would have taken. */
  rounds(name: WalkName): Times[] {
    const perDay = this.byDay.get(name) as Times[][];
    return Array.from({ length: rounds }, (_, round) => perDay.reduce((total, times) => ({ ms: total.ms + times[round].ms, cpuMs: total.cpuMs + times[round].cpuMs }), {
      ms: name === 'priced' ? this.pricing[round].ms : 0, cpuMs: name === 'priced' ? this.pricing[round].cpuMs : 0,
    }));
  }
}

/** A round: every day's pages walked four ways, taking turns; the day's first walk changes from day to day and round to round. */
async function runRound(bench: Bench, query: UsageQuery, dayQueries: UsageQuery[], roundIndex: number, measured: Measured): Promise<void> {
  gc();
  const round: Round = {
    client: new UsageAggregator(),
    priced: new UsageAggregator({ boundaries: periodBoundaries(query, priceChangeDates([...bench.lists.microsoft, ...bench.lists.resale])) }),
    bare: { fetch: 0, https: 0 },
  };
  let current: WalkName = 'fetch';
  const sample = () => { measured.peakHeap[current] = Math.max(measured.peakHeap[current], process.memoryUsage().heapUsed); };
  const sampler = setInterval(sample, 5);
  try {
    for (const [day, dayQuery] of dayQueries.entries()) {
      for (let turn = 0; turn < walkNames.length; turn++) {
        current = walkNames[(day + roundIndex + turn) % walkNames.length];
        measured.add(current, day, (await timed(walkOf(current, bench, round, dayQuery, sample))).times);
        sample();
      }
    }
    current = 'priced';
    measured.pricing.push((await timed(() => priceAggregated(round.priced, query, bench.lists))).times);
  } finally {
    clearInterval(sampler);
  }
  const counts = [round.bare.fetch, round.bare.https, round.client.recordCount, round.priced.recordCount];
  if (counts.some((count) => count !== counts[0])) throw new Error(`the walks counted different records: ${counts.join(', ')}`);
  measured.records = counts[0];
  measured.cells = round.client.cellCount;
}

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
  const bench: Bench = { client, token, adminEndpoint, provider, lists: await benchPriceLists() };
  const dayStart = (day: number) => new Date(Date.UTC(2026, 9, 1 + day));
  const query: UsageQuery = { start: dayStart(0), end: dayStart(days), granularity: 'hourly' };
  const dayQueries = Array.from({ length: days }, (_, day): UsageQuery => ({ start: dayStart(day), end: dayStart(day + 1), granularity: 'hourly' }));

  // Warm every walk up (JIT, connections, token) on one day before measuring.
  await runRound(bench, dayQueries[0], dayQueries.slice(0, 1), 0, new Measured());
  const measured = new Measured();
  for (let round = 0; round < rounds; round++) await runRound(bench, query, dayQueries, round, measured);
  gc();
  const heapAfterGc = process.memoryUsage().heapUsed;

  const [fetchTotal, httpsTotal, clientTotal, pricedTotal] = walkNames.map((name) => measured.total(name));
  const bare = fetchTotal.ms <= httpsTotal.ms ? fetchTotal : httpsTotal;
  const peakHeapMb = mb(measured.peakHeap.client);
  const pricedPeakHeapMb = mb(measured.peakHeap.priced);
  const ratio = clientTotal.ms / bare.ms;
  const pricedRatio = pricedTotal.ms / bare.ms;
  const recordsPerSecond = measured.records / (clientTotal.ms / 1000);

  console.log(`${measured.records.toLocaleString('en')} records (${days} days hourly, ${measured.cells} subscription × meter cells), ${rounds} rounds of the ${days} days, the walks taking turns each day`);
  const show = (name: WalkName, times: Times) =>
    `${seconds(times.ms)} (CPU ${seconds(times.cpuMs)}); rounds ${measured.rounds(name).map((t) => `${seconds(t.ms)} (CPU ${seconds(t.cpuMs)})`).join(', ')}`;
  console.log(`fetch() + JSON.parse      ${show('fetch', fetchTotal)}`);
  console.log(`node:https + JSON.parse   ${show('https', httpsTotal)}`);
  console.log(`StampClient.fetchUsage    ${show('client', clientTotal)}`);
  console.log(`priced report            ${show('priced', pricedTotal)}; of it building and pricing the report ${seconds(Math.min(...measured.pricing.map((t) => t.ms)))}`);
  console.log(`records per second        ${Math.round(recordsPerSecond).toLocaleString('en')}`);
  console.log(`peak heap (client walks)  ${peakHeapMb.toFixed(1)} MB; after a forced GC at the end ${mb(heapAfterGc).toFixed(1)} MB`);
  console.log(`peak heap (priced walks)  ${pricedPeakHeapMb.toFixed(1)} MB`);
  console.log(`ratio client / best bare  ${ratio.toFixed(3)} (target ≤ 1.2); CPU time of this process ${(clientTotal.cpuMs / bare.cpuMs).toFixed(3)}`);
  console.log(`ratio priced / best bare  ${pricedRatio.toFixed(3)} (target ≤ 1.2); CPU time of this process ${(pricedTotal.cpuMs / bare.cpuMs).toFixed(3)}`);
  console.log(JSON.stringify({
    usage_records_per_second: Math.round(recordsPerSecond),
    usage_peak_heap_mb: Number(peakHeapMb.toFixed(1)),
    usage_ratio: Number(ratio.toFixed(3)),
    usage_priced_ratio: Number(pricedRatio.toFixed(3)),
    usage_priced_peak_heap_mb: Number(pricedPeakHeapMb.toFixed(1)),
    usage_cpu_ratio: Number((clientTotal.cpuMs / bare.cpuMs).toFixed(3)),
    usage_priced_cpu_ratio: Number((pricedTotal.cpuMs / bare.cpuMs).toFixed(3)),
  }));
}

runAgainstEmulator('bench/usage', runBenchmark, { nodeArgs: ['--expose-gc'] });
