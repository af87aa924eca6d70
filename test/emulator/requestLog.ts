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

/** A request from its arrival: `log` records it once answered; `ended` is told once it ended, logged or not. */
export interface ArrivedRequest {
  log(entry: Omit<LoggedRequest, 'seq'>): void;
  ended(): void;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;
  /** How many times the log was cleared. */
  private clears = 0;
  /** Requests that arrived and have not ended. */
  private inFlight = 0;
  /** Told when the last request in flight ended. */
  private idleWaiters: (() => void)[] = [];

  /**
   * Called as a request arrives; the request is logged once answered, unless the log was cleared meanwhile: a test
   * that clears the log before it acts does not count a request of what went before that ends after.
   */
  arrived(): ArrivedRequest {
    const clears = this.clears;
    let ended = false;
    this.inFlight += 1;
    return {
      log: (entry) => {
        if (clears === this.clears) this.add(entry);
      },
      ended: () => {
        if (ended) return;
        ended = true;
        this.inFlight -= 1;
        if (this.inFlight === 0) for (const idle of this.idleWaiters.splice(0)) idle();
      },
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

  /**
   * Resolves true once no request is in flight (false when some still are after `timeoutMs`). A clearing made at once
   * then forgets none: each was logged before it, or arrives after it (a trust test that clears the log before it
   * acts would otherwise miss a leak still in flight then); a read then holds every request that arrived before it.
   */
  async whenIdle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return true;
  }
}
