// The Registrations tree's data at the client level, against the emulator seeded with 200 registrations × 5,000
// tenants and a fixed latency per request: requests and time to show the first level (subscriptions and their
// registrations), one registration's first tenant page, and all tenants of one registration, each against its
// critical path (round trips that must follow one another × latency).
//   npm run build:tests && node out/bench/tree-client.js [--latency 20] [--runs 5]
// Without AZS_EMULATOR_URL it starts the emulator (test/emulator/states/bench.json) and runs itself again with the
// emulator's environment, since NODE_EXTRA_CA_CERTS counts only from a process's start.
import { parseArgs } from 'node:util';
import { customCloud } from '../src/azure/clouds';
import { checkSignIn, createCredentialFactory } from '../src/azure/credentials';
import { RegistrationsClient, type Registration } from '../src/azure/registrations';
import { EmulatorControl, type EmulatorAddress } from '../test/emulator/client';
import { runAgainstEmulator } from './emulatorRun';

const { values } = parseArgs({ options: { latency: { type: 'string', default: '20' }, runs: { type: 'string', default: '5' } } });
const latencyMs = Number(values.latency);
const runs = Number(values.runs);

interface Figure {
  name: string;
  requests: number;
  /** Round trips that cannot overlap. */
  roundTrips: number;
  medianMs: number;
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

async function measure(name: string, control: EmulatorControl, roundTrips: (result: number) => number, work: () => Promise<number>): Promise<Figure> {
  const times: number[] = [];
  let requests = 0;
  let trips = 0;
  for (let i = 0; i < runs; i++) {
    await control.clearRequests();
    const started = performance.now();
    const result = await work();
    times.push(performance.now() - started);
    requests = (await control.requests()).length;
    trips = roundTrips(result);
  }
  return { name, requests, roundTrips: trips, medianMs: median(times) };
}

async function runBenchmark(address: EmulatorAddress): Promise<void> {
  const cloud = customCloud({ resourceManagerEndpoint: address.url, authorityHost: address.url });
  if (!cloud.ok) throw new Error(cloud.message.en);
  const credentials = createCredentialFactory({ method: 'servicePrincipalEnvironment' }, cloud.cloud);
  const signIn = await checkSignIn(credentials, cloud.cloud);
  if (!signIn.ok) throw signIn.failure;
  const client = new RegistrationsClient({ cloud: cloud.cloud, credentials });
  const control = new EmulatorControl(address.controlUrl);
  let registrations: Registration[] = [];

  const firstLevel = await measure('first level: subscriptions + registrations', control, () => 2, async () => {
    const subscriptions = await client.listSubscriptions();
    const lists = await Promise.all(subscriptions.map((s) => client.listRegistrations(s.subscriptionId)));
    registrations = lists.flat();
    return registrations.length;
  });
  const target = registrations[Math.floor(registrations.length / 2)];
  const firstPage = await measure('one registration: first tenant page', control, () => 1, async () =>
    (await client.listTenantsPage(target)).tenants.length);
  let pages = 0;
  const allTenants = await measure('one registration: all tenants', control, () => pages, async () => {
    let count = 0;
    pages = 0;
    let continuation: string | undefined;
    do {
      const page = await client.listTenantsPage(target, continuation);
      count += page.tenants.length;
      pages += 1;
      continuation = page.continuation;
    } while (continuation);
    return count;
  });

  console.log(`${registrations.length} registrations; ${target.registrationName} has ${(await client.listTenantsPage(target)).tenants.length} tenants on its first page`);
  console.log(`latency ${latencyMs} ms per request, median of ${runs} runs\n`);
  console.log('what'.padEnd(46) + 'requests  round trips  critical path  measured  ratio');
  for (const f of [firstLevel, firstPage, allTenants]) {
    const critical = f.roundTrips * latencyMs;
    console.log(`${f.name.padEnd(46)}${String(f.requests).padStart(8)}  ${String(f.roundTrips).padStart(11)}  ${`${critical} ms`.padStart(13)}  ${`${f.medianMs.toFixed(0)} ms`.padStart(8)}  ${(f.medianMs / critical).toFixed(2).padStart(5)}`);
  }
  console.log(JSON.stringify({
    latency_ms: latencyMs,
    tree_first_level_requests: firstLevel.requests,
    tree_first_level_ms: Math.round(firstLevel.medianMs),
    tree_first_level_critical_ms: firstLevel.roundTrips * latencyMs,
    tree_first_page_requests: firstPage.requests,
    tree_first_page_ms: Math.round(firstPage.medianMs),
    tree_all_tenants_requests: allTenants.requests,
    tree_all_tenants_ms: Math.round(allTenants.medianMs),
    tree_all_tenants_critical_ms: allTenants.roundTrips * latencyMs,
  }));
}

runAgainstEmulator('bench/tree-client', runBenchmark, { latencyMs });
