#!/usr/bin/env node
// `npm run fuzz`: a long fuzzing campaign with the properties `npm test` runs 2,000 cases of (test/unit/fuzz).
//   npm run fuzz -- --runs 100000             100,000 cases, spread over the properties as in npm test, random seed
//   npm run fuzz -- --runs 20000 --seed 42    the same campaign again
//   npm run fuzz -- --seed S --path P --grep "title"   replays one failure (a failing run prints this command)
// A failure prints fast-check's seed, path and shrunk counterexample. Compiles with tsc first; the CLI property
// builds dist/ itself.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const defaultRuns = 20_000;

function fail(message) {
  console.error(`fuzz: ${message}`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' }, path: { type: 'string' }, grep: { type: 'string' } } }).values;
  } catch (error) {
    fail(error.message);
  }
  const runs = Number(parsed.runs ?? defaultRuns);
  if (!Number.isInteger(runs) || runs < 1) fail(`--runs must be a positive whole number, not "${parsed.runs}"`);
  if (parsed.seed !== undefined && !/^-?\d+$/.test(parsed.seed)) fail(`--seed must be a whole number, not "${parsed.seed}"`);
  if (parsed.path !== undefined && (parsed.seed === undefined || parsed.grep === undefined)) {
    fail('--path replays one property: give it with the --seed and --grep the failure printed');
  }
  // fast-check seeds are 32-bit integers.
  const seed = parsed.seed ?? String((Date.now() ^ Math.floor(Math.random() * 2 ** 31)) | 0);
  return { runs, seed, path: parsed.path, grep: parsed.grep };
}

const { runs, seed, path, grep } = options();
if (!existsSync(join(root, 'node_modules/typescript'))) fail('dependencies are missing: run `npm ci` (or `npm test`, which installs them) first');

const compiled = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) fail('tsc failed');

const folder = join(root, 'out/test/unit/fuzz');
const files = readdirSync(folder).filter((name) => name.endsWith('.test.js')).map((name) => join(folder, name));
console.log(path === undefined ? `fuzz: ${runs} cases, seed ${seed}` : `fuzz: replaying seed ${seed}, path ${path}`);
const run = spawnSync(process.execPath, [join(root, 'scripts/lib/run-mocha.cjs'), ...files], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    AZS_FUZZ_RUNS: String(runs),
    AZS_FUZZ_SEED: seed,
    ...(path === undefined ? {} : { AZS_FUZZ_PATH: path }),
    ...(grep === undefined ? {} : { AZS_TEST_GREP: grep }),
  },
});
process.exitCode = run.status ?? 1;
