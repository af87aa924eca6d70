// Usage from a stamp through the stamp client, against the emulator over HTTPS: every page streamed into the
// aggregator with the totals the seed implies (worked out in the test from the documented formula), instanceData
// and unknown meters, progress, cancellation between pages, each documented usage error with its explanation,
// retries, renewed tokens and broken answers.
import * as assert from 'node:assert/strict';
import { UsageAggregator, aggregatedUsage } from '../../../src/core/usage/aggregate';
import { billingFor } from '../../../src/core/usage/billing';
import { usageErrorCatalog, type UsageErrorCode } from '../../../src/core/usage/errors';
import { buildReport } from '../../../src/core/usage/report';
import type { StampClient } from '../../../src/azure/stamps';
import { fetchAllUsage, streamUsage, usagePath, type AllUsageProgress, type UsageProgress, type UsageQuery } from '../../../src/azure/usage';
import type { AzureFailure } from '../../../src/azure/errors';
import { control, expectedUsage, seededStamps } from '../emulatorHelpers';
import { conversation, failureOf, sandboxStampClient, stampCalls } from './sandbox';

const entra = seededStamps.entraId;
const start = new Date('2026-10-01T00:00:00Z');
const end = new Date('2026-10-03T00:00:00Z');
const hourly: UsageQuery = { start, end, granularity: 'hourly' };
const usageCalls = async () => stampCalls(await control().requests(), entra.name).filter((r) => r.path.endsWith('subscriberUsageAggregates'));

/** Cell totals keyed like expectedUsage's: `subscriptionId|meterId`. */
function totalsOf(aggregator: UsageAggregator): Map<string, number> {
  return new Map(aggregator.result().map((cell) => [`${cell.subscriptionId}|${cell.meterId}`, cell.quantity]));
}

