// azs-lint: lints files, folders and globs with the core engine and prints text, JSON or SARIF. Every file of a run
// is one workspace, so a registration declared in one file informs the checks of the others. Nothing read is run.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { version } from '../../package.json';
import { LintWorkspace, documentKindFor, maxDocumentLength, type RuleSeverityConfig } from '../core/lint';
import { looksBinary } from '../core/text';
import { UsageError, parseCommandLine, usage, type CliOptions } from './args';
import { collectFiles, findConfig, readConfig } from './files';
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

/** The file's text, or why it is skipped; only the first 8 KB are read to tell a binary file. */
function readSource(path: string, options: CliOptions): { text: string } | { skipped: string } {
  const words = noteTexts[options.locale];
  try {
    if (statSync(path).size > maxDocumentLength) return { skipped: words.large };
    const head = Buffer.alloc(8192);
    const descriptor = openSync(path, 'r');
    const read = readSync(descriptor, head, 0, head.length, 0);
    closeSync(descriptor);
    if (looksBinary(head.subarray(0, read).toString('latin1'))) return { skipped: words.binary };
    return { text: readFileSync(path, 'utf8').replace(/^\uFEFF/, '') };
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

async function run(options: CliOptions, cwd: string): Promise<RunResult> {
  const configPath = options.config ?? findConfig(cwd, options.paths);
  const rules: RuleSeverityConfig | undefined = configPath ? readConfig(configPath) : undefined;
  const paths = await collectFiles(options.paths, cwd);
  const workspace = new LintWorkspace({ wasmDir: __dirname, keepSyntaxTrees: false, locale: options.locale, ...(rules ? { rules } : {}) });
  const notes: Note[] = [];
  const sources: { path: string; uri: string; text: string }[] = [];
  for (const path of paths) {
    const kind = documentKindFor(path);
    const source = kind ? readSource(path, options) : { skipped: noteTexts[options.locale].kind };
    if ('skipped' in source || !kind) {
      notes.push({ path, message: 'skipped' in source ? source.skipped : noteTexts[options.locale].kind });
      continue;
    }
    const uri = pathToFileURL(path).href;
    await workspace.update(uri, source.text, kind);
    sources.push({ path, uri, text: source.text });
  }
  const files: LintedFile[] = sources.map(({ path, uri, text }) => {
    const notice = workspace.notice(uri);
    if (notice) notes.push({ path, message: notice });
    return { path, text, findings: workspace.findings(uri) };
  });
  return { files, notes, cwd, locale: options.locale, version };
}

async function main(argv: string[]): Promise<number> {
  const cwd = process.cwd();
  let options: CliOptions;
  let result: RunResult;
  try {
    options = parseCommandLine(argv, process.env);
    if (options.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    result = await run(options, cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`azs-lint: ${error.message}\n\n${usage}\n`);
    return 2;
  }
  for (const note of result.notes) process.stderr.write(`azs-lint: ${note.path}: ${note.message}\n`);
  const locator = new Locator(new Map(result.files.map((f) => [f.path, f.text])), cwd);
  const format = { text: formatText, json: formatJson, sarif: formatSarif }[options.format];
  process.stdout.write(format(result, { locator, pathOf }));
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
