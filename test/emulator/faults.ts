// Faults injected through the control API: each matches requests by method and a path pattern and acts on the next
// `count` of them. `afterApply` lets the request take effect first (a write lands) before the fault hides the answer.
import { armError, type Reply } from './router';

export type FaultKind = 'latency' | 'status' | 'drop' | 'malformedJson';

export interface FaultSpec {
  kind: FaultKind;
  /** A regular expression tested case-insensitively against the normalised path (no query). */
  path: string;
  /** Optional: a regular expression tested case-insensitively against the query string (without `?`), as sent. */
  query?: string;
  method?: string;
  /** Only requests to this stamp's admin endpoint; without it, requests to any endpoint match. */
  stamp?: string;
  count?: number;
  /** latency: how long to wait. */
  ms?: number;
  /** status: the HTTP status to answer with (401, 429, 500, 502, 503, …). */
  status?: number;
  retryAfterSeconds?: number;
  code?: string;
  message?: string;
  /** Handle the request first (state changes), then delay, fail, drop or garble the answer. */
  afterApply?: boolean;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  remaining: number;
}

const kinds: readonly FaultKind[] = ['latency', 'status', 'drop', 'malformedJson'];

/** What is wrong with a fault spec sent to the control API, or undefined when nothing is. */
export function faultProblem(spec: FaultSpec): string | undefined {
  if (typeof spec !== 'object' || spec === null) return 'a fault must be an object';
  if (!kinds.includes(spec.kind)) return `kind must be one of ${kinds.join(', ')}`;
  if (typeof spec.path !== 'string') return 'path must be a regular expression string';
  if (spec.stamp !== undefined && typeof spec.stamp !== 'string') return 'stamp must be the name of a stamp';
  for (const [name, pattern] of [['path', spec.path], ['query', spec.query ?? '']] as const) {
    if (typeof pattern !== 'string') return `${name} must be a regular expression string`;
    try {
      new RegExp(pattern, 'i');
    } catch {
      return `${name} is not a valid regular expression: ${pattern}`;
    }
  }
  if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count >= 1 && spec.count <= 10_000)) return 'count must be 1 … 10000';
  if (spec.kind === 'latency' && !(Number.isInteger(spec.ms) && spec.ms! >= 0 && spec.ms! <= 120_000)) return 'latency needs ms 0 … 120000';
  if (spec.kind === 'status' && !(Number.isInteger(spec.status) && spec.status! >= 400 && spec.status! <= 599)) return 'status needs a status 400 … 599';
  if (spec.retryAfterSeconds !== undefined && !(Number.isInteger(spec.retryAfterSeconds) && spec.retryAfterSeconds >= 0)) {
    return 'retryAfterSeconds must be a whole number ≥ 0';
  }
  return undefined;
}

export class FaultBook {
  private entries: { fault: ActiveFault; pattern: RegExp; query: RegExp | undefined }[] = [];
  private nextId = 1;

  /** Adds a fault that `faultProblem` found nothing wrong with. */
  add(spec: FaultSpec): ActiveFault {
    const fault = { ...spec, id: this.nextId++, remaining: spec.count ?? 1 };
    this.entries.push({ fault, pattern: new RegExp(spec.path, 'i'), query: spec.query === undefined ? undefined : new RegExp(spec.query, 'i') });
    return { ...fault };
  }

  /** The first fault that matches a request (to a stamp's admin endpoint, or to ARM), used up by one; undefined when none does. */
  take(method: string, path: string, stamp?: string, query = ''): ActiveFault | undefined {
    const found = this.entries.find(({ fault, pattern, query: queryPattern }) => (!fault.method || fault.method.toUpperCase() === method)
      && (!fault.stamp || fault.stamp.toLowerCase() === stamp?.toLowerCase()) && pattern.test(path) && (!queryPattern || queryPattern.test(query)));
    if (!found) return undefined;
    found.fault.remaining -= 1;
    this.entries = this.entries.filter(({ fault }) => fault.remaining > 0);
    return { ...found.fault };
  }

  list(): ActiveFault[] {
    return this.entries.map(({ fault }) => ({ ...fault }));
  }

  clear(): void {
    this.entries = [];
  }
}

const statusDefaults: Record<number, { code: string; message: string }> = {
  401: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' },
  429: { code: 'TooManyRequests', message: 'The request is being throttled. Try again after the interval in the Retry-After header.' },
  500: { code: 'InternalServerError', message: 'The server encountered an internal error. Please retry the request.' },
  502: { code: 'MetadataResolverBadGatewayError', message: 'An upstream server returned an unexpected error.' },
  503: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable. Please retry the request.' },
};

/** The ARM answer for a `status` fault. */
export function statusFaultReply(fault: FaultSpec): Reply {
  const status = fault.status ?? 500;
  const defaults = statusDefaults[status] ?? { code: 'InjectedFault', message: `An injected fault answered ${status}.` };
  const retryAfter = fault.retryAfterSeconds ?? (status === 429 ? 1 : undefined);
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer error="invalid_token", error_description="The access token is invalid."';
  return armError(status, fault.code ?? defaults.code, fault.message ?? defaults.message, undefined, headers);
}

/** A 200 whose body stops in the middle of a JSON value. */
export const malformedJsonReply: Reply = { status: 200, rawBody: '{"value":[{"id":"/subscriptions/' };
