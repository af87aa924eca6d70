import * as assert from 'node:assert/strict';
import { parse, visit, type JSONVisitor, type ParseError } from 'jsonc-parser';
import { parseJsonTolerant, visitJson, type JsonVisitor } from '../../../../src/core/parse/jsonVisit';

/** Every callback a visit makes, with the arguments `JsonVisitor` names (offset, length, and a name, value or error). */
function events(run: (visitor: JsonVisitor & JSONVisitor) => void): string[] {
  const seen: string[] = [];
  const record = (name: string, count: number) => (...args: unknown[]) => {
    seen.push(`${name} ${JSON.stringify(args.slice(0, count))}`);
  };
  run({
    onObjectBegin: record('{', 1), onObjectEnd: record('}', 2), onArrayBegin: record('[', 1), onArrayEnd: record(']', 2),
    onObjectProperty: record('key', 3), onLiteralValue: record('value', 3), onComment: record('comment', 2), onError: record('error', 3),
  });
  return seen;
}

/** Texts that take every path of the parser's recovery: each cut short at every length, and each with a token dropped. */
const samples = [
  '{"a": [1, -2.5e3, true, false, null, "s\\u00e9\\n"], "b": {"c": {}}, "d": []}',
  '// line\n/* block */ {"a": 1, /* in */ "b": [1, 2,], "c": {"d": 1,},}',
  '{"a" 1, "b": , : 3, 4, "c": [1 2, , 3], "d": tru, "e": 1.e, "f": "\\q\\u12", "g": 0x1}',
  '[{]}, {[}], "x": 1, "y"}] extra',
  '{"__proto__": {"a": 1}, "a": 1, "a": 2, "\u00e9": "\ud800"}',
  '/* open comment {"a": 1}',
  '@ {"a": @1} #',
];
const variants = samples.flatMap((text) => [
  ...Array.from({ length: text.length + 1 }, (_, end) => text.slice(0, end)),
  ...Array.from({ length: text.length }, (_, at) => text.slice(0, at) + text.slice(at + 1)),
]);

describe('parse/jsonVisit', () => {
  it(`makes jsonc-parser's callbacks, with the same offsets and errors, over ${variants.length} whole, cut and broken texts`, () => {
    for (const text of variants) {
      assert.deepEqual(events((visitor) => visitJson(text, visitor)), events((visitor) => {
        visit(text, visitor, { allowTrailingComma: true });
      }), text);
    }
  });

  it('reads the same values and errors as jsonc-parser\'s tolerant parse', () => {
    for (const text of variants) {
      const ours: ParseError[] = [];
      const theirs: ParseError[] = [];
      // As text: a "__proto__" key sets each object's prototype to an object of its own, equal but not the same.
      assert.equal(JSON.stringify(parseJsonTolerant(text, ours)), JSON.stringify(parse(text, theirs, { allowTrailingComma: true })), text);
      assert.deepEqual(ours, theirs, text);
    }
  });

  it('reads JSONC nested 100,000 deep whole', () => {
    const depth = 100_000;
    const text = `/* deep */ ${'{"a": ['.repeat(depth)}"bottom"${']}'.repeat(depth)}`;
    let opened = 0;
    let closed = 0;
    const bottom: number[] = [];
    visitJson(text, {
      onArrayBegin: () => opened++,
      onArrayEnd: () => closed++,
      onLiteralValue: (_value, offset) => bottom.push(offset),
    });
    assert.deepEqual([opened, closed, bottom], [depth, depth, [text.indexOf('"bottom"')]]);
    const errors: ParseError[] = [];
    let value = parseJsonTolerant(text, errors);
    for (let level = 0; level < depth; level++) value = (value as { a: unknown[] }).a[0];
    assert.deepEqual([value, errors], ['bottom', []]);
  });
});
