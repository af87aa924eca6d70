// azs-lint: lints files, folders and globs with the core engine and prints text, JSON or SARIF. Every file of a run
// is one workspace, so a registration declared in one file informs the checks of the others. Nothing read is run;
// with --fix the fixes that need no choice are written back (fix.ts).
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { version } from '../../package.json';
import type { RuleSeverityConfig } from '../core/lint';
import { parseCommandLine, threadsNote, usage, type CliOptions } from './args';
import { UsageError, commandLineLocale } from './commandLine';
import { diffName, fixDiff } from './diff';
import { collectFiles, findConfig, readConfig } from './files';
import { fixAndWrite, fixSources, fixSummary, unwrittenSummary, type Source } from './fix';
import { Shard, type RunFile, type ShareRead } from './shard';
import { skipNote } from './skipped';
import { lintShared, serveShare } from './threads';
import { Locator, displayPath, formatJson, formatSarif, formatText, noFilesSaid, printable, type LintedFile, type Note, type RunResult } from './output';

// V8 compiles the 1 MB PowerShell grammar with its optimizing tier in the background, which takes 10–25 s of CPU
// here and holds the process at exit until done; the baseline compiler alone starts at once and parses fast enough
// for a run that ends after one pass.
setFlagsFromString('--liftoff-only');
// Each thread's isolate optimizes the same hot functions again, on V8's background threads, which share the cores
// with the linting threads: on 1,000 files that was 1.3–1.9 s of CPU with one thread and 1.7–2.5 s with two. A budget
// before a function is optimized of eight times Node 20's default (67,584; measured there, set as a number since a
// factor cannot be given) leaves the lukewarm functions to the baseline compiler: 40–60 % less of that work, 3–4 %
// more on a linting thread itself, a 10-file run no slower.
setFlagsFromString('--interrupt-budget=540672');

/** Threads for a run of `files` files, unless --threads says: one per core up to 4, from 40 files on (a thread costs a start). */
function threadCount(options: CliOptions, files: number): number {
  if (options.fix) return 1; // fixing goes round after round over one workspace
  return options.threads ?? (files >= 40 ? Math.min(availableParallelism(), 4) : 1);
}

function pathOf(uri: string): string {
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

async function run(options: CliOptions, cwd: string): Promise<{ result: RunResult; sources: Source[] }> {
  const configPath = options.config ?? findConfig(cwd, options.paths);
  const rules: RuleSeverityConfig | undefined = configPath ? readConfig(configPath, options.locale) : undefined;
  const collected = await collectFiles(options.paths, cwd, options.locale);
  const order = new Map(collected.map(({ path }, index) => [path, index]));
  const notes: Note[] = [];
  const files: RunFile[] = [];
  for (const found of collected) {
    if (found.skip) notes.push(skipNote(found.path, found.skip, options.locale));
    else files.push({ path: found.path, uri: pathToFileURL(found.path).href, kind: found.kind });
  }
  const shardOptions = { wasmDir: __dirname, locale: options.locale, ...(rules ? { rules } : {}) };
  const fix = options.fix && ((shard: Shard, read: ShareRead) => options.fix === 'write'
    ? fixAndWrite(shard.workspace, read.sources, options.locale)
    : fixSources(shard.workspace, read.sources));
  const shared = await lintShared(__filename, files, threadCount(options, files.length), shardOptions, fix);
  notes.push(...shared.skipped);
  notes.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
  const results = new Map(shared.checked.map((c) => [c.uri, c]));
  const sources = shared.sources.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
  const linted: LintedFile[] = sources.map(({ path, uri, text, original, notWritten }) => {
    const result = results.get(uri);
    for (const notice of result?.notices ?? []) notes.push({ path, message: notice });
    return { path, text: notWritten ? original : text, findings: result?.findings ?? [] };
  });
  return { result: { named: options.paths, files: linted, notes, cwd, locale: options.locale, version }, sources };
}

/** Says per file what was fixed or why it was not written (`--fix`), or prints the fixes' diff (`--fix-dry-run`). */
function reportFixes(options: CliOptions, sources: readonly Source[], cwd: string): void {
  const dryRun = options.fix === 'dry-run';
  for (const source of sources) {
    const changed = source.text !== source.original;
    // A file may be unchanged with problems fixed: in the parameter file that gives a template's value.
    if (!changed && source.fixed.length === 0) continue;
    if (dryRun && changed) process.stdout.write(fixDiff(diffName(source.path, cwd), source.original, source.text, source.encoding, options.locale));
    const said = source.notWritten ? unwrittenSummary(source, source.notWritten, options.locale) : fixSummary(source, options.locale, dryRun);
    process.stderr.write(`azs-lint: ${printable(displayPath(source.path, cwd))}: ${said}\n`);
  }
}

async function main(argv: string[]): Promise<number> {
  const cwd = process.cwd();
  let options: CliOptions;
  let result: RunResult;
  let sources: Source[];
  const locale = commandLineLocale(argv, process.env);
  try {
    options = parseCommandLine(argv, locale);
    if (options.help) {
      process.stdout.write(`${usage(locale)}\n`);
      return 0;
    }
    const note = threadsNote(options);
    if (note) process.stderr.write(`azs-lint: ${note}\n`);
    ({ result, sources } = await run(options, cwd));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`azs-lint: ${error.message}\n\n${usage(locale)}\n`);
    return 2;
  }
  for (const note of result.notes) process.stderr.write(`azs-lint: ${printable(displayPath(note.path, cwd))}: ${note.message}\n`);
  const locator = new Locator(new Map(result.files.map((f) => [f.path, f.text])), cwd);
  if (options.fix) reportFixes(options, sources, cwd);
  const format = { text: formatText, json: formatJson, sarif: formatSarif }[options.format];
  if (options.fix !== 'dry-run') process.stdout.write(format(result, { locator, pathOf }));
  const noFiles = noFilesSaid(result);
  if (noFiles && (options.format !== 'text' || options.fix === 'dry-run')) process.stderr.write(`azs-lint: ${noFiles}\n`); // text says it on stdout
  return exitCode(result, options);
}

/** The exit codes the README and --help document (2 and 3 are set where usage and internal errors are caught). */
function exitCode(result: RunResult, options: CliOptions): number {
  if (options.failOnSkipped && result.notes.some((note) => note.skip)) return 4;
  return result.files.some((f) => f.findings.some((finding) => finding.severity === 'error')) ? 1 : 0;
}

/**
 * A reader that stops early (`azs-lint . | head`) closes the pipe: what is left to print has nobody to read it, which is
 * no failure of the run (its exit code stands), rather than a stack trace and exit code 1.
 */
function quietWhenReaderGoes(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

if (isMainThread) {
  quietWhenReaderGoes(process.stdout);
  quietWhenReaderGoes(process.stderr);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`azs-lint: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 3;
    },
  );
} else {
  serveShare();
}
