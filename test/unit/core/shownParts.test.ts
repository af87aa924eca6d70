import * as assert from 'node:assert/strict';
import type { ShownFinding } from '../../../src/core/lintWorker';
import { linesOf, planParts, withEdit, type ShownPart } from '../../../src/core/shownParts';

/** A finding shown on `line`, its message naming `name`. */
const finding = (line: number, name = `v${line}`): ShownFinding => ({
  range: [line, 4, line, 9], message: `'${name}' is a placeholder`, severity: 'warning', code: 'AZS102',
  related: [{ uri: 'file:///a.ps1', range: [line + 1, 0, line + 1, 3], message: 'The same value is used here.' }], moreRelated: 0,
});
const lines = (from: number, count: number) => Array.from({ length: count }, (_, index) => finding(from + index));
/** Parts of `size` as a publish of `findings` left them. */
const shownAs = (findings: ShownFinding[], size: number, notes = ''): ShownPart[] => Array.from({ length: Math.ceil(findings.length / size) }, (_, part) => {
  const of = findings.slice(part * size, part * size + size);
  return { findings: of, notes: '', ...linesOf(of) };
}).map((part, index, all) => (index === all.length - 1 ? { ...part, notes } : part));
/** Copies, so that equal findings are not the same objects. */
const copies = (findings: ShownFinding[]) => findings.map((f) => structuredClone(f));

describe('shown parts kept across reads', () => {
  it('keeps every full part whose findings come back unchanged, and hands the rest over in order', () => {
    const before = lines(0, 12);
    const after = copies([finding(0, 'changed'), ...before.slice(1, 8), ...lines(20, 4)]);
    const plan = planParts(shownAs(before, 4), after, '', undefined, 3, 4);
    assert.deepEqual(plan.kept, [false, true, false]);
    assert.deepEqual(plan.indexes, [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]);
  });

  it('keeps a part whose findings moved in the list, or now have others between them', () => {
    const before = lines(0, 8);
    const after = copies([finding(0, 'new'), finding(1), ...before.slice(4, 6), finding(5, 'also'), ...before.slice(6, 8), finding(9)]);
    const plan = planParts(shownAs(before, 4), after, '', undefined, 3, 4);
    assert.deepEqual(plan.kept, [false, true, false]);
    assert.deepEqual(plan.indexes, [[0, 1, 4, 7], [2, 3, 5, 6], []]);
  });

  it('hands a part over again when a line it spans was edited, or lines were added above it', () => {
    const before = lines(0, 8);
    assert.deepEqual(planParts(shownAs(before, 4), copies(before), '', withEdit(undefined, 5, 5, false), 2, 4).kept, [true, false]);
    assert.deepEqual(planParts(shownAs(before, 4), copies(before), '', withEdit(undefined, 1, 1, true), 2, 4).kept, [false, false]);
    assert.deepEqual(planParts(shownAs(before, 4), copies(before), '', withEdit(undefined, 9, 9, false), 2, 4).kept, [true, true]);
    assert.deepEqual(planParts(shownAs(before, 4), copies(before), '', withEdit(undefined, 3, 4, false), 2, 4).kept, [false, false], 'an edit over two lines');
  });

  it('keeps the last part only with the same notes, and only full parts', () => {
    const before = lines(0, 8);
    assert.deepEqual(planParts(shownAs(before, 4, '10 more'), copies(before), '11 more', undefined, 2, 4).kept, [true, false]);
    assert.deepEqual(planParts(shownAs(before, 4, '10 more'), copies(before), '10 more', undefined, 2, 4).kept, [true, true]);
    assert.deepEqual(planParts(shownAs(lines(0, 6), 4), copies(lines(0, 6)), '', undefined, 2, 4).kept, [true, false], 'a part of two');
  });

  it('compares every field a diagnostic shows', () => {
    const before = lines(0, 4);
    const changes: ((f: ShownFinding) => void)[] = [
      (f) => { f.range[3] = 10; }, (f) => { f.code = 'AZS103'; }, (f) => { f.severity = 'error'; }, (f) => { f.moreRelated = 1; },
      (f) => { f.related[0].range[1] = 1; }, (f) => { f.related[0].uri = 'file:///b.ps1'; }, (f) => { f.related[0].message = 'x'; },
      (f) => { f.related.push(f.related[0]); }, (f) => { f.message = 'other'; },
    ];
    for (const change of changes) {
      const after = copies(before);
      change(after[3]);
      assert.deepEqual(planParts(shownAs(before, 4), after, '', undefined, 1, 4).kept, [false], String(change));
    }
  });

  it('never keeps two parts on the same findings', () => {
    const twice = [...lines(0, 2), ...lines(0, 2)];
    const plan = planParts([...shownAs(twice, 4), ...shownAs(twice, 4)], copies(twice), '', undefined, 2, 4);
    assert.deepEqual(plan.kept, [true, false]);
    assert.deepEqual(plan.indexes, [[0, 1, 2, 3], []]);
  });

  it('adds edits up: the first and last line edited, to the end once lines were added or removed', () => {
    assert.deepEqual(withEdit(withEdit(undefined, 7, 7, false), 3, 3, false), { firstLine: 3, lastLine: 7 });
    assert.deepEqual(withEdit(withEdit(undefined, 7, 7, false), 3, 3, true), { firstLine: 3, lastLine: Infinity });
    assert.deepEqual(withEdit(undefined, 2, 5, false), { firstLine: 2, lastLine: Infinity });
  });
});
