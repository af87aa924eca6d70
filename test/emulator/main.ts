// node out/test/emulator/main.js --port N --state FILE [--latency MS] [--ready-json]
// Starts the emulator and runs until SIGINT/SIGTERM. With --ready-json it prints one line
// {"ready":{url, caFile, controlUrl, tenantId, clientId, clientSecret, env, workspaceSettings}} for the process that
// started it; otherwise a short line for a person.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmulator } from './server';
import { parseState } from './stateFile';

const usage = 'usage: main.js --state FILE [--port N] [--latency MS] [--ready-json]';

function fail(message: string): never {
  console.error(`emulator: ${message}`);
  process.exit(2);
}

function wholeNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) fail(`--${name} must be a whole number ≥ 0, not "${value}"\n${usage}`);
  return parsed;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, state: { type: 'string' }, latency: { type: 'string' }, 'ready-json': { type: 'boolean' } },
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
  if (!values.state) fail(`--state is required\n${usage}`);
  let text: string;
  try {
    text = readFileSync(values.state, 'utf8');
  } catch (error) {
    fail(`cannot read the state file ${values.state}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const read = parseState(text);
  if (!read.ok) fail(`the state file ${values.state} is not valid:\n  ${read.problems.join('\n  ')}`);
  const emulator = await startEmulator({
    state: read.state,
    port: wholeNumber(values.port, 'port', 0),
    latencyMs: wholeNumber(values.latency, 'latency', 0),
  });
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (values['ready-json']) console.log(JSON.stringify({ ready: emulator.info }));
  else console.log(`Azure Stack CSP emulator listening on ${emulator.info.url} (CA file: ${emulator.info.caFile})`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
