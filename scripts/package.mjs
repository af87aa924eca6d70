#!/usr/bin/env node
// `npm run package`: a production bundle, then a VSIX through @vscode/vsce with only what .vscodeignore lets in.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
export const vsixPath = join(root, `${name}-${version}.vsix`);

function run(argv, stdio = 'inherit') {
  const result = spawnSync(process.execPath, argv, { stdio, cwd: root, encoding: 'utf8' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  return result.stdout ?? '';
}

/** Fails the packaging when a picture the README shows is not in the VSIX (its page in VS Code would show a hole). */
function checkReadmeImages(shipped) {
  const images = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  const missing = images.filter((image) => !/^[a-z]+:/i.test(image) && !shipped.includes(image));
  if (missing.length > 0) {
    console.error(`README images left out of the VSIX by .vscodeignore: ${missing.join(', ')}`);
    process.exit(1);
  }
}

if (resolve(process.argv[1] ?? '') === resolve(import.meta.filename)) {
  run([join(root, 'scripts/build.mjs'), '--production']);
  const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
  // Everything is bundled, so node_modules stays out (--no-dependencies).
  // The README's images are relative and shipped in the VSIX; the repository is not on GitHub, so vsce must not
  // try to make them absolute.
  run([vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsixPath]);
  const shipped = run([vsce, 'ls', '--no-dependencies'], ['ignore', 'pipe', 'inherit']).split('\n').map((line) => line.trim());
  checkReadmeImages(shipped);
  console.log(`${shipped.filter(Boolean).length} files`);
  console.log(`${vsixPath} (${statSync(vsixPath).size} bytes)`);
}
