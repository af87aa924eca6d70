// A rule tester in the spirit of typescript-eslint's RuleTester: `valid` cases must yield nothing from the rule,
// `invalid` cases exactly the findings they list, at the `<!…!>` marks in their text, in order, and the text their
// fixes write (`output`, which a case must give when its fixes change anything). It rejects invalid cases with no
// expected findings, marks that do not match the expected findings, and duplicate cases.
import * as assert from 'node:assert/strict';
import { applyEdits, type FileEdit } from '../../../../src/core/fixes';
import { LintWorkspace, type DocumentKind, type ErrorCode, type Finding, type LiveData, type Rule } from '../../../../src/core/lint';
import { fixesFor } from '../../../../src/core/quickFixes';
import { LineMap, type Span } from '../../../../src/core/text';
import { appliedEdits } from './fixInvariant';
import { unmark } from './markers';
import { testWasmDir } from './wasm';

export interface OtherFile {
  name: string;
  kind: DocumentKind;
  code: string;
}

/** The related information that points at the parameter file giving the value a finding is about. */
export const givenHere = 'The parameter file gives the value here.';

/**
 * `template.parameters.json`, which goes with a case's template: each parameter's value written as given (marks and
 * JSON escapes kept as they are).
 */
export function parameterFile(values: Record<string, string>): OtherFile {
  return parameterFileOf(Object.fromEntries(Object.entries(values).map(([name, value]) => [name, `{"value": "${value}"}`])));
}

/** `template.parameters.json` with each parameter's entry written as given (`{"value": 1}`, `{"reference": …}`). */
export function parameterFileOf(entries: Record<string, string>): OtherFile {
  const parameters = Object.entries(entries).map(([name, entry]) => `"${name}": ${entry}`).join(', ');
  return { name: 'template.parameters.json', kind: 'json', code: `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {${parameters}}}` };
}

export interface ValidCase {
  name?: string;
  kind: DocumentKind;
  code: string;
  /** Further files of the same workspace, linted before the case's own file. */
  others?: OtherFile[];
  /** What Azure says, for the live rules. */
  live?: LiveData;
  /** How the case's file is saved, in VS Code's encoding ids (AZS107); not told when absent. */
  encoding?: string;
}

export interface ExpectedFinding {
  /** The English message, exactly. */
  message: string;
  /** Defaults to the rule's documented error. */
  azureError?: ErrorCode | null;
  /** What the rule's fixes read, as its check reports it. */
  data?: unknown;
  /** Messages of the related information, at the next `<@…@>` marks (this file first, then the others in order). */
  related?: string[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /**
   * The case's text once the first fix the editor offers on each finding is applied (all on the text as it was,
   * in the order of the findings; fixes that overlap one taken are left out; snippet placeholders keep their
   * defaults, as the editor leaves them). Required when a fix changes the text;
   * left out, the case asserts that no fix is offered.
   */
  output?: string;
  /**
   * The other files' texts once those fixes are applied, by name: required for each file a fix edits (a parameter
   * file that gives the value the finding is about); left out, the case asserts that no fix edits another file.
   */
  otherOutputs?: Record<string, string>;
}

const folder = 'file:///workspace/';
const fileNames: Record<DocumentKind, string> = { powershell: 'script.ps1', json: 'template.json', http: 'requests.http', shell: 'script.sh', markdown: 'runbook.md' };

function caseName(c: ValidCase): string {
  return c.name ?? c.code.split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 80) ?? '(empty)';
}

interface Linted {
  /** The case's own file, without its marks. */
  text: string;
  /** Each file's text without its marks, by URI. */
  texts: Map<string, string>;
  syntaxErrors: boolean;
  findings: Finding[];
  lines: Map<string, LineMap>;
  findingMarks: Span[];
  relatedMarks: { uri: string; span: Span }[];
}

/** Lints a case's files with only `rule` switched on (at its default severity). */
export async function lintCase(rule: Rule, c: ValidCase): Promise<Linted> {
  const workspace = new LintWorkspace({ wasmDir: testWasmDir(), rules: { 'AZS*': 'off', [rule.code]: rule.defaultSeverity } });
  if (c.live) workspace.configure({ live: c.live });
  const main = { name: fileNames[c.kind], kind: c.kind, code: c.code };
  const lines = new Map<string, LineMap>();
  const texts = new Map<string, string>();
  const relatedMarks: { uri: string; span: Span }[] = [];
  let findingMarks: Span[] = [];
  for (const file of [...(c.others ?? []), main]) {
    const uri = folder + file.name;
    const marked = unmark(file.code);
    lines.set(uri, new LineMap(marked.text));
    texts.set(uri, marked.text);
    if (file === main) findingMarks = marked.findings;
    else if (marked.findings.length > 0) throw new Error(`${file.name}: <!…!> marks belong in the case's own file`);
    const related = marked.related.map((span) => ({ uri, span }));
    if (file === main) relatedMarks.unshift(...related);
    else relatedMarks.push(...related);
    await workspace.update(uri, marked.text, file.kind, undefined, file === main ? c.encoding : undefined);
  }
  const uri = folder + main.name;
  return { text: unmark(main.code).text, texts, syntaxErrors: workspace.hasSyntaxErrors(uri), findings: workspace.findings(uri), lines, findingMarks, relatedMarks };
}

