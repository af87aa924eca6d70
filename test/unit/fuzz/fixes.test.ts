// "A fix leaves working code" on broken realistic workspaces: every fix offered on every finding keeps each edited
// document parsing as well as before, removes its finding and adds none (see core/support/fixInvariant.ts).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkFixInvariant } from '../core/support/fixInvariant';
import { brokenWorkspace, documentOf } from './support/arbitraries';
import { folder } from './support/checks';
import { writtenWorkspace } from './support/written';
import { fuzzIt } from './support/run';

/**
 * Broken workspaces of everyday size: huge pasted values and absurd nesting test the parsers (fuzz/lint.test.ts), and
 * applying each of a document's fixes to them one by one would take minutes.
 */
const everyday = brokenWorkspace.filter((workspace) => workspace.every(({ mutations }) => mutations.every((m) => m.kind !== 'insertHuge' && (m.kind !== 'nest' || m.depth <= 200))));

describe('fuzzing the fixes', () => {
  fuzzIt('every fix offered on a broken workspace leaves working code', 50, () => fc.asyncProperty(everyday, async (workspace) => {
    const documents = workspace.map(documentOf).map((d) => ({ uri: `${folder}${d.name}`, kind: d.kind, text: d.text }));
    const report = await checkFixInvariant(documents);
    assert.deepEqual(report.violations, []);
  }));

  fuzzIt('every fix offered where values are written through variables, parameters and expressions leaves working code', 60, () => fc.asyncProperty(writtenWorkspace, async (workspace) => {
    const report = await checkFixInvariant(workspace.map((d) => ({ uri: `${folder}${d.name}`, kind: d.kind, text: d.text })));
    assert.deepEqual(report.violations, []);
  }));
});
