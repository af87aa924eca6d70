// The real-world JSON fixtures (REST bodies, API examples, recorded SDK sessions, and the scripts that find their
// registration at run time), linted as one workspace against the findings written beside each file
// (`NAME.ext.expected`: `<line>:<column> <CODE>` per line, `#` comments). Until the shared real-world harness lands,
// this checks test/fixtures/realworld/json alone; the harness then takes the folder over.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LintWorkspace, describeInternalError } from '../../../src/core/lint';
import { LineMap } from '../../../src/core/text';
import { documentsIn } from './support/fixInvariant';
import { repoRoot, testWasmDir } from './support/wasm';

const folder = join(repoRoot, 'test/fixtures/realworld/json');

/** `file line:column CODE` of each finding the `.expected` files list. */
function expectedFindings(paths: readonly string[]): Set<string> {
  const expected = new Set<string>();
  for (const path of paths) {
    const listing = `${path}.expected`;
    assert.ok(existsSync(listing), `${relative(folder, path)} has no .expected file`);
    for (const line of readFileSync(listing, 'utf8').split(/\r?\n/)) {
      const entry = line.replace(/#.*/, '').trim();
      if (entry) expected.add(`${relative(folder, path)} ${entry}`);
    }
  }
  return expected;
}

describe('real-world JSON fixtures (REST samples, recordings, run-time lookups)', function () {
  this.timeout(60_000);

  it('report exactly the findings written beside each file', async () => {
    const documents = documentsIn(folder);
    const internalErrors: string[] = [];
    const workspace = new LintWorkspace({ wasmDir: testWasmDir(), keepSyntaxTrees: false, onInternalError: (e) => internalErrors.push(describeInternalError(e)) });
    for (const document of documents) await workspace.update(document.uri, document.text, document.kind);
    const paths = documents.map((d) => fileURLToPath(d.uri));
    const reported = new Set<string>();
    for (const document of documents) {
      const lines = new LineMap(document.text);
      for (const finding of workspace.findings(document.uri)) {
        const { line, character } = lines.positionAt(finding.start);
        reported.add(`${relative(folder, fileURLToPath(document.uri))} ${line + 1}:${character + 1} ${finding.code}`);
      }
    }
    const expected = expectedFindings(paths);
    const found = [...reported].filter((r) => expected.has(r)).length;
    console.log(`      precision ${(found / Math.max(reported.size, 1)).toFixed(3)}, recall ${(found / Math.max(expected.size, 1)).toFixed(3)} (${found} of ${expected.size} expected, ${reported.size} reported)`);
    assert.deepEqual(internalErrors, []);
    assert.deepEqual({
      missed: [...expected].filter((e) => !reported.has(e)).sort(),
      unexpected: [...reported].filter((r) => !expected.has(r)).sort(),
    }, { missed: [], unexpected: [] });
  });
});
