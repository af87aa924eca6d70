// What every client in src/azure does around a call: a time limit and the caller's cancel, one renewal of the
// credential after a 401, answers read defensively, and list pages followed through nextLink on the same host only.
import { AzureFailure, toAzureFailure } from './errors';

export interface CallOptions {
  abortSignal?: AbortSignal;
  /** Overrides the client's time limit for this call, retries included. */
  timeoutMs?: number;
}

export interface RetrySettings {
  maxRetries?: number;
  retryDelayInMs?: number;
  maxRetryDelayInMs?: number;
}

export function invalidResponse(message: string): AzureFailure {
  return new AzureFailure({ kind: 'invalidResponse', code: 'InvalidResponse', serviceMessage: message, transient: false });
}

export function invalidArgument(message: string): AzureFailure {
  return new AzureFailure({ kind: 'unexpected', code: 'InvalidArgument', serviceMessage: message, transient: false });
}

export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? value as Record<string, unknown> : {});
export const defined = <T>(value: T | undefined): value is T => value !== undefined;

/** An abort signal that fires on the caller's cancel or after the time limit, remembering which. */
function callSignal(outer: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort();
  if (outer?.aborted) controller.abort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}

function isUnauthorized(error: unknown): boolean {
  return (error as { statusCode?: unknown } | undefined)?.statusCode === 401;
}

/** Runs one call with a time limit (retries included) and the caller's cancel; fails only with AzureFailure. */
export async function runCall<R>(operation: (abortSignal: AbortSignal) => Promise<R>, options: CallOptions, defaultTimeoutMs: number): Promise<R> {
  const call = callSignal(options.abortSignal, options.timeoutMs ?? defaultTimeoutMs);
  try {
    return await operation(call.signal);
  } catch (error) {
    throw toAzureFailure(error, { timedOut: call.timedOut() });
  } finally {
    call.dispose();
  }
}

/**
 * SDK clients (or a pipeline) built around one credential, rebuilt with a renewed credential when the service
 * rejects its token: MSAL and the pipeline cache tokens per instance, so only a new instance gets a fresh one.
 */
export class RenewableClients<T> {
  private current: T;

  constructor(private readonly build: (renew: boolean) => T, private readonly timeoutMs: number) {
    this.current = build(false);
  }

  /** Runs one call with the time limit and cancel; after a 401, once more with a new credential. Fails only with AzureFailure. */
  run<R>(operation: (clients: T, abortSignal: AbortSignal) => Promise<R>, options: CallOptions): Promise<R> {
    return runCall(async (abortSignal) => {
      const used = this.current;
      try {
        return await operation(used, abortSignal);
      } catch (error) {
        if (!isUnauthorized(error)) throw error;
        // Concurrent calls that all met the 401 share one renewal.
        if (this.current === used) this.current = this.build(true);
        return await operation(this.current, abortSignal);
      }
    }, options, this.timeoutMs);
  }
}

/** A path to ask for next: a relative path as given, or an absolute nextLink's path and query when it is on `origin`. */
export function linkOnOrigin(pathOrLink: string, origin: string): string {
  if (!/^https?:/i.test(pathOrLink)) return pathOrLink;
  let next: URL;
  try {
    next = new URL(pathOrLink);
  } catch {
    throw invalidResponse(`nextLink is not a URL: ${pathOrLink}`);
  }
  // The bearer token goes wherever nextLink points: never let the answer send it to another host.
  if (next.origin !== origin) throw invalidResponse(`nextLink points at another host: ${next.origin}`);
  return `${next.pathname.replace(/^\/+/, '')}${next.search}`;
}

export interface ListPage {
  items: unknown[];
  nextLink: string | undefined;
}

/** `{"value":[…],"nextLink":…}`, or why the answer is not a list page. */
export function listPageOf(body: unknown): ListPage {
  const fields = record(body);
  if (!Array.isArray(fields.value)) throw invalidResponse('a list answer without a "value" array');
  return { items: fields.value, nextLink: text(fields.nextLink) || undefined };
}

const maxPages = 10_000;

/** Every item of a paged list, converted (items that do not convert are left out), following nextLink until it ends. */
export async function collectPages<T>(first: string, readPage: (link: string) => Promise<ListPage>, convert: (json: unknown) => T | undefined): Promise<T[]> {
  const found: T[] = [];
  const seen = new Set<string>();
  for (let link: string | undefined = first; link; ) {
    if (seen.has(link) || seen.size >= maxPages) throw invalidResponse('the list never ends: a nextLink repeats');
    seen.add(link);
    const page = await readPage(link);
    found.push(...page.items.map(convert).filter(defined));
    link = page.nextLink;
  }
  return found;
}
