// Typing into a dense 1 MB script in the real extension host, keys pressed in the workbench by Playwright: the longest
// time the extension host's event loop was held (perf_hooks' event-loop delay monitor, 1 ms resolution) from the
// first key to the diagnostics of the last text, and on Linux the same less the time the host's thread waited for a
// core (on a loaded machine most of a hold is that wait). Prints one BENCH-RESULT line.
// Three windows are typed with our linting and three unlinted, taking turns in the one script (its text put back
// after each): unlinted, the same keys go in with the extension's change handler replaced by one that does nothing,
// so the document keeps its diagnostics and is not read while typing; such a window ends `AZS_BENCH_TYPING_TAIL_MS`
// (default 1,500) after the last key arrived, about where a lint ends. What an unlinted window holds is the
// machine's (VS Code, Chromium, other processes), not our linting's. The figures are the median window's of each
// kind; AZS_BENCH_TYPING_PAIRS sets how many pairs (3), and AZS_BENCH_TYPING_UNLINTED=1 types unlinted windows only.
// Also printed: the reads of the script in the window, and how many of them typing overtook (the linter skipped them),
// and the parts of its diagnostics handed to the workbench (each one the workbench redraws and sends on).
// The script is a file of the workspace, as a user's script is, and the first key waits until Chromium's renderer is
// done with opening it, as the host's settling already waited (typing is measured, not opening). Variants for a look
// at the workbench's share (bench/NOTES.md, "typing"): AZS_BENCH_TYPING_UNTITLED=1 types into an untitled document
// instead, AZS_BENCH_TYPING_AT_ONCE=1 types without waiting for the renderer, and AZS_BENCH_TYPING_TRACE=<file> writes
// Chromium's trace of the window, and AZS_BENCH_TYPING_HEAP=<file> the host's allocations in it (bench/heap-summary.mjs
// sums them); each window writes its own file, numbered.
import { closeSync, openSync, readFileSync, readSync, readdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LintClient } from '../../src/core/lintClient';
import type { TestApi } from '../../src/vscode/testApi';
import { denseScript } from '../../test/unit/core/support/denseScript';
import { testApi, uiAction, waitFor, writeWorkspaceFile } from '../../test/host/helpers';

