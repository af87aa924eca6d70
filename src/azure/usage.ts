// Usage aggregates from a stamp (Microsoft.Commerce.Admin/subscriberUsageAggregates, 2015-06-01-preview), streamed
// page by page into a UsageAggregator: while one page is folded in, the next is already on its way, and no page is
// kept after it has been counted, so memory grows with subscription × meter cells, never with records.
//
// A big unfiltered query can fail at the stamp's gateway (502/504) however often it is tried: fetchAllUsage then
// asks per tenant subscription (subscriberId), a few at a time, and a subscriber's query that fails part-way goes on
// from the page it stopped at.
import { RestError, type PipelinePolicy } from '@azure/core-rest-pipeline';
import type { UsageAggregator } from '../core/usage/aggregate';
import { isUsageErrorCode, usageErrorCatalog } from '../core/usage/errors';
import { formatUtc, type Granularity } from '../core/usage/period';
import { invalidArgument, invalidResponse, listPageOf, type CallOptions, type ListPage } from './calls';
import { AzureFailure, toAzureFailure } from './errors';

export const usageApiVersion = '2015-06-01-preview';

export interface UsageQuery {
  /** Inclusive; a whole UTC hour (hourly) or midnight (daily). */
  start: Date;
  /** Exclusive; not in the future nor in the current hour or day. The service checks both and says which is wrong. */
  end: Date;
  granularity: Granularity;
  /** Only this tenant subscription; every direct tenant's usage when absent. */
  subscriberId?: string;
}

export interface UsageProgress {
  /** Pages received so far. */
  pages: number;
  /** Usage records counted so far. */
  records: number;
  /** Items that were not usage records (skipped, never guessed). */
  skipped: number;
  /** The page to ask for next: where a fetch that fails now can go on from. Undefined once the last page is in. */
  resumeLink?: string;
}

export interface UsageFetchOptions extends CallOptions {
  /** Called after each page is counted; `timeoutMs` applies to each page, `abortSignal` to the whole fetch. */
  onProgress?: (progress: UsageProgress) => void;
  /** Go on from this page (a `resumeLink` of an earlier fetch of the same query) instead of the first. */
  resumeFrom?: string;
}

/** Reads one JSON answer from a stamp: a path, or an absolute nextLink (on the stamp's host only). */
export type JsonReader = (pathOrLink: string, options: CallOptions) => Promise<unknown>;

/** Past this many pages (a hundred million records) a fetch is taken to be going round in circles. */
const maxPages = 100_000;

/** The first page's path, relative to the stamp's admin endpoint. */
export function usagePath(providerSubscriptionId: string, query: UsageQuery): string {
  const parameters = new URLSearchParams({
    reportedStartTime: formatUtc(query.start),
    reportedEndTime: formatUtc(query.end),
    aggregationGranularity: query.granularity,
  });
  if (query.subscriberId) parameters.set('subscriberId', query.subscriberId);
  parameters.set('api-version', usageApiVersion);
  return `subscriptions/${encodeURIComponent(providerSubscriptionId)}/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates?${parameters.toString()}`;
}

/** A failure with a documented usage API code, explained with that code's cause and remedy. */
export function explainUsageFailure(failure: AzureFailure): AzureFailure {
  if (!isUsageErrorCode(failure.code)) return failure;
  return failure.withDocumented({ code: failure.code, ...usageErrorCatalog[failure.code] });
}

/** Refuses a query whose times are not dates at all; everything else is the service's to judge, in its own words. */
export function checkUsageQuery(query: UsageQuery): void {
  const valid = (time: unknown) => time instanceof Date && !Number.isNaN(time.getTime());
  if (!valid(query.start) || !valid(query.end)) throw invalidArgument('the usage period needs a valid start and end time');
}

function cancelled(): AzureFailure {
  return new AzureFailure({ kind: 'cancelled', code: 'Cancelled', serviceMessage: 'The usage fetch was cancelled.', transient: false });
}

