// What must hold for any input, however broken: findings that point into their documents and say something, quick
// fixes whose edits stay inside the documents they edit, and lint times within a bound measured on this machine.
import * as assert from 'node:assert/strict';
import { errorCodes } from '../../../../src/core/errors';
import { applyEdits, suppressionFixes, type FileEdit, type Fix, type FixDocument } from '../../../../src/core/fixes';
import { fixAll, fixesFor } from '../../../../src/core/quickFixes';
import { LintWorkspace, describeInternalError, ruleCodes, severities, type DocumentKind, type Finding, type TextChange } from '../../../../src/core/lint';
import { testWasmDir } from '../../core/support/wasm';
import { seeds } from './seeds';

/** The documents of a workspace by URI, as the linter last saw them. */
export type Texts = ReadonlyMap<string, { text: string; kind: DocumentKind }>;

export const folder = 'file:///fuzz/';

/** What the workspaces of `newWorkspace` told of internal errors (a rule or reader that threw): none may occur. */
const internalErrors: string[] = [];

export function newWorkspace(): LintWorkspace {
  return new LintWorkspace({ wasmDir: testWasmDir(), onInternalError: (error) => internalErrors.push(describeInternalError(error)) });
}

function assertSpan(what: string, start: number, end: number, text: string | undefined): void {
  assert.ok(text !== undefined, `${what} points at a document the workspace does not hold`);
  assert.ok(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length, `${what} [${start}, ${end}) is outside 0…${text.length}`);
}

/** Words that only a bug would put in a message, unless the documents themselves contain them. */
const leakedWords = ['undefined', 'NaN', '[object Object]'];

function assertMessage(what: string, message: string, texts: Texts): void {
  assert.ok(typeof message === 'string' && message.trim() !== '', `${what} has an empty message`);
  for (const word of leakedWords) {
    if (message.includes(word)) assert.ok([...texts.values()].some((d) => d.text.includes(word)), `${what}: "${message}" shows ${word}`);
  }
}

/**
 * A finding's data is its rule's own type, but always plain data: it crosses worker threads (azs-lint) and is read back
 * by the rule's fixes, so it must come back unchanged from JSON: no undefined, NaN, functions or class instances.
 */
function assertPlainData(what: string, data: unknown): void {
  assert.ok(typeof data === 'object' && data !== null, `${what}: data is not an object`);
  assert.deepEqual(JSON.parse(JSON.stringify(data)), data, `${what}: data is not plain data`);
}

/**
 * Every finding of `uri` has a known code, severity and error, a message, and ranges inside the documents; and no rule
 * or reader of any workspace threw.
 */
export function assertWellFormed(uri: string, findings: readonly Finding[], texts: Texts): void {
  assert.deepEqual(internalErrors.splice(0), [], 'internal errors');
  for (const finding of findings) {
    const what = `${finding.code} in ${uri}`;
    assert.ok((ruleCodes as readonly string[]).includes(finding.code), `unknown code ${finding.code}`);
    assert.ok(severities.includes(finding.severity), `${what}: unknown severity ${finding.severity}`);
    assert.ok(finding.azureError === null || errorCodes.includes(finding.azureError), `${what}: unknown Azure error ${String(finding.azureError)}`);
    assertSpan(what, finding.start, finding.end, texts.get(uri)?.text);
    assertMessage(what, finding.message, texts);
    for (const related of finding.related) {
      assertSpan(`related information of ${what}`, related.start, related.end, texts.get(related.uri)?.text);
      assertMessage(`related information of ${what}`, related.message, texts);
    }
    if (finding.data !== undefined) assertPlainData(what, finding.data);
  }
}

function assertEditsInside(what: string, edits: readonly FileEdit[], texts: Texts): void {
  const sorted = [...edits].sort((a, b) => a.uri.localeCompare(b.uri) || a.start - b.start);
  sorted.forEach((edit, i) => {
    assertSpan(what, edit.start, edit.end, texts.get(edit.uri)?.text);
    assert.equal(typeof edit.newText, 'string', `${what}: newText`);
    const previous = sorted[i - 1];
    if (previous?.uri === edit.uri) assert.ok(previous.end <= edit.start && previous.start < edit.start, `${what}: edits overlap at ${edit.start}`);
  });
}

