import * as assert from 'node:assert/strict';
import { UNKNOWN } from '../../../src/core/ids';
import { isKnown, literalValue, locate, referencedAt, sliceValue, valueOf } from '../../../src/core/facts';

describe('core/facts', () => {
  // "reg-" written at 10, then a variable's "west" (assigned at 50) referenced at 14-19, then an unknown part.
  const value = valueOf([{ text: 'reg-', at: 10 }, ...referencedAt([{ text: 'west', at: 50 }], { start: 14, end: 19 }), { text: UNKNOWN }], { start: 10, end: 25 });

  it('merges adjacent unknown parts and drops empty ones', () => {
    const merged = valueOf([{ text: UNKNOWN }, { text: '' }, { text: UNKNOWN }, { text: 'x' }], { start: 0, end: 1 });
    assert.deepEqual(merged.segments, [{ text: UNKNOWN }, { text: 'x' }]);
    assert.equal(isKnown(merged), false);
    assert.equal(isKnown(literalValue('x', { start: 0, end: 1 })), true);
  });

  it('locates characters where they are written, or else at the reference or the whole value', () => {
    assert.deepEqual(locate(value, 1, 2), { start: 11, end: 13 });
    assert.deepEqual(locate(value, 4, 4), { start: 50, end: 54 }, 'inside the assignment');
    assert.deepEqual(locate(value, 2, 4), { start: 10, end: 25 }, 'across two segments');
    const unlocated = valueOf([{ text: 'ab' }, ...referencedAt([{ text: 'cd' }], { start: 7, end: 9 })], { start: 0, end: 9 });
    assert.deepEqual(locate(unlocated, 2, 2), { start: 7, end: 9 });
    assert.deepEqual(locate(unlocated, 0, 1), { start: 0, end: 9 });
  });

  it('slices a value, spanning the places its parts are used', () => {
    const slice = sliceValue(value, 2, 8);
    assert.equal(slice.text, 'g-west');
    assert.deepEqual(slice.span, { start: 12, end: 19 });
    assert.deepEqual(sliceValue(value, 0, 9).span, { start: 10, end: 25 }, 'an unknown part has no place of its own');
  });
});