describe('benchmark: typing into a dense 1 MB script', function () {
  this.timeout(600_000);

  it('measures', async () => {
    const api = await testApi();
    // Typing, not start-up, is measured: the workspace's files are read (that read checks open documents again).
    await api.lint.indexed;
    // The script is a file in the workspace, as a user's script is. For an untitled document (AZS_BENCH_TYPING_UNTITLED=1,
    // the bench until 2026-12-05) the workbench also guesses the language at every key (a TensorFlow model: 1.5 s of
    // the renderer's CPU per window on a 2-core machine), renames the tab from the first line and backs the text up.
    const original = denseScript(1024 * 1024);
    const document = process.env.AZS_BENCH_TYPING_UNTITLED === '1'
      ? await vscode.workspace.openTextDocument({ language: 'powershell', content: original })
      : await vscode.workspace.openTextDocument(await writeWorkspaceFile('typing-bench.ps1', original));
    let lintedVersion = -1;
    const lints = api.lint.onDidLint((event) => {
      if (event.uri.toString() === document.uri.toString()) lintedVersion = event.version ?? -1;
    });
    await vscode.window.showTextDocument(document);
    // Linted and unlinted windows take turns in the one script, its text put back between them, so that both meet the
    // machine as it is in the same minutes: a window's longest hold is mostly the host's collections and its wait for
    // a core, which the load of the moment decides (bench/NOTES.md). The figures are the median window's of each kind.
    const onlyUnlinted = process.env.AZS_BENCH_TYPING_UNLINTED === '1';
    const pairs = Math.max(1, Number(process.env.AZS_BENCH_TYPING_PAIRS ?? 3));
    const linted: TypingWindow[] = [];
    const unlinted: TypingWindow[] = [];
    const window = async (off: boolean) => {
      // Each window starts once the text as it is has been linted and shown, its opening or putting back over.
      await waitFor('the script linted', () => lintedVersion === document.version, 120_000);
      // CLOCK_MONOTONIC, as `perf record -k mono` stamps events: a window's span in a trace of the machine.
      const from = process.hrtime();
      const typed = await typingWindow(api, document, linted.length + unlinted.length, off);
      const to = process.hrtime();
      // Each window's figures, for a look at one (the first after opening, say), not only the median's.
      console.log(`typing window ${linted.length + unlinted.length + 1} (monotonic ${from[0] + from[1] / 1e9}–${to[0] + to[1] / 1e9} s): ${JSON.stringify(typed)}`);
      (off ? unlinted : linted).push(typed);
      const restore = new vscode.WorkspaceEdit();
      restore.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), original);
      assert.ok(await vscode.workspace.applyEdit(restore));
    };
    // AZS_BENCH_TYPING_UNLINTED_FIRST=1: each pair starts unlinted (is the first window after opening slow either way?).
    const unlintedFirst = process.env.AZS_BENCH_TYPING_UNLINTED_FIRST === '1';
    for (let index = 0; index < pairs; index++) {
      for (const off of unlintedFirst ? [true, false] : [false, true]) if (off || !onlyUnlinted) await window(off);
    }
    lints.dispose();
    const floor = median(unlinted);
    const result = onlyUnlinted ? { ...floor, typing_unlinted_windows_ms: unlinted.map(maxHold) } : {
      ...median(linted),
      typing_windows_ms: linted.map(maxHold),
      typing_unlinted_block_max_ms: maxHold(floor),
      typing_unlinted_windows_ms: unlinted.map(maxHold),
      typing_block_ratio: Math.round(maxHold(median(linted)) / maxHold(floor) * 100) / 100,
    };
    console.log(`BENCH-RESULT ${JSON.stringify({ ...result, load_average: Math.round(loadavg()[0] * 100) / 100 })}`);
  });
});

type TypingWindow = Record<string, unknown> & { typing_block_max_ms: number };

const maxHold = (window: TypingWindow) => window.typing_block_max_ms;

/** The window whose longest hold is the median (the lower of the two middle ones for an even count). */
function median(windows: readonly TypingWindow[]): TypingWindow {
  return [...windows].sort((a, b) => maxHold(a) - maxHold(b))[Math.floor((windows.length - 1) / 2)];
}

/**
 * One window: two bursts of keys typed at the start of the dense 1 MB script, its diagnostics shown, until the
 * diagnostics of the last text are shown (`unlinted`: the extension's change handler does nothing meanwhile).
 */
