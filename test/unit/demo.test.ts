// The demo workspace (npm start) is meant to show every rule the linter has without Azure: this keeps it so.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decode, encodingId } from '../../src/core/encoding';
import { LintWorkspace, allRules, documentKindFor } from '../../src/core/lint';
import { testWasmDir } from './core/support/wasm';

const demo = resolve(__dirname, '..', '..', '..', 'demo');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('demo workspace', function () {
  this.timeout(30_000);

  it('makes every rule that needs no Azure fire at least once', async () => {
    const workspace = new LintWorkspace({ wasmDir: testWasmDir() });
    const linted: string[] = [];
    for (const file of files(demo)) {
      const kind = documentKindFor(file);
      if (!kind) continue;
      const { text, encoding } = decode(readFileSync(file));
      await workspace.update(`file://${file}`, text, kind, undefined, encodingId(encoding));
      linted.push(`file://${file}`);
    }
    const found = new Set(linted.flatMap((uri) => workspace.findings(uri).map((f) => f.code)));
    const offline = allRules.filter((rule) => !rule.code.startsWith('AZS6')).map((rule) => rule.code);
    assert.deepEqual(offline.filter((code) => !found.has(code)), []);
  });
});
