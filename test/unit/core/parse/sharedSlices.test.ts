import * as assert from 'node:assert/strict';
import { SharedSlices } from '../../../../src/core/parse/sharedSlices';

describe('parse/sharedSlices', () => {
  it('cuts the text as slice does, one string for every cut of the same characters', () => {
    const text = '-ApiVersion x -ApiVersion y -ApiVarsion z -Ab -Ab ' + 'p'.repeat(70) + ' ' + 'p'.repeat(70);
    const cuts = new SharedSlices(text);
    const words = [...text.matchAll(/\S+/g)].map((m) => cuts.slice(m.index, m.index + m[0].length));
    assert.deepEqual(words, text.split(' '));
    assert.ok(Object.is(words[0], words[2]), 'the same characters: one string');
    assert.equal(words[4], '-ApiVarsion', 'the same length, first and last character, other characters: a cut of its own');
    assert.equal(cuts.slice(3, 3), '');
  });
});
