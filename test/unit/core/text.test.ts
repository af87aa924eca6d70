import * as assert from 'node:assert/strict';
import { LineMap, linesOf, looksBinary } from '../../../src/core/text';

describe('core/text', () => {
  it('counts \\r\\n, \\n and a lone \\r as line ends', () => {
    const map = new LineMap('a\r\nb\nc\rd');
    assert.deepEqual([0, 2, 3, 5, 7, 8].map((o) => map.positionAt(o)), [
      { line: 0, character: 0 }, { line: 0, character: 2 }, { line: 1, character: 0 }, { line: 2, character: 0 }, { line: 3, character: 0 }, { line: 3, character: 1 },
    ]);
    assert.deepEqual(linesOf('x\r\ny\n'), [{ start: 0, text: 'x' }, { start: 3, text: 'y' }, { start: 5, text: '' }]);
  });

  it('tells binary text by a NUL near the start', () => {
    assert.equal(looksBinary('MZ\0\0'), true);
    assert.equal(looksBinary('Set-AzsRegistration'), false);
  });
});
