// What route handlers see of the running emulator.
import type { FaultBook } from './faults';
import type { RequestLog } from './requestLog';
import type { StateFile } from './stateFile';
import type { EmulatorStore } from './store';
import type { TokenIssuer } from './tokens';

export interface EmulatorContext {
  /** `https://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly store: EmulatorStore;
  readonly tokens: TokenIssuer;
  readonly faults: FaultBook;
  readonly requests: RequestLog;
  /** Added to every ARM and sign-in request (benchmarks). */
  latencyMs: number;
  /** Replaces the data; faults, the request log and tokens stay. */
  replaceState(file: StateFile): void;
  /** Back to the state the emulator started with: data, no faults, empty request log, valid tokens. */
  reset(): void;
}
