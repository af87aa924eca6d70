// The input fixtures (test/fixtures/realworld/input: UTF-16 LE and BE with a BOM, CRLF, CR-only), linted as one
// workspace by azs-lint: every expected finding (`NAME.expected`: `line:column CODE`) is reported, and no other.
// The shared real-world harness compares every part's fixtures the same way once it lands.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonRow } from '../../../src/cli/output';
import { repoRoot } from '../core/support/wasm';

const folder = join(repoRoot, 'test/fixtures/realworld/input');

describe('real-world input fixtures', function () {
  this.timeout(120_000);

  it('report exactly the expected findings, read through their byte order marks and line breaks', () => {
    const build = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const run = spawnSync(process.execPath, [join(repoRoot, 'dist/cli.js'), '.', '--format', 'json'], { cwd: folder, encoding: 'utf8', env: { PATH: process.env.PATH, LANG: 'C' } });
    const found = (JSON.parse(run.stdout) as JsonRow[]).map((r) => `${r.file} ${r.line}:${r.column} ${r.code}`);
    const expected = readdirSync(folder).filter((name) => name.endsWith('.expected')).sort().flatMap((name) => readFileSync(join(folder, name), 'utf8')
      .split('\n').filter((line) => line.trim() && !line.startsWith('#')).map((line) => `${name.replace(/\.expected$/, '')} ${line.trim()}`));
    assert.deepEqual([...found].sort(), [...expected].sort());
  });
});
