import * as assert from 'node:assert/strict';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LintWorkspace, LiveData, TextChange } from '../../../src/core/lint';
import { LintClient, type LintClientOptions } from '../../../src/core/lintClient';
import { lowerOwnAutogroup } from '../../../src/core/lintProcess';
import { LintWorkerState, isOvertaken, lintProcessFlag, workerNicenessAbove, type LintReply, type LintRequest, type WorkerOptions } from '../../../src/core/lintWorker';
import { SnapshotLive, snapshotOf } from '../../../src/core/liveSnapshot';
import { denseScript } from './support/denseScript';
import { customer, registrationId, tenant } from './support/ids';
import { liveFrom } from './support/live';
import { autogroupOf, isRunning, nicenessOfThreads, sessionOf } from './support/threads';
import { testWasmDir } from './support/wasm';

/** The linter process's script as tsc compiles it (the extension runs the esbuild bundle of the same file). */
const workerScript = join(__dirname, '..', '..', '..', 'src', 'core', 'lintProcess.js');
/** This process's scheduling group's niceness before any linter started (Linux autogroups). */
const ownAutogroupNiceness = existsSync('/proc/self/autogroup') ? autogroupOf('self').niceness : undefined;
/**
 * The same process at this one's priority (it lowers no thread), for the tests of what the client does. Ten nicer than
 * the test, as in the editor, it gets a few per cent of a core beside busy processes of ordinary priority: at load
 * 10–17 a test that reads the dense script took 8–30 s, and what these tests check is the client, not the scheduler.
 * Only the test of the priority itself starts the process as the editor does.
 */
const workerAtOurPriority = (() => {
  const script = join(mkdtempSync(join(tmpdir(), 'azs-worker-')), 'atOurPriority.js');
  writeFileSync(script, `require('node:os').setPriority = () => {};\nrequire(${JSON.stringify(workerScript)});\n`);
  return script;
})();
const uri = 'file:///ws/register.ps1';
const addTenant = `New-AzResource -ResourceId "${registrationId}/customerSubscriptions/${customer}" -ApiVersion 2017-06-01 -Properties @{ tenantId = '${tenant}' }`;
const badCustomer = addTenant.replace(customer, 'contoso-prod');

interface Told { internal: string[]; crashes: string[]; restarts: { restored: string[]; lost: string[] }[]; liveAnswers: number }

function client(options: Partial<LintClientOptions> = {}): { lint: LintClient; told: Told; restarted: Promise<void> } {
  const told: Told = { internal: [], crashes: [], restarts: [], liveAnswers: 0 };
  let restartedNow = () => {};
  const restarted = new Promise<void>((resolve) => {
    restartedNow = resolve;
  });
  const lint = new LintClient({
    script: workerAtOurPriority, wasmDir: testWasmDir(), locale: 'en',
    onInternalError: (text) => told.internal.push(text),
    onCrash: (text) => told.crashes.push(text),
    onRestart: (restored, lost) => {
      told.restarts.push({ restored, lost });
      restartedNow();
    },
    onLiveAnswers: () => told.liveAnswers++,
    ...options,
  });
  return { lint, told, restarted };
}

interface EditorRead { pid: number; skipped: boolean; codes: string[]; crashes: string[] }

/**
 * An editor of its own (a Node process started with `flags`) whose LintClient reads `text` as a shown document once
 * `setup` has run; it stays until killed. Resolves with what the first read gave, and the linter's process id.
 */
async function editorReading(text: string, options: { flags?: string[]; setup?: string } = {}): Promise<{ editor: ChildProcess; read: EditorRead }> {
  const editor = spawn(process.execPath, [...options.flags ?? [], '-e', `
    ${options.setup ?? ''}
    const { LintClient } = require(${JSON.stringify(require.resolve('../../../src/core/lintClient'))});
    const crashes = [];
    const lint = new LintClient({ script: ${JSON.stringify(workerAtOurPriority)}, wasmDir: ${JSON.stringify(testWasmDir())}, locale: 'en',
      onInternalError() {}, onCrash: (text) => crashes.push(text), onRestart() {}, onLiveAnswers() {} });
    setInterval(() => {}, 1000);
    lint.update('file:///a.ps1', ${JSON.stringify(text)}, 'powershell', undefined, undefined, true).then(({ skipped }) =>
      console.log(JSON.stringify({ pid: lint.pid, skipped, codes: (lint.lint('file:///a.ps1')?.findings ?? []).map((f) => f.code), crashes })));`],
  { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } });
  let output = '';
  const line = await new Promise<string>((resolve) => editor.stdout.on('data', (data: Buffer) => {
    output += data.toString();
    if (output.includes('\n')) resolve(output);
  }));
  return { editor, read: JSON.parse(line) as EditorRead };
}

