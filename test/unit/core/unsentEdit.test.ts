import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { asChange, withChange, type UnsentEdit } from '../../../src/core/unsentEdit';

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
