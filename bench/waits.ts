// npm run bench:waits — how long the Azure clients wait, against the emulator over HTTPS (real @azure/identity and
// core-rest-pipeline code): from cancelling a call that hangs (5 s of injected latency) to its rejection, for an ARM
// call and a stamp's usage page; and the time a read takes through one 429 with Retry-After: 1, which must be at
// least the second the service asked for. These were wall-clock limits in the unit and host tests, which failed on a
// busy machine; the tests keep what the clients must answer. Each figure is the fastest of three runs.
// The last line is one JSON object.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageAggregator } from '../src/core/usage/aggregate';
import type { StampSeed, StateFile } from '../test/emulator/stateFile';
import { control } from '../test/unit/emulatorHelpers';
import { failureOf, sandboxClient, sandboxStampClient } from '../test/unit/azure/sandbox';
import { runAgainstEmulator } from './emulatorRun';

const bench = JSON.parse(readFileSync(join(__dirname, '..', '..', 'test', 'emulator', 'states', 'bench.json'), 'utf8')) as StateFile;

/** Milliseconds from aborting `call` (100 ms after it starts, while the emulator holds its answer) to its rejection. */
async function cancelMs(call: (signal: AbortSignal) => Promise<unknown>): Promise<number> {
  const abort = new AbortController();
  let abortedAt = 0;
  setTimeout(() => {
    abortedAt = performance.now();
    abort.abort();
  }, 100);
  const failure = await failureOf(call(abort.signal));
  if (failure.kind !== 'cancelled') throw new Error(`the cancelled call failed as ${failure.kind} ${failure.code}`);
  return performance.now() - abortedAt;
}

async function fastest(runs: number, measure: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await measure());
  return Math.min(...times);
}

runAgainstEmulator('waits', async () => {
  const client = sandboxClient();
  const subscriptionId = bench.subscriptions?.[0].subscriptionId ?? '';
  const [registration] = await client.listRegistrations(subscriptionId);
  const stamp = await sandboxStampClient(bench.stamps?.[0] as StampSeed);
  const query = { start: new Date('2026-10-01T00:00:00Z'), end: new Date('2026-10-02T00:00:00Z'), granularity: 'hourly' as const };

  const armCancel = await fastest(3, async () => {
    await control().addFaults({ kind: 'latency', ms: 5000, path: `registrations/${registration.registrationName}$` });
    try {
      return await cancelMs((abortSignal) => client.getRegistration(registration, { abortSignal }));
    } finally {
      await control().clearFaults();
    }
  });
  const usageCancel = await fastest(3, async () => {
    await control().addFaults({ kind: 'latency', ms: 5000, path: 'subscriberUsageAggregates$', stamp: 'bench01' });
    try {
      return await cancelMs((abortSignal) => stamp.fetchUsage(query, new UsageAggregator(), { abortSignal }));
    } finally {
      await control().clearFaults();
    }
  });
  const retryAfter = await fastest(3, async () => {
    await control().addFaults({ kind: 'status', status: 429, retryAfterSeconds: 1, path: `subscriptions/${subscriptionId}/providers/Microsoft.AzureStack/registrations$` });
    const started = performance.now();
    await client.listRegistrations(subscriptionId);
    return performance.now() - started;
  });
  console.log(`cancel an ARM call: ${armCancel.toFixed(0)} ms; cancel a usage page: ${usageCancel.toFixed(0)} ms; a read through 429 Retry-After: 1 s: ${retryAfter.toFixed(0)} ms`);
  console.log(JSON.stringify({ cancel_ms: Number(armCancel.toFixed(0)), usage_cancel_ms: Number(usageCancel.toFixed(0)), retry_after_read_ms: Number(retryAfter.toFixed(0)) }));
});
