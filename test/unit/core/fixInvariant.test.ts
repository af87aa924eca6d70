// "A fix leaves working code", for every fix the editor offers on every finding of the lint fixtures, the host test
// workspaces, the demo workspace and the fuzzer's seed documents (fuzzed workspaces: test/unit/fuzz/fixes.test.ts).
import * as assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seeds } from '../fuzz/support/seeds';
import { checkFixInvariant, documentsIn, fixtureWorkspaces } from './support/fixInvariant';
import { repoRoot } from './support/wasm';

describe('every fix leaves working code', function () {
  this.timeout(120_000);
  const totals = { fixes: 0, byCode: new Map<string, number>() };

  for (const folder of fixtureWorkspaces) {
    it(`in ${folder}`, async () => {
      const documents = documentsIn(join(repoRoot, folder));
      const report = await checkFixInvariant(documents);
      assert.deepEqual(report.violations.map((v) => v.replace(pathToFileURL(repoRoot).href, '')), []);
      totals.fixes += report.fixes;
      for (const [code, count] of report.byCode) totals.byCode.set(code, (totals.byCode.get(code) ?? 0) + count);
      console.log(`      ${report.fixes} fixes on ${documents.length} files of ${relative(repoRoot, join(repoRoot, folder))}`);
    });
  }

  it('in the fuzzer\'s seed documents, linted together', async () => {
    const report = await checkFixInvariant(seeds.map((seed) => ({ uri: `file:///seeds/${seed.name}`, kind: seed.kind, text: seed.text })));
    assert.deepEqual(report.violations, []);
    totals.fixes += report.fixes;
    for (const [code, count] of report.byCode) totals.byCode.set(code, (totals.byCode.get(code) ?? 0) + count);
  });

  after(() => {
    const codes = [...totals.byCode].sort(([a], [b]) => a.localeCompare(b)).map(([code, count]) => `${code} ${count}`).join(', ');
    console.log(`      ${totals.fixes} fixes checked (${codes})`);
  });
});