async function waitUntil(done: () => boolean, what: string): Promise<void> {
  for (const until = Date.now() + 10_000; !done(); await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (Date.now() > until) assert.fail(what);
  }
}

const codes = (lint: LintClient, key = uri) => lint.lint(key)?.findings.map((f) => f.code);

describe('LintClient (the linter in a child process)', () => {
  const clients: LintClient[] = [];
  const started = (options: Partial<LintClientOptions> = {}) => {
    const made = client(options);
    clients.push(made.lint);
    return made;
  };
  afterEach(() => {
    for (const lint of clients.splice(0)) lint.dispose();
  });

  it('holds the findings of a shown document with the text they belong to, and its syntax-error flag', async () => {
    const { lint } = started();
    const outcome = await lint.update(uri, addTenant, 'powershell', undefined, undefined, true);
    assert.equal(outcome.skipped, false);
    assert.ok(!codes(lint)?.includes('AZS201'));
    const text = `${badCustomer}\nif (`;
    await lint.update(uri, text, 'powershell', undefined, undefined, true);
    assert.ok(codes(lint)?.includes('AZS201'));
    assert.equal(lint.lint(uri)?.text, text);
    assert.equal(lint.lint(uri)?.syntaxErrors, true);
  });

  it('reads a document that only declares registrations without working out its findings', async () => {
    const { lint } = started();
    await lint.update(uri, badCustomer, 'powershell', undefined, undefined, false);
    assert.equal(lint.holds(uri), true);
    assert.equal(lint.lint(uri), undefined);
  });

  it('skips reads that typing overtook, and the last one stands, read whole when its changes followed a skipped text', async () => {
    const { lint } = started();
    // Sent in one burst before the process starts (the first request starts it on the next turn), behind the read of a
    // dense script: however the channel splits the burst, every edit is there when that read ends.
    const busy = lint.update('file:///ws/dense.ps1', denseScript(256 * 1024), 'powershell', undefined, undefined, true);
    let text = badCustomer;
    const outcomes = [lint.update(uri, text, 'powershell', undefined, undefined, true)];
    for (let i = 0; i < 5; i++) {
      const at = text.indexOf('contoso-prod');
      text = `${text.slice(0, at)}x${text.slice(at)}`;
      outcomes.push(lint.update(uri, text, 'powershell', [{ start: at, end: at, text: 'x' }], undefined, true));
    }
    assert.equal(lint.pid, undefined, 'all sent before the process started');
    const results = await Promise.all(outcomes);
    await busy;
    assert.deepEqual(results.map((r) => r.skipped), [true, true, true, true, true, false]);
    assert.equal(lint.lint(uri)?.text, text);
    assert.match(lint.lint(uri)?.findings.find((f) => f.code === 'AZS201')?.message ?? '', /'xxxxxcontoso-prod'/);
  });

  it('skips a read waiting when the editor tells that its document was edited since; the next text\'s read stands', async () => {
    const { lint } = started();
    // One burst before the process starts, as above.
    const busy = lint.update('file:///ws/dense.ps1', denseScript(256 * 1024), 'powershell', undefined, undefined, true);
    const other = 'file:///ws/other.ps1';
    const overtaken = lint.update(uri, badCustomer, 'powershell', undefined, undefined, true);
    const kept = lint.update(other, badCustomer, 'powershell', undefined, undefined, true);
    lint.edited(uri);
    assert.equal(lint.pid, undefined, 'all sent before the process started');
    // Skipped with no newer text sent yet: the note alone overtook it.
    assert.deepEqual(await Promise.all([overtaken, kept]).then((outcomes) => outcomes.map((o) => o.skipped)), [true, false], 'only the edited document\'s read is skipped');
    await busy;
    const text = `${badCustomer}\n# edited`;
    assert.equal((await lint.update(uri, text, 'powershell', [{ start: badCustomer.length, end: badCustomer.length, text: '\n# edited' }], undefined, true)).skipped, false);
    assert.equal(lint.lint(uri)?.text, text);
    assert.ok(codes(lint)?.includes('AZS201'));
    // Told once the read was answered, the note has nothing to stop: the next read is not skipped.
    lint.edited(uri);
    assert.equal((await lint.update(uri, badCustomer, 'powershell', undefined, undefined, true)).skipped, false);
  });

  it('names the dependents of a document, and works out their findings when asked (the editor asks for those in a tab)', async () => {
    const { lint } = started();
    const declaring = 'file:///ws/declare.ps1';
    await lint.update(uri, addTenant, 'powershell', undefined, undefined, true);
    const register = `New-AzResource -ResourceId "${registrationId}" -ApiVersion 2017-06-01 -Properties @{ billingModel = 'Development' } -Force`;
    const outcome = await lint.update(declaring, register, 'powershell', undefined, undefined, false);
    assert.deepEqual(outcome.dependents, [uri]);
    assert.ok(!codes(lint)?.includes('AZS301'), 'not checked before it is asked for');
    await lint.check([uri]);
    assert.ok(codes(lint)?.includes('AZS301'));
    assert.deepEqual((await lint.remove(declaring)).dependents, [uri]);
    await lint.check([uri]);
    assert.ok(!codes(lint)?.includes('AZS301'));
  });

  it('sends what the editor shows with line positions, how many Fix all fixes, and finds a finding by its start', async () => {
    const { lint } = started();
    const text = `# first\r\n${badCustomer}\nConnect-AzureRmAccount\n`;
    await lint.update(uri, text, 'powershell', undefined, undefined, true);
    const held = lint.lint(uri);
    const finding = held?.findings.find((f) => f.code === 'AZS201');
    assert.ok(held && finding);
    const shown = held.shown.find((s) => s.code === 'AZS201');
    assert.deepEqual(shown?.range, [1, finding.start - 9, 1, finding.end - 9]);
    assert.equal(shown?.message, finding.message);
    assert.equal(held.total, held.findings.length);
    assert.ok(held.fixable > 0, 'Connect-AzureRmAccount has a safe fix');
    assert.deepEqual(held.findingsAt(finding.start).filter((f) => f.code === 'AZS201'), [finding]);
    assert.deepEqual(held.findingsAt(finding.start + 1).filter((f) => f.start !== finding.start + 1), []);
  });

  // The suite may itself run niced (as CI may run it); the linter is then nicer still, up to the most a thread can be.
  (existsSync('/proc/self/task') && getPriority() < 19 ? it : it.skip)("reads at a lower priority than the editor's threads, all of its threads, from its first lint on", async function () {
    // Niced as in the editor, the process gets a few per cent of a core beside busy processes of ordinary priority:
    // at load 17 its start and first read can take tens of seconds.
    this.timeout(120_000);
    const { lint } = started({ script: workerScript });
    await lint.update(uri, denseScript(64 * 1024), 'powershell', undefined, undefined, true);
    assert.ok(lint.pid);
    const threads = [...nicenessOfThreads(lint.pid).values()];
    assert.ok(threads.length > 1, `${threads.length} threads`);
    assert.deepEqual(new Set(threads), new Set([Math.min(19, getPriority() + workerNicenessAbove)]));
    assert.deepEqual(new Set(nicenessOfThreads().values()), new Set([getPriority()]), "this process's threads keep their priority");
  });

  // Linux schedules each session's processes as a group (autogroups): a linter in the editor's group drew the group's
  // share of the cores away from the editor's thread.
  (existsSync('/proc/self/autogroup') && getPriority() < 19 ? it : it.skip)("reads in a session of its own, whose scheduling group is as nice as its threads", async function () {
    this.timeout(120_000);
    const { lint } = started({ script: workerScript });
    await lint.update(uri, 'Get-Date', 'powershell', undefined, undefined, true);
    assert.ok(lint.pid);
    assert.equal(sessionOf(lint.pid), lint.pid, 'the linter leads a session of its own');
    assert.notEqual(autogroupOf(lint.pid).group, autogroupOf('self').group);
    assert.equal(autogroupOf(lint.pid).niceness, Math.min(19, getPriority() + workerNicenessAbove));
    assert.equal(autogroupOf('self').niceness, ownAutogroupNiceness, "the editor's group keeps its niceness");
  });

  it("tries again to make its group nicer while the kernel refuses (users other than root: once per 100 ms on the machine)", async () => {
    const tried: number[] = [];
    const refusing = (times: number, code: string) => (niceness: number) => {
      tried.push(niceness);
      if (tried.length <= times) throw Object.assign(new Error(code), { code });
    };
    lowerOwnAutogroup(10, refusing(2, 'EAGAIN'), 20, 5);
    await waitUntil(() => tried.length === 3, 'a third write after two refusals');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(tried, [10, 10, 10], 'no write after the one taken');
    tried.length = 0;
    lowerOwnAutogroup(10, refusing(99, 'EAGAIN'), 4, 1);
    await waitUntil(() => tried.length === 4, 'four writes');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(tried.length, 4, 'it gives up after the attempts it was given');
    tried.length = 0;
    lowerOwnAutogroup(10, refusing(99, 'ENOENT'), 20, 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(tried.length, 1, 'no autogroups here: nothing to try again');
  });

  (existsSync('/proc/self/task') ? it : it.skip)('leaves no process behind: after dispose, and after the editor ended without it', async () => {
    const { lint } = started();
    await lint.update(uri, addTenant, 'powershell', undefined, undefined, true);
    const pid = lint.pid;
    assert.ok(pid && isRunning(pid));
    lint.dispose();
    await waitUntil(() => !isRunning(pid), 'the process ends at dispose');
    // An editor that is killed never disposes: its linter ends as the channel closes.
    const { editor, read: { pid: orphan } } = await editorReading('Get-Date');
    assert.ok(isRunning(orphan));
    editor.kill('SIGKILL');
    await waitUntil(() => !isRunning(orphan), 'the process ends with the editor');
  });

  it("compiles the grammar with V8's baseline tier only: its optimizing tier took seconds of CPU and made no read faster", async () => {
    // The process sets --liftoff-only at run time; V8 traces each wasm function it compiles, and with which tier.
    const linter = fork(workerAtOurPriority, [lintProcessFlag, JSON.stringify({ wasmDir: testWasmDir(), locale: 'en' } satisfies WorkerOptions)],
      { serialization: 'advanced', execArgv: ['--trace-wasm-compilation-times'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let trace = '';
    linter.stdout?.on('data', (data: Buffer) => {
      trace += data.toString();
    });
    const read = (id: number, text: string) => new Promise<void>((resolve) => {
      linter.on('message', (reply: LintReply) => reply.type === 'done' && reply.id === id && resolve());
      linter.send({ type: 'update', id, uri, text, kind: 'powershell', check: true } satisfies LintRequest);
    });
    // Without the flag, V8 optimized 25 of the grammar's functions over these two reads.
    const text = denseScript(64 * 1024);
    await read(1, text);
    await read(2, `${text}\n# again`);
    linter.disconnect();
    await new Promise((resolve) => linter.once('exit', resolve));
    assert.match(trace, /using Liftoff/, 'the trace is there');
    assert.doesNotMatch(trace, /using TurboFan/);
  });

  // Desktop VS Code runs the extension host in Electron: the linter is started with Electron's executable, which is
  // Node only with ELECTRON_RUN_AS_NODE (otherwise it opens a window), and without the host's own flags (which fork
  // puts before the script). A stand-in executable refuses to run otherwise; the editor here has a flag of its own.
  (process.platform === 'win32' ? it.skip : it)("starts the linter with the editor's executable as plain Node, without the editor's flags (desktop VS Code)", async () => {
    const electron = join(mkdtempSync(join(tmpdir(), 'azs-electron-')), 'electron');
    writeFileSync(electron, [
      '#!/bin/sh',
      '[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "started as Electron, not as Node" >&2; exit 9; }',
      'case "$1" in -*) echo "given the editor\'s flag $1" >&2; exit 8;; esac',
      // A mark the linter's process keeps in its environment: it was started through this executable.
      'export AZS_STARTED_AS_ELECTRON=1',
      `exec ${JSON.stringify(process.execPath)} "$@"`,
    ].join('\n'), { mode: 0o755 });
    const { editor, read } = await editorReading(badCustomer, { flags: ['--expose-gc'], setup: `process.execPath = ${JSON.stringify(electron)};` });
    const environment = existsSync('/proc/self/environ') ? readFileSync(`/proc/${read.pid}/environ`, 'latin1').split('\0') : undefined;
    editor.kill('SIGKILL');
    if (environment) assert.ok(environment.includes('AZS_STARTED_AS_ELECTRON=1'), "started with the editor's executable");
    assert.deepEqual(read.crashes, []);
    assert.equal(read.skipped, false);
    assert.ok(read.codes.includes('AZS201'), read.codes.join());
  });

  it('sends at most the 1,000 most severe findings to show of a dense script, and every finding in pieces', async () => {
    const { lint } = started();
    await lint.update(uri, denseScript(128 * 1024), 'powershell', undefined, undefined, true);
    const held = lint.lint(uri);
    assert.ok(held && held.total > 1000, `${held?.total} findings`);
    assert.equal(held.shown.length, 1000);
    assert.ok(held.shown.every((s) => s.related.length <= 50));
    assert.equal(held.findings.length, held.total);
    const last = held.findings[held.findings.length - 1];
    assert.ok(held.findingsAt(last.start).includes(last));
  });

  it('applies rule settings at the next check', async () => {
    const { lint } = started();
    await lint.update(uri, badCustomer, 'powershell', undefined, undefined, true);
    lint.configure({ AZS201: 'off' });
    await lint.check([uri]);
    assert.ok(!codes(lint)?.includes('AZS201'));
  });

  it("asks the editor's live data what the live rules could not answer, and says when answers are known at once", async () => {
    const { lint, told } = started();
    lint.useLive(liveFrom({ registrations: {} }), []);
    await lint.update(uri, addTenant, 'powershell', undefined, undefined, true);
    assert.ok(!codes(lint)?.includes('AZS601'), 'the first read asks');
    assert.equal(told.liveAnswers, 1);
    await lint.check([uri]);
    assert.ok(codes(lint)?.includes('AZS601'), 'the next check knows');
  });

  it("asks the editor's live data again, when its answers change, only what the shown documents' lints asked", async () => {
    const { lint } = started();
    const table = liveFrom({ registrations: {} });
    const asked: string[] = [];
    const live: LiveData = {
      registration: (ref) => {
        asked.push(ref.name);
        return table.registration(ref);
      },
      tenant: (ref, id) => table.tenant(ref, id),
    };
    lint.useLive(live, []);
    const other = 'file:///ws/other.ps1';
    await lint.update(uri, addTenant, 'powershell', undefined, undefined, true);
    await lint.update(other, addTenant.replace('/reg1/', '/reg2/'), 'powershell', undefined, undefined, true);
    assert.deepEqual(asked, ['reg1', 'reg2'], 'each lint asks its own questions');
    asked.length = 0;
    lint.useLive(live, [uri]);
    assert.deepEqual(asked, ['reg1']);
    asked.length = 0;
    await lint.check([uri]);
    assert.deepEqual(asked, ['reg1'], 'checked again with the new answers, the shown document asks once more; the other not at all');
  });

  it('rejects a request it could not send, before the process started and after, and goes on with the next', async () => {
    const escaped: unknown[] = [];
    const escape = (error: unknown) => escaped.push(error);
    process.on('unhandledRejection', escape);
    process.on('uncaughtException', escape);
    try {
      const { lint, told } = started();
      // A change that cannot cross to the process (the channel copies plain data only): sending it throws.
      const unsendable = [{ start: 0, end: 0, text: '', at: () => 0 }] as unknown as TextChange[];
      const cannotSend = /could not be cloned/;
      // The first request starts the process on the next turn, and is sent then.
      await assert.rejects(lint.update(uri, addTenant, 'powershell', unsendable, undefined, true), cannotSend);
      assert.equal((await lint.update(uri, badCustomer, 'powershell', undefined, undefined, true)).skipped, false);
      assert.ok(codes(lint)?.includes('AZS201'));
      await assert.rejects(lint.update(uri, addTenant, 'powershell', unsendable, undefined, true), cannotSend);
      // A request nobody waits for (Azure's answers, sent as they come) is told as an internal error.
      lint.useLive({ registration: () => ({ billingModel: (() => 'Capacity') as unknown as string }), tenant: () => undefined }, []);
      assert.equal((await lint.update(uri, addTenant, 'powershell', undefined, undefined, true)).skipped, false);
      assert.ok(!codes(lint)?.includes('AZS201'));
      await waitUntil(() => told.internal.length > 0, 'the unsent answers told');
      assert.match(told.internal[0], /^the linter was not sent a configure request: .*could not be cloned/);
      assert.equal((await lint.update(uri, badCustomer, 'powershell', undefined, undefined, true)).skipped, false, 'and it goes on');
      // Nothing unsent is left waiting for an answer: a crash would otherwise blame a request the process never had.
      assert.equal((lint as unknown as { waiting: Map<number, unknown> }).waiting.size, 0, 'no request left waiting');
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(escaped, [], 'no failure escaped the callers');
      assert.deepEqual(told.crashes, []);
    } finally {
      process.off('unhandledRejection', escape);
      process.off('uncaughtException', escape);
    }
  });

  it('starts a new worker after a crash: the documents read again come back, the one being read gets a notice', async () => {
    const { lint, told, restarted } = started();
    const other = 'file:///ws/other.ps1';
    await lint.update(other, badCustomer, 'powershell', undefined, undefined, true);
    // A read long enough that the kill always comes first (a small one could end before it, at the test's priority).
    const reading = lint.update(uri, denseScript(256 * 1024), 'powershell', undefined, undefined, true);
    await lint.crash();
    assert.deepEqual(await reading, { skipped: true, dependents: [] });
    await restarted;
    assert.equal(told.crashes.length, 1);
    assert.match(told.crashes[0], /lint worker stopped \(signal SIGKILL\)/);
    assert.deepEqual(told.restarts, [{ restored: [other], lost: [uri] }]);
    assert.match(lint.lint(uri)?.notice ?? '', /the linter stopped while reading this file and was restarted/);
    assert.ok(codes(lint, other)?.includes('AZS201'));
    await lint.update(uri, badCustomer, 'powershell', undefined, undefined, true);
    assert.ok(codes(lint)?.includes('AZS201'), 'the next change reads it again');
  });

  it('after a restart, a shown document read again before the file that declares its registration still has the finding that file makes', async () => {
    const { lint, restarted } = started();
    const declaring = 'file:///ws/declare.ps1';
    await lint.update(uri, addTenant, 'powershell', undefined, undefined, true);
    const register = `New-AzResource -ResourceId "${registrationId}" -ApiVersion 2017-06-01 -Properties @{ billingModel = 'Development' } -Force`;
    await lint.update(declaring, register, 'powershell', undefined, undefined, false);
    await lint.check([uri]);
    assert.ok(codes(lint)?.includes('AZS301'), 'the registration declared in the other file is Development');
    // The new process reads the tenant script first (the client holds it first), then the declaring file.
    await lint.crash();
    await restarted;
    assert.ok(codes(lint)?.includes('AZS301'), `after the restart: ${codes(lint)?.join(', ')}`);
  });

  it('tells a worker that threw once, and lets nothing reach the caller as an exception', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'azs-worker-'));
    const script = join(folder, 'throws.js');
    writeFileSync(script, "process.on('message', (m) => { if (m.type === 'update') throw new Error('out of memory, say'); });\n");
    const { lint, told, restarted } = started({ script });
    const outcome = await lint.update(uri, addTenant, 'powershell', undefined, undefined, true);
    await restarted;
    assert.equal(outcome.skipped, true);
    assert.equal(told.crashes.length, 1);
    assert.match(told.crashes[0], /out of memory, say/);
    assert.ok(lint.lint(uri)?.notice);
  });

  it('does not send a file that stopped the linter to the next one, shown or not, until it changes', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'azs-worker-'));
    const script = join(folder, 'stopsOnBad.js');
    writeFileSync(script, [
      "process.on('message', (m) => {",
      "  if (m.type === 'update' && m.text.includes('stop here')) process.exit(7);",
      "  process.send({ type: 'done', id: m.id, read: m.type === 'update', skipped: false, results: [], dependents: [] });",
      '});',
    ].join('\n'));
    const { lint, told, restarted } = started({ script });
    await lint.update(uri, addTenant, 'powershell', undefined, undefined, true);
    const bad = 'file:///ws/bad.ps1';
    assert.deepEqual(await lint.update(bad, `# stop here\n${addTenant}`, 'powershell', undefined, undefined, false), { skipped: true, dependents: [] });
    await restarted;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(told.crashes.length, 1, 'one stop, no loop');
    assert.match(told.crashes[0], /exit code 7/);
    assert.deepEqual(told.restarts, [{ restored: [uri], lost: [] }]);
    assert.equal(lint.holds(bad), false);
    assert.equal(lint.holds(uri), true);
    assert.equal((await lint.update(bad, addTenant, 'powershell', undefined, undefined, false)).skipped, false, 'read again once it changed');
    assert.equal(lint.holds(bad), true);
    assert.equal(told.crashes.length, 1);
  });

  it('stops starting processes that end before they answer, and starts one again at the next change', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'azs-worker-'));
    const script = join(folder, 'exits.js');
    writeFileSync(script, 'process.exit(3);\n');
    const { lint, told } = started({ script });
    assert.deepEqual(await lint.update(uri, addTenant, 'powershell', undefined, undefined, true), { skipped: true, dependents: [] });
    await waitUntil(() => told.crashes.length === 3, 'three processes started and ended');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(told.crashes.length, 3, 'no fourth process without a request');
    assert.match(told.crashes[2], /exit code 3.*stopped 3 times in a row before answering/);
    assert.deepEqual(told.restarts.at(-1), { restored: [], lost: [] });
    assert.match(lint.lint(uri)?.notice ?? '', /^Not linted: the linter stopped while reading this file/);
    assert.deepEqual(await lint.update(uri, addTenant, 'powershell', undefined, undefined, true), { skipped: true, dependents: [] });
    assert.equal(told.crashes.length, 4, 'one process started for the change');
    assert.deepEqual(told.restarts.at(-1), { restored: [], lost: [uri] });
    assert.match(lint.lint(uri)?.notice ?? '', /^Not linted: the linter stopped each time it was started/);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(told.crashes.length, 4);
  });
});