/** Every fix a finding offers (its rule's, the CloudDeploymentID lookup, disable comments) as the editor asks for them. */
function fixesOffered(document: FixDocument, finding: Finding): Fix[] {
  return [...fixesFor(document, finding), ...suppressionFixes(document, finding, true)];
}

/** Each finding's fixes and "Fix all" edit only documents of the workspace, inside their text, without overlaps. */
export function assertFixesInside(document: FixDocument, findings: readonly Finding[], texts: Texts): void {
  for (const finding of findings) {
    for (const fix of fixesOffered(document, finding)) {
      const what = `fix "${fix.title.en}" of ${finding.code} in ${document.uri}`;
      assert.ok(fix.title.en.trim() !== '' && fix.title.sv.trim() !== '', `${what}: empty title`);
      assertEditsInside(what, fix.edits, texts);
    }
  }
  const all = fixAll(document, findings).edits;
  assertEditsInside(`Fix all in ${document.uri}`, all, texts);
  assert.ok(all.every((e) => e.uri === document.uri), `Fix all in ${document.uri} edits another file`);
}

/** Applies changes given as offsets into the old text (as `LintWorkspace.update` takes them). */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  return applyEdits(text, changes.map((c) => ({ start: c.start, end: c.end, newText: c.text })));
}

/** CPU time this process has used, in milliseconds: what a busy machine does not add to (it only delays the work). */
function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * How long linting may take, by the number of characters involved: 1 s plus 25 times what a realistic document of
 * that size costs on this machine now. The per-character cost is measured when the suite starts (the least CPU time
 * of three lints of the seeds repeated to about 100,000 characters). Work in this process is held to its CPU time,
 * which other processes' load does not raise; the factor covers garbage collection, and a quadratic blow-up on a
 * 100,000-character input still exceeds it by far. A child process's work is held to wall-clock time plus an allowance.
 */
export class TimeBound {
  private static measured: Promise<TimeBound> | undefined;

  private constructor(readonly microsecondsPerCharacter: number) {}

  /** Measured once per process, for every suite that needs it. */
  static shared(): Promise<TimeBound> {
    TimeBound.measured ??= TimeBound.measure();
    return TimeBound.measured;
  }

  private static async measure(): Promise<TimeBound> {
    const documents = seeds.map((seed) => ({ ...seed, text: seed.text.repeat(Math.ceil(100_000 / seeds.length / seed.text.length)) }));
    const characters = documents.reduce((sum, d) => sum + d.text.length, 0);
    let least = Infinity;
    for (let round = 0; round < 3; round++) {
      const workspace = newWorkspace();
      const started = cpuMilliseconds();
      for (const document of documents) {
        await workspace.update(`${folder}${document.name}`, document.text, document.kind);
        workspace.findings(`${folder}${document.name}`);
      }
      least = Math.min(least, cpuMilliseconds() - started);
    }
    return new TimeBound((least * 1000) / characters);
  }

  milliseconds(characters: number): number {
    return 1000 + (25 * this.microsecondsPerCharacter * characters) / 1000;
  }

  /** Runs `action`, work done in this process, and fails when it uses more CPU time than the bound for `characters`. */
  within<T>(characters: number, what: string, action: () => Promise<T> | T): Promise<T> {
    return this.held(characters, what, action, { clock: cpuMilliseconds, kind: 'CPU time', allowanceMs: 0 });
  }

  /**
   * Runs `action`, which waits for a child process (whose CPU time this process does not see), and fails when it
   * takes longer than the bound for `characters` plus `allowanceMs`.
   */
  withinWallClock<T>(characters: number, what: string, action: () => Promise<T> | T, allowanceMs: number): Promise<T> {
    return this.held(characters, what, action, { clock: () => performance.now(), kind: 'wall-clock time', allowanceMs });
  }

  private async held<T>(characters: number, what: string, action: () => Promise<T> | T, { clock, kind, allowanceMs }: { clock: () => number; kind: string; allowanceMs: number }): Promise<T> {
    const started = clock();
    const result = await action();
    const elapsed = clock() - started;
    const bound = this.milliseconds(characters) + allowanceMs;
    assert.ok(elapsed <= bound, `${what} took ${elapsed.toFixed(0)} ms of ${kind} on ${characters} characters; the bound is ${bound.toFixed(0)} ms`);
    return result;
  }
}
