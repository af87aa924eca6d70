import * as assert from 'node:assert/strict';
import { UNKNOWN } from '../../../src/core/ids';
import {
  isKnown, literalValue, locate, locateWhole, plainValue, referencedAt, sliceSource, sliceValue, unknownValue, unknownValueAt, usedAt, valueOf, valueReferencedAt, writtenAt, writtenValue,
  type Value,
} from '../../../src/core/facts';

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

  it('locates a slice whole as it locates the slice worked out, whether one segment holds it or several', () => {
    const unlocated = valueOf([{ text: 'ab' }, ...referencedAt([{ text: 'cd' }], { start: 7, end: 9 })], { start: 0, end: 9 });
    for (const whole of [value, unlocated, literalValue('', { start: 3, end: 5 })]) {
      for (let start = 0; start <= whole.text.length; start++) {
        for (let end = start; end <= whole.text.length + 1; end++) {
          const slice = sliceValue(whole, start, end);
          const expected = locate(sliceValue(whole, start, end), 0, slice.text.length);
          assert.deepEqual(locateWhole(slice), expected, `${whole.text} ${start}-${end}`);
        }
      }
    }
    assert.deepEqual(locateWhole(sliceValue(value, 5, 7)), { start: 51, end: 53 }, 'inside the assignment');
    assert.deepEqual(locateWhole(sliceValue(unlocated, 0, 2)), { start: 0, end: 9 }, 'no place of its own: the whole value');
  });

  it('places each part of a slice as its worked-out segments do, though it reads them from the value it is sliced from', () => {
    const unlocated = valueOf([{ text: 'ab' }, ...referencedAt([{ text: 'cd' }], { start: 7, end: 9 })], { start: 0, end: 9 });
    // Not made by valueOf: two run-time parts in a row and an empty segment, which a slice's own segments join and leave out.
    const unjoined: Value = { text: `a${UNKNOWN}${UNKNOWN}bc`, segments: [{ text: 'a', at: 1 }, { text: UNKNOWN }, { text: '' }, { text: UNKNOWN }, { text: 'bc', at: 20 }], span: { start: 0, end: 30 } };
    const slices = [sliceValue(sliceValue(value, 1, 9), 1, 7), sliceValue(unjoined, 0, 6), sliceValue(sliceValue(unjoined, 0, 6), 1, 5), sliceValue(unlocated, 1, 4)];
    for (const whole of [value, unlocated, unjoined, ...slices, literalValue('', { start: 3, end: 5 })]) {
      for (let start = 0; start <= whole.text.length; start++) {
        for (let end = start; end <= whole.text.length + 1; end++) {
          // The slice of the whole worked out, its segments and span from the whole's worked-out segments.
          const workedOut = plainValue(sliceValue(plainValue(whole), start, end));
          assert.deepEqual(sliceValue(whole, start, end).span, workedOut.span, `span ${JSON.stringify(whole.text)} ${start}-${end}`);
          for (let index = 0; index <= end - start; index++) {
            for (let length = 0; index + length <= end - start; length++) {
              const at = `${JSON.stringify(whole.text)} ${start}-${end} [${index}, +${length}]`;
              assert.deepEqual(locate(sliceValue(whole, start, end), index, length), locate(workedOut, index, length), `written ${at}`);
              assert.deepEqual(usedAt(sliceValue(whole, start, end), index, length), usedAt(workedOut, index, length), `used ${at}`);
            }
          }
        }
      }
    }
    assert.deepEqual(sliceValue(unjoined, 0, 5).span, { start: 0, end: 30 }, 'a run-time part has no place of its own');
    assert.deepEqual(sliceValue(unjoined, 3, 5).span, { start: 20, end: 22 });
  });

  it('reads a one-piece value as the value it stands for: text, segments, span, and the place of each part and slice', () => {
    const pairs: [Value, Value][] = [
      [writtenValue('a-b', 5), literalValue('a-b', { start: 5, end: 8 }, 5)],
      [unknownValueAt(3, 9), unknownValue({ start: 3, end: 9 })],
      // A written character that is the run-time mark is still written there.
      [writtenValue(UNKNOWN, 2), literalValue(UNKNOWN, { start: 2, end: 3 }, 2)],
    ];
    for (const [onePiece, expected] of pairs) {
      assert.equal(onePiece.text, expected.text);
      assert.deepEqual(plainValue(onePiece), expected);
      assert.deepEqual(valueReferencedAt(onePiece, { start: 40, end: 42 }), referencedAt(expected.segments, { start: 40, end: 42 }));
      for (let index = -1; index <= expected.text.length + 1; index++) {
        for (let length = 0; index + length <= expected.text.length + 1; length++) {
          const at = `${JSON.stringify(expected.text)} [${index}, +${length}]`;
          assert.deepEqual(locate(onePiece, index, length), locate(expected, index, length), `written ${at}`);
          assert.deepEqual(usedAt(onePiece, index, length), usedAt(expected, index, length), `used ${at}`);
          // A rule tells by identity whether a place is the whole value's span.
          assert.equal(locate(onePiece, index, length) === onePiece.span, locate(expected, index, length) === expected.span, `the whole ${at}`);
          if (index < 0) continue;
          const [slice, expectedSlice] = [sliceValue(onePiece, index, index + length), sliceValue(expected, index, index + length)];
          assert.deepEqual(plainValue(slice), plainValue(expectedSlice), `slice ${at}`);
          for (let part = 0; part <= slice.text.length; part++) {
            assert.deepEqual(locate(slice, part, 1), locate(expectedSlice, part, 1), `written in the slice ${at} ${part}`);
            assert.deepEqual(usedAt(slice, part, 1), usedAt(expectedSlice, part, 1), `used in the slice ${at} ${part}`);
          }
        }
      }
    }
  });

  it('tells where a value written whole starts, as locate places its parts, and nothing for any other value', () => {
    const written = writtenValue('<a>-b', 7);
    assert.equal(writtenAt(written), 7);
    for (let index = 0; index < written.text.length; index++) {
      assert.deepEqual(locate(written, index, written.text.length - index), { start: 7 + index, end: 7 + written.text.length });
    }
    assert.deepEqual(written.span, usedAt(written, 1, 2), 'used where it is written');
    const others = [unknownValueAt(3, 9), literalValue('<a>', { start: 7, end: 10 }, 7), value, sliceValue(value, 1, 9), sliceValue(writtenValue('<a>-b', 7), 1, 3)];
    assert.deepEqual(others.map(writtenAt), [undefined, undefined, undefined, undefined, 8], 'only a part of a value written whole is one too');
  });

  it('tells where a slice lies in the value whose segments hold its pieces, unless two of them in a row are run-time parts', () => {
    const unjoined: Value = { text: `a${UNKNOWN}${UNKNOWN}bc`, segments: [{ text: 'a', at: 1 }, { text: UNKNOWN }, { text: UNKNOWN }, { text: 'bc', at: 20 }], span: { start: 0, end: 30 } };
    for (const whole of [value, unjoined, sliceValue(value, 1, 9), sliceValue(unjoined, 0, 4)]) {
      for (let start = 0; start <= whole.text.length; start++) {
        for (let end = start; end <= whole.text.length; end++) {
          const source = sliceSource(sliceValue(whole, start, end));
          if (source) assert.equal(source.value.text.slice(source.start, source.end), whole.text.slice(start, end), `${JSON.stringify(whole.text)} ${start}-${end}`);
        }
      }
    }
    assert.deepEqual(sliceSource(sliceValue(sliceValue(value, 1, 9), 1, 7)), { value, start: 2, end: 8 }, 'a slice of a slice: the value it is cut from');
    assert.deepEqual(sliceSource(sliceValue(unjoined, 2, 5)), { value: unjoined, start: 2, end: 5 });
    assert.equal(sliceSource(sliceValue(unjoined, 0, 4)), undefined, 'two run-time pieces in a row');
    assert.equal(sliceSource(value), undefined, 'no slice');
  });
});
