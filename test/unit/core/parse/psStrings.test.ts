import * as assert from 'node:assert/strict';
import { decodeString, type Interpolate } from '../../../../src/core/parse/psStrings';

const unknown: Interpolate = { interpolate: (at) => ({ segments: [{ text: '?' }], end: at + 2 }) };

function decode(text: string): string | undefined {
  const decoded = decodeString(text, 0, text.length, unknown);
  return decoded && `${decoded.segments.map((s) => s.text).join('')}|${decoded.end}`;
}

describe('parse/psStrings', () => {
  it('decodes verbatim strings, doubled quotes and typographic quotes', () => {
    assert.equal(decode("'it''s'"), "it's|7");
    assert.equal(decode('\u2018curly\u2019'), 'curly|7');
    assert.equal(decode("'not closed"), undefined);
  });

  it('decodes expandable strings: escapes, doubled quotes and interpolations', () => {
    assert.equal(decode('"a`tb`"c""d"'), 'a\tb"c"d|12');
    assert.equal(decode('"x$ay"'), 'x?y|6');
    assert.equal(decode('"cost $5"'), 'cost $5|9', 'a $ that starts no variable is text');
  });

  it('decodes here-strings, keeping quotes inside them', () => {
    assert.equal(decode("@'\nline 'one'\n'@"), "line 'one'|16");
    assert.equal(decode('@"\n"quoted" $v\n"@'), '"quoted" ?|17');
    assert.equal(decode('@"\nnever closed'), undefined);
  });

  it('keeps the document offsets of copied characters', () => {
    const decoded = decodeString("x = 'ab''cd'", 4, 12, unknown);
    assert.deepEqual(decoded?.segments, [{ text: 'ab', at: 5 }, { text: "'" }, { text: 'cd', at: 9 }]);
  });
});
