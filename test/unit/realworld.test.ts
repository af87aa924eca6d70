// The real-world fixtures (test/fixtures/realworld/<part>/…): files written like operators' own, each with the findings
// a careful reviewer expects in NAME.ext.expected. Each folder's files are linted together as one workspace, as azs-lint
// reads them (byte order marks, UTF-16), and what is reported is compared with what is expected by (file, line, code).
// Any difference fails with a readable diff; precision and recall are printed per part and recorded in
// test/REALWORLD.md, which this test keeps true (AZS_REALWORLD_WRITE=1 rewrites its figures).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decode, encodingId } from '../../src/core/encoding';
import { LintWorkspace, describeInternalError, documentKindFor } from '../../src/core/lint';
import { LineMap } from '../../src/core/text';
import { repoRoot, testWasmDir } from './core/support/wasm';

const fixturesRoot = join(repoRoot, 'test/fixtures/realworld');
const recordPath = join(repoRoot, 'test/REALWORLD.md');

/**
 * One line of an .expected file: `<line>:<column> <CODE>`. `miss …` marks a finding the linter is known not to report
 * yet (counted against recall), `noise …` one it reports though it should not (counted against precision); either
 * fails the test once it no longer holds, so that the file is brought up to date.
 */
interface Expectation {
  line: number;
  code: string;
  status: 'expected' | 'miss' | 'noise';
}

