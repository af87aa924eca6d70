// azs-lint's shares: how files are shared out over threads, and that a share checks its files with the registrations
// another share's files declare (here shares in one thread; cli.test.ts runs real worker threads).
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Claims, Shard, unitsOf, type RunFile } from '../../../src/cli/shard';
import { documentKindFor } from '../../../src/core/lint';
import { repoRoot, testWasmDir } from '../core/support/wasm';

const fixtures = join(repoRoot, 'test/fixtures/workspace/lint');

function runFile(path: string): RunFile {
  const kind = documentKindFor(path);
  if (!kind) throw new Error(`${path}: no language`);
  return { path, uri: pathToFileURL(path).href, kind };
}

describe('azs-lint shares', () => {
  it('keeps the JSON files of a folder in one unit, and every other file in a unit of its own', () => {
    const files = ['/a/1.json', '/b/x.ps1', '/a/1.parameters.json', '/b/y.ps1', '/b/2.json', '/c/z.sh'].map(runFile);
    assert.deepEqual(unitsOf(files), [0, 1, 0, 3, 4, 5]);
  });

  it('gives each unit to the first thread that asks for it, and to that thread again', () => {
    const memory = Claims.memory(3);
    const [first, second] = [new Claims(memory, 1), new Claims(memory, 2)];
    assert.deepEqual([first.take(0), second.take(0), second.take(1), first.take(1), first.take(0), second.take(2)], [true, false, true, false, true, true]);
  });

  it('a thread that comes later reads only what is left, and still holds every file\'s place', async () => {
    const files = [join(fixtures, 'add-to-lab.ps1'), join(fixtures, 'register-lab.bash')].map(runFile);
    const options = { wasmDir: testWasmDir(), locale: 'en' as const };
    const memory = Claims.memory(files.length);
    const early = await new Shard(options).read(files, new Claims(memory, 1), 'en');
    const late = new Shard(options);
    const left = await late.read(files, new Claims(memory, 2), 'en');
    assert.deepEqual(early.sources.map((s) => s.uri), files.map((f) => f.uri));
    assert.deepEqual([left.sources, left.skipped, left.declarations], [[], [], []]);
    await late.declare(early.declarations);
    assert.deepEqual(late.workspace.declarationsOf(files[1].uri).map((r) => r.billingModel?.value.text), ['Capacity']);
  });

  it('checks a file with the registrations that a file of another share declares', async () => {
    const files = [join(fixtures, 'add-to-lab.ps1'), join(fixtures, 'register-lab.bash')].map(runFile);
    const options = { wasmDir: testWasmDir(), locale: 'en' as const };
    const [adding, registering] = [new Shard(options), new Shard(options)];
    const memory = Claims.memory(files.length);
    const [addingClaims, registeringClaims] = [new Claims(memory, 1), new Claims(memory, 2)];
    registeringClaims.take(1);
    const added = await adding.read(files, addingClaims, 'en');
    const registered = await registering.read(files, registeringClaims, 'en');
    assert.deepEqual(added.declarations, []);
    assert.deepEqual(registered.declarations.map((d) => [d.uri, d.registrations.map((r) => r.billingModel?.value.text)]), [[files[1].uri, ['Capacity']]]);
    assert.deepEqual(adding.check(added.sources)[0].findings.map((f) => f.code), ['AZS501'], 'alone, it knows no billing model');
    await adding.declare(registered.declarations);
    const [checked] = adding.check(added.sources);
    assert.deepEqual(checked.findings.map((f) => f.code), ['AZS301', 'AZS501']);
    assert.deepEqual(checked.findings[0].related.map((r) => [r.uri, r.message]), [[files[1].uri, 'The billing model Capacity is set here.']]);
  });
});
