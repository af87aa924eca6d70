import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TextChange } from '../../../src/core/lint';
import { asChange, withChange, withChanges, type UnsentEdit } from '../../../src/core/unsentEdit';

/** Applies `[at, removed, inserted]` edits one after another (each within the text as it is then). */
function typed(text: string, edits: [number, number, string][]): { text: string; edit: UnsentEdit | undefined } {
  let edit: UnsentEdit | undefined;
  for (const [at, removed, inserted] of edits) {
    const start = at % (text.length + 1);
    const end = Math.min(text.length, start + removed);
    text = text.slice(0, start) + inserted + text.slice(end);
    edit = withChange(edit, start, end, inserted.length);
  }
  return { text, edit };
}

describe('edits not yet sent to the linter', () => {
  it('make one change that turns the text sent into the text now', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.array(fc.tuple(fc.nat(60), fc.nat(5), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 12 }), (sent, edits) => {
      const now = typed(sent, edits);
      const change = asChange(now.edit as UnsentEdit, now.text);
      assert.equal(sent.slice(0, change.start) + change.text + sent.slice(change.end), now.text);
    }), { numRuns: 2000 });
  });

  it('span only what was edited: keys typed at the start of a long text are a short change', () => {
    const { text, edit } = typed('x'.repeat(1000), [[0, 0, '# '], [2, 0, 't'], [3, 0, 'y'], [3, 1, '']]);
    assert.deepEqual(asChange(edit as UnsentEdit, text), { start: 0, end: 0, text: '# t' });
    const apart = typed('x'.repeat(1000), [[10, 0, 'a'], [501, 1, 'bc']]);
    assert.deepEqual(asChange(apart.edit as UnsentEdit, apart.text), { start: 10, end: 501, text: `a${'x'.repeat(490)}bc` });
  });
});

describe('edits of texts the linter skipped unread', () => {
  /** Places in `text` that do not overlap, each `[start, end, inserted]`, from `[at, removed, inserted]` picks. */
  function changesOf(text: string, picks: [number, number, string][]): TextChange[] {
    const changes: TextChange[] = [];
    let from = 0;
    for (const [at, removed, inserted] of picks) {
      const start = from + (at % (text.length - from + 1));
      const end = Math.min(text.length, start + removed);
      changes.push({ start, end, text: inserted });
      from = end + 1;
      if (from > text.length) break;
    }
    return changes;
  }
  const applied = (text: string, changes: readonly TextChange[]) =>
    [...changes].sort((a, b) => b.start - a.start).reduce((now, c) => now.slice(0, c.start) + c.text + now.slice(c.end), text);

  it('add up, edit after edit of several changes each, to one change of the text read', () => {
    const pick = fc.tuple(fc.nat(60), fc.nat(5), fc.string({ maxLength: 4 }));
    fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.array(fc.array(pick, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (read, edits) => {
      let text = read;
      let edit: UnsentEdit | undefined;
      for (const picks of edits) {
        const changes = changesOf(text, picks);
        text = applied(text, changes);
        edit = withChanges(edit, changes);
      }
      const change = asChange(edit as UnsentEdit, text);
      assert.equal(read.slice(0, change.start) + change.text + read.slice(change.end), text);
    }), { numRuns: 2000 });
  });
});
