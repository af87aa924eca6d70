#!/usr/bin/env node
// `npm run emulator -- [--port N] [--state FILE] [--latency MS]`: the local Azure emulator in the foreground, as a
// sandbox for your own scripts. Prints its address, the CA file to trust, the sandbox service principal and the
// Azure CLI commands to use it; Ctrl-C stops it. Defaults: port 4443 (any free port when taken), the demo data.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkNodeVersion, ensureSetup } from './lib/setup.mjs';
import { startEmulatorProcess } from './lib/emulator.mjs';

const root = resolve(import.meta.dirname, '..');

function freePort(preferred) {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.once('error', () => resolvePort(0));
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolvePort(preferred)));
  });
}

/** A subscription from the state file for the example commands; the placeholder when the file names none. */
function exampleSubscription(stateFile) {
  try {
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    return state.subscriptions?.[0]?.subscriptionId ?? state.generate?.[0]?.subscriptionId ?? '<subscription-id>';
  } catch {
    return '<subscription-id>';
  }
}

/** Each stamp's admin endpoint and its own service principal (a stamp never takes the sandbox's). */
export function describeStamps(info) {
  if (!info.stamps?.length) return [];
  const principals = new Map((info.stampPrincipals ?? []).map((p) => [p.name, p]));
  return ['  stamps (each with its own service principal):', ...info.stamps.map((stamp) => {
    const principal = principals.get(stamp.name);
    return `    ${stamp.name.padEnd(14)} ${stamp.adminEndpoint}  client ID ${principal?.clientId}  secret ${principal?.clientSecret}`;
  })];
}

export function describeEmulator(info, stateFile) {
  const subscription = exampleSubscription(stateFile);
  return [
    `The Azure Stack Hub CSP emulator is running at ${info.url}`,
    `  data:          ${relative(process.cwd(), stateFile) || stateFile}`,
    `  CA file:       ${info.caFile}`,
    '                 (trust it with NODE_EXTRA_CA_CERTS for Node.js and REQUESTS_CA_BUNDLE for the Azure CLI)',
    '  sandbox service principal:',
    `    tenant ID      ${info.tenantId}`,
    `    client ID      ${info.clientId}`,
    `    client secret  ${info.clientSecret}`,
    `  control API:   ${info.controlUrl} (faults, request log, reset: see test/emulator/README.md)`,
    ...describeStamps(info),
    '',
    'Use it from the Azure CLI, in a shell of its own (the CA bundle replaces the usual ones there):',
    `  export REQUESTS_CA_BUNDLE=${info.caFile} AZURE_CONFIG_DIR=$(mktemp -d)`,
    `  az cloud register -n AzsEmulator --endpoint-resource-manager ${info.url}/`,
    '  az cloud set -n AzsEmulator',
    `  az login --service-principal -u ${info.clientId} -p ${info.clientSecret} --tenant adfs --allow-no-subscriptions`,
    `  az rest --method get --url "${info.url}/subscriptions/${subscription}/providers/Microsoft.AzureStack/registrations?api-version=2017-06-01"`,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}

async function main() {
  const { values } = parseArgs({ options: { port: { type: 'string' }, state: { type: 'string' }, latency: { type: 'string' } } });
  checkNodeVersion();
  ensureSetup();
  const built = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], { stdio: 'inherit', cwd: root });
  if (built.status !== 0) throw new Error('the TypeScript build failed');
  const stateFile = resolve(values.state ?? join(root, 'test/emulator/states/demo.json'));
  const port = values.port === undefined ? await freePort(4443) : Number(values.port);
  const emulator = await startEmulatorProcess({ stateFile, port, latencyMs: values.latency ? Number(values.latency) : 0, log: (text) => process.stderr.write(text) });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => void emulator.stop().then(() => process.exit(0)));
  }
  console.log(`\n${describeEmulator(emulator, stateFile)}`);
}

if (resolve(process.argv[1] ?? '') === resolve(import.meta.filename)) {
  main().catch((error) => {
    console.error(`npm run emulator: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
