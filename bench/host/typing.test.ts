// Typing into a dense 1 MB script in the real extension host, keys pressed in the workbench by Playwright: the longest
// time the extension host's event loop was held (perf_hooks' event-loop delay monitor, 1 ms resolution) from the
// first key to the diagnostics of the last text. Prints one BENCH-RESULT line.
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import * as vscode from 'vscode';
import { denseScript } from '../../test/unit/core/support/denseScript';
import { testApi, uiAction, waitFor } from '../../test/host/helpers';

describe('benchmark: typing into a dense 1 MB script', function () {
  this.timeout(600_000);

  it('measures', async () => {
    const api = await testApi();
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
    gcObserver.disconnect();
    const result = {
      typing_block_max_ms: Math.round(monitor.max / 1e5) / 10,
      typing_block_p99_ms: Math.round(monitor.percentile(99) / 1e5) / 10,
      typing_keys: keys.length * 2,
      typing_diagnostics: findings,
      // The host's own garbage collection pauses count in the delay above.
      typing_gc_max_ms: Math.round(Math.max(0, ...gcs) * 10) / 10,
      load_average: Math.round(loadavg()[0] * 100) / 100,
    };
    console.log(`BENCH-RESULT ${JSON.stringify(result)}`);
  });
});