async function typingWindow(api: TestApi, document: vscode.TextDocument, index: number, unlinted: boolean): Promise<TypingWindow> {
  const untitled = document.isUntitled;
  const linted = (version: number) => new Promise<number>((resolve) => {
    const listener = api.lint.onDidLint((event) => {
      if (event.uri.toString() !== document.uri.toString() || event.version !== version) return;
      listener.dispose();
      resolve(event.diagnostics.length);
    });
  });
  // The keys go to the start of the script, as in every window.
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  await settled();
  // The window also waits for the workbench to finish with the opened script: it tokenizes a 1 MB script for seconds
  // after the host has settled (unless AZS_BENCH_TYPING_AT_ONCE=1, the bench until 2026-12-05).
  const rendererSettleMs = process.env.AZS_BENCH_TYPING_AT_ONCE === '1' ? undefined : await rendererSettled();
  if (unlinted) Object.assign(api.lint, { onChange: () => undefined });
  const trace = await startTrace(index);
  const handedOver = countHandedOver(api.lint as unknown as { collections: vscode.DiagnosticCollection[] }, document.uri);
  const reads = countReads(api.lint as unknown as { engine: LintClient }, document.uri.toString());
  const started = performance.now();
  const faultsBefore = majorFaults();
  const holds = watchHolds();
  const cpu = watchSessionCpu();
  const profile = await startProfile(index);
  const heap = await startHeapSampling(index);
  const monitor = monitorEventLoopDelay({ resolution: 1 });
  monitor.enable();
  const gcs: number[] = [];
  const gcKinds: string[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcs.push(entry.duration);
      gcKinds.push(`${gcKindNames[((entry as { detail?: { kind?: number } }).detail)?.kind ?? 0] ?? 'other'} ${round(entry.duration)}`);
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });

  // Two bursts of typing with a pause between them long enough for a read to start, so typing overtakes it. The keys'
  // arrival is counted from the change events: asking for the text instead copies 1 MB in the host at each look.
  const keys = [...'# typing '];
  let typed = 0;
  const counting = vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.document === document) typed += event.contentChanges.reduce((sum, change) => sum + change.text.length, 0);
  });
  await uiAction({ op: 'keys', keys });
  await (unlinted ? pause(largeSettleMs) : new Promise<void>((resolve) => {
    const listener = api.lint.onDidStartRead(() => {
      listener.dispose();
      resolve();
    });
  }));
  await uiAction({ op: 'keys', keys });
  await waitFor('every key to arrive', () => typed >= keys.length * 2, 60_000);
  counting.dispose();
  const arrived = performance.now();
  const findings = unlinted ? await pause(Number(process.env.AZS_BENCH_TYPING_TAIL_MS ?? 1500)).then(() => 0) : await linted(document.version);
  monitor.disable();
  const split = holds?.stop();
  const faults = majorFaults() - faultsBefore;
  const readCounts = reads.stop();
  const handed = handedOver.stop();
  const cpuMs = cpu?.stop();
  await profile?.stop();
  await heap?.stop();
  await trace?.stop();
  gcObserver.disconnect();
  if (document.getText().split('# typing ').length - 1 !== 2) throw new Error(`the keys typed did not arrive as typed (${typed} characters)`);
  const result = {
    typing_block_max_ms: Math.round(monitor.max / 1e5) / 10,
    typing_block_p99_ms: Math.round(monitor.percentile(99) / 1e5) / 10,
    ...(split ? {
      typing_block_run_max_ms: round(split.runMaxMs),
      typing_block_on_core_max_ms: round(split.onCoreMaxMs),
      typing_core_wait_ms: round(split.waitedMs),
      typing_longest_hold_on_core_ms: round(split.longest.onCoreMs),
      typing_longest_hold_core_wait_ms: round(split.longest.coreWaitMs),
      typing_longest_hold_asleep_ms: round(Math.max(0, split.longest.heldMs - split.longest.onCoreMs - split.longest.coreWaitMs)),
    } : {}),
    // Pages the host's thread waited for the disk to read back (the machine may page out memory it thinks cold).
    ...(Number.isNaN(faults) ? {} : { typing_major_faults: faults }),
    typing_keys: keys.length * 2,
    // From the first key to the end of the window, and from the last key's arrival to it (the last lint).
    typing_window_ms: Math.round(performance.now() - started),
    typing_tail_ms: Math.round(performance.now() - arrived),
    ...(unlinted ? { typing_unlinted: true } : {}),
    ...(untitled ? { typing_untitled: true } : {}),
    ...(rendererSettleMs === undefined ? {} : { typing_renderer_settle_ms: rendererSettleMs }),
    ...(cpuMs ? { typing_cpu_ms: cpuMs } : {}),
    typing_diagnostics: findings,
    typing_reads: readCounts.sent,
    typing_reads_skipped: readCounts.skipped,
    // What the workbench was given to redraw: each part handed over is a change of its markers (the editor's
    // decorations, the overview ruler, code actions asked again, the markers sent on to other extension hosts).
    typing_parts_handed_over: handed.parts,
    // The turns of the host that handed them over (the workbench redraws once for the parts of one turn), and the
    // longest of them on a core (ms).
    typing_hand_over_turns: handed.turns,
    typing_hand_over_turn_max_ms: round(handed.turnMaxMs),
    // Each change of a part's markers has the workbench read every marker of the document again (and send them on).
    typing_related_shown: vscode.languages.getDiagnostics(document.uri).reduce((sum, d) => sum + (d.relatedInformation?.length ?? 0), 0),
    typing_diagnostics_handed_over: handed.diagnostics,
    // The host's own garbage collection pauses count in the delay above.
    typing_gc_max_ms: round(Math.max(0, ...gcs)),
    // The host's collections in the window: how many, and their time in all (ms).
    typing_gc_count: gcs.length,
    typing_gc_total_ms: round(gcs.reduce((sum, ms) => sum + ms, 0)),
    typing_gc_kinds: gcKinds.join(', '),
  };
  if (unlinted) Reflect.deleteProperty(api.lint, 'onChange');
  return result;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Counts the reads of `uri` the editor asks its linter for, and those that came back skipped (typing overtook them). */
