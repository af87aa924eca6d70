// Tests of the host test runner itself: a failing or silent extension host must make it fail.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');
interface HostResult { passed: number; failed: number; exitCode: number; reason: string }
type RunHostTests = (options: object) => Promise<HostResult>;

async function loadRunner(): Promise<RunHostTests> {
  const module = (await import(join(root, 'scripts', 'host-test.mjs'))) as { runHostTests: RunHostTests };
  return module.runHostTests;
}

/** Processes under `ancestor` (itself excluded) with their command lines, read from /proc. */
function descendants(ancestor: number): { pid: number; command: string }[] {
  const parents = new Map<number, number>();
  const commands = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      // The parent is the second field after the command's closing parenthesis, which may itself hold spaces.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      commands.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch {
      // Gone meanwhile.
    }
  }
  const under = (pid: number): boolean => {
    for (let parent = parents.get(pid); parent !== undefined && parent > 1; parent = parents.get(parent)) if (parent === ancestor) return true;
    return false;
  };
  return [...parents.keys()].filter(under).map((pid) => ({ pid, command: commands.get(pid) ?? '' }));
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

  (existsSync('/proc/self/stat') ? it : it.skip)('ends at once with a clear message when the browser is lost under a run', async () => {
    let testsStarted!: () => void;
    const started = new Promise<void>((resolve) => { testsStarted = resolve; });
    const running = (await loadRunner())({
      label: 'runner-lost', timeoutMs: 110_000,
      // The fixture's suite title, printed from inside the host: the run is under way, and only its timeout would end it.
      print: (line: string) => { if (line.includes('runner fixture')) testsStarted(); },
      tests: join(root, 'out/test/host/index.js'),
      workspace: join(root, 'test/fixtures/workspace'),
      env: { AZS_HOST_TESTS_DIR: join(root, 'test/host-fixtures/hanging') },
    });
    await Promise.race([started, running]);
    // Debian's launcher execs the browser; its helper processes hold the runner's flags too, and end with it.
    const browser = descendants(process.pid).filter((p) => p.command.includes('--remote-debugging-pipe'));
    assert.ok(browser.length > 0, 'the runner started a browser');
    const killedAt = Date.now();
    for (const { pid } of browser) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Ended with the browser already.
      }
    }
    const result = await running;
    assert.notEqual(result.exitCode, 0);
    assert.match(result.reason, /^the workbench page was lost before the tests reported back: the (page|browser) (closed|crashed)$/);
    assert.ok(Date.now() - killedAt < 30_000, 'the run ended without waiting for its timeout');
  });
});