/**
 * Fetches every page of a usage query into `aggregator`; resolves with the counts, or rejects with an AzureFailure
 * (documented usage codes carry their cause and remedy). After a cancel the aggregator holds the pages counted so far.
 */
export async function streamUsage(read: JsonReader, firstPath: string, aggregator: UsageAggregator, options: UsageFetchOptions = {}): Promise<UsageProgress> {
  const { onProgress, ...callOptions } = options;
  const readPage = async (link: string): Promise<ListPage> => listPageOf(await read(link, callOptions));
  const startRecords = aggregator.recordCount;
  const startSkipped = aggregator.malformedCount;
  const progress: UsageProgress = { pages: 0, records: 0, skipped: 0 };
  const seen = new Set<string>([firstPath]);
  let pending: Promise<ListPage> | undefined = readPage(firstPath);
  try {
    while (pending) {
      const page: ListPage = await pending;
      pending = undefined;
      if (options.abortSignal?.aborted) throw cancelled();
      if (page.nextLink) {
        if (seen.has(page.nextLink) || seen.size >= maxPages) throw invalidResponse('the usage never ends: a nextLink repeats');
        seen.add(page.nextLink);
        // Ask for the next page before counting this one: the stamp prepares it while we count.
        pending = readPage(page.nextLink);
      }
      aggregator.addPage({ value: page.items });
      progress.pages += 1;
      progress.records = aggregator.recordCount - startRecords;
      progress.skipped = aggregator.malformedCount - startSkipped;
      if (page.nextLink) progress.resumeLink = page.nextLink;
      else delete progress.resumeLink;
      report(onProgress, progress);
    }
    return progress;
  } catch (error) {
    throw explainUsageFailure(toAzureFailure(error));
  } finally {
    // A page asked for ahead that nobody will wait for now must not end as an unhandled rejection.
    pending?.catch(() => undefined);
  }
}

/** Progress goes to the caller's callback; a callback that throws must not end the fetch. */
function report<P extends UsageProgress>(onProgress: ((progress: P) => void) | undefined, progress: P): void {
  try {
    onProgress?.({ ...progress });
  } catch {
    // The caller's display failed; the fetch goes on.
  }
}

const usagePathPattern = /\/providers\/Microsoft\.Commerce\.Admin\/subscriberUsageAggregates/i;

/** True for a usage request over every tenant subscription (no subscriberId), first page or later. */
export function isUnfilteredUsageRequest(url: string): boolean {
  const parsed = new URL(url);
  return usagePathPattern.test(parsed.pathname) && ![...parsed.searchParams.keys()].some((key) => key.toLowerCase() === 'subscriberid');
}

/**
 * A gateway timeout on an unfiltered usage query is not retried: it comes back the same, each time after minutes,
 * and fetchAllUsage has a better way (per subscriber). Thrown without the response so the retry policy gives up.
 */
export function unfilteredUsageTimeoutPolicy(): PipelinePolicy {
  return {
    name: 'unfilteredUsageTimeout',
    async sendRequest(request, next) {
      const response = await next(request);
      if ((response.status === 502 || response.status === 504) && isUnfilteredUsageRequest(request.url)) {
        let code = response.status === 504 ? 'GatewayTimeout' : 'BadGateway';
        let message = `The stamp's gateway answered ${response.status}.`;
        try {
          const body = JSON.parse(response.bodyAsText ?? '') as { error?: { code?: unknown; message?: unknown } };
          if (typeof body.error?.code === 'string') code = body.error.code;
          if (typeof body.error?.message === 'string') message = body.error.message;
        } catch {
          // A gateway's own error page is not JSON: the status says enough.
        }
        throw new RestError(message, { code, statusCode: response.status, request });
      }
      return response;
    },
  };
}