function countReads(lint: { engine: LintClient }, uri: string): { stop(): { sent: number; skipped: number } } {
  const { engine } = lint;
  const update = engine.update.bind(engine);
  const counts = { sent: 0, skipped: 0 };
  engine.update = (key, ...rest) => {
    const reading = update(key, ...rest);
    if (key === uri) {
      counts.sent++;
      void reading.then((outcome) => {
        if (outcome.skipped) counts.skipped++;
      });
    }
    return reading;
  };
  return {
    stop() {
      engine.update = update;
      return { ...counts };
    },
  };
}
/**
 * Counts the parts of `uri`'s diagnostics handed over to the workbench (set or deleted), the diagnostics in them, and
 * the host's turns that handed them over, with the longest of these turns' time on a core in handing them over.
 */
function countHandedOver(lint: { collections: vscode.DiagnosticCollection[] }, uri: vscode.Uri): { stop(): { parts: number; diagnostics: number; turns: number; turnMaxMs: number } } {
  const counts = { parts: 0, diagnostics: 0, turns: 0, turnMaxMs: 0 };
  // The parts handed over in one turn reach the workbench together; the host's thread's time on a core for them.
  let turnMs: number | undefined;
  const timed = (handOver: () => void) => {
    const before = threadCpuMs();
    handOver();
    if (turnMs === undefined) {
      counts.turns++;
      turnMs = 0;
      setImmediate(() => {
        counts.turnMaxMs = Math.max(counts.turnMaxMs, turnMs ?? 0);
        turnMs = undefined;
      });
    }
    turnMs += threadCpuMs() - before;
  };
  const restore = lint.collections.map((collection) => {
    const set = collection.set.bind(collection) as (target: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]) => void;
    const remove = collection.delete.bind(collection);
    Object.assign(collection, {
      set(target: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]) {
        if (target.toString() !== uri.toString()) return set(target, diagnostics);
        counts.parts++;
        counts.diagnostics += diagnostics.length;
        timed(() => set(target, diagnostics));
      },
      delete(target: vscode.Uri) {
        if (target.toString() !== uri.toString()) return remove(target);
        counts.parts++;
        timed(() => remove(target));
      },
    });
    return () => Reflect.deleteProperty(collection, 'set') && Reflect.deleteProperty(collection, 'delete');
  });
  return {
    stop() {
      for (const undo of restore) undo();
      // The last turn may have handed over the last part just now.
      return { ...counts, turnMaxMs: Math.max(counts.turnMaxMs, turnMs ?? 0) };
    },
  };
}

/** The pause in typing after which the extension reads a large document again (diagnostics.ts). */
const largeSettleMs = 600;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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
 * Resolves, with the time waited (ms), once Chromium's renderers used under a tenth of a core for 500 ms, or after
 * 20 s; at once where their CPU cannot be read.
 */
async function rendererSettled(): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < 20_000) {
    const before = sessionCpu()?.renderer;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = sessionCpu()?.renderer;
    if (before === undefined || after === undefined || after - before < 50) break;
  }
  return Math.round(performance.now() - start);
}

