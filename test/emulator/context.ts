// What route handlers see of the running emulator: the shared data, and which listener the request came to (the ARM
// emulator itself or one stamp's admin endpoint).
import type { FaultBook } from './faults';
import type { RequestLog } from './requestLog';
import type { StateFile } from './stateFile';
import type { EmulatorStore } from './store';
import type { TokenIssuer } from './tokens';

/** What a bearer token must carry at one endpoint, and where a client is told to sign in when it does not. */
export interface TokenRule {
  audience: string;
  /** Checked when set: a stamp accepts only tokens of its own identity system. */
  issuer?: string;
  authorizationUri: string;
}

export interface EmulatorContext {
  /** The origin the request came to, `https://127.0.0.1:<port>`, no trailing slash: the ARM emulator's or a stamp's. */
  readonly url: string;
  /** The ARM emulator's origin, where Entra ID-style sign-in lives (also for Entra ID stamps). */
  readonly armUrl: string;
  /** The stamp whose admin endpoint the request came to; undefined on the ARM emulator. */
  readonly stampName: string | undefined;
  readonly store: EmulatorStore;
  readonly tokens: TokenIssuer;
  readonly faults: FaultBook;
  readonly requests: RequestLog;
  /** Added to every ARM and sign-in request (benchmarks). */
  latencyMs: number;
  /** Replaces the data and opens an admin endpoint for each stamp that has none yet; faults, the request log and tokens stay. */
  replaceState(file: StateFile): Promise<void>;
  /** Back to the state the emulator started with: data, no faults, empty request log, valid tokens. */
  reset(): void;
  /** The admin endpoint (origin) of a stamp, once its listener is open. */
  stampEndpoint(name: string): string | undefined;
}
