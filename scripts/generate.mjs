#!/usr/bin/env node
// `npm run generate`: rewrites the files that copy the rules' and languages' metadata (scripts/generate/copies.ts:
// rule page headers, rule settings and their descriptions, the README's rule table, activation events) and says which
// changed. The generator is bundled with esbuild on the fly, so no type-check is needed first.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// Inside the repository, so that the bundle finds the packages it leaves out in node_modules.
const scratch = join(root, 'out', 'generate');
mkdirSync(scratch, { recursive: true });
try {
  const bundle = join(scratch, 'copies.cjs');
  await build({
    entryPoints: [join(root, 'scripts/generate/copies.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs',
    mainFields: ['module', 'main'], packages: 'external', logLevel: 'warning',
  });
  const { generatedCopies } = createRequire(import.meta.url)(bundle);
  let changed = 0;
  for (const { path, text } of generatedCopies(root)) {
    let current;
    try { current = readFileSync(join(root, path), 'utf8'); } catch { current = undefined; }
    if (current === text) continue;
    writeFileSync(join(root, path), text);
    console.log(`generate: wrote ${path}`);
    changed++;
  }
  console.log(`generate: ${changed ? `${changed} file(s) brought up to date` : 'every generated file is up to date'}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
