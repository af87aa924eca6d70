// A pipeline policy that reports each HTTP attempt (retries too) to an injected logger: method, path, api-version,
// status, duration and the IDs support asks for. Never a header value, a body, a token or any other query value.
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

export interface RequestLogEntry {
  method: string;
  /** The URL path only, e.g. `/subscriptions/…/customerSubscriptions`. */
  path: string;
  apiVersion: string | undefined;
  /** Undefined when no answer came (connection failed, cancelled). */
  status: number | undefined;
  durationMs: number;
  correlationId: string | undefined;
  requestId: string | undefined;
  /** The error code when no answer came, e.g. ECONNRESET or AbortError. */
  error?: string;
}

export type RequestLogger = (entry: RequestLogEntry) => void;

export const requestLogPolicyName = 'azsRequestLogPolicy';

function describe(url: string): { path: string; apiVersion: string | undefined } {
  try {
    const parsed = new URL(url);
    return { path: parsed.pathname.replace(/^\/{2,}/, '/'), apiVersion: parsed.searchParams.get('api-version') ?? undefined };
  } catch {
    return { path: '(unreadable URL)', apiVersion: undefined };
  }
}

export function requestLogPolicy(logger: RequestLogger): PipelinePolicy {
  return {
    name: requestLogPolicyName,
    async sendRequest(request, next) {
      const started = Date.now();
      const { path, apiVersion } = describe(request.url);
      const report = (entry: Pick<RequestLogEntry, 'status' | 'correlationId' | 'requestId' | 'error'>) => {
        try {
          logger({ method: request.method, path, apiVersion, durationMs: Date.now() - started, ...entry });
        } catch {
          // A failing logger must not fail the request.
        }
      };
      try {
        const response = await next(request);
        report({
          status: response.status,
          correlationId: response.headers.get('x-ms-correlation-request-id'),
          requestId: response.headers.get('x-ms-request-id'),
        });
        return response;
      } catch (error) {
        const code = (error as { code?: unknown; name?: unknown }).code ?? (error as { name?: unknown }).name;
        report({ status: undefined, correlationId: undefined, requestId: undefined, error: typeof code === 'string' ? code : 'Error' });
        throw error;
      }
    },
  };
}

/** One line for an output channel: `GET /subscriptions/… (api-version 2017-06-01) → 200 in 41 ms [correlation …]`. */
export function formatRequestLogEntry(entry: RequestLogEntry): string {
  const version = entry.apiVersion ? ` (api-version ${entry.apiVersion})` : '';
  const outcome = entry.status === undefined ? `failed: ${entry.error ?? 'no answer'}` : String(entry.status);
  const correlation = entry.correlationId ? ` [correlation ${entry.correlationId}]` : '';
  return `${entry.method} ${entry.path}${version} → ${outcome} in ${entry.durationMs} ms${correlation}`;
}
