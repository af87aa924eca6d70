// Usage aggregates from a stamp (Microsoft.Commerce.Admin/subscriberUsageAggregates, 2015-06-01-preview), streamed
// page by page into a UsageAggregator: while one page is folded in, the next is already on its way, and no page is
// kept after it has been counted, so memory grows with subscription × meter cells, never with records.
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
}

export interface UsageFetchOptions extends CallOptions {
  /** Called after each page is counted; `timeoutMs` applies to each page, `abortSignal` to the whole fetch. */
  onProgress?: (progress: UsageProgress) => void;
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
function report(onProgress: UsageFetchOptions['onProgress'], progress: UsageProgress): void {
  try {
    onProgress?.({ ...progress });
  } catch {
    // The caller's display failed; the fetch goes on.
  }
}
