// `npm start` as a new user meets it: the workspace is a throw-away copy of demo/, the display language is the one
// asked for, and a session that applies fixes, imports the demo's CSV and exports a usage report leaves the checkout
// exactly as it was (git status shows nothing) and the copy gone.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');

interface Demo { folder: string; locale: string; stop(): Promise<void>; server: object }
interface DemoModule {
  startDemo: (options: { locale?: string; env?: Record<string, string>; log?: (line: string) => void }) => Promise<Demo>;
}
interface RunnerModule {
  runInWorkbench: (options: { server: object; folder: string; tests: string; label: string; print: (line: string) => void }) => Promise<{ passed: number; failed: number; exitCode: number; reason: string }>;
}

/** Every file under `dir` with a hash of its bytes, by path relative to `dir`. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return files;
}

function gitStatus(path: string): string {
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=all', '--', path], { cwd: root, encoding: 'utf8' });
  return status.status === 0 ? status.stdout : `git status failed: ${status.stderr}`;
}

describe('npm start', function () {
  this.timeout(240_000);

  it('refuses a display language it has no texts for, before building anything', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts/start.mjs'), '--locale', 'de'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^npm start: --locale de: use one of en, sv$/m);
    assert.doesNotMatch(run.stdout, /setup|tsc|esbuild/);
  });

  it('opens a throw-away copy of demo/ in the display language asked for, and a session there leaves the checkout clean', async () => {
    const demoDir = join(root, 'demo');
    const before = snapshot(demoDir);
    const statusBefore = gitStatus('demo');
    const { startDemo } = (await import(join(root, 'scripts/lib/demo.mjs'))) as DemoModule;
    const { runInWorkbench } = (await import(join(root, 'scripts/host-test.mjs'))) as RunnerModule;
    const demo = await startDemo({ locale: 'sv', env: { AZS_CSP_TEST: '1', AZS_HOST_TESTS_DIR: join(root, 'out/test/host-demo') } });
    let copy: Map<string, string>;
    try {
      assert.equal(demo.locale, 'sv');
      assert.ok(!resolve(demo.folder).startsWith(root), `${demo.folder} is outside the checkout`);
      assert.deepEqual(snapshot(demo.folder), before, 'the copy holds what demo/ holds');
      const output: string[] = [];
      const run = await runInWorkbench({ server: demo.server, folder: demo.folder, tests: join(root, 'out/test/host/index.js'), label: 'npm-start', print: (line) => output.push(line) });
      assert.equal(run.exitCode, 0, `${run.reason}\n${output.join('\n')}`);
      assert.ok(run.passed >= 3 && run.failed === 0, output.join('\n'));
      copy = snapshot(demo.folder);
    } finally {
      await demo.stop();
    }
    // What the session wrote is in the copy: the fixed script, the CSV results, the usage exports.
    assert.notEqual(copy.get('onboarding/add-customers.ps1'), before.get('onboarding/add-customers.ps1'));
    assert.ok(copy.has('customers.results.csv'), [...copy.keys()].join(', '));
    assert.ok([...copy.keys()].some((name) => /^usage-.*\.csv$/.test(name)), [...copy.keys()].join(', '));
    assert.ok(!existsSync(demo.folder), 'the copy is gone after stop');
    assert.deepEqual(snapshot(demoDir), before, 'demo/ in the checkout is unchanged');
    assert.equal(gitStatus('demo'), statusBefore);
  });
});
