#!/usr/bin/env node
// `npm run test:desktop`: the host tests in desktop VS Code through @vscode/test-electron, for machines that can
// download VS Code. CI uses the code-server runner (npm test) instead, which works offline.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = resolve(import.meta.dirname, '..');
for (const argv of [[join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], [join(root, 'scripts/build.mjs')]]) {
  if (spawnSync(process.execPath, argv, { stdio: 'inherit', cwd: root }).status !== 0) process.exit(1);
}
const workspace = join(mkdtempSync(join(tmpdir(), 'azs-desktop-')), 'workspace');
cpSync(join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
try {
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/test/host/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { AZS_CSP_TEST: '1' },
  });
} catch (error) {
  console.error(`desktop host tests failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
