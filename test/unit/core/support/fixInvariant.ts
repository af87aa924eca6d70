// The invariant every quick fix keeps ("a fix leaves working code"), checked by applying each fix the editor offers
// for each finding of a workspace of documents: afterwards each edited document parses as well as before (no more
// tree-sitter ERROR or MISSING nodes in PowerShell, no more JSON syntax errors), the finding the fix is for is gone,
// no finding appears that was not there before, and what the documents send and declare keeps every part it knew (a
// fix that writes over a whole expression where one value of it is wrong loses the others), and no template stops
// using a parameter (a value a parameter file gives is fixed there, not by writing over the reference to it).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Node } from 'web-tree-sitter';
import { parse, type ParseError } from 'jsonc-parser';
import { applyEdits, suppressionFixes, type FileEdit, type Fix, type FixDocument } from '../../../../src/core/fixes';
import { fixesFor } from '../../../../src/core/quickFixes';
import { LintWorkspace, describeInternalError, documentKindFor, type Finding } from '../../../../src/core/lint';
import { isKnown, type FileFacts, type RegistrationRef, type Value } from '../../../../src/core/facts';
import { codeBlocks } from '../../../../src/core/languages/index';
import { maskedText } from '../../../../src/core/parse/markdown';
import { PowerShellParser } from '../../../../src/core/parse/powershell';
import { testWasmDir } from './wasm';

/** A document, and how it is saved where that matters (AZS107: VS Code's encoding ids). */
export type Document = FixDocument & { encoding?: string };

/** Snippet text as the editor leaves it when every placeholder keeps its default (a choice: its first option). */
export function expandSnippet(text: string): string {
  return text
    .replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

/** A fix's edits as they end up in the document: snippet placeholders expanded to their defaults. */
export function appliedEdits(fix: Fix): FileEdit[] {
  return fix.snippet ? fix.edits.map((e) => ({ ...e, newText: expandSnippet(e.newText) })) : fix.edits;
}

/** Every fix the editor offers on a finding: its rule's, the CloudDeploymentID lookup, and disable comments. */
export function offeredFixes(document: Document, finding: Finding): Fix[] {
  return [...fixesFor(document, finding), ...suppressionFixes(document, finding, /\.jsonc$/i.test(document.uri))];
}

/** ERROR and MISSING nodes under `root`, visiting only subtrees that hold one (iteratively: fuzzed nesting is deep). */
function countErrors(root: Node): number {
  let count = 0;
  const pending: Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (!node.hasError) continue;
    if (node.isError || node.isMissing) count++;
    for (const child of node.children) if (child) pending.push(child);
  }
  return count;
}

