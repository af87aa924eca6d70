#!/usr/bin/env node
// Bundles the extension, its lint worker and the CLIs (azs-lint, azs-usage) with esbuild, and copies the tree-sitter wasm files beside them.
// `--production`: minified, no source maps (what the VSIX ships).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const production = process.argv.includes('--production');
const dist = join(root, 'dist');

export const wasmFiles = [
  ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ['node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm', 'tree-sitter-powershell.wasm'],
];

/** The Azure SDK goes into its own bundle, required on first sign-in; the extension bundle only points at it. */
const azureSdkApart = {
  name: 'azure-sdk-apart',
  setup(build) {
    build.onResolve({ filter: /\/azure\/sdk(\.js)?$/ }, () => ({ path: './azure-sdk.js', external: true }));
  },
};

/** The spreadsheet reader (ExcelJS) too: required only when a price list spreadsheet is imported. */
const spreadsheetApart = {
  name: 'spreadsheet-apart',
  setup(build) {
    build.onResolve({ filter: /(?:^|\/)spreadsheet(\.js)?$/ }, (args) =>
      (args.resolveDir.replace(/\\/g, '/').endsWith('src/core/usage') ? { path: './spreadsheet.js', external: true } : undefined));
  },
};

export async function buildAll() {
  mkdirSync(dist, { recursive: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: production,
    sourcemap: production ? false : 'linked',
    legalComments: production ? 'none' : 'inline',
    logLevel: 'warning',
    // jsonc-parser's UMD entry (`main`) loads its parts with a require() esbuild cannot follow; its ES module entry bundles.
    mainFields: ['module', 'main'],
    // web-tree-sitter probes for these in browsers only.
    external: ['vscode', 'fs/promises', 'module'].filter((m) => m === 'vscode'),
  };
  await Promise.all([
    // Banner and footer mark when the bundle starts and ends loading: activation cost = loading + activate().
    build({
      ...common, entryPoints: { extension: join(root, 'src/vscode/extension.ts') }, outdir: dist,
      banner: { js: 'globalThis.azsCspBundleStart=performance.now();' },
      footer: { js: 'globalThis.azsCspBundleLoaded=performance.now();' },
      plugins: [azureSdkApart, spreadsheetApart],
    }),
    build({ ...common, entryPoints: { 'azure-sdk': join(root, 'src/azure/sdk.ts') }, outdir: dist, plugins: [spreadsheetApart] }),
    build({ ...common, entryPoints: { spreadsheet: join(root, 'src/core/usage/spreadsheet.ts') }, outdir: dist }),
    // The editor's linter runs in a child process at a lower priority, so that reading a large file never holds the
    // extension host, nor takes the cores its thread needs.
    build({ ...common, entryPoints: { lintWorker: join(root, 'src/core/lintProcess.ts') }, outdir: dist }),
    build({ ...common, entryPoints: { cli: join(root, 'src/cli/azs-lint.ts') }, outdir: dist, banner: { js: '#!/usr/bin/env node' } }),
    // azs-usage signs in to a stamp at every run, so the Azure SDK is part of it; the spreadsheet reader is not.
    build({ ...common, entryPoints: { usage: join(root, 'src/cli/azs-usage.ts') }, outdir: dist, banner: { js: '#!/usr/bin/env node' }, plugins: [spreadsheetApart] }),
  ]);
  for (const [from, to] of wasmFiles) copyFileSync(join(root, from), join(dist, to));
}

if (resolve(process.argv[1] ?? '') === resolve(import.meta.filename)) {
  await buildAll();
}
