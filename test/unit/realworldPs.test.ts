// The PowerShell fixtures of test/fixtures/realworld/ps, written as operators write their scripts (onboarding loops
// across the stamp and Azure, snippets copied from web pages, Out-File's UTF-16, CR-only files): each file's findings
// are the ones its `.expected` lists (`line:column CODE`, 1-based), read as azs-lint reads the files (encoding from the
// byte order mark), and every fix offered on them keeps the fix invariant. A stand-in for the shared realworld harness.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decode, encodingId } from '../../src/core/encoding';
import { LintWorkspace, documentKindFor, type DocumentKind } from '../../src/core/lint';
import { LineMap } from '../../src/core/text';
import { checkFixInvariant } from './core/support/fixInvariant';
import { repoRoot, testWasmDir } from './core/support/wasm';

const folder = join(repoRoot, 'test/fixtures/realworld/ps');

interface Fixture {
  name: string;
  uri: string;
  kind: DocumentKind;
  text: string;
  encoding: string;
  expected: string[];
}

function fixtures(): Fixture[] {
  return readdirSync(folder).filter((name) => documentKindFor(name)).sort().map((name) => {
    const { text, encoding } = decode(readFileSync(join(folder, name)));
    const expected = readFileSync(join(folder, `${name}.expected`), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
    return { name, uri: pathToFileURL(join(folder, name)).href, kind: documentKindFor(name) as DocumentKind, text, encoding: encodingId(encoding), expected: expected.sort() };
  });
}

describe('real-world PowerShell fixtures (test/fixtures/realworld/ps)', () => {
  it('report exactly the findings each .expected lists', async () => {
    const all = fixtures();
    const workspace = new LintWorkspace({ wasmDir: testWasmDir(), keepSyntaxTrees: false });
    for (const f of all) await workspace.update(f.uri, f.text, f.kind, undefined, f.encoding);
    let found = 0;
    let right = 0;
    let expected = 0;
    for (const f of all) {
      const lines = new LineMap(f.text);
      const actual = workspace.findings(f.uri).map((finding) => {
        const { line, character } = lines.positionAt(finding.start);
        return `${line + 1}:${character + 1} ${finding.code}`;
      }).sort();
      found += actual.length;
      expected += f.expected.length;
      right += actual.filter((a) => f.expected.includes(a)).length;
      assert.deepEqual(actual, f.expected, f.name);
    }
    console.log(`      precision ${(right / found).toFixed(3)}, recall ${(right / expected).toFixed(3)} over ${all.length} files`);
  });

  it('keep the fix invariant for every fix offered on them', async () => {
    const report = await checkFixInvariant(fixtures().map(({ uri, kind, text, encoding }) => ({ uri, kind, text, encoding })));
    assert.deepEqual(report.violations, []);
    for (const code of ['AZS105', 'AZS107']) assert.ok((report.byCode.get(code) ?? 0) > 0, `fixes of ${code} were checked`);
  });
});