describe('lint worker queue', () => {
  const update = (id: number, changes?: { start: number; end: number; text: string }[], at = uri): LintRequest & { type: 'update' } =>
    ({ type: 'update', id, uri: at, text: 'x', kind: 'powershell', check: true, ...(changes ? { changes } : {}) });

  it('an update is overtaken by a later update or removal of the same document only', () => {
    assert.equal(isOvertaken(update(1), [update(2)]), true);
    assert.equal(isOvertaken(update(1), [{ type: 'remove', id: 2, uri }]), true);
    assert.equal(isOvertaken(update(1), [update(2, undefined, 'file:///ws/other.ps1'), { type: 'check', id: 3, uris: [uri] }]), false);
    assert.equal(isOvertaken({ type: 'check', id: 1, uris: [uri] }, [update(2)]), false);
  });

  it('an update is overtaken by the note that its document was edited since', () => {
    assert.equal(isOvertaken(update(1), [{ type: 'edited', uri }]), true);
    assert.equal(isOvertaken(update(1), [{ type: 'edited', uri: 'file:///ws/other.ps1' }]), false);
  });
});

describe('lint worker state', function () {
  this.timeout(30_000);
  const declaring = 'file:///ws/declare.ps1';
  const register = `New-AzResource -ResourceId "${registrationId}" -ApiVersion 2017-06-01 -Properties @{ billingModel = 'Development' } -Force`;
  let id = 1;
  const updateOf = (at: string, text: string, changes?: TextChange[]): LintRequest & { type: 'update' } =>
    ({ type: 'update', id: id++, uri: at, text, kind: 'powershell', check: true, ...(changes ? { changes } : {}) });
  const notOvertaken = () => Promise.resolve(false);
  /** A state whose workspace's reads and findings are listed as they happen (the calls pass through). */
  function watched() {
    const state = new LintWorkerState({ wasmDir: testWasmDir(), locale: 'en' }, (text) => assert.fail(text));
    const engine = (state as unknown as { engine: LintWorkspace }).engine;
    const reads: { uri: string; changes: readonly TextChange[] | undefined }[] = [];
    const findingsOf: string[] = [];
    const update = engine.update.bind(engine);
    const findings = engine.findings.bind(engine);
    engine.update = (at, text, kind, changes, encoding) => {
      reads.push({ uri: at, changes });
      return update(at, text, kind, changes, encoding);
    };
    engine.findings = (at) => {
      findingsOf.push(at);
      return findings(at);
    };
    return { state, reads, findingsOf };
  }
  /** What a reply sends of a document, as compared between two states. */
  const sent = (reply: Awaited<ReturnType<LintWorkerState['handle']>>) => reply.results.map(({ pieces, ...result }) => ({ ...result, pieces: pieces.length }));

  it('a read that typing overtook stops before its findings are worked out, and still names the documents that depend on it', async () => {
    const { state, findingsOf } = watched();
    await state.handle(updateOf(uri, addTenant), notOvertaken);
    findingsOf.length = 0;
    const reply = await state.handle(updateOf(declaring, register), () => Promise.resolve(true));
    assert.deepEqual({ ...reply, id: 0 }, { type: 'done', id: 0, read: true, skipped: true, results: [], dependents: [uri] });
    assert.deepEqual(findingsOf, [], 'no findings worked out');
    // The next text of the document is read as if the overtaken one had been read in full.
    const text = `${register}\n# edited`;
    const next = await state.handle(updateOf(declaring, text, [{ start: register.length, end: register.length, text: '\n# edited' }]), notOvertaken);
    const alone = new LintWorkerState({ wasmDir: testWasmDir(), locale: 'en' }, () => {});
    await alone.handle(updateOf(uri, addTenant), notOvertaken);
    assert.deepEqual(sent(next), sent(await alone.handle(updateOf(declaring, text), notOvertaken)));
  });

  it('an update skipped unread leaves its edits to the next one, read as one change of the text read before', async () => {
    const { state, reads } = watched();
    const read = badCustomer;
    await state.handle(updateOf(uri, read), notOvertaken);
    const at = read.indexOf('contoso-prod');
    const first = `${read.slice(0, at)}x${read.slice(at)}`;
    const skipped = state.skip(updateOf(uri, first, [{ start: at, end: at, text: 'x' }]));
    assert.deepEqual({ ...skipped, id: 0 }, { type: 'done', id: 0, read: false, skipped: true, results: [], dependents: [] });
    // Two more edits, one skipped as well: the last text's read gets all three as one change.
    const second = `# top\n${first}`;
    state.skip(updateOf(uri, second, [{ start: 0, end: 0, text: '# top\n' }]));
    const last = `${second}\n# last`;
    reads.length = 0;
    const reply = await state.handle(updateOf(uri, last, [{ start: second.length, end: second.length, text: '\n# last' }]), notOvertaken);
    assert.equal(reads.length, 1);
    const [change] = reads[0].changes ?? [];
    assert.equal(reads[0].changes?.length, 1);
    assert.equal(read.slice(0, change.start) + change.text + read.slice(change.end), last, 'the change turns the text read into the last');
    assert.match(reply.results[0].shown.find((f) => f.code === 'AZS201')?.message ?? '', /'xcontoso-prod'/);
    // A text skipped without its changes leaves the next one to be read whole; so does a next one without changes.
    state.skip(updateOf(uri, read));
    await state.handle(updateOf(uri, `${read}\n`, [{ start: read.length, end: read.length, text: '\n' }]), notOvertaken);
    state.skip(updateOf(uri, read, [{ start: read.length, end: read.length + 1, text: '' }]));
    await state.handle(updateOf(uri, last), notOvertaken);
    assert.deepEqual(reads.slice(1).map((r) => r.changes), [undefined, undefined]);
  });

  it('a document removed forgets the edits of its texts skipped unread', async () => {
    const { state, reads } = watched();
    await state.handle(updateOf(uri, badCustomer), notOvertaken);
    state.skip(updateOf(uri, `#${badCustomer}`, [{ start: 0, end: 0, text: '#' }]));
    await state.handle({ type: 'remove', id: id++, uri }, notOvertaken);
    await state.handle(updateOf(uri, addTenant, [{ start: 0, end: 0, text: 'x' }]), notOvertaken);
    assert.deepEqual(reads.at(-1)?.changes, [{ start: 0, end: 0, text: 'x' }], 'as sent');
  });
});

