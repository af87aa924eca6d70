#!/usr/bin/env node
// `npm run package`: a production bundle, then a VSIX through @vscode/vsce with only what .vscodeignore lets in.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
export const vsixPath = join(root, `${name}-${version}.vsix`);

function run(argv) {
  const result = spawnSync(process.execPath, argv, { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (resolve(process.argv[1] ?? '') === resolve(import.meta.filename)) {
  run([join(root, 'scripts/build.mjs'), '--production']);
  const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
  // Everything is bundled, so node_modules stays out (--no-dependencies).
  run([vsce, 'package', '--no-dependencies', '--out', vsixPath]);
  run([vsce, 'ls', '--no-dependencies']);
  console.log(`${vsixPath} (${statSync(vsixPath).size} bytes)`);
}
