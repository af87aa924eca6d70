import * as assert from 'node:assert/strict';
import { SharedSlices } from '../../../../src/core/parse/sharedSlices';

describe('parse/sharedSlices', () => {
  // Whether two equal strings are one string cannot be seen from JavaScript (Object.is compares their characters), so
  // the sharing is measured (bench/NOTES: memory kept per dense read), and this checks what a wrong sharing would break.
  it('cuts the text as slice does, also where an earlier cut has the same length and first and last characters', () => {
    const text = '-ApiVersion x -ApiVersion y -ApiVarsion z -Ab -Ab ' + 'p'.repeat(70) + ' ' + 'p'.repeat(70);
    const cuts = new SharedSlices(text);
    const words = [...text.matchAll(/\S+/g)].map((m) => cuts.slice(m.index, m.index + m[0].length));
    assert.deepEqual(words, text.split(' '));
    assert.equal(words[4], '-ApiVarsion', 'the same length, first and last character, other characters: a cut of its own');
    assert.equal(cuts.slice(3, 3), '');
  });
});