/** The longest gap between two ticks of the host's thread, split by where its time went (ms). */
interface Hold {
  heldMs: number;
  onCoreMs: number;
  coreWaitMs: number;
}

/**
 * Watches the host's thread at each 1 ms tick with the kernel's scheduler statistics of the thread
 * (/proc/thread-self/schedstat, Linux only): the longest time between two ticks less what the thread spent waiting for
 * a core in it, the longest time on a core between two ticks (how long the thread ran before its 1 ms timer could fire),
 * the wait in all, and the longest hold split into time on a core, waiting for one, and asleep (the
 * rest: the thread blocked in the kernel, e.g. on a lock another thread holds, or a fork). Undefined where the
 * statistics cannot be read.
 */
function watchHolds(): { stop(): { runMaxMs: number; onCoreMaxMs: number; waitedMs: number; longest: Hold } } | undefined {
  let fd: number;
  try {
    fd = openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    return undefined;
  }
  const buffer = Buffer.alloc(128);
  // "<ns on a core> <ns waiting for one> <time slices>"
  const read = () => buffer.toString('latin1', 0, readSync(fd, buffer, 0, buffer.length, 0)).split(' ').slice(0, 2).map((ns) => Number(ns) / 1e6);
  const [firstOnCore, firstWaited] = read();
  let [lastOnCore, lastWaited] = [firstOnCore, firstWaited];
  let lastTick = performance.now();
  let runMaxMs = 0;
  let onCoreMaxMs = 0;
  let longest: Hold = { heldMs: 0, onCoreMs: 0, coreWaitMs: 0 };
  const ticker = setInterval(() => {
    const tick = performance.now();
    const [onCore, waited] = read();
    const hold = { heldMs: tick - lastTick, onCoreMs: onCore - lastOnCore, coreWaitMs: waited - lastWaited };
    runMaxMs = Math.max(runMaxMs, hold.heldMs - hold.coreWaitMs);
    onCoreMaxMs = Math.max(onCoreMaxMs, hold.onCoreMs);
    if (hold.heldMs > longest.heldMs) longest = hold;
    [lastTick, lastOnCore, lastWaited] = [tick, onCore, waited];
  }, 1);
  return {
    stop() {
      clearInterval(ticker);
      closeSync(fd);
      return { runMaxMs, onCoreMaxMs, waitedMs: lastWaited - firstWaited, longest };
    },
  };
}

/**
 * CPU time in the window (all threads, ms at the kernel's 10 ms ticks) of this session's processes by kind, and of
 * everything else on the machine: load-proof counts, where the holds above are mostly waits. The session is what the
 * runner started (the ancestor of this host that also started Chromium): this host, the linter's process, Chromium's
 * renderers, Chromium's other processes, and the rest (code-server, the emulator). Linux only.
 */
function watchSessionCpu(): { stop(): Record<string, number> } | undefined {
  const before = sessionCpu();
  if (!before) return undefined;
  return {
    stop() {
      const after = sessionCpu() ?? before;
      const spent: Record<string, number> = {};
      for (const [kind, ms] of Object.entries(after)) spent[kind] = Math.round(ms - (before[kind] ?? 0));
      return spent;
    },
  };
}

function sessionCpu(): Record<string, number> | undefined {
  try {
    const processes = new Map<number, { parent: number; name: string; ms: number }>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        processes.set(Number(entry), { parent: Number(fields[1]), name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ms: (Number(fields[11]) + Number(fields[12])) * 10 });
      } catch {
        // Ended while listed.
      }
    }
    const children = (pid: number) => [...processes].filter(([, p]) => p.parent === pid).map(([child]) => child);
    let runner = process.pid;
    while (runner > 1 && !children(runner).some((child) => processes.get(child)?.name.startsWith('chrom'))) runner = processes.get(runner)?.parent ?? 1;
    const cpu: Record<string, number> = { host_thread: threadCpuMs(), host: 0, lint: 0, renderer: 0, chromium: 0, server: 0, outside: machineCpuMs() };
    for (let queue = runner > 1 ? [runner] : []; queue.length > 0;) {
      const pid = queue.pop() as number;
      queue = queue.concat(children(pid));
      const kind = kindOf(pid, processes.get(pid)?.name ?? '');
      cpu[kind] += processes.get(pid)?.ms ?? 0;
      cpu.outside -= processes.get(pid)?.ms ?? 0;
    }
    return cpu;
  } catch {
    return undefined;
  }
}