/** Syntax errors in a document: tree-sitter ERROR and MISSING nodes for PowerShell, parse errors for JSON; 0 otherwise. */
export async function syntaxErrors(document: Pick<Document, 'uri' | 'kind' | 'text'>): Promise<number> {
  if (document.kind === 'json') {
    const errors: ParseError[] = [];
    parse(document.text, errors, { allowTrailingComma: /\.jsonc$/i.test(document.uri), disallowComments: !/\.jsonc$/i.test(document.uri) });
    return errors.length;
  }
  if (document.kind === 'markdown') {
    // Each code block as the document its language reads.
    let errors = 0;
    for (const { block, kind } of codeBlocks(document.text)) errors += await syntaxErrors({ uri: document.uri, kind, text: maskedText(document.text, [block]) });
    return errors;
  }
  if (document.kind !== 'powershell') return 0;
  const parser = await PowerShellParser.load(testWasmDir());
  const tree = parser.parse(document.text);
  if (!tree) throw new Error(`${document.uri}: no syntax tree`);
  try {
    return countErrors(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/**
 * Where an offset of the text before `edits` (sorted) is afterwards: text inserted at it pushes it on, and an offset
 * inside a replaced range goes to the replacement's start.
 */
function mapOffset(offset: number, edits: readonly FileEdit[]): number {
  let shift = 0;
  for (const edit of edits) {
    if (edit.start > offset) break;
    if (edit.end > offset) return edit.start + shift;
    shift += edit.newText.length - (edit.end - edit.start);
  }
  return offset + shift;
}

export interface InvariantReport {
  /** Fixes applied and checked. */
  fixes: number;
  /** Fixes checked per rule code of the finding they were offered on. */
  byCode: Map<string, number>;
  violations: string[];
}

/** Sees each document a fix edits, before and after (the oracle tests parse them with PowerShell too). */
export type FixedDocumentObserver = (change: { original: Document; fixed: Document; fix: Fix; finding: Finding }) => void;

/** Each folder is one workspace: its files are linted together, as the editor and azs-lint do. */
export const fixtureWorkspaces = [...['oslo-runbook', 'lab-wiki', 'api-notes'].map((f) => `test/fixtures/realworld/md/${f}`), 'test/fixtures/lint/workspace', 'test/fixtures/lint/clean', 'test/fixtures/workspace', 'test/fixtures/untrusted-workspace', 'test/fixtures/grammar', 'demo', 'test/fixtures/realworld/json'];

/** The documents of a folder and its subfolders that the linter reads, as the editor holds them (no byte order mark). */
export function documentsIn(folder: string): Document[] {
  return readdirSync(folder).sort().flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return documentsIn(path);
    const kind = documentKindFor(name);
    return kind ? [{ uri: pathToFileURL(path).href, kind, text: readFileSync(path, 'utf8').replace(/^\uFEFF/, '') }] : [];
  });
}

/** How many times a JSON document calls ARM's parameters() (a template's references to its parameters). */
function parameterReferences(document: Pick<Document, 'kind' | 'text'>): number {
  return document.kind === 'json' ? document.text.match(/\bparameters\s*\(/gi)?.length ?? 0 : 0;
}

/** A finding's place, as a key that survives edits elsewhere. */
const placeKey = (uri: string, code: string, start: number) => `${uri} ${code} @${start}`;

/**
 * Applies every fix offered on every finding of `documents` (linted together, as a workspace or a CLI run), one at a
 * time on the original texts, and reports each fix that breaks the invariant.
 */
export async function checkFixInvariant(documents: readonly Document[], onFixed?: FixedDocumentObserver): Promise<InvariantReport> {
  const internalErrors: string[] = [];
  const workspace = new LintWorkspace({ wasmDir: testWasmDir(), keepSyntaxTrees: false, onInternalError: (e) => internalErrors.push(describeInternalError(e)) });
  for (const document of documents) await workspace.update(document.uri, document.text, document.kind, undefined, document.encoding);
  // As the editor hands them to the fixes: with what the parser made of them.
  const targets = documents.map((d) => ({ ...d, syntaxErrors: workspace.hasSyntaxErrors(d.uri) }));
  const byUri = new Map(documents.map((d) => [d.uri, d]));
  const before = new Map(documents.map((d) => [d.uri, workspace.findings(d.uri)]));
  const errorsBefore = new Map<string, number>();
  const report: InvariantReport = { fixes: 0, byCode: new Map(), violations: [] };
  for (const document of targets) {
    for (const finding of before.get(document.uri) ?? []) {
      for (const fix of offeredFixes(document, finding)) {
        const problems = await checkFix(workspace, byUri, before, errorsBefore, document, finding, fix, onFixed);
        report.fixes++;
        report.byCode.set(finding.code, (report.byCode.get(finding.code) ?? 0) + 1);
        report.violations.push(...problems.map((p) => `${document.uri}: "${fix.title.en}" on ${finding.code} at ${finding.start}: ${p}`));
      }
    }
  }
  report.violations.push(...internalErrors);
  return report;
}

/**
 * A finding that was there all along behind the one fixed, not within the text the fix wrote. Only a repaired
 * registration reference reveals any: a resource ID with a misspelled segment (AZS101) or a registration name that
 * no file declares (AZS103). The rules that check a registration read it only once its ID parses and its name is one the
 * workspace knows, so after the repair they read on to the next mistake, in this file or in the files that use the
 * registration it declares.
 */
function revealed(found: Finding, uri: string, fixed: Finding, edits: ReadonlyMap<string, FileEdit[]>): boolean {
  const withinNewText = (e: FileEdit) => found.start >= e.start && found.end <= e.start + e.newText.length;
  return (fixed.code === 'AZS101' || fixed.code === 'AZS103') && !(edits.get(uri) ?? []).some(withinNewText);
}

/** A fact of a document, and what it knows of each of its parts in order: k (known), ? (left to run time) or - (missing). */
interface Parts {
  fact: string;
  parts: string;
}

/** What a document's requests and declarations hold, by kind of fact, each kind in the order of the text. */
function partsOf(facts: FileFacts | undefined): Parts[][] {
  if (!facts) return [];
  const part = (value: Value | undefined) => (value === undefined ? '-' : isKnown(value) ? 'k' : '?');
  const ref = ({ subscriptionId, resourceGroup, name }: RegistrationRef) => `${part(subscriptionId)}${part(resourceGroup)}${part(name)}`;
  return [
    facts.tenantOperations.map((o) => ({ fact: `${o.action} of customer subscriptions (registration's subscription, group, name; customer; tenant)`, parts: `${ref(o.registration)}${part(o.customerSubscriptionId)}${part(o.tenantId)}` })),
    facts.registrations.map((d) => ({ fact: 'registration (subscription, group, name; billing model)', parts: `${ref(d.ref)}${part(d.billingModel?.value)}` })),
    facts.resourceIds.map((r) => ({ fact: 'resource ID', parts: part(r.path) })),
    facts.apiVersions.map((a) => ({ fact: 'api-version', parts: part(a.value) })),
    facts.billingModels.map((b) => ({ fact: 'billing model', parts: part(b.value) })),
  ];
}

/** Whether `after` is the fact `before`, with no part it knew now unknown or missing. */
const keeps = (before: Parts, after: Parts) => before.fact === after.fact && [...before.parts].every((known, i) => known !== 'k' || after.parts[i] === 'k');

/**
 * The facts of `before` a fix lost: each must still be there, in order, knowing at least what it knew (a fix may add
 * facts: the CloudDeploymentID lookup is a request of its own).
 */
function lostParts(before: readonly Parts[][], after: readonly Parts[][]): string[] {
  return before.flatMap((facts, kind) => {
    const left = after[kind] ?? [];
    let next = 0;
    return facts.flatMap((fact) => {
      while (next < left.length && !keeps(fact, left[next])) next++;
      return next++ < left.length ? [] : [`${fact.fact} ${fact.parts}`];
    });
  });
}

async function checkFix(
  workspace: LintWorkspace, byUri: ReadonlyMap<string, Document>, before: ReadonlyMap<string, Finding[]>, errorsBefore: Map<string, number>,
  document: Document, finding: Finding, fix: Fix, onFixed: FixedDocumentObserver | undefined,
): Promise<string[]> {
  const edits = new Map<string, FileEdit[]>();
  for (const edit of appliedEdits(fix)) edits.set(edit.uri, [...(edits.get(edit.uri) ?? []), edit].sort((a, b) => a.start - b.start));
  const problems: string[] = [];
  try {
    for (const [uri, fileEdits] of edits) {
      const original = byUri.get(uri);
      if (!original) return [`edits ${uri}, which the workspace does not hold`];
      const fixed = { ...original, text: applyEdits(original.text, fileEdits) };
      onFixed?.({ original, fixed, fix, finding });
      if (!errorsBefore.has(uri)) errorsBefore.set(uri, await syntaxErrors(original));
      const errors = await syntaxErrors(fixed);
      if (errors > errorsBefore.get(uri)!) problems.push(`${uri} has ${errors} syntax errors afterwards, ${errorsBefore.get(uri)} before`);
      const referencesLost = parameterReferences(original) - parameterReferences(fixed);
      if (referencesLost > 0) problems.push(`${uri} refers to its parameters ${referencesLost} times less: the value given for one is no longer used`);
      const partsBefore = partsOf(workspace.factsOf(uri));
      await workspace.update(uri, fixed.text, fixed.kind, undefined, fixed.encoding);
      problems.push(...lostParts(partsBefore, partsOf(workspace.factsOf(uri))).map((lost) => `${uri} no longer has: ${lost}`));
    }
    const expected = new Map<string, number>();
    for (const [uri, findings] of before) {
      for (const f of findings) {
        const key = placeKey(uri, f.code, mapOffset(f.start, edits.get(uri) ?? []));
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
    }
    // The lookup is offered on AZS101–AZS103 too, but what it settles is the unchecked CloudDeploymentID (AZS501).
    const lookup = fix.title.en === 'Insert CloudDeploymentID lookup';
    const targets = lookup ? (before.get(document.uri) ?? []).filter((f) => f.code === 'AZS501') : [finding];
    for (const [uri] of before) {
      for (const f of workspace.findings(uri)) {
        const key = placeKey(uri, f.code, f.start);
        const left = expected.get(key) ?? 0;
        if (left > 0) expected.set(key, left - 1);
        else if (!revealed(f, uri, finding, edits)) problems.push(`new ${f.code} in ${uri} at ${f.start}: ${f.message}`);
        if (uri === document.uri && targets.some((t) => t.code === f.code && mapOffset(t.start, edits.get(uri) ?? []) === f.start)) {
          problems.push(`the ${f.code} it fixes is still there`);
        }
      }
    }
  } finally {
    for (const uri of edits.keys()) {
      const original = byUri.get(uri);
      if (original) await workspace.update(uri, original.text, original.kind, undefined, original.encoding);
    }
  }
  return problems;
}