describe('azure/usage against the emulator', function () {
  this.timeout(30_000);
  let client: StampClient;

  beforeEach(async () => {
    await control().reset();
    client = await sandboxStampClient(entra);
  });
  after(() => control().reset());

  describe('streaming', () => {
    it('streams every page into the aggregator: the totals and record count the seed implies', async () => {
      const aggregator = new UsageAggregator();
      const progress: UsageProgress[] = [];
      await control().clearRequests();
      const result = await client.fetchUsage(hourly, aggregator, { onProgress: (p) => progress.push(p) });
      const expected = expectedUsage(entra, start, end, 'hourly');
      assert.deepEqual(result, { pages: 20, records: expected.records, skipped: 0 });
      assert.match(progress[0].resumeLink ?? '', /continuationToken=/, 'each page says where to go on from');
      assert.deepEqual(totalsOf(aggregator), expected.totals);
      assert.equal(aggregator.cellCount, 4 * 5, 'one cell per direct tenant with usage and meter, whatever the number of records');
      assert.deepEqual(progress.map((p) => p.records), Array.from({ length: 20 }, (_, i) => Math.min(50 * (i + 1), expected.records)));
      assert.deepEqual(progress.map((p) => p.pages), Array.from({ length: 20 }, (_, i) => i + 1));
      const calls = await usageCalls();
      assert.deepEqual(conversation(calls), Array<string>(20).fill('GET 200'));
      assert.ok(calls.every((c) => c.apiVersion === '2015-06-01-preview'));
    });

    it('gives daily records the same totals, one record per subscription, meter and day', async () => {
      const aggregator = new UsageAggregator();
      const result = await client.fetchUsage({ ...hourly, granularity: 'daily' }, aggregator);
      assert.equal(result.records, expectedUsage(entra, start, end, 'daily').records);
      assert.deepEqual(totalsOf(aggregator), expectedUsage(entra, start, end, 'hourly').totals);
    });

    it('asks for one tenant subscription when given its subscriberId', async () => {
      const northwind = entra.tenantSubscriptions![2];
      const aggregator = new UsageAggregator();
      await client.fetchUsage({ ...hourly, subscriberId: northwind.subscriptionId }, aggregator);
      const expected = [...expectedUsage(entra, start, end, 'hourly').totals].filter(([key]) => key.startsWith(northwind.subscriptionId));
      assert.deepEqual(totalsOf(aggregator), new Map(expected));
    });

    it('reads the resource from instanceData, keeps the unknown meter, and reports it by ID with the billed subscription', async () => {
      const aggregator = new UsageAggregator();
      await client.fetchUsage(hourly, aggregator);
      assert.ok(aggregator.result().every((cell) => cell.resources === 1), 'one resource per subscription and meter');
      const subscriptions = await client.listTenantSubscriptions();
      const report = buildReport(aggregatedUsage(aggregator), subscriptions, billingFor(subscriptions, undefined), { ...hourly }, 'en');
      const unknownMeter = entra.usage!.meters[4].meterId;
      const unknown = report.rows.filter((r) => !r.knownMeter);
      assert.deepEqual([...new Set(unknown.map((r) => r.meterName))], [unknownMeter]);
      assert.equal(unknown.length, 4);
      const operatorLab = report.customers.find((c) => c.displayName === 'Operator lab')!;
      const vCoreHours = [0, 1].reduce((sum, j) =>
        sum + expectedUsage(entra, start, end, 'hourly').totals.get(`${entra.tenantSubscriptions![3].subscriptionId}|${entra.usage!.meters[j].meterId}`)!, 0);
      assert.equal(operatorLab.vCoreHours, vCoreHours);
      assert.deepEqual(operatorLab.daily.map((d) => d.day), ['2026-10-01', '2026-10-02']);
    });
  });

  describe('cancellation', () => {
    it('stops between pages when cancelled: no page after the one in flight, the pages so far counted', async () => {
      const controller = new AbortController();
      const aggregator = new UsageAggregator();
      await control().clearRequests();
      const failure = await failureOf(client.fetchUsage(hourly, aggregator, {
        abortSignal: controller.signal,
        onProgress: (p) => { if (p.pages === 2) controller.abort(); },
      }));
      assert.deepEqual([failure.kind, failure.code], ['cancelled', 'Cancelled']);
      assert.equal(aggregator.recordCount, 100);
      const calls = await usageCalls();
      assert.ok(calls.length <= 3, `${calls.length} usage requests`);
    });

    it('cancels a page that is slow to come (how fast: npm run bench)', async () => {
      await control().addFaults({ kind: 'latency', ms: 5000, path: 'subscriberUsageAggregates$', stamp: entra.name });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const failure = await failureOf(client.fetchUsage(hourly, new UsageAggregator(), { abortSignal: controller.signal }));
      assert.equal(failure.kind, 'cancelled');
    });
  });

  describe('documented usage errors', () => {
    const nextHour = () => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 3_600_000);
    const delegated = entra.tenantSubscriptions![4].subscriptionId;
    const asked: [UsageErrorCode, () => UsageQuery][] = [
      ['RequestEndTimeIsInFuture', () => ({ ...hourly, end: nextHour() })],
      ['InvalidAggregationGranularity', () => ({ ...hourly, granularity: 'weekly' as never })],
      ['InvalidProperty', () => ({ ...hourly, start: new Date('2026-10-01T00:30:00Z') })],
      ['SubscriberIdIsNotDirectTenant', () => ({ ...hourly, subscriberId: delegated })],
    ];
    for (const [code, query] of asked) {
      it(`${code}: the service's status with the documented cause and remedy, asked once`, async () => {
        await control().clearRequests();
        const failure = await failureOf(client.fetchUsage(query(), new UsageAggregator()));
        assert.deepEqual([failure.kind, failure.code, failure.status, failure.transient], ['service', code, 400, false]);
        assert.deepEqual(failure.documented, { code, ...usageErrorCatalog[code] });
        assert.equal(failure.message, `${code}: ${usageErrorCatalog[code].cause.en}`);
        assert.deepEqual(conversation(await usageCalls()), ['GET 400']);
      });
    }

    it('explains NoApiVersion and SubscriptionIdMissingInRequest when a stamp answers with them', async () => {
      for (const code of ['NoApiVersion', 'SubscriptionIdMissingInRequest'] as const) {
        await control().addFaults({ kind: 'status', status: 400, code, path: 'subscriberUsageAggregates$', stamp: entra.name });
        const failure = await failureOf(client.fetchUsage(hourly, new UsageAggregator()));
        assert.deepEqual([failure.code, failure.documented?.remedy], [code, usageErrorCatalog[code].remedy]);
      }
    });

    it('retries ServiceUnavailable, and explains it when it lasts', async () => {
      await control().addFaults({ kind: 'status', status: 503, path: 'subscriberUsageAggregates$', stamp: entra.name, count: 1 });
      const aggregator = new UsageAggregator();
      await client.fetchUsage(hourly, aggregator);
      assert.equal(aggregator.recordCount, expectedUsage(entra, start, end, 'hourly').records);
      await control().clearRequests();
      await control().addFaults({ kind: 'status', status: 503, path: 'subscriberUsageAggregates$', stamp: entra.name, count: 10 });
      const failure = await failureOf(client.fetchUsage(hourly, new UsageAggregator()));
      assert.deepEqual([failure.code, failure.status, failure.transient, failure.documented?.cause], ['ServiceUnavailable', 503, true, usageErrorCatalog.ServiceUnavailable.cause]);
      assert.deepEqual(conversation(await usageCalls()), Array<string>(4).fill('GET 503'), 'the first try and three retries');
    });
  });

  describe('sign-in and broken answers', () => {
    it('gets a new token once when the one it holds has expired, and goes on', async () => {
      await client.defaultProviderSubscription();
      await control().expireTokens();
      await control().clearRequests();
      const aggregator = new UsageAggregator();
      await client.fetchUsage(hourly, aggregator);
      assert.deepEqual(totalsOf(aggregator), expectedUsage(entra, start, end, 'hourly').totals);
      assert.deepEqual(conversation(await usageCalls()), ['GET 401', ...Array<string>(20).fill('GET 200')]);
    });

    it('reports a garbled page as an unreadable answer, and a dropped connection after retries as a network failure', async () => {
      await control().addFaults({ kind: 'malformedJson', path: 'subscriberUsageAggregates$', stamp: entra.name });
      const garbled = await failureOf(client.fetchUsage(hourly, new UsageAggregator()));
      assert.equal(garbled.kind, 'invalidResponse');
      await control().addFaults({ kind: 'drop', path: 'subscriberUsageAggregates$', stamp: entra.name, count: 10 });
      const dropped = await failureOf(client.fetchUsage(hourly, new UsageAggregator()));
      assert.equal(dropped.kind, 'network');
    });

    it('refuses a period without real dates before asking anything', async () => {
      await control().clearRequests();
      const failure = await failureOf(client.fetchUsage({ ...hourly, start: new Date('yesterday') }, new UsageAggregator()));
      assert.deepEqual([failure.code, failure.kind], ['InvalidArgument', 'unexpected']);
      assert.deepEqual(await usageCalls(), []);
    });

    it('counts items that are not usage records as skipped, and stops on a nextLink that goes round in circles', async () => {
      const path = usagePath(entra.defaultProviderSubscriptionId, hourly);
      const pages: Record<string, unknown> = {
        [path]: { value: [{ properties: { subscriptionId: 's', meterId: 'm', quantity: 'many', usageStartTime: 'a', usageEndTime: 'b' } }], nextLink: 'https://stamp.example/next' },
        'https://stamp.example/next': { value: [], nextLink: 'https://stamp.example/next' },
      };
      const aggregator = new UsageAggregator();
      const failure = await failureOf(streamUsage((link) => Promise.resolve(pages[link]), path, aggregator));
      assert.deepEqual([failure.kind, failure.serviceMessage], ['invalidResponse', 'the usage never ends: a nextLink repeats']);
      assert.equal(aggregator.malformedCount, 1);
      const notAList = await failureOf(streamUsage(() => Promise.resolve({ value: 'x' }), path, new UsageAggregator()));
      assert.equal(notAList.serviceMessage, 'a list answer without a "value" array');
    });
  });
  describe('gateway timeouts on unfiltered queries', () => {
    const direct = entra.tenantSubscriptions!.filter((s) => !s.delegatedProviderSubscriptionId);
    /** Per-subscriber pages: five per tenant with usage (240 records in pages of 50), one empty page for the idle one. */
    const perSubscriberPages = direct.filter((s) => (s.usageScale ?? 1) > 0).length * 5 + 1;

    async function fallBack(options: { fromPage?: number; faults?: Parameters<ReturnType<typeof control>['addFaults']> } = {}) {
      await control().setGatewayTimeout(entra.name, { unfilteredRecordsAbove: 500, fromPage: options.fromPage });
      if (options.faults) await control().addFaults(...options.faults);
      await control().clearRequests();
      const aggregator = new UsageAggregator();
      const fallbacks: AzureFailure[] = [];
      const progress: AllUsageProgress[] = [];
      const result = await fetchAllUsage(client, hourly, aggregator, { onFallback: (f) => fallbacks.push(f), onProgress: (p) => progress.push(p) });
      return { aggregator, fallbacks, progress, result, calls: conversation(await usageCalls()) };
    }

    it('asks per tenant subscription when the unfiltered query times out, without retrying it, and gets the same totals', async () => {
      const { aggregator, fallbacks, result, calls, progress } = await fallBack();
      assert.deepEqual(totalsOf(aggregator), expectedUsage(entra, start, end, 'hourly').totals);
      assert.deepEqual(fallbacks.map((f) => [f.code, f.status]), [['GatewayTimeout', 504]]);
      assert.deepEqual(calls, ['GET 504', ...Array<string>(perSubscriberPages).fill('GET 200')], 'the 504 is not retried; the reseller\'s tenant is not asked for');
      assert.deepEqual([result.mode, result.subscribers, result.subscribersDone, result.records], ['perSubscriber', direct.length, direct.length, expectedUsage(entra, start, end, 'hourly').records]);
      assert.ok(progress.some((p) => p.mode === 'perSubscriber' && p.subscribersDone < p.subscribers), 'progress tells how many subscribers are done');
    });

    it('drops what the unfiltered query counted before it timed out, so nothing is counted twice', async () => {
      const { aggregator, calls } = await fallBack({ fromPage: 3 });
      assert.deepEqual(calls.slice(0, 4), ['GET 200', 'GET 200', 'GET 200', 'GET 504']);
      assert.deepEqual(totalsOf(aggregator), expectedUsage(entra, start, end, 'hourly').totals);
      assert.equal(aggregator.recordCount, expectedUsage(entra, start, end, 'hourly').records);
    });

    it('goes on from the page where a subscriber\'s query stopped, not from its first page', async () => {
      const northwind = entra.tenantSubscriptions![2].subscriptionId;
      const { aggregator, calls } = await fallBack({
        faults: [{ kind: 'status', status: 503, path: 'subscriberUsageAggregates$', stamp: entra.name, query: `subscriberId=${northwind}.*continuationToken=`, count: 4 }],
      });
      assert.deepEqual(totalsOf(aggregator), expectedUsage(entra, start, end, 'hourly').totals);
      assert.equal(calls.filter((c) => c === 'GET 503').length, 4, 'its second page failed with every retry');
      assert.equal(calls.filter((c) => c === 'GET 200').length, perSubscriberPages, 'then it went on from that page: its first page was not read again');
    });

    it('keeps other failures of the unfiltered query as they are', async () => {
      await control().addFaults({ kind: 'status', status: 400, code: 'InvalidProperty', path: 'subscriberUsageAggregates$', stamp: entra.name });
      const failure = await failureOf(fetchAllUsage(client, hourly, new UsageAggregator()));
      assert.equal(failure.code, 'InvalidProperty');
    });
  });
});