describe('live data snapshot', () => {
  const ref = { subscriptionId: 's', resourceGroup: 'rg', name: 'reg1' };

  it('answers from the snapshot and tells each question it was asked once', () => {
    const live = new SnapshotLive(snapshotOf(liveFrom({ registrations: { reg1: { billingModel: 'Capacity', tenants: ['c1'] } } }), { registrations: [ref], tenants: [{ ref, customerSubscriptionId: 'c1' }] }));
    assert.deepEqual(live.registration(ref), { billingModel: 'Capacity' });
    assert.equal(live.tenant(ref, 'c1'), 'present');
    const other = { ...ref, name: 'reg2' };
    assert.equal(live.registration(other), undefined);
    assert.equal(live.registration(other), undefined);
    assert.equal(live.tenant(ref, 'c2'), undefined);
    assert.deepEqual(live.takeQuestions(), { registrations: [ref, other], tenants: [{ ref, customerSubscriptionId: 'c1' }, { ref, customerSubscriptionId: 'c2' }] });
    assert.deepEqual(live.takeQuestions(), { registrations: [], tenants: [] });
  });

  it('holds no answer for what live data does not know', () => {
    assert.deepEqual(snapshotOf(liveFrom({ registrations: {}, unknown: true }), { registrations: [ref], tenants: [] }), { registrations: {}, tenants: {} });
  });
});