const expectationLine = /^(?:(miss|noise)\s+)?(\d+):(\d+)\s+(AZS\d{3})\s*(?:#.*)?$/;

function readExpectations(path: string): Expectation[] {
  return readFileSync(path, 'utf8').split(/\r?\n/).flatMap((text, index) => {
    const line = text.trim();
    if (line === '' || line.startsWith('#')) return [];
    const match = expectationLine.exec(line);
    if (!match) throw new Error(`${relative(repoRoot, path)}:${index + 1}: "${line}" is not "<line>:<column> <CODE>" (optionally after "miss" or "noise")`);
    return [{ line: Number(match[2]), code: match[4], status: (match[1] ?? 'expected') as Expectation['status'] }];
  });
}

interface Fixture {
  /** Relative to the realworld folder, with forward slashes. */
  name: string;
  path: string;
}

/** Every folder under `dir` that holds files, with those files (not its subfolders'): one workspace each. */
function workspaces(dir: string): { folder: string; fixtures: Fixture[] }[] {
  const entries = readdirSync(dir).sort();
  const fixtures = entries
    .filter((entry) => !entry.endsWith('.expected') && !entry.startsWith('.') && statSync(join(dir, entry)).isFile())
    .map((entry) => ({ name: relative(fixturesRoot, join(dir, entry)).split('\\').join('/'), path: join(dir, entry) }));
  const below = entries.filter((entry) => statSync(join(dir, entry)).isDirectory()).flatMap((entry) => workspaces(join(dir, entry)));
  return [...(fixtures.length > 0 ? [{ folder: relative(fixturesRoot, dir).split('\\').join('/'), fixtures }] : []), ...below];
}

interface Counts {
  fixtures: number;
  expected: number;
  reported: number;
  matched: number;
}

/** `file:line code` → how many times. */
type Tally = Map<string, number>;

function add(tally: Tally, key: string): void {
  tally.set(key, (tally.get(key) ?? 0) + 1);
}

/** Lints one workspace's fixtures and compares them with their expectations; returns the diff lines and the counts. */
async function check(fixtures: readonly Fixture[]): Promise<{ diff: string[]; counts: Counts }> {
  const errors: string[] = [];
  const workspace = new LintWorkspace({ wasmDir: testWasmDir(), keepSyntaxTrees: false, onInternalError: (e) => errors.push(describeInternalError(e)) });
  const texts = new Map<string, string>();
  for (const fixture of fixtures) {
    const kind = documentKindFor(fixture.path);
    if (!kind) throw new Error(`${fixture.name}: not a kind of file the linter reads`);
    const { text, encoding } = decode(readFileSync(fixture.path));
    texts.set(fixture.name, text);
    await workspace.update(pathToFileURL(fixture.path).href, text, kind, undefined, encodingId(encoding));
  }
  const reported: Tally = new Map();
  const messages = new Map<string, string>();
  const expected: Tally = new Map();
  const known: { key: string; status: 'miss' | 'noise' }[] = [];
  for (const fixture of fixtures) {
    const uri = pathToFileURL(fixture.path).href;
    const notice = workspace.notice(uri);
    if (notice) errors.push(`${fixture.name}: ${notice}`);
    const lines = new LineMap(texts.get(fixture.name) ?? '');
    for (const finding of workspace.findings(uri)) {
      const key = `${fixture.name}:${lines.lineOf(finding.start) + 1} ${finding.code}`;
      add(reported, key);
      messages.set(key, finding.message);
    }
    let expectations: Expectation[];
    try {
      expectations = readExpectations(`${fixture.path}.expected`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new Error(`${fixture.name} has no ${fixture.name.split('/').at(-1)}.expected: write the findings a reviewer expects there`, { cause: error });
    }
    for (const { line, code, status } of expectations) {
      const key = `${fixture.name}:${line} ${code}`;
      if (status === 'expected') add(expected, key);
      else known.push({ key, status });
    }
  }
  const diff: string[] = [...errors];
  let matched = 0;
  const unmatchedReports = new Map(reported);
  for (const [key, count] of expected) {
    const found = Math.min(count, unmatchedReports.get(key) ?? 0);
    matched += found;
    unmatchedReports.set(key, (unmatchedReports.get(key) ?? 0) - found);
    for (let i = found; i < count; i++) diff.push(`- ${key}    expected, not reported`);
  }
  let missed = 0;
  let noise = 0;
  for (const { key, status } of known) {
    const left = unmatchedReports.get(key) ?? 0;
    if (status === 'miss') {
      if (left > 0) diff.push(`! ${key}    marked "miss" but reported now: make it an expected finding`);
      else missed++;
    } else if (left > 0) {
      unmatchedReports.set(key, left - 1);
      noise++;
    } else diff.push(`! ${key}    marked "noise" but no longer reported: remove the line`);
  }
  for (const [key, count] of unmatchedReports) {
    for (let i = 0; i < count; i++) diff.push(`+ ${key}    reported, not expected: ${messages.get(key)}`);
  }
  const expectedTotal = [...expected.values()].reduce((a, b) => a + b, 0) + missed;
  return { diff, counts: { fixtures: fixtures.length, expected: expectedTotal, reported: matched + noise, matched } };
}

function ratio(part: number, whole: number): string {
  return whole === 0 ? '1.000' : (part / whole).toFixed(3);
}

/** The figures' table rows, without the date and commit columns. */
function figureRows(byPart: ReadonlyMap<string, Counts>): string[] {
  const total: Counts = { fixtures: 0, expected: 0, reported: 0, matched: 0 };
  const rows = [...byPart].sort(([a], [b]) => a.localeCompare(b)).map(([part, c]) => {
    total.fixtures += c.fixtures;
    total.expected += c.expected;
    total.reported += c.reported;
    total.matched += c.matched;
    return row(part, c);
  });
  return [...rows, row('all', total)];
}

function row(part: string, c: Counts): string {
  return `| ${part} | ${c.fixtures} | ${c.expected} | ${c.reported} | ${c.matched} | ${ratio(c.matched, c.reported)} | ${ratio(c.matched, c.expected)} |`;
}

const tableStart = '<!-- figures: written by test/unit/realworld.test.ts with AZS_REALWORLD_WRITE=1, checked by it -->';
const tableEnd = '<!-- /figures -->';
const tableHead = '| part | fixtures | expected | reported | matched | precision | recall | measured | commit |\n|---|---:|---:|---:|---:|---:|---:|---|---|';

/** The figures test/REALWORLD.md records: its table's rows without their date and commit. */
function recordedRows(record: string): string[] {
  const start = record.indexOf(tableStart);
  const end = record.indexOf(tableEnd);
  if (start < 0 || end < start) return [];
  return record.slice(start + tableStart.length, end).split('\n').filter((line) => /^\| (?!part |---)/.test(line))
    .map((line) => `${line.split('|').slice(0, 8).join('|')}|`);
}

function writeRecord(record: string, rows: readonly string[]): void {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  const date = new Date().toISOString().slice(0, 10);
  const table = [tableStart, tableHead, ...rows.map((r) => `${r} ${date} | ${commit} |`), tableEnd].join('\n');
  const start = record.indexOf(tableStart);
  const end = record.indexOf(tableEnd);
  writeFileSync(recordPath, start < 0 ? `${record.trimEnd()}\n\n${table}\n` : `${record.slice(0, start)}${table}${record.slice(end + tableEnd.length)}`);
}

describe('real-world fixtures: what is reported is what a reviewer expects', function () {
  this.timeout(120_000);
  const byPart = new Map<string, Counts>();

  for (const { folder, fixtures } of workspaces(fixturesRoot)) {
    it(`${folder} (${fixtures.length} file${fixtures.length === 1 ? '' : 's'} linted as one workspace)`, async () => {
      const { diff, counts } = await check(fixtures);
      const part = folder.split('/')[0];
      const sum = byPart.get(part) ?? { fixtures: 0, expected: 0, reported: 0, matched: 0 };
      byPart.set(part, { fixtures: sum.fixtures + counts.fixtures, expected: sum.expected + counts.expected, reported: sum.reported + counts.reported, matched: sum.matched + counts.matched });
      assert.ok(diff.length === 0, `findings differ from the .expected files (- expected only, + reported only):\n${diff.join('\n')}`);
    });
  }

  it('prints precision and recall per part, and test/REALWORLD.md records them', () => {
    const rows = figureRows(byPart);
    console.log(`      precision and recall (matched / reported, matched / expected):\n${rows.map((r) => `      ${r}`).join('\n')}`);
    const record = readFileSync(recordPath, 'utf8');
    if (process.env.AZS_REALWORLD_WRITE === '1') writeRecord(record, rows);
    else assert.deepEqual(recordedRows(record), rows, 'test/REALWORLD.md is out of date: run AZS_REALWORLD_WRITE=1 npm test -- --only unit --grep real-world');
  });

  it('reads the .expected format strictly', () => {
    for (const good of ['12:5 AZS102', '12:5 AZS102   # why', 'miss 3:1 AZS101', 'noise 40:2 AZS301 # why']) assert.match(good, expectationLine);
    for (const bad of ['12 AZS102', '12:5 AZS1022', 'AZS102 12:5', 'maybe 3:1 AZS101']) assert.doesNotMatch(bad, expectationLine);
  });
});
