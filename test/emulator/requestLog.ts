// What clients asked for, for tests to check afterwards: method, path, api-version, status and timing — never a
// header, body, token or secret. Control calls are not recorded.

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
}

const capacity = 50_000;

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  add(entry: Omit<LoggedRequest, 'seq'>): void {
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
  }
}
