// Mutation testing of src/core (`npm run mutation [-- files…]`, which passes the files as `--mutate`). What is measured
// and why each choice was made is in test/MUTATION.md; equivalent mutants are listed there too.
//
// Versions: StrykerJS 9.x, because Stryker 10 needs Node 22 and the project runs on Node 20.
// Runner: Stryker's own mocha runner, for per-test coverage (each mutant runs only the tests that reach it) and
// incremental runs. It is written for mocha < 12: package.json's `overrides` lets it use the project's mocha 12 (its
// peer range stops at 11), and scripts/lib/stryker-mocha12.cjs lets it find mocha 12's renamed CLI files (`.cjs`).
// The command runner would need none of that, but it has no per-test coverage: it starts a process and runs the whole
// core suite (about 3 s here) for every mutant, where the mocha runner runs the few tests that reach it in a warm one.

import { createRequire } from 'node:module';

// Every Stryker process that loads the mocha runner needs the shim: this one (which reads this file) here, the test
// runner and checker processes through their node arguments.
const mocha12Shim = './scripts/lib/stryker-mocha12.cjs';
createRequire(import.meta.url)(mocha12Shim);

/** Tests left out of mutation runs. Those that assert wall-clock time fail on a loaded machine, and a mutant that makes
 *  code slow is caught by Stryker's own timeout anyway. The two edit-sequence soak tests take seconds each and reach
 *  every mutant on the lint path; what they check (an edited document gives the findings of a fresh parse) is not what
 *  a core mutant breaks. The rule registry test reads the rules' source text, which Stryker has instrumented. The fix
 *  invariant ("every fix leaves working code") reads the fixtures and the demo, which the sandbox does not hold, and
 *  lints whole workspaces once per fix: seconds for each of fixes.ts's mutants, all of which it reaches. */
const leftOut = /in (?:bounded|linear) time|findings of a fresh parse|rule registry has one rule per code|every fix leaves working code/;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  plugins: ['@stryker-mutator/mocha-runner', '@stryker-mutator/typescript-checker', './scripts/lib/stryker-texts.mjs'],
  mutate: ['src/core/**/*.ts'],
  // Only what the build and the core tests read is copied into Stryker's sandbox.
  ignorePatterns: ['/out', '/dist', '/test-results', '/bench', '/demo', '/media', '/snippets', '/syntaxes', '/l10n',
    '/test/host*', '/test/fixtures', '/test/emulator', '/test/screenshots', '/.vscode-test', '*.vsix'],
  // The sandbox's instrumented TypeScript is compiled like the project's (tsc to out/), limited to core and its tests.
  buildCommand: 'tsc -p tsconfig.mutation.json',
  testRunner: 'mocha',
  testRunnerNodeArgs: ['--require', mocha12Shim],
  mochaOptions: {
    spec: ['out/test/unit/core/**/*.test.js'],
    'no-config': true,
    'no-package': true,
    // mocha has no inverted grep option here; a negative look-ahead over the full title does the same.
    grep: `^(?!.*(?:${leftOut.source}))`,
  },
  coverageAnalysis: 'perTest',
  // No type checker by default: on this machine it took about 2 s per mutant (5 minutes for csv.ts, whose tests ran
  // all of its mutants in 4 s), hours for src/core. A mutant that would not type-check runs as JavaScript; if it
  // survives it is judged like any other (test/MUTATION.md). `npm run mutation -- --typecheck` turns it on.
  checkers: [],
  checkerNodeArgs: ['--require', mocha12Shim],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // Results are reused for code and tests that did not change; runs of single files add to the same record.
  incremental: true,
  incrementalFile: 'test-results/mutation/stryker-incremental.json',
  // The machine has 2 cores, shared: `npm run mutation -- --concurrency 1` when others are busy.
  concurrency: 2,
  timeoutMS: 10000,
  reporters: ['html', 'json', 'clear-text', 'progress-append-only'],
  htmlReporter: { fileName: 'test-results/mutation/index.html' },
  jsonReporter: { fileName: 'test-results/mutation/mutation.json' },
  // The survivors, each with its diff, and the score table; npm run mutation adds the score of the files asked for.
  clearTextReporter: { allowColor: false, reportTests: false, reportMutants: true, reportScoreTable: true, skipFull: false },
  tempDirName: 'test-results/mutation/.sandbox',
  // Message and documentation texts (`{ en, sv }` objects) say what a rule found, not what it decides.
  ignorers: ['localized-text'],
};
