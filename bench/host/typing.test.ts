// Typing into a dense 1 MB script in the real extension host, keys pressed in the workbench by Playwright: the longest
// time the extension host's event loop was held (perf_hooks' event-loop delay monitor, 1 ms resolution) from the
// first key to the diagnostics of the last text, and on Linux the same less the time the host's thread waited for a
// core (on a loaded machine most of a hold is that wait). Prints one BENCH-RESULT line.
import { closeSync, openSync, readSync } from 'node:fs';
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import * as vscode from 'vscode';
import { denseScript } from '../../test/unit/core/support/denseScript';
import { testApi, uiAction, waitFor } from '../../test/host/helpers';

describe('benchmark: typing into a dense 1 MB script', function () {
  this.timeout(600_000);

  it('measures', async () => {
    const api = await testApi();
    // Typing, not start-up, is measured: the workspace's files are read (that read checks open documents again).
    await api.lint.indexed;
    const document = await vscode.workspace.openTextDocument({ language: 'powershell', content: denseScript(1024 * 1024) });
    const linted = (version: number) => new Promise<number>((resolve) => {
      const listener = api.lint.onDidLint((event) => {
        if (event.uri.toString() !== document.uri.toString() || event.version !== version) return;
        listener.dispose();
        resolve(event.diagnostics.length);
      });
    });
    // The measurement starts at the first key, once opening the document is over: its first lint wholly shown.
    const opened = linted(document.version);
    await vscode.window.showTextDocument(document);
    await opened;
    await settled();
    const holds = watchHolds();
    const monitor = monitorEventLoopDelay({ resolution: 1 });
    monitor.enable();
    const gcs: number[] = [];
    const gcObserver = new PerformanceObserver((list) => gcs.push(...list.getEntries().map((e) => e.duration)));
    gcObserver.observe({ entryTypes: ['gc'] });

    // Two bursts of typing with a pause between them long enough for a read to start, so typing overtakes it.
    const keys = [...'# typing '];
    await uiAction({ op: 'keys', keys });
    await new Promise<void>((resolve) => {
      const listener = api.lint.onDidStartRead(() => {
        listener.dispose();
        resolve();
      });
    });
    await uiAction({ op: 'keys', keys });
    await waitFor('every key to arrive', () => document.getText().split('# typing ').length - 1 === 2, 60_000);
    const findings = await linted(document.version);
    monitor.disable();
    const split = holds?.stop();
    gcObserver.disconnect();
    const result = {
      typing_block_max_ms: Math.round(monitor.max / 1e5) / 10,
      typing_block_p99_ms: Math.round(monitor.percentile(99) / 1e5) / 10,
      ...(split ? { typing_block_run_max_ms: round(split.runMaxMs), typing_core_wait_ms: round(split.waitedMs) } : {}),
      typing_keys: keys.length * 2,
      typing_diagnostics: findings,
      // The host's own garbage collection pauses count in the delay above.
      typing_gc_max_ms: round(Math.max(0, ...gcs)),
      load_average: Math.round(loadavg()[0] * 100) / 100,
    };
    console.log(`BENCH-RESULT ${JSON.stringify(result)}`);
  });
});

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Resolves once the host's thread has been nearly idle (under 10 % busy) for 300 ms, or after 10 s. */
async function settled(): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const before = performance.eventLoopUtilization();
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (performance.eventLoopUtilization(before).utilization < 0.1) return;
  }
}

/**
 * Watches the host's thread at each 1 ms tick: the longest time between two ticks less what the thread spent waiting
 * for a core in it (the kernel's scheduler statistics of the thread: /proc/thread-self/schedstat, Linux only), and
 * the wait in all. Undefined where the statistics cannot be read.
 */
function watchHolds(): { stop(): { runMaxMs: number; waitedMs: number } } | undefined {
  let fd: number;
  try {
    fd = openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    return undefined;
  }
  const buffer = Buffer.alloc(128);
  // "<ns on a core> <ns waiting for one> <time slices>"
  const waited = () => Number(buffer.toString('latin1', 0, readSync(fd, buffer, 0, buffer.length, 0)).split(' ')[1]) / 1e6;
  const first = waited();
  let lastWaited = first;
  let lastTick = performance.now();
  let runMaxMs = 0;
  const ticker = setInterval(() => {
    const tick = performance.now();
    const now = waited();
    runMaxMs = Math.max(runMaxMs, tick - lastTick - (now - lastWaited));
    lastTick = tick;
    lastWaited = now;
  }, 1);
  return {
    stop() {
      clearInterval(ticker);
      closeSync(fd);
      return { runMaxMs, waitedMs: lastWaited - first };
    },
  };
}
