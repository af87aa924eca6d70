// Every way an Azure call can fail — an ARM error answer, a failed sign-in, a dropped connection, a timeout, a user's
// cancel, a garbled answer — as one AzureFailure: the documented code with its cause and remedy when it is one of the
// eight, else ARM's own code and message; the HTTP status; the IDs to quote to support; whether trying again may help.
import { errorCatalog, isErrorCode } from '../core/errors';
import type { Localized } from '../core/l10n';

export type FailureKind =
  /** No usable sign-in: no credential, a refused token, or a token ARM rejected twice. Sign in again. */
  | 'notSignedIn'
  /** The caller cancelled. */
  | 'cancelled'
  /** No answer: connection refused or dropped, name not resolved, or no answer within the time allowed. */
  | 'network'
  /** ARM or the provider answered with an error status. */
  | 'service'
  /** An answer came but could not be read (malformed JSON, an unexpected shape). */
  | 'invalidResponse'
  /** Refused before sending: a token or secret would have gone where it does not belong (see trust.ts). */
  | 'untrusted'
  /** Anything else: a fault in this code. */
  | 'unexpected';

/** A code some Microsoft documentation lists, with its cause and remedy: one of the eight tenant codes, or a usage API code. */
export interface DocumentedError {
  code: string;
  status: number;
  cause: Localized;
  remedy: Localized;
}

/** For a write whose first attempt may have landed and could not be confirmed either way. */
export type WriteOutcome = 'notApplied' | 'unknown';

export interface AzureFailureFields {
  kind: FailureKind;
  code: string;
  status?: number;
  serviceMessage?: string;
  target?: string;
  correlationId?: string;
  requestId?: string;
  transient: boolean;
  writeOutcome?: WriteOutcome;
  /** The explanation of a documented code from another catalogue than the eight (e.g. the usage API's). */
  documented?: DocumentedError;
}

export class AzureFailure extends Error {
  readonly kind: FailureKind;
  /** One of the eight documented codes, ARM's code (e.g. ResourceGroupNotFound), or ours: Timeout, Cancelled, … */
  readonly code: string;
  /** Cause and remedy (English and Swedish) when `code` is documented: one of the eight, or another catalogue's. */
  readonly documented: DocumentedError | undefined;
  readonly status: number | undefined;
  /** The message the service sent, if any. */
  readonly serviceMessage: string | undefined;
  readonly target: string | undefined;
  /** `x-ms-correlation-request-id`: what Microsoft support asks for. */
  readonly correlationId: string | undefined;
  readonly requestId: string | undefined;
  /** True when the same call may succeed later (throttling, 5xx, network). */
  readonly transient: boolean;
  /** Set on a failed write whose first attempt may have landed: whether a read showed it did not, or could not tell. */
  readonly writeOutcome: WriteOutcome | undefined;

  constructor(fields: AzureFailureFields) {
    const documented = fields.documented ?? (isErrorCode(fields.code) ? errorCatalog[fields.code] : undefined);
    super(documented ? `${fields.code}: ${documented.cause.en}` : `${fields.code}: ${fields.serviceMessage ?? 'no message'}`);
    this.name = 'AzureFailure';
    this.kind = fields.kind;
    this.code = fields.code;
    this.documented = documented;
    this.status = fields.status;
    this.serviceMessage = fields.serviceMessage;
    this.target = fields.target;
    this.correlationId = fields.correlationId;
    this.requestId = fields.requestId;
    this.transient = fields.transient;
    this.writeOutcome = fields.writeOutcome;
  }

  /** The same failure, with what a follow-up read found out about the write. */
  withWriteOutcome(writeOutcome: WriteOutcome): AzureFailure {
    return new AzureFailure({ ...this.fields(), writeOutcome });
  }

  /** The same failure, explained by another catalogue's entry for its code. */
  withDocumented(documented: DocumentedError): AzureFailure {
    return new AzureFailure({ ...this.fields(), documented });
  }

  private fields(): AzureFailureFields {
    const { kind, code, status, serviceMessage, target, correlationId, requestId, transient, writeOutcome, documented } = this;
    return { kind, code, status, serviceMessage, target, correlationId, requestId, transient, writeOutcome, documented };
  }
}

/**
 * True for an AzureFailure made by this module or by another copy of it: the extension loads the Azure SDK as a
 * bundle of its own (dist/azure-sdk.js), which carries its own copy of this class.
 */
