#!/usr/bin/env node
// `npm start`: the product as a new user sees it. Builds, starts the local Azure emulator with the demo data and
// code-server with the extension loaded (development mode) on a throw-away copy of demo/ (the checkout is never
// edited; the copy goes on Ctrl-C), set to sign in to the emulator with its sandbox service principal, prints the URL,
// and stops everything it started on Ctrl-C. Nothing is confirmed for the user: the first sign-in asks to confirm the
// emulator's sign-in host, and each stamp asks how it signs in and for its own credentials (printed here), as they
// would for a fresh install.
//   npm start -- --port 8080
//   npm start -- --locale sv     VS Code's display language: en (default) or sv
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkNodeVersion, ensureSetup } from './lib/setup.mjs';
import { demoLocale, startDemo } from './lib/demo.mjs';
import { describeStamps } from './emulator.mjs';

const root = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({ options: { port: { type: 'string', default: '8080' }, locale: { type: 'string', default: 'en' } } });

function build() {
  for (const argv of [[join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], [join(root, 'scripts/build.mjs')]]) {
    const result = spawnSync(process.execPath, argv, { stdio: 'inherit', cwd: root });
    if (result.status !== 0) throw new Error(`build step failed: ${argv.join(' ')}`);
  }
}

/** The requested port when it is free, otherwise any free one (a second demo must not fail). */
function freePort(preferred) {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.once('error', () => resolvePort(0));
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolvePort(preferred)));
  });
}

async function main() {
  checkNodeVersion();
  const locale = demoLocale(args.locale);
  ensureSetup();
  build();
  // Ctrl-C while starting stops what has started once it is up (code-server runs in a process group of its own).
  let demo;
  let stopping = false;
  const stop = () => void demo?.stop().then(() => process.exit(0));
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log('\nStopping…');
      stop();
    });
  }
  demo = await startDemo({ port: await freePort(Number(args.port)), locale });
  if (stopping) return stop();
  console.log([
    '',
    'Azure Stack Hub CSP Tools is running in VS Code (code-server), set to sign in to the local Azure emulator.',
    `Open: ${demo.url}`,
    `Workspace: ${demo.folder}`,
    '  a throw-away copy of demo/: fixes, CSV results and exports land there, and it is deleted on Ctrl-C.',
    `Display language: ${locale}${locale === 'en' ? ' (npm start -- --locale sv for Swedish)' : ''}`,
    `Emulator: ${demo.emulator.url} (demo data: test/emulator/states/demo.json; \`npm run emulator\` runs it alone)`,
    'First sign-in: click Sign In and confirm the emulator\'s sign-in host (asked once, as for any custom cloud).',
    'Each stamp asks you to confirm how it signs in, then for its own credentials: its service principal below,',
    'or a device code (the emulator approves it at once).',
    ...describeStamps(demo.emulator),
    'Press Ctrl-C to stop.',
    '',
  ].join('\n'));
}

main().catch((error) => {
  console.error(`npm start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