function where(lines: Map<string, LineMap>, uri: string, span: Span): string {
  const map = lines.get(uri);
  if (!map) return `${uri}@${span.start}-${span.end}`;
  const from = map.positionAt(span.start);
  const to = map.positionAt(span.end);
  return `${uri.slice(folder.length)} ${from.line + 1}:${from.character + 1}-${to.line + 1}:${to.character + 1}`;
}

function describeFinding(lines: Map<string, LineMap>, uri: string, finding: Finding) {
  return {
    at: where(lines, uri, finding),
    message: finding.message,
    azureError: finding.azureError,
    ...(finding.data ? { data: finding.data } : {}),
    related: finding.related.map((r) => `${where(lines, r.uri, r)} ${r.message}`),
  };
}

function checkCases(rule: Rule, valid: ValidCase[], invalid: InvalidCase[]): void {
  const seen = new Set<string>();
  for (const c of [...valid, ...invalid]) {
    // Live data is made of functions: cases that differ only in what Azure says are told apart by name.
    const key = `${c.kind}\n${c.encoding ?? ''}\n${c.code}\n${JSON.stringify(c.others ?? [])}${c.live ? `\n${c.name ?? ''}` : ''}`;
    if (seen.has(key)) throw new Error(`${rule.code}: duplicate case "${caseName(c)}"`);
    seen.add(key);
  }
  for (const c of valid) {
    if (unmark(c.code).findings.length > 0) throw new Error(`${rule.code}: valid case "${caseName(c)}" has <!…!> marks`);
  }
  for (const c of invalid) {
    if (c.errors.length === 0) throw new Error(`${rule.code}: invalid case "${caseName(c)}" expects no findings`);
    const marks = unmark(c.code).findings.length;
    if (marks !== c.errors.length) throw new Error(`${rule.code}: invalid case "${caseName(c)}" has ${marks} marks for ${c.errors.length} expected findings`);
  }
}

/**
 * The texts of the case's files, by URI, with the first fix of each finding applied where it does not overlap one
 * taken before (a fix may edit another file: the parameter file that gives a value).
 */
function fixedTexts(c: ValidCase, linted: Linted): Map<string, string> {
  const uri = folder + fileNames[c.kind];
  const document = { uri, text: linted.text, kind: c.kind, syntaxErrors: linted.syntaxErrors };
  const edits: FileEdit[] = [];
  const overlaps = (e: FileEdit) => edits.some((x) => e.uri === x.uri && e.start < x.end && x.start < e.end);
  for (const finding of linted.findings) {
    const fix = fixesFor(document, finding)[0];
    const applied = fix ? appliedEdits(fix) : [];
    if (!applied.some(overlaps)) edits.push(...applied);
  }
  return new Map([...linted.texts].map(([file, text]) => [file, applyEdits(text, edits.filter((e) => e.uri === file))]));
}

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  checkCases(rule, cases.valid, cases.invalid);
  describe(`${rule.code} ${rule.name}`, () => {
    for (const c of cases.valid) {
      it(`valid: ${caseName(c)}`, async () => {
        const { findings, lines } = await lintCase(rule, c);
        assert.deepEqual(findings.map((f) => describeFinding(lines, folder + fileNames[c.kind], f)), []);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${caseName(c)}`, async () => {
        const { findings, lines, findingMarks, relatedMarks } = await lintCase(rule, c);
        const uri = folder + fileNames[c.kind];
        let next = 0;
        const expected = c.errors.map((error, i) => ({
          at: where(lines, uri, findingMarks[i]),
          message: error.message,
          azureError: error.azureError === undefined ? rule.azureError : error.azureError,
          ...(error.data ? { data: error.data } : {}),
          related: (error.related ?? []).map((message) => {
            const mark = relatedMarks[next++];
            return mark ? `${where(lines, mark.uri, mark.span)} ${message}` : `(no <@…@> mark left) ${message}`;
          }),
        }));
        const actual = findings.map((f) => describeFinding(lines, uri, f));
        // data is compared only where the case states it
        actual.forEach((a, i) => {
          if (!c.errors[i]?.data) delete a.data;
        });
        assert.deepEqual(actual, expected);
        // As typescript-eslint's RuleTester: a case whose fixes change the text must say what they write.
        const fixed = fixedTexts(c, await lintCase(rule, c));
        const mine = fixed.get(uri);
        if (c.output === undefined) assert.equal(mine, unmark(c.code).text, 'the fixes change the text: give the case its output');
        else assert.equal(mine, c.output, 'the text the fixes write');
        for (const other of c.others ?? []) {
          const expected = c.otherOutputs?.[other.name] ?? unmark(other.code).text;
          assert.equal(fixed.get(folder + other.name), expected, c.otherOutputs?.[other.name] === undefined ? `the fixes change ${other.name}: give the case its otherOutputs` : `the text the fixes write in ${other.name}`);
        }
      });
    }
  });
}
