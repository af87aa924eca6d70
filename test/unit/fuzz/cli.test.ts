// Fuzzing azs-lint as a user runs it: `node dist/cli.js <folder>` on folders of broken realistic files, random text
// and random bytes, with or without a configuration file. It must never crash (exit 0, 1, or 2 for a configuration
// it cannot use; never 3 or a signal) and must print valid JSON or SARIF whose positions are inside the files.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { errorCodes } from '../../../src/core/errors';
import { lineStarts } from '../../../src/core/text';
import { ruleCodes, severities, type DocumentKind } from '../../../src/core/lint';
import { repoRoot } from '../core/support/wasm';
import type { JsonRow } from '../../../src/cli/output';
import { brokenWorkspace, documentOf, randomText } from './support/arbitraries';
import { TimeBound } from './support/checks';
import { fuzzIt } from './support/run';

const cli = join(repoRoot, 'dist/cli.js');
const extensions: Record<DocumentKind, string> = { powershell: 'ps1', json: 'json', http: 'http', shell: 'sh', markdown: 'md' };
/** Starting node and loading the PowerShell parser, on top of the linter's bound for the batch's characters. */
const processStartAllowanceMs = 10_000;

const ruleKey = fc.constantFrom<string>(...ruleCodes, 'AZS*', 'AZS4*', 'AZS?01');
const config = fc.option(fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(ruleKey, fc.constantFrom('off', ...severities)).map((rules) => ({ valid: true, text: JSON.stringify(rules) })) },
  { weight: 1, arbitrary: randomText.map((text) => ({ valid: false, text })) },
), { nil: undefined });

/** The files of one CLI run: a few broken workspaces (each in a folder of its own), random text, random bytes. */
const batch = fc.record({
  workspaces: fc.array(brokenWorkspace, { minLength: 2, maxLength: 5 }),
  random: fc.array(fc.record({ text: randomText, kind: fc.constantFrom<DocumentKind>('powershell', 'json', 'http', 'shell') }), { minLength: 2, maxLength: 5 }),
  bytes: fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 2 }),
  format: fc.constantFrom('json', 'json', 'sarif'),
  config,
});

type Batch = typeof batch extends fc.Arbitrary<infer T> ? T : never;

/** Writes the batch under `folder`; gives each file's text by its path relative to the folder. */
function writeBatch(folder: string, { workspaces, random, bytes, config: configFile }: Batch): Map<string, string> {
  const texts = new Map<string, string>();
  const write = (path: string, content: string | Uint8Array) => {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
    texts.set(path, typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
  };
  workspaces.forEach((workspace, i) => workspace.map(documentOf).forEach((d) => write(`w${i}/${d.name}`, d.text)));
  random.forEach((r, i) => write(`random/${i}.${extensions[r.kind]}`, r.text));
  bytes.forEach((b, i) => write(`bytes/${i}.ps1`, b));
  if (configFile) writeFileSync(join(folder, '.azs-lint.json'), configFile.text);
  return texts;
}


/** A 1-based line and column inside the file's text. */
function assertPosition(texts: ReadonlyMap<string, string>, file: string, line: number, column: number): void {
  const text = texts.get(file);
  assert.ok(text !== undefined, `a finding in ${file}, which the run did not lint`);
  const read = text.replace(/^\uFEFF/, '');
  const starts = lineStarts(read);
  assert.ok(Number.isInteger(line) && line >= 1 && line <= starts.length, `${file}: line ${line} of ${starts.length}`);
  const lineEnd = line < starts.length ? starts[line] : read.length;
  assert.ok(Number.isInteger(column) && column >= 1 && starts[line - 1] + column - 1 <= lineEnd, `${file}:${line}: column ${column} is past the line`);
}

function assertJson(stdout: string, texts: ReadonlyMap<string, string>, status: number): void {
  const rows = JSON.parse(stdout) as JsonRow[];
  assert.ok(Array.isArray(rows), 'the JSON output is an array');
  for (const row of rows) {
    assertPosition(texts, row.file, row.line, row.column);
    assertPosition(texts, row.file, row.endLine, row.endColumn);
    assert.ok(row.endLine > row.line || (row.endLine === row.line && row.endColumn >= row.column), `${row.file}: the range ends before it starts`);
    assert.ok((ruleCodes as readonly string[]).includes(row.code), row.code);
    assert.ok((severities as readonly string[]).includes(row.severity), row.severity);
    assert.ok(typeof row.message === 'string' && row.message.trim() !== '', `${row.code}: empty message`);
    assert.ok(row.azureError === null || (errorCodes as readonly string[]).includes(row.azureError), String(row.azureError));
  }
  assert.equal(status, rows.some((r) => r.severity === 'error') ? 1 : 0, 'exit code 1 exactly when a finding is an error');
}

interface SarifResult {
  ruleId: string;
  level: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
}

function assertSarif(stdout: string, texts: ReadonlyMap<string, string>, status: number): void {
  const sarif = JSON.parse(stdout) as { version: string; runs: { results: SarifResult[] }[] };
  assert.equal(sarif.version, '2.1.0');
  const { results } = sarif.runs[0];
  for (const result of results) {
    assert.ok((ruleCodes as readonly string[]).includes(result.ruleId), result.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(result.level), result.level);
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    assertPosition(texts, artifactLocation.uri, region.startLine, region.startColumn);
    assertPosition(texts, artifactLocation.uri, region.endLine, region.endColumn);
  }
  assert.equal(status, results.some((r) => r.level === 'error') ? 1 : 0, 'exit code 1 exactly when a finding is an error');
}

describe('fuzzing azs-lint (CLI)', () => {
  let scratch: string;
  let bound: TimeBound;

  before(async function () {
    this.timeout(120_000);
    const build = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    scratch = mkdtempSync(join(tmpdir(), 'azs-lint-fuzz-'));
    bound = await TimeBound.shared();
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  fuzzIt('never crashes on folders of broken, random and binary files, and prints valid JSON or SARIF', 10, () => fc.asyncProperty(batch, async (files) => {
    const folder = mkdtempSync(join(scratch, 'run-'));
    try {
      const texts = writeBatch(folder, files);
      const characters = [...texts.values()].reduce((sum, text) => sum + text.length, 0);
      const run = await bound.withinWallClock(characters, `azs-lint on ${texts.size} files`, () => spawnSync(process.execPath, [cli, '.', '--format', files.format], {
        cwd: folder, encoding: 'utf8', env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8' }, timeout: 300_000, maxBuffer: 256 * 1024 * 1024,
      }), processStartAllowanceMs);
      assert.equal(run.signal, null, `killed by ${String(run.signal)}: ${run.stderr}`);
      if (run.status === 2) {
        assert.equal(files.config?.valid, false, `exit code 2 without a bad configuration: ${run.stderr}`);
        assert.match(run.stderr, /^azs-lint: .*\.azs-lint\.json: /);
        return;
      }
      assert.ok(run.status === 0 || run.status === 1, `exit code ${String(run.status)}: ${run.stderr}`);
      for (const line of run.stderr.split('\n').filter((l) => l !== '')) assert.match(line, /^azs-lint: .+: (?:skipped|Not linted): /, 'only notes of files not linted');
      (files.format === 'json' ? assertJson : assertSarif)(run.stdout, texts, run.status);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }));
});
