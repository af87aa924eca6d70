// What clients asked for, for tests to check afterwards: method, path, api-version, status, timing and which kinds of
// credential came with the request — never a header, body, token or secret itself. Control calls are not recorded.

/**
 * A kind of credential a request carried: the sandbox (Azure) service principal's secret anywhere in it, a bearer
 * token for the ARM emulator's audience, another bearer token, another client secret, a client assertion.
 */
export type CarriedCredential = 'azureSecret' | 'armToken' | 'token' | 'clientSecret' | 'clientAssertion';

export interface LoggedRequest {
  seq: number;
  /** When the request arrived (ISO 8601, milliseconds). */
  time: string;
  method: string;
  path: string;
  apiVersion: string | undefined;
  /** The status sent, or 0 when the connection was dropped on purpose. */
  status: number;
  durationMs: number;
  /** The injected fault that acted on this request, if any. */
  fault?: string;
  /** The stamp whose admin endpoint was asked; absent for the ARM emulator. */
  stamp?: string;
  /** What kinds of credential came with it, when any did. */
  carried?: CarriedCredential[];
}

const capacity = 50_000;

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;
  /** How many times the log was cleared. */
  private clears = 0;

  /**
   * Called as a request arrives; what it returns logs the request once answered, unless the log was cleared meanwhile:
   * a test that clears the log before it acts does not count a request of what went before that ends after.
   */
  arrived(): (entry: Omit<LoggedRequest, 'seq'>) => void {
    const clears = this.clears;
    return (entry) => {
      if (clears === this.clears) this.add(entry);
    };
  }

  private add(entry: Omit<LoggedRequest, 'seq'>): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, ...entry });
    if (this.entries.length > capacity) this.entries = this.entries.slice(-capacity / 2);
  }

  /** Entries after sequence number `since` (0: all that are kept). */
  since(since = 0): LoggedRequest[] {
    return this.entries.filter((e) => e.seq > since);
  }

  clear(): void {
    this.entries = [];
    this.clears += 1;
  }
}