export function isAzureFailure(value: unknown): value is AzureFailure {
  if (value instanceof AzureFailure) return true;
  const candidate = value as Partial<AzureFailureFields> & { name?: unknown } | null;
  return typeof candidate === 'object' && candidate !== null && candidate.name === 'AzureFailure'
    && typeof candidate.kind === 'string' && typeof candidate.code === 'string';
}

/** The parts of a RestError (from @azure/core-rest-pipeline) this mapping reads; duck-typed so any copy of the class works. */
interface RestErrorLike {
  name: string;
  message: string;
  code?: string;
  statusCode?: number;
  response?: { headers: { get(name: string): string | undefined }; bodyAsText?: string | null };
}

const networkCodes = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH',
  'EHOSTUNREACH', 'REQUEST_SEND_ERROR', 'UND_ERR_SOCKET',
]);

const signInErrors = new Set(['CredentialUnavailableError', 'AuthenticationError', 'AuthenticationRequiredError', 'AggregateAuthenticationError']);

function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** `{"error":{"code","message","target"}}`, or the same fields at the top level; undefined when the body is neither. */
function armErrorBody(text: string | null | undefined): { code?: string; message?: string; target?: string } | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as { error?: unknown; code?: unknown };
    const body = (typeof parsed.error === 'object' && parsed.error !== null ? parsed.error : parsed) as Record<string, unknown>;
    const pick = (key: string) => (typeof body[key] === 'string' ? body[key] : undefined);
    return { code: pick('code'), message: pick('message'), target: pick('target') };
  } catch {
    return undefined;
  }
}

function fromRestError(error: RestErrorLike): AzureFailure {
  const headers = error.response?.headers;
  const ids = { correlationId: headers?.get('x-ms-correlation-request-id'), requestId: headers?.get('x-ms-request-id') };
  const status = error.statusCode;
  if (status === undefined) {
    const network = networkCodes.has(error.code ?? '');
    return new AzureFailure({ kind: network ? 'network' : 'unexpected', code: error.code ?? 'RequestFailed', serviceMessage: error.message, transient: network, ...ids });
  }
  if (status < 400) {
    // A success status whose body could not be parsed.
    return new AzureFailure({ kind: 'invalidResponse', code: 'InvalidResponse', status, serviceMessage: error.message, transient: true, ...ids });
  }
  const body = armErrorBody(error.response?.bodyAsText);
  return new AzureFailure({
    kind: status === 401 ? 'notSignedIn' : 'service',
    code: body?.code ?? error.code ?? `Http${status}`,
    status,
    serviceMessage: body?.message ?? error.message,
    target: body?.target,
    transient: isTransientStatus(status),
    ...ids,
  });
}

/** Text for any value; String() itself throws for objects without a prototype. */
function describeValue(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Any thrown value as an AzureFailure; never throws. `timedOut` says that an abort came from the call's own time
 * limit rather than from the caller.
 */
export function toAzureFailure(error: unknown, context: { timedOut?: boolean } = {}): AzureFailure {
  if (error instanceof AzureFailure) return error;
  if (isAzureFailure(error)) {
    const { kind, code, status, serviceMessage, target, correlationId, requestId, transient, writeOutcome, documented } = error;
    return new AzureFailure({ kind, code, status, serviceMessage, target, correlationId, requestId, transient, writeOutcome, documented });
  }
  const named = (typeof error === 'object' && error !== null ? error : { name: 'Error', message: describeValue(error) }) as RestErrorLike;
  const message = typeof named.message === 'string' ? named.message : describeValue(error);
  if (named.name === 'AbortError') {
    return context.timedOut
      ? new AzureFailure({ kind: 'network', code: 'Timeout', serviceMessage: 'No answer within the time allowed.', transient: true })
      : new AzureFailure({ kind: 'cancelled', code: 'Cancelled', serviceMessage: message, transient: false });
  }
  if (signInErrors.has(named.name)) {
    return new AzureFailure({ kind: 'notSignedIn', code: named.name, serviceMessage: message, transient: false });
  }
  if (named.name === 'RestError') return fromRestError(named);
  return new AzureFailure({ kind: 'unexpected', code: typeof named.name === 'string' && named.name ? named.name : 'Error', serviceMessage: message, transient: false });
}
