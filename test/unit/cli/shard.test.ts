// azs-lint's shares: how files are shared out over threads, and that a share checks its files with the registrations
// another share's files declare (here two shares in one thread; cli.test.ts runs real worker threads).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Shard, shareOut, type RunFile } from '../../../src/cli/shard';
import { documentKindFor } from '../../../src/core/lint';
import { repoRoot, testWasmDir } from '../core/support/wasm';

const fixtures = join(repoRoot, 'test/fixtures/workspace/lint');

function runFile(path: string): RunFile {
  const kind = documentKindFor(path);
  if (!kind) throw new Error(`${path}: no language`);
  return { path, uri: pathToFileURL(path).href, kind, size: statSync(path, { throwIfNoEntry: false })?.size ?? 0 };
}

describe('azs-lint shares', () => {
  it('shares out files by size, keeping the JSON files of a folder together and each share in the run\'s order', () => {
    const files = ['/a/1.json', '/a/1.parameters.json', '/b/x.ps1', '/b/y.ps1', '/b/2.json', '/c/z.sh'].map(runFile);
    const shares = shareOut(files, 3);
    assert.deepEqual(shares.flat().sort(), [0, 1, 2, 3, 4, 5]);
    for (const share of shares) assert.deepEqual(share, [...share].sort((a, b) => a - b));
    assert.ok(shares.some((share) => share.includes(0) && share.includes(1)), 'a folder\'s JSON files stay together');
    assert.deepEqual(shareOut(files, 1), [[0, 1, 2, 3, 4, 5]]);
    assert.equal(shareOut(files.slice(0, 2), 4).length, 1, 'no empty shares');
  });

  it('weighs files by what reading their kind costs: a folder of templates as large as the scripts together is not a share\'s whole work', () => {
    const folder = mkdtempSync(join(tmpdir(), 'azs-shares-'));
    try {
      const write = (name: string, size: number) => {
        writeFileSync(join(folder, name), ' '.repeat(size));
        return runFile(join(folder, name));
      };
      const files = [write('azuredeploy.json', 40_000), write('azuredeploy.parameters.json', 40_000), ...[1, 2, 3, 4].map((n) => write(`onboard-${n}.ps1`, 20_000))];
      const shares = shareOut(files, 2);
      const scripts = (share: number[]) => share.filter((i) => files[i].kind === 'powershell').length;
      assert.deepEqual(shares.map(scripts), [2, 2], 'each thread reads two scripts; by size alone one read the templates only');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('checks a file with the registrations that a file of another share declares', async () => {
    const files = [join(fixtures, 'add-to-lab.ps1'), join(fixtures, 'register-lab.bash')].map(runFile);
    const options = { wasmDir: testWasmDir(), locale: 'en' as const };
    const [adding, registering] = [new Shard(options), new Shard(options)];
    const added = await adding.read(files, [0], 'en');
    const registered = await registering.read(files, [1], 'en');
    assert.deepEqual(added.declarations, []);
    assert.deepEqual(registered.declarations.map((d) => [d.uri, d.registrations.map((r) => r.billingModel?.value.text)]), [[files[1].uri, ['Capacity']]]);
    assert.deepEqual(adding.check(added.sources)[0].findings.map((f) => f.code), ['AZS501'], 'alone, it knows no billing model');
    await adding.declare(registered.declarations);
    const [checked] = adding.check(added.sources);
    assert.deepEqual(checked.findings.map((f) => f.code), ['AZS301', 'AZS501']);
    assert.deepEqual(checked.findings[0].related.map((r) => [r.uri, r.message]), [[files[1].uri, 'The billing model Capacity is set here.']]);
  });
});
