// Tests of the host test runner itself: a failing or silent extension host must make it fail.
import * as assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');
interface HostResult { passed: number; failed: number; exitCode: number; reason: string }
type RunHostTests = (options: object) => Promise<HostResult>;

async function loadRunner(): Promise<RunHostTests> {
  const module = (await import(join(root, 'scripts', 'host-test.mjs'))) as { runHostTests: RunHostTests };
  return module.runHostTests;
}

describe('host test runner', function () {
  this.timeout(120_000);
  const resultsDir = join(root, 'test-results');
  const quiet = () => {};

  it('exits non-zero, counts both tests and takes a screenshot when a host test fails', async () => {
    const screenshot = join(resultsDir, 'failure-runner-fixture-fails-on-purpose.png');
    rmSync(screenshot, { force: true });
    const result = await (await loadRunner())({
      label: 'runner-failing', print: quiet,
      tests: join(root, 'out/test/host/index.js'),
      workspace: join(root, 'test/fixtures/workspace'),
      env: { AZS_HOST_TESTS_DIR: join(root, 'test/host-fixtures/failing') },
    });
    assert.notEqual(result.exitCode, 0);
    assert.deepEqual([result.passed, result.failed], [1, 1]);
    assert.ok(existsSync(screenshot), 'screenshot taken when the test failed');
  });

  it('gives up with a clear message when the host never reports back', async () => {
    const result = await (await loadRunner())({
      label: 'runner-hanging', print: quiet, timeoutMs: 20_000,
      tests: join(root, 'out/test/host/index.js'),
      workspace: join(root, 'test/fixtures/workspace'),
      env: { AZS_HOST_TESTS_DIR: join(root, 'test/host-fixtures/hanging') },
    });
    assert.notEqual(result.exitCode, 0);
    assert.match(result.reason, /did not report back within 20 s/);
  });
});
