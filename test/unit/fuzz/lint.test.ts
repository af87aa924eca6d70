// Fuzzing the linter core: random text and broken realistic documents never make LintWorkspace throw, findings and
// quick fixes stay inside the documents, linting stays within a time bound, and incremental updates agree with a
// fresh parse. A failure prints the seed, the path and the shrunk counterexample (see support/run.ts).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits } from '../../../src/core/fixes';
import { fixAll } from '../../../src/core/quickFixes';
import { languages } from '../../../src/core/languages/index';
import type { DocumentKind, Finding, LiveData, Locale, TextChange } from '../../../src/core/lint';
import { broken, brokenSeed, brokenWorkspace, documentOf, editDraft, randomText, type Document, type EditDraft } from './support/arbitraries';
import { TimeBound, applyChanges, assertFixesInside, assertWellFormed, folder, newWorkspace, type Texts } from './support/checks';
import { fuzzIt } from './support/run';
import { seeds } from './support/seeds';

const kinds = Object.fromEntries(languages.map((language) => [language.kind, language.extensions[0]]));

/** What Azure answers, when the editor is signed in: one answer for every registration and every tenant. */
const liveAnswers = fc.option(fc.record({
  registration: fc.constantFrom<ReturnType<LiveData['registration']>>(undefined, 'absent', { billingModel: 'PayAsYouUse' }, { billingModel: 'Capacity' }, { billingModel: undefined }),
  tenant: fc.constantFrom<ReturnType<LiveData['tenant']>>(undefined, 'present', 'absent'),
}), { nil: undefined });

function liveData(answers: { registration: ReturnType<LiveData['registration']>; tenant: ReturnType<LiveData['tenant']> }): LiveData {
  return { registration: () => answers.registration, tenant: () => answers.tenant };
}

const key = (f: Finding) => `${f.code} ${f.start}-${f.end} ${f.severity} ${f.message} ${JSON.stringify(f.related)} ${JSON.stringify(f.data ?? {})}`;

/** Findings of every document, each checked for shape and fixes; each step within the time bound. */
async function lintAll(bound: TimeBound, documents: readonly Document[], options: { locale?: Locale; live?: LiveData } = {}) {
  const workspace = newWorkspace();
  workspace.configure(options);
  const texts = new Map(documents.map((d) => [`${folder}${d.name}`, { text: d.text, kind: d.kind }]));
  const characters = documents.reduce((sum, d) => sum + d.text.length, 0);
  for (const [uri, { text, kind }] of texts) await bound.within(characters, `update of ${uri}`, () => workspace.update(uri, text, kind));
  const check = (uris: Iterable<string>, current: Texts) => {
    for (const uri of uris) {
      const findings = workspace.findings(uri);
      assertWellFormed(uri, findings, current);
      assertFixesInside({ uri, ...current.get(uri)! }, findings, current);
      assert.equal(typeof (workspace.notice(uri) ?? ''), 'string');
    }
  };
  await bound.within(characters, 'findings', () => check(texts.keys(), texts));
  return { workspace, texts, check };
}

/** Drafts as non-overlapping changes in the order of their offsets into `text`. */
function changesFor(text: string, drafts: readonly EditDraft[]): TextChange[] {
  const changes: TextChange[] = [];
  for (const draft of [...drafts].sort((a, b) => (a.at % (text.length + 1)) - (b.at % (text.length + 1)))) {
    const start = draft.at % (text.length + 1);
    const previous = changes.at(-1);
    if (previous && start <= previous.end) continue;
    changes.push({ start, end: Math.min(text.length, start + draft.length), text: draft.text });
  }
  return changes;
}

describe('fuzzing the linter', () => {
  let bound: TimeBound;

  before(async function () {
    this.timeout(60_000);
    bound = await TimeBound.shared();
    console.log(`    time bound: 1 s + ${(25 * bound.microsecondsPerCharacter).toFixed(1)} µs per character (${bound.milliseconds(100_000).toFixed(0)} ms for 100,000)`);
  });

  fuzzIt('random text, read as each kind of document, gives well-formed findings and fixes', 530, () => fc.asyncProperty(randomText, async (text) => {
    await lintAll(bound, Object.entries(kinds).map(([kind, extension]) => ({ name: `random.${extension}`, kind: kind as DocumentKind, text })));
  }));

  fuzzIt('broken realistic documents, linted together, give well-formed findings and fixes, also after one is removed', 700, () => fc.asyncProperty(
    brokenWorkspace, fc.constantFrom<Locale>('en', 'sv'), liveAnswers, fc.nat(),
    async (workspaceSeeds, locale, answers, removed) => {
      const { workspace, texts, check } = await lintAll(bound, workspaceSeeds.map(documentOf), { locale, ...(answers ? { live: liveData(answers) } : {}) });
      const gone = [...texts.keys()][removed % texts.size];
      await workspace.remove(gone);
      const remaining = new Map([...texts].filter(([uri]) => uri !== gone));
      check(remaining.keys(), remaining);
    },
  ));

  fuzzIt('applying "Fix all" again and again settles within three rounds', 240, () => fc.asyncProperty(brokenSeed, async (seed) => {
    const document = documentOf(seed);
    const { workspace, texts } = await lintAll(bound, [document]);
    const uri = [...texts.keys()][0];
    let text = document.text;
    for (let round = 0; ; round++) {
      const { edits } = fixAll({ uri, text, kind: document.kind }, workspace.findings(uri));
      if (edits.length === 0) return;
      assert.ok(round < 3, `"Fix all" still changes ${JSON.stringify(edits)} after ${round} rounds`);
      text = applyEdits(text, edits);
      await bound.within(text.length, 'update after Fix all', () => workspace.update(uri, text, document.kind));
      assertWellFormed(uri, workspace.findings(uri), new Map([[uri, { text, kind: document.kind }]]));
    }
  }));

  /** PowerShell seeds come three times over: theirs is the only incremental parse. */
  const editedSeed = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...seeds.filter((s) => s.kind === 'powershell')).chain(broken) },
    { weight: 1, arbitrary: fc.constantFrom(...seeds.filter((s) => s.kind !== 'powershell')).chain(broken) },
  );
  /** Each step: one to three changes, and now and then offsets that do not match the text (the linter must notice). */
  const steps = fc.array(fc.record({ drafts: fc.array(editDraft, { minLength: 1, maxLength: 3 }), stale: fc.nat({ max: 7 }).map((n) => n === 0) }), { minLength: 1, maxLength: 5 });

  fuzzIt('incremental updates with random edits give the findings of a fresh parse', 350, () => fc.asyncProperty(editedSeed, steps, async (seed, edits) => {
    const document = documentOf(seed);
    const uri = `${folder}${document.name}`;
    const workspace = newWorkspace();
    let text = document.text;
    await workspace.update(uri, text, document.kind);
    workspace.findings(uri);
    for (const { drafts, stale } of edits) {
      const changes = changesFor(text, drafts);
      text = applyChanges(text, changes);
      const reported = stale ? changes.map((c) => ({ ...c, start: c.start + 1, end: c.end + 1 })) : changes;
      await bound.within(text.length, 'incremental update', () => workspace.update(uri, text, document.kind, reported));
      const fresh = newWorkspace();
      await fresh.update(uri, text, document.kind);
      const findings = workspace.findings(uri);
      assert.deepEqual(findings.map(key), fresh.findings(uri).map(key));
      assertWellFormed(uri, findings, new Map([[uri, { text, kind: document.kind }]]));
    }
  }));
});
