#!/usr/bin/env node
// `npm run bench`: every benchmark, one after another (they must not share the 2 cores), then one JSON object with
// every figure as the last line, and bench/RESULTS.md with the figures, the machine, and what each is measured
// against. A benchmark that fails is reported as such; the others still run.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { benchTree } from './tree.mjs';
import { ensureSetup } from '../scripts/lib/setup.mjs';

const root = resolve(import.meta.dirname, '..');

function run(argv, label) {
  console.log(`\n== ${label}`);
  const result = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(result.stdout.split('\n').slice(-12).join('\n'));
  if (result.status !== 0) {
    console.log(`${label} failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
    return {};
  }
  const last = result.stdout.trim().split('\n').reverse().find((line) => line.startsWith('{'));
  return last ? JSON.parse(last) : {};
}

function build(production) {
  const argv = [join(root, 'scripts/build.mjs'), ...(production ? ['--production'] : [])];
  if (spawnSync(process.execPath, argv, { stdio: 'inherit', cwd: root }).status !== 0) throw new Error('the build failed');
}

async function main() {
  ensureSetup();
  if (spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], { stdio: 'inherit', cwd: root }).status !== 0) process.exit(1);
  const started = new Date();
  const load = loadavg()[0];
  const figures = {};
  Object.assign(figures, run([join(root, 'out/bench/lint.js')], 'lint ÷ parse, re-lint'));
  Object.assign(figures, run([join(root, 'out/bench/bounds.js')], 'linear time on pathological inputs'));
  build(true);
  figures.bundle_bytes = statSync(join(root, 'dist/extension.js')).size;
  figures.azure_sdk_bundle_bytes = statSync(join(root, 'dist/azure-sdk.js')).size;
  Object.assign(figures, run([join(root, 'out/bench/cli.js')], 'CLI on 1,000 files ÷ node start + parse'));
  run([join(root, 'scripts/package.mjs')], 'VSIX');
  const { vsixPath } = await import('../scripts/package.mjs');
  figures.vsix_bytes = statSync(vsixPath).size;
  build(false);
  console.log('\n== Registrations view and typing in a 1 MB script in the extension host (200 × 5,000, 20 ms latency)');
  try {
    Object.assign(figures, await benchTree(20));
  } catch (error) {
    console.log(`tree benchmark failed: ${error instanceof Error ? error.message : error}`);
  }
  Object.assign(figures, run([join(root, 'out/bench/usage.js')], 'usage: 1.44 million records'));
  Object.assign(figures, run([join(root, 'out/bench/waits.js')], 'cancellation and Retry-After'));
  writeResults(figures, started, load);
  console.log(JSON.stringify(figures));
}

const targets = [
  ['lint_parse_ratio_ps', '≤ 1.3', (v) => v <= 1.3, 'lint of a 10,000-line PowerShell script ÷ the tree-sitter parse of it alone'],
  ['lint_parse_ratio_json', '≤ 1.3', (v) => v <= 1.3, 'lint of a 5 MB ARM template ÷ one jsonc-parser visit of it'],
  ['lint_parse_ratio_dense', '≤ 1.5', (v) => v <= 1.5, 'lint of a dense 1 MB script (thousands of placeholder-bearing commands, ≈ 9,700 findings) ÷ the tree-sitter parse of it alone'],
  ['relint_median_ms', '≤ 50 ms', (v) => v <= 50, 'median re-lint after a one-character edit of a 2,000-line script (incremental parse)'],
  ['linear_doubling_worst', '≤ 3', (v) => v <= 3, 'the largest t(2n) ÷ t(n) over inputs that once took seconds to hours (long runs of slashes, blanks, comments; 1 MB lines; deep nesting; each rule reporting on every line), each t the fastest run\'s CPU time: linear ≈ 2, quadratic ≈ 4'],
  ['linear_doubling_worst_case', '—', () => true, 'the case of that ratio'],
  ['linear_doubling_worst_ms', '—', () => true, 'that case\'s time at 2n (CPU, the fastest of at least 9 runs)'],
  ['activation_ms', '≤ 50 ms', (v) => v <= 50, 'loading dist/extension.js plus activate() in the real extension host (code-server)'],
  ['bundle_bytes', '≤ 1.5 MB', (v) => v <= 1.5e6, 'dist/extension.js, minified (the Azure SDK is a second bundle loaded at sign-in)'],
  ['azure_sdk_bundle_bytes', '—', () => true, 'dist/azure-sdk.js, minified, loaded on first sign-in'],
  ['vsix_bytes', '—', () => true, 'the VSIX npm run package makes'],
  ['tree_first_level_requests', '1 per subscription', () => true, 'ARM requests to show subscriptions and their registrations (sign-in not counted)'],
  ['tree_first_level_ms', '—', () => true, 'time to the first level at 20 ms latency; critical path 2 round trips = 40 ms'],
  ['tree_first_page_ms', '—', () => true, "one registration's first tenant page; critical path 20 ms"],
  ['tree_all_tenants_requests', '—', () => true, 'requests to show all 5,000 tenants of one registration through Load more'],
  ['tree_all_tenants_ms', '—', () => true, 'time for all 5,000 tenants; the critical path is requests × 20 ms'],
  ['typing_block_max_ms', '≤ 50 ms', (v) => v <= 50, 'the longest the extension host was held while Playwright typed into a dense 1 MB script (≈ 10,000 findings) until its diagnostics were shown, from the first key once the host had settled (workspace read, idle): event-loop delay, 1 ms resolution; the median of three windows typed into the one script, its text put back after each, the first right after opening it (the rows below are that window\'s)'],
  ['typing_windows_ms', '—', () => true, 'the longest hold of each of the three windows, in the order typed'],
  ['typing_unlinted_block_max_ms', '—', () => true, 'the same keys with the extension\'s change handler doing nothing, in windows taking turns with those above (the median of three): what the host, VS Code and the machine hold without our linting'],
  ['typing_unlinted_windows_ms', '—', () => true, 'the longest hold of each unlinted window'],
  ['typing_block_ratio', '—', () => true, 'typing_block_max_ms ÷ typing_unlinted_block_max_ms: what our linting adds to the longest hold, measured in the same minutes'],
  ['typing_block_run_max_ms', '—', () => true, "that window's longest hold less the time the host's thread waited for a core in it (Linux: the thread's scheduler statistics at each 1 ms tick): what a loaded machine does not add"],
  ['typing_block_on_core_max_ms', '—', () => true, "the longest time the host's thread was on a core between two ticks: how long JavaScript (ours, VS Code's, other extensions'), the collector or a system call ran before the 1 ms timer could fire"],
  ['typing_core_wait_ms', '—', () => true, "the time the host's thread waited for a core in all during that window"],
  ['typing_longest_hold_on_core_ms', '—', () => true, "the window's longest hold (1 ms ticks; close to typing_block_max_ms) split: the host's thread on a core"],
  ['typing_longest_hold_core_wait_ms', '—', () => true, '… waiting for a core (another process or thread had it)'],
  ['typing_longest_hold_asleep_ms', '—', () => true, '… asleep: blocked in the kernel (a lock another thread holds, a fork), neither running nor waiting for a core'],
  ['extension_host_heap_mb', '—', () => true, 'extension host heap after loading (the whole host, other extensions included)'],
  ['cli_ratio', '≤ 2', (v) => v <= 2, 'azs-lint on 1,000 files ÷ a bare node process that starts and parses the same files'],
  ['usage_ratio', '≤ 1.2', (v) => v <= 1.2, 'usage report data (1.44 million records) ÷ a bare fetch + JSON.parse of the same pages'],
  ['usage_peak_heap_mb', '< 150 MB', (v) => v < 150, 'peak heap while streaming those records into the aggregator (an upper bound: the walks take turns, so the other walks\' aggregator and garbage are alive beside it)'],
  ['usage_records_per_second', '—', () => true, 'records per second through StampClient into the aggregator'],
  ['cancel_ms', '≤ 250 ms', (v) => v <= 250, 'from cancelling an ARM call the emulator holds (5 s latency) to its rejection'],
  ['usage_cancel_ms', '≤ 250 ms', (v) => v <= 250, 'the same for a stamp usage page'],
  ['retry_after_read_ms', '≥ 1,000 ms', (v) => v >= 1000, 'a registrations list through one 429 with Retry-After: 1 — at least the second the service asked for'],
  ['usage_priced_ratio', '≤ 1.2', (v) => v <= 1.2, 'the same records priced (aggregated per customer × meter × period, report built, priced with a price sheet, resale list and markup) ÷ a bare fetch + JSON.parse'],
  ['usage_priced_peak_heap_mb', '< 150 MB', (v) => v < 150, 'peak heap of the priced runs'],
  ['usage_cpu_ratio', '—', () => true, 'usage_ratio in CPU time of the benchmark\'s process (the emulator\'s left out): steadier under load, and higher, as the emulator\'s share of each walk is left out'],
  ['usage_priced_cpu_ratio', '—', () => true, 'usage_priced_ratio in CPU time of the benchmark\'s process'],
];

function writeResults(figures, started, load) {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmark results', '',
    `Measured by \`npm run bench\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${cpus().length} × ${cpu}, ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB memory (${Math.round(freemem() / 2 ** 30)} GiB free), Node ${process.versions.node}, ` +
      `load average ${load.toFixed(2)} at the start. Ratios compare against a baseline measured in the same run.`,
    '', '| figure | value | target | met | what it measures |', '|---|---|---|---|---|',
  ];
  for (const [key, target, check, what] of targets) {
    const value = figures[key];
    const met = value === undefined ? 'not measured' : target === '—' ? '—' : check(value) ? 'yes' : '**no**';
    lines.push(`| \`${key}\` | ${Array.isArray(value) ? value.join(' / ') : value ?? '—'} | ${target} | ${met} | ${what} |`);
  }
  const notesFile = join(root, 'bench', 'NOTES.md');
  let notes = '';
  try {
    notes = readFileSync(notesFile, 'utf8');
  } catch {
    // no notes yet
  }
  writeFileSync(join(root, 'bench', 'RESULTS.md'), `${lines.join('\n')}\n${notes ? `\n${notes}` : ''}`);
}

main().catch((error) => {
  console.error(`npm run bench: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