/** What fetchAllUsage needs of a stamp: StampClient has both. */
export interface UsageSource {
  fetchUsage(query: UsageQuery, aggregator: UsageAggregator, options?: UsageFetchOptions): Promise<UsageProgress>;
  listTenantSubscriptions(options?: CallOptions): Promise<{ subscriptionId: string; directTenant: boolean }[]>;
}

export interface AllUsageProgress extends UsageProgress {
  /** `all`: one unfiltered query; `perSubscriber`: after a gateway timeout, one query per tenant subscription. */
  mode: 'all' | 'perSubscriber';
  subscribers: number;
  subscribersDone: number;
}

export interface AllUsageOptions extends CallOptions {
  onProgress?: (progress: AllUsageProgress) => void;
  /** Called once when the unfiltered query timed out at the gateway and per-subscriber queries take over. */
  onFallback?: (failure: AzureFailure) => void;
  /** Per-subscriber queries at a time (default 4). */
  parallel?: number;
  /** Times a subscriber's query goes on from where it stopped after a transient failure (default 3). */
  resumes?: number;
}

/** A failure that per-subscriber queries may get round: the gateway gave up, or no answer came in time. */
export function isGatewayTimeout(failure: AzureFailure): boolean {
  return failure.status === 502 || failure.status === 504 || failure.code === 'Timeout';
}

/**
 * Every tenant subscription's usage for the query into `aggregator`: one unfiltered query, or — when that one times
 * out at the gateway — one query per direct tenant subscription with at most `parallel` at a time. Records of the
 * unfiltered attempt are dropped first, so nothing is counted twice. Rejects only with AzureFailure.
 */
export async function fetchAllUsage(source: UsageSource, query: UsageQuery, aggregator: UsageAggregator, options: AllUsageOptions = {}): Promise<AllUsageProgress> {
  const { onProgress, onFallback, parallel = 4, resumes = 3, ...callOptions } = options;
  const progressOf = (mode: AllUsageProgress['mode'], p: UsageProgress, subscribers = 0, subscribersDone = 0): AllUsageProgress =>
    ({ ...p, records: aggregator.recordCount, skipped: aggregator.malformedCount, mode, subscribers, subscribersDone });
  try {
    const done = await source.fetchUsage(query, aggregator, { ...callOptions, onProgress: (p) => report(onProgress, progressOf('all', p)) });
    return progressOf('all', done);
  } catch (error) {
    const failure = toAzureFailure(error);
    if (query.subscriberId || !isGatewayTimeout(failure) || callOptions.abortSignal?.aborted) throw failure;
    onFallback?.(failure);
  }
  aggregator.reset();
  const subscribers = (await source.listTenantSubscriptions(callOptions)).filter((s) => s.directTenant).map((s) => s.subscriptionId);
  const state = { pages: 0, done: 0 };
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  callOptions.abortSignal?.addEventListener('abort', onAbort, { once: true });
  const readSubscriber = async (subscriberId: string) => {
    let resumeFrom: string | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        await source.fetchUsage({ ...query, subscriberId }, aggregator, {
          ...callOptions, abortSignal: controller.signal, resumeFrom,
          onProgress: (p) => {
            resumeFrom = p.resumeLink;
            state.pages++;
            report(onProgress, progressOf('perSubscriber', { ...p, pages: state.pages }, subscribers.length, state.done));
          },
        });
        state.done++;
        return;
      } catch (error) {
        const failure = toAzureFailure(error);
        if (!failure.transient || attempt >= resumes || controller.signal.aborted) throw failure;
      }
    }
  };
  const queue = [...subscribers];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await readSubscriber(next);
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, subscribers.length)) }, worker));
  } catch (error) {
    // One subscriber's failure ends the others' queries too.
    controller.abort();
    throw callOptions.abortSignal?.aborted ? cancelled() : toAzureFailure(error);
  } finally {
    callOptions.abortSignal?.removeEventListener('abort', onAbort);
  }
  return progressOf('perSubscriber', { pages: state.pages, records: 0, skipped: 0 }, subscribers.length, state.done);
}
