#!/usr/bin/env node
// `npm start`: the product as a new user sees it. Builds, starts the local Azure emulator with the demo data and
// code-server with the extension loaded (development mode) on the demo/ workspace, prints the URL, and stops
// everything it started on Ctrl-C.
//   npm start -- --port 8080
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkNodeVersion, ensureSetup } from './lib/setup.mjs';
import { startCodeServer, workbenchUrl } from './lib/codeServer.mjs';

const root = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({ options: { port: { type: 'string', default: '8080' } } });

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
  ensureSetup();
  build();
  const stops = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log('\nStopping…');
      void stopAll().then(() => process.exit(0));
    });
  }
  const server = await startCodeServer({ port: await freePort(Number(args.port)) });
  stops.push(server.stop);
  const url = workbenchUrl(server, { folder: join(root, 'demo'), extensionPath: root });
  console.log(`\nAzure Stack Hub CSP Tools is running in VS Code (code-server).\nOpen: ${url}\nPress Ctrl-C to stop.\n`);
}

main().catch((error) => {
  console.error(`npm start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
