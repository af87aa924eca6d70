// How a benchmark reaches the emulator: inside `npm test`-style environments (AZS_EMULATOR_URL set) it runs at once;
// otherwise it starts the emulator with test/emulator/states/bench.json and runs the same script again in a process
// that trusts the emulator's CA, since NODE_EXTRA_CA_CERTS counts only from a process's start.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { emulatorFromEnv, type EmulatorAddress } from '../test/emulator/client';

const root = join(__dirname, '..', '..');

type Started = { env: Record<string, string>; stop(): Promise<void> };

export interface EmulatorRunOptions {
  /** Added by the emulator to every request. */
  latencyMs?: number;
  /** Node options for the process that runs the benchmark, e.g. --expose-gc. */
  nodeArgs?: string[];
}

async function runWithEmulator(options: EmulatorRunOptions): Promise<number | null> {
  const { startEmulatorProcess } = (await import(join(root, 'scripts', 'lib', 'emulator.mjs'))) as
    { startEmulatorProcess: (options: { stateFile: string; latencyMs?: number }) => Promise<Started> };
  const emulator = await startEmulatorProcess({ stateFile: join(root, 'test', 'emulator', 'states', 'bench.json'), latencyMs: options.latencyMs });
  try {
    const argv = [...options.nodeArgs ?? [], ...process.argv.slice(1)];
    const child = spawn(process.execPath, argv, { env: { ...process.env, ...emulator.env }, stdio: 'inherit' });
    return await new Promise((resolve) => child.once('exit', resolve));
  } finally {
    await emulator.stop();
  }
}

/** Runs `benchmark` against the emulator, starting one first when none is named in the environment; sets the exit code. */
export function runAgainstEmulator(name: string, benchmark: (address: EmulatorAddress) => Promise<void>, options: EmulatorRunOptions = {}): void {
  const address = emulatorFromEnv();
  (address ? benchmark(address).then(() => 0) : runWithEmulator(options)).then(
    (code) => { process.exitCode = code ?? 1; },
    (error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
