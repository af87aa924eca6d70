// azs-lint: lints files, folders and globs with the core engine and prints text, JSON or SARIF. Every file of a run
// is one workspace, so a registration declared in one file informs the checks of the others. Nothing read is run;
// with --fix the fixes that need no choice are written back (fix.ts).
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { version } from '../../package.json';
import { LintWorkspace, documentKindFor, maxDocumentLength, type RuleSeverityConfig } from '../core/lint';
import { looksBinary } from '../core/text';
import { UsageError, parseCommandLine, usage, type CliOptions } from './args';
import { unifiedDiff } from './diff';
import { decode, type Encoding } from './encoding';
import { collectFiles, findConfig, readConfig } from './files';
import { fixSources, fixSummary, writeSource, type Source } from './fix';
import { Locator, formatJson, formatSarif, formatText, type LintedFile, type Note, type RunResult } from './output';

// V8 compiles the 1 MB PowerShell grammar with its optimizing tier in the background, which takes 10–25 s of CPU
// here and holds the process at exit until done; the baseline compiler alone starts at once and parses fast enough
// for a run that ends after one pass.
setFlagsFromString('--liftoff-only');

const noteTexts = {
  en: { large: 'skipped: larger than 5 MB', binary: 'skipped: binary file', kind: 'skipped: not a kind of file azs-lint reads', unreadable: 'skipped: cannot be read' },
  sv: {
    large: 'hoppades över: större än 5 MB', binary: 'hoppades över: binär fil', kind: 'hoppades över: inte en filtyp som azs-lint läser',
    unreadable: 'hoppades över: kan inte läsas',
  },
};

/** The file's text and encoding, or why it is skipped. */
function readSource(path: string, options: CliOptions): { text: string; encoding: Encoding } | { skipped: string } {
  const words = noteTexts[options.locale];
  try {
    if (statSync(path).size > maxDocumentLength) return { skipped: words.large };
    const read = decode(readFileSync(path));
    return looksBinary(read.text) ? { skipped: words.binary } : read;
  } catch (error) {
    return { skipped: `${words.unreadable} (${error instanceof Error ? error.message : String(error)})` };
  }
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
  const rules: RuleSeverityConfig | undefined = configPath ? readConfig(configPath) : undefined;
  const paths = await collectFiles(options.paths, cwd);
  const workspace = new LintWorkspace({ wasmDir: __dirname, keepSyntaxTrees: false, locale: options.locale, ...(rules ? { rules } : {}) });
  const notes: Note[] = [];
  const sources: Source[] = [];
  for (const path of paths) {
    const kind = documentKindFor(path);
    const source = kind ? readSource(path, options) : { skipped: noteTexts[options.locale].kind };
    if ('skipped' in source || !kind) {
      notes.push({ path, message: 'skipped' in source ? source.skipped : noteTexts[options.locale].kind });
      continue;
    }
    const uri = pathToFileURL(path).href;
    await workspace.update(uri, source.text, kind);
    sources.push({ path, uri, kind, original: source.text, text: source.text, encoding: source.encoding, fixed: [] });
  }
  if (options.fix) await fixSources(workspace, sources);
  const files: LintedFile[] = sources.map(({ path, uri, text }) => {
    const notice = workspace.notice(uri);
    if (notice) notes.push({ path, message: notice });
    return { path, text, findings: workspace.findings(uri) };
  });
  return { result: { files, notes, cwd, locale: options.locale, version }, sources };
}

/** Writes the fixed files (`--fix`) or prints their diff (`--fix-dry-run`), and says per file what was fixed. */
function reportFixes(options: CliOptions, sources: readonly Source[], locator: Locator): void {
  for (const source of sources) {
    if (source.text === source.original) continue;
    const path = locator.locate(source.path, 0, 0).file;
    const dryRun = options.fix === 'dry-run';
    if (dryRun) process.stdout.write(unifiedDiff(path, source.original, source.text));
    const unwritten = dryRun ? undefined : writeSource(source, options.locale);
    process.stderr.write(`azs-lint: ${path}: ${unwritten ?? fixSummary(source, options.locale, dryRun)}\n`);
  }
}

async function main(argv: string[]): Promise<number> {
  const cwd = process.cwd();
  let options: CliOptions;
  let result: RunResult;
  let sources: Source[];
  try {
    options = parseCommandLine(argv, process.env);
    if (options.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    ({ result, sources } = await run(options, cwd));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`azs-lint: ${error.message}\n\n${usage}\n`);
    return 2;
  }
  for (const note of result.notes) process.stderr.write(`azs-lint: ${note.path}: ${note.message}\n`);
  const locator = new Locator(new Map(result.files.map((f) => [f.path, f.text])), cwd);
  if (options.fix) reportFixes(options, sources, locator);
  const format = { text: formatText, json: formatJson, sarif: formatSarif }[options.format];
  if (options.fix !== 'dry-run') process.stdout.write(format(result, { locator, pathOf }));
  return result.files.some((f) => f.findings.some((finding) => finding.severity === 'error')) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`azs-lint: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
