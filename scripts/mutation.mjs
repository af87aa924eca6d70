#!/usr/bin/env node
// `npm run mutation [-- files…]`: mutation testing (StrykerJS, stryker.config.mjs) of src/core or of the given files
// (paths or globs under src/core). Reports go to test-results/mutation/ (index.html, mutation.json); the last line is
// the score of the files asked for. Results are kept between runs, so file-by-file runs add up and unchanged code is
// not tested again (see test/MUTATION.md).
//   npm run mutation -- src/core/csv.ts src/core/ids.ts
//   npm run mutation -- --concurrency 1      when the machine is busy
//   npm run mutation -- --force src/core/csv.ts   test every mutant again (after editing a test in place)
//   npm run mutation -- --typecheck          also drop mutants that do not type-check (slow: about a second each)
//   npm run mutation -- --skip-static        leave out mutants that run while a module loads (each needs a fresh test
//                                            process and the whole suite: seconds apiece)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkNodeVersion, ensureNpmPackages } from './lib/setup.mjs';

const root = resolve(import.meta.dirname, '..');
const reportFile = 'test-results/mutation/mutation.json';
const htmlFile = 'test-results/mutation/index.html';

/** The files to mutate, relative to the root: each argument is a path or a glob, and must name TypeScript in src/core. */
async function filesToMutate(patterns) {
  // Imported here, not at the top: on a fresh clone it is there only after ensureNpmPackages.
  const { glob } = await import('tinyglobby');
  const asked = patterns.length > 0 ? patterns : ['src/core/**/*.ts'];
  const files = new Set();
  for (const pattern of asked) {
    const fromRoot = relative(root, isAbsolute(pattern) ? pattern : resolve(process.cwd(), pattern)).split('\\').join('/');
    const found = await glob(fromRoot, { cwd: root });
    const usable = found.filter((file) => file.startsWith('src/core/') && file.endsWith('.ts'));
    if (usable.length === 0) throw new Error(`${pattern}: no TypeScript file of src/core matches`);
    for (const file of usable) files.add(file);
  }
  return [...files].sort();
}

/** Stryker's mutation score: detected (killed or timed out) of the mutants that ran or were never reached. */
function scoreOf(counts) {
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  return { detected, valid, score: valid === 0 ? 100 : (100 * detected) / valid };
}

function countStatuses(mutants) {
  const counts = {};
  for (const mutant of mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  return counts;
}

function runStryker(files, options) {
  const argv = [resolve(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', 'stryker.config.mjs', '--mutate', files.join(',')];
  if (options.concurrency) argv.push('--concurrency', options.concurrency);
  if (options.force) argv.push('--force');
  if (options.typecheck) argv.push('--checkers', 'typescript');
  if (options['skip-static']) argv.push('--ignoreStatic');
  return new Promise((done) => {
    const child = spawn(process.execPath, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    // Stryker warns once per test file that the compiled tests in out/ are not among its input files; they are not
    // meant to be (the sandbox compiles them), so the warnings are dropped.
    const filter = (stream, out) => {
      let pending = '';
      stream.on('data', (chunk) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop();
        for (const line of lines) if (!/Test file ".*" not found in input files/.test(line)) out.write(`${line}\n`);
      });
      stream.on('end', () => pending && out.write(pending));
    };
    filter(child.stdout, process.stdout);
    filter(child.stderr, process.stderr);
    child.once('exit', (code) => done(code ?? 1));
  });
}

function summarize(files) {
  const report = JSON.parse(readFileSync(resolve(root, reportFile), 'utf8'));
  const total = {};
  console.log('\nfile                                    score   killed timeout survived no-cov  ignored');
  for (const file of files) {
    const mutants = report.files[file]?.mutants ?? [];
    const counts = countStatuses(mutants);
    for (const [status, n] of Object.entries(counts)) total[status] = (total[status] ?? 0) + n;
    const { score } = scoreOf(counts);
    const cells = [counts.Killed, counts.Timeout, counts.Survived, counts.NoCoverage, counts.Ignored].map((n) => String(n ?? 0).padStart(8));
    console.log(`${file.padEnd(38)} ${mutants.length === 0 ? '    -' : score.toFixed(1).padStart(5)} %${cells.join('')}`);
  }
  const { detected, valid, score } = scoreOf(total);
  const survivors = (total.Survived ?? 0) + (total.NoCoverage ?? 0);
  console.log(`mutation score ${score.toFixed(1)} % (${detected} of ${valid} mutants detected, ${survivors} survived) in ${files.length} file${files.length === 1 ? '' : 's'}; report: ${htmlFile}`);
}

async function main() {
  checkNodeVersion();
  const { values: options, positionals } = parseArgs({
    allowPositionals: true,
    options: { concurrency: { type: 'string' }, force: { type: 'boolean' }, typecheck: { type: 'boolean' }, 'skip-static': { type: 'boolean' } },
  });
  ensureNpmPackages();
  const files = await filesToMutate(positionals);
  const code = await runStryker(files, options);
  if (code !== 0) throw new Error(`Stryker stopped with exit code ${code}`);
  summarize(files);
}

main().catch((error) => {
  console.error(`npm run mutation: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
});
