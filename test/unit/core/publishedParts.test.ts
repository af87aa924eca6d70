import * as assert from 'node:assert/strict';
import type { ShownFinding } from '../../../src/core/lintWorker';
import { PublishedParts, type Publish } from '../../../src/core/publishedParts';
import { linesOf, type ShownPart } from '../../../src/core/shownParts';

const key = 'file:///a.ps1';
/** A finding shown on `line`. */
const finding = (line: number): ShownFinding => ({ range: [line, 4, line, 9], message: `'v${line}' is a placeholder`, severity: 'warning', code: 'AZS102', related: [], moreRelated: 0 });
/** Two parts of two findings each: lines 0–1 and 10–11. */
const findings = [0, 1, 10, 11].map(finding);

/** Hands over the parts of `publish` from `from` up to (not including) `to`, as the editor does, a part at a time. */
function handOver(publish: Publish<ShownPart>, from = 0, to = 2): void {
  for (let part = from; part < to; part++) {
    if (publish.plan.kept[part]) continue;
    const of = publish.plan.indexes[part].map((index) => findings[index]);
    publish.show(part, { findings: of, notes: '', ...linesOf(of) });
  }
}

function shownOnce(): PublishedParts<ShownPart> {
  const published = new PublishedParts<ShownPart>(2, 2);
  const first = published.start(key, findings, '');
  handOver(first);
  first.done();
  return published;
}

describe('parts published of a document', () => {
  it('hands over again only the parts whose lines were edited since a publish handed every part over', () => {
    const published = shownOnce();
    assert.deepEqual(published.start(key, findings, '').plan.kept, [true, true], 'nothing edited');
    published.edit(key, 10, 10, false);
    const again = published.start(key, findings, '');
    assert.deepEqual(again.plan.kept, [true, false]);
    handOver(again);
    again.done();
    assert.deepEqual(published.start(key, findings, '').plan.kept, [true, true], 'the edit was handed over');
  });

  it('forgets the lines edited only once a publish handed every part over: a newer one of the same version, starting half-way, still hands the edited parts over', () => {
    const published = shownOnce();
    published.edit(key, 1, 1, false);
    published.edit(key, 11, 11, false);
    const stopped = published.start(key, findings, '');
    assert.deepEqual(stopped.plan.kept, [false, false]);
    handOver(stopped, 0, 1);
    // Azure's answers arrive: a newer publish of the same text starts before the first handed its second part over.
    const newer = published.start(key, findings, '');
    assert.equal(stopped.latest, false);
    assert.equal(newer.latest, true);
    assert.deepEqual(newer.plan.kept, [false, false], 'the second part still shows the edited line as the workbench moved it');
  });

  it('notes no edit of a document none of whose diagnostics were handed over', () => {
    const published = new PublishedParts<ShownPart>(2, 2);
    published.edit(key, 0, 0, true);
    const first = published.start(key, findings, '');
    handOver(first, 0, 1);
    // The first part was handed over after the edit: it shows the line where it is now, so a newer publish keeps it.
    assert.deepEqual(published.start(key, findings, '').plan.kept, [true, false]);
  });

  it('forgets a document: a publish under way stops, and stays stopped when the document is shown again', () => {
    const shown = new PublishedParts<ShownPart>(2, 2);
    const underWay = shown.start(key, findings, '');
    handOver(underWay, 0, 1);
    shown.forget(key);
    assert.equal(underWay.latest, false, 'a publish under way stops');
    const again = shown.start(key, findings, '');
    assert.deepEqual(again.plan.kept, [false, false], 'nothing known shown, so nothing kept');
    assert.equal(underWay.latest, false, 'the older publish is not the latest again');
    assert.equal(again.latest, true);
  });

  it('shows what the parts showed until a publish hands one over', () => {
    const published = shownOnce();
    published.edit(key, 0, 0, false);
    const publish = published.start(key, findings, '');
    const before = publish.parts;
    assert.deepEqual(before.map((part) => part?.firstLine), [0, 10]);
    publish.show(0, undefined);
    assert.deepEqual(publish.parts.map((part) => part?.firstLine), [undefined, 10]);
    assert.deepEqual(before.map((part) => part?.firstLine), [0, 10], 'what was shown before is not changed in place');
  });
});
