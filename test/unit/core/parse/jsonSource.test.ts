import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTree, type ParseError } from 'jsonc-parser';
import { embeddedJson, isMap, memberKey, parseJson, placeIn, sameLowerCase, spanTree, type Json, type JsonPlace, type JsonSource, type SpanTree } from '../../../../src/core/parse/jsonSource';

/** Each string of `root` (a parsed document) with its place. */
function stringsOf(root: Json, at: JsonPlace | undefined = undefined, found: { place: JsonPlace; value: string }[] = []): { place: JsonPlace; value: string }[] {
  const entries: [string | number, Json][] = Array.isArray(root) ? root.map((value, i) => [i, value]) : isMap(root) ? Object.entries(root) : [];
  for (const [key, value] of entries) {
    if (typeof value === 'string') found.push({ place: placeIn(at, key), value });
    else stringsOf(value, placeIn(at, key), found);
  }
  return found;
}

/** Whether the position scan reads back every string of a well-formed document as its parse has it. */
function readsBackEveryString(source: JsonSource, root: Json): void {
  assert.equal(source.hasErrors, false);
  for (const { place, value } of stringsOf(root)) assert.equal(source.stringAt(place), value);
}

// Keys as written: `"a\\u0062"` is the key `ab`.
const keys = fc.oneof(fc.string({ maxLength: 3 }).map((key) => JSON.stringify(key)), fc.constantFrom('"__proto__"', '"name"', '"a\\u0062"', '"ab"', '"constructor"'));
const documents = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string({ unit: 'binary', maxLength: 6 }), fc.integer(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  // Written out member by member, so that a key may come twice (a parse keeps the last).
  object: fc.array(fc.tuple(keys, tie('value')), { maxLength: 4 }).map((members) => ({ members })),
})).value;
const write = (value: unknown, blank: string): string => {
  if (Array.isArray(value)) return `[${value.map((v) => write(v, blank)).join(`,${blank}`)}]`;
  if (value !== null && typeof value === 'object') {
    return `{${(value as { members: [string, unknown][] }).members.map(([key, v]) => `${key}:${blank}${write(v, blank)}`).join(`,${blank}`)}}`;
  }
  return JSON.stringify(value);
};

/** The node `path` (keys from the root) leads to in a span tree. */
const walk = (tree: SpanTree, path: readonly string[]) => path.reduce<SpanTree | undefined>((node, key) => node?.children?.get(key), tree);

describe('parse/jsonSource', () => {
  it('finds a property in any letter case, as ARM reads names, and gives its key as written', () => {
    const map = { Type: 'a', dependsOn: [], TENANTID: 'b', '\u212Aey': 'c' };
    assert.equal(memberKey(map, 'type'), 'Type');
    assert.equal(memberKey(map, 'tenantId'), 'TENANTID');
    assert.equal(memberKey(map, 'resources'), undefined); // a key of the same length that differs
    assert.equal(memberKey(map, 'key'), '\u212Aey'); // the Kelvin sign is a K in lower case
    assert.equal(memberKey(['type'], 'type'), undefined);
  });

  it('reads each string of a well-formed document back from its text, where keys repeat, escape or are __proto__, and in a string of another', () => {
    fc.assert(fc.property(documents, fc.constantFrom('', ' ', '\n  ', '/* c */ '), (document, blank) => {
      const text = write({ members: [['"resources"', document]] }, blank);
      const { root, source } = parseJson(text);
      readsBackEveryString(source, root as Json);
      if (blank.includes('/*')) return; // a string of another holds JSON only
      const outer = parseJson(JSON.stringify({ body: text }));
      const inner = embeddedJson(outer.source, undefined, 'body', text, /./);
      assert.ok(inner);
      readsBackEveryString(inner.source, inner.root as Json);
    }), { numRuns: 300, seed: 20261205 });
  });

  it('keeps, only on the way to the paths asked for, what it keeps of the whole text, and finds errors where jsonc-parser does', () => {
    // Paths of the keys documents use most, and texts cut short or with a character dropped (errors, as the parser says).
    const path = fc.array(fc.constantFrom('', 'name', 'ab', '__proto__'), { maxLength: 3 });
    const text = fc.tuple(documents, fc.constantFrom('', ' ', '/* c */ '), fc.nat(), fc.constantFrom('whole', 'cut', 'drop')).map(([document, blank, at, how]) => {
      const whole = write(document, blank);
      const i = at % (whole.length + 1);
      return how === 'whole' ? whole : how === 'cut' ? whole.slice(0, i) : whole.slice(0, i) + whole.slice(i + 1);
    });
    fc.assert(fc.property(text, fc.array(path, { minLength: 1, maxLength: 3 }), (text, paths) => {
      const errors: ParseError[] = [];
      parseTree(text, errors);
      const { root, errors: hasErrors } = spanTree(text, paths);
      assert.equal(hasErrors, errors.length > 0);
      if (hasErrors) return;
      const whole = spanTree(text).root;
      for (const wanted of paths) assert.deepEqual(walk(root, wanted)?.span, walk(whole, wanted)?.span, JSON.stringify(wanted));
      // Nothing else is kept: each node is on the way to a path asked for.
      const kept = (node: SpanTree, at: string[]): void => {
        assert.ok(paths.some((p) => at.every((key, i) => p[i] === key)), JSON.stringify(at));
        for (const [key, child] of node.children ?? []) kept(child, [...at, String(key)]);
      };
      kept(root, []);
    }), { numRuns: 2000, seed: 20261205 });
  });

  it('keeps the last value of a repeated key everywhere, as JSON.parse does', () => {
    fc.assert(fc.property(documents, (document) => {
      const text = write(document, ' ');
      const { root, errors } = spanTree(text);
      assert.equal(errors, false);
      const same = (node: SpanTree | undefined, value: unknown): void => {
        assert.ok(node?.span);
        assert.deepEqual(JSON.parse(text.slice(node.span.start, node.span.end)), value);
        if (value !== null && typeof value === 'object') for (const [key, child] of Object.entries(value)) same(node.children?.get(Array.isArray(value) ? Number(key) : key), child);
      };
      same(root, JSON.parse(text));
    }), { numRuns: 500, seed: 20261205 });
  });

  it('compares texts in lower case, outside ASCII too', () => {
    assert.ok(sameLowerCase('Microsoft.AzureStack/registrations', 'microsoft.azurestack/registrations'));
    assert.ok(sameLowerCase('ABC', 'abc') && sameLowerCase('abc', 'ABC'));
    assert.ok(!sameLowerCase('abd', 'abc') && !sameLowerCase('abcd', 'abc'));
    assert.ok(sameLowerCase('\u00C9t\u00E9', '\u00E9T\u00C9'));
    assert.ok(sameLowerCase('\u0130', 'i\u0307')); // İ is two characters in lower case
  });
});