function kindOf(pid: number, name: string): string {
  if (pid === process.pid) return 'host';
  let args = '';
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
  } catch {
    // Ended.
  }
  if (args.includes('--azs-lint-process')) return 'lint';
  if (args.includes('--type=renderer')) return 'renderer';
  return name.startsWith('chrom') ? 'chromium' : 'server';
}

/** The host's major page faults so far (NaN where /proc cannot be read). */
function majorFaults(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[9]);
  } catch {
    return Number.NaN;
  }
}

/** This thread's time on a core, ms. */
function threadCpuMs(): number {
  return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6;
}

/** The machine's busy time (all cores, ms at 10 ms ticks). */
function machineCpuMs(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'latin1').split('\n')[0].split(/ +/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) * 10;
}

/** With AZS_BENCH_TYPING_PROFILE=<file>: a CPU profile of the host's thread over the window (for a look, not a figure). */
function startProfile(index: number): Promise<{ stop(): Promise<void> } | undefined> {
  return recordInspector(windowsFile(process.env.AZS_BENCH_TYPING_PROFILE, index), [
    ['Profiler.enable'], ['Profiler.setSamplingInterval', { interval: 250 }], ['Profiler.start'],
  ], 'Profiler.stop');
}

/** perf_hooks' kinds of collection. */
const gcKindNames: Record<number, string> = { 1: 'minor', 4: 'major', 8: 'incremental', 16: 'weak' };

/**
 * With AZS_BENCH_TYPING_HEAP=<file>: the host's allocations in the window, sampled every 16 KB, those collected since
 * included (where the window's garbage comes from: the heap profile's JSON, for bench/heap-summary.mjs).
 */
function startHeapSampling(index: number): Promise<{ stop(): Promise<void> } | undefined> {
  return recordInspector(windowsFile(process.env.AZS_BENCH_TYPING_HEAP, index), [
    ['HeapProfiler.enable'], ['HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }],
  ], 'HeapProfiler.stopSampling');
}

/** Starts recording in the host's inspector (`start`'s calls in turn); `stop` writes the profile `stopCall` returns to `file`. */
async function recordInspector(file: string | undefined, start: [string, object?][], stopCall: 'Profiler.stop' | 'HeapProfiler.stopSampling'): Promise<{ stop(): Promise<void> } | undefined> {
  if (!file) return undefined;
  const session = new Session();
  session.connect();
  for (const [method, params] of start) await (session.post as (method: string, params?: object) => Promise<unknown>)(method, params);
  return {
    async stop() {
      const { profile } = await (session.post as (method: string) => Promise<{ profile: unknown }>)(stopCall);
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/** A variant's file for one window: its number before the extension (`trace.json` → `trace-2.json`). */
function windowsFile(path: string | undefined, index: number): string | undefined {
  return path?.replace(/(\.[^./]*)?$/, `-${index}$1`);
}

/**
 * With AZS_BENCH_TYPING_TRACE=<file>: Chromium's trace over the window, every process's threads and the renderer's
 * JavaScript sampled (for a look at what the workbench spends its CPU on, not a figure: tracing costs CPU too).
 */
async function startTrace(index: number): Promise<{ stop(): Promise<void> } | undefined> {
  const path = windowsFile(process.env.AZS_BENCH_TYPING_TRACE, index);
  if (!path) return undefined;
  await uiAction({ op: 'trace', path });
  return { stop: async () => void await uiAction({ op: 'trace', stop: true }) };
}
