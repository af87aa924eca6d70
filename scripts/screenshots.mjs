#!/usr/bin/env node
// `npm run screenshots`: takes the README's and the walkthrough's pictures in the real host (code-server) on the demo
// workspace and the emulator's demo data, into media/screenshots and media/walkthrough.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runHostTests } from './host-test.mjs';
import { ensureSetup } from './lib/setup.mjs';

const root = resolve(import.meta.dirname, '..');
ensureSetup();
for (const argv of [[join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], [join(root, 'scripts/build.mjs')]]) {
  if (spawnSync(process.execPath, argv, { stdio: 'inherit', cwd: root }).status !== 0) process.exit(1);
}
for (const folder of ['screenshots', 'walkthrough']) mkdirSync(join(root, 'media', folder), { recursive: true });
const result = await runHostTests({
  label: 'screenshots',
  tests: join(root, 'out/test/host/index.js'),
  workspace: join(root, 'demo'),
  emulatorState: join(root, 'test/emulator/states/demo.json'),
  env: { AZS_HOST_TESTS_DIR: join(root, 'out/test/screenshots'), AZS_SCREENSHOTS_DIR: join(root, 'media') },
});
for (const folder of ['screenshots', 'walkthrough']) {
  for (const name of readdirSync(join(root, 'media', folder))) if (name.endsWith('.done')) rmSync(join(root, 'media', folder, name));
}
console.log(`${result.passed} scenes taken, ${result.failed} failed`);
process.exit(result.exitCode === 0 && result.failed === 0 ? 0 : 1);
