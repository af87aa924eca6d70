// Large documents in the real host: the linter reads them in its process after a pause in typing, typing over a read
// under way stops it and publishes nothing for the text it overtook (the documents that depend on what that text
// declares are still checked), and a linter process that stopped is replaced. The tests that type over a read hold
// the linter's process (SIGSTOP) while they type, so that the typing arrives before the read ends on any machine.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LintEvent } from '../../src/vscode/diagnostics';
import type { TextChange } from '../../src/core/lint';
import type { LintClient, LintOutcome } from '../../src/core/lintClient';
import type { TestApi } from '../../src/vscode/testApi';
import { denseScript } from '../unit/core/support/denseScript';
import { isStopped, mainThreadCpuMsOf } from '../unit/core/support/threads';
import { offeredWith, openFixture, testApi, waitFor } from './helpers';

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
/** Linux: the linter's process can be stopped and its main thread's CPU read (/proc). */
const onLinux = existsSync('/proc/self/stat');

/** The editor's linter client, as it is (what it sends and holds is looked at; nothing is faked). */
function linterOf(api: TestApi): LintClient {
  return (api.lint as unknown as { engine: LintClient }).engine;
}

/** The document of the oldest request the linter has not answered: the one its process is receiving or working on. */
function oldestUnanswered(linter: LintClient): string | undefined {
  const waiting = (linter as unknown as { waiting: Map<number, { request: { uri?: string } }> }).waiting;
  return waiting.values().next().value?.request.uri;
}

/**
 * Runs `type` with the linter's process stopped (SIGSTOP), and lets it go on once the note that `uri` was edited has
 * been sent: the process finds the note when it next looks, however fast it reads and however long the edit takes to
 * reach the extension host.
 */
async function typeWhileLinterStopped(linter: LintClient, uri: vscode.Uri, type: () => Thenable<unknown>): Promise<void> {
  const { pid } = linter;
  assert.ok(pid, 'the linter runs in a process of its own');
  const reading = (linter as unknown as { reading: Map<string, number> }).reading;
  process.kill(pid, 'SIGSTOP');
  try {
    await waitFor('the linter stopped', () => isStopped(pid), 10_000, 1);
    await type();
    await waitFor('the note that the document was edited, sent to the linter', () => !reading.has(uri.toString()));
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

/**
 * Every lint event, from now on, of the document `uri` names: events that come before it is known (its first read may
 * be published before opening it resolves) are kept until it is.
 */
function lintEvents(api: TestApi, uri: () => vscode.Uri | undefined): { readonly events: LintEvent[]; dispose(): void } {
  const events: LintEvent[] = [];
  const unsorted: LintEvent[] = [];
  const sort = () => {
    const key = uri()?.toString();
    if (key !== undefined) events.push(...unsorted.splice(0).filter((event) => event.uri.toString() === key));
  };
  const listener = api.lint.onDidLint((event) => {
    unsorted.push(event);
    sort();
  });
  return {
    get events() {
      sort();
      return events;
    },
    dispose() {
      listener.dispose();
    },
  };
}

/**
 * What the editor's linter client is asked to read of `uri` from now on, with each read's outcome once it came (the
 * client is watched as it is: what it sends is the linter's input; nothing is faked).
 */
function watchReads(api: TestApi, uri: vscode.Uri): { sent: { text: string; changes: readonly TextChange[] | undefined; outcome?: LintOutcome }[]; dispose(): void } {
  const engine = linterOf(api);
  const update = engine.update.bind(engine);
  const sent: { text: string; changes: readonly TextChange[] | undefined; outcome?: LintOutcome }[] = [];
  engine.update = (key, text, ...rest) => {
    const reading = update(key, text, ...rest);
    if (key === uri.toString()) {
      const read: (typeof sent)[number] = { text, changes: rest[1] };
      sent.push(read);
      void reading.then((outcome) => {
        read.outcome = outcome;
      });
    }
    return reading;
  };
  return {
    sent,
    dispose: () => {
      engine.update = update;
    },
  };
}

/**
 * Types with `type`; once a pause in typing sent the text of `uri` and it is the oldest request the linter has not
 * answered (the one its process now receives or reads), resolves with the CPU its main thread had used then (ms).
 */
async function readUnderWay(api: TestApi, linter: LintClient, uri: vscode.Uri, type: () => Thenable<unknown>): Promise<number> {
  const started = nextRead(api, uri);
  await type();
  await started;
  await waitFor('the text first among the requests', () => oldestUnanswered(linter) === uri.toString(), 60_000, 1);
  return mainThreadCpuMsOf(linter.pid ?? 0);
}

/** Resolves when a pause in typing next sends the text of `uri` to be read. */
function nextRead(api: TestApi, uri: vscode.Uri): Promise<void> {
  return new Promise((resolve) => {
    const listener = api.lint.onDidStartRead((read) => {
      if (read.uri.toString() !== uri.toString()) return;
      listener.dispose();
      resolve();
    });
  });
}

/** A new PowerShell document with `content`, and its lint events from before it opened on. */
async function openWatched(api: TestApi, content: string): Promise<{ document: vscode.TextDocument; seen: ReturnType<typeof lintEvents> }> {
  const opened: { document?: vscode.TextDocument } = {};
  const seen = lintEvents(api, () => opened.document?.uri);
  const document = opened.document = await vscode.workspace.openTextDocument({ language: 'powershell', content });
  return { document, seen };
}

/** The dense 1 MB script in an editor, its lint events from its opening on, and a wait for the diagnostics of its text now. */
async function openDenseScript(api: TestApi) {
  const { document, seen } = await openWatched(api, denseScript(1024 * 1024));
  const editor = await vscode.window.showTextDocument(document);
  const linted = (what = 'diagnostics of the last text') => waitFor(what, () => seen.events.find((e) => e.version === document.version), 60_000);
  return { document, editor, seen, linted };
}

/**
 * A tenant script, pinned in a tab, that adds a customer subscription to a registration of a new name (nothing else of
 * the session declares or uses it: the other files of the workspace, and documents other tests left open, have no say
 * in AZS301 there), once its first diagnostics are shown.
 */
async function openTenantScript(api: TestApi): Promise<{ adding: vscode.TextDocument; name: string; azs301: () => vscode.Diagnostic[] }> {
  const name = `hub-typed-${randomUUID().slice(0, 8)}`;
  const { document: adding, seen } = await openWatched(api, `New-AzResource -ResourceId "/subscriptions/${randomUUID()}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/${name}/customerSubscriptions/${randomUUID()}" -ApiVersion 2017-06-01 -Properties @{ tenantId = "${randomUUID()}" }\n`);
  try {
    // Pinned: the dependents checked again are those in a tab, and showing the large script must not replace this one.
    await vscode.window.showTextDocument(adding, { preview: false });
    await waitFor('the diagnostics of the tenant script', () => seen.events.length > 0, 30_000);
  } finally {
    seen.dispose();
  }
  const azs301 = () => vscode.languages.getDiagnostics(adding.uri).filter((d) => codeOf(d) === 'AZS301');
  assert.deepEqual(azs301(), [], `no registration named ${name} is declared yet`);
  return { adding, name, azs301 };
}

describe('large documents in the editor', function () {
  this.timeout(120_000);
  let api: TestApi;

  before(async () => {
    api = await testApi();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  (onLinux ? it : it.skip)('shows the findings of a dense 1 MB script, and typing over a read under way stops it and publishes only the last text', async () => {
    const { document, editor, seen, linted } = await openDenseScript(api);
    const reads = watchReads(api, document.uri);
    try {
      const first = await linted('the first diagnostics');
      // VS Code shows 1,000 per file: the rest are counted in a note, and every finding stays with the code actions.
      assert.equal(first.diagnostics.length, 1001);
      assert.match(first.diagnostics[1000].message, /^\d+ more problems are not shown: VS Code shows 1000 per file\. Run azs-lint on the file to list them all\.$/);
      assert.ok(api.lint.findingsOf(document).length > 5000, `${api.lint.findingsOf(document).length} findings`);
      seen.events.length = 0;
      reads.sent.length = 0;
      const started = nextRead(api, document.uri);
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# edited\n'));
      await started;
      // The read of that text was just sent (the process cannot have all of its megabyte yet): this edit overtakes it.
      await typeWhileLinterStopped(linterOf(api), document.uri, () => editor.edit((edit) => edit.insert(new vscode.Position(0, 0), "Get-AzResource -ResourceId '/subscriptions/3f2b8c1e-7d4a-4b9e-8f21-6a5c0d9e1b47/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1/customerSubscriptions/contoso-prod' -ApiVersion 2017-06-01\n")));
      const last = await linted('diagnostics of the last text');
      assert.deepEqual(seen.events.map((e) => e.version), [document.version], 'nothing was published for the overtaken text');
      assert.deepEqual(reads.sent.map((read) => read.outcome?.skipped), [true, false], 'the linter stopped the read typing overtook, not the last');
      assert.ok(last.diagnostics.some((d) => codeOf(d) === 'AZS201' && d.range.start.line === 0 && /'contoso-prod'/.test(d.message)), 'the finding of the last edit');
      assert.deepEqual(vscode.languages.getDiagnostics(document.uri).length, last.diagnostics.length);
      // The code actions of a diagnostic among thousands still find its finding, and their edit applies.
      const newest = last.diagnostics.find((d) => codeOf(d) === 'AZS201' && d.range.start.line === 0)!;
      const before = api.lint.findingsOf(document).length;
      const { chosen } = await offeredWith(document.uri, newest.range, 'Disable AZS201 for this line');
      assert.ok(chosen.edit && await vscode.workspace.applyEdit(chosen.edit));
      const fixed = await linted('diagnostics after the quick fix');
      assert.ok(!fixed.diagnostics.some((d) => codeOf(d) === 'AZS201' && /'contoso-prod'/.test(d.message)), 'the finding is gone');
      // The editor shows 1,000 either way: every finding but that one is still there, and none is new.
      assert.equal(api.lint.findingsOf(document).length, before - 1, 'nothing else changed');
    } finally {
      reads.dispose();
      seen.dispose();
    }
  });

  it('hands over again only the diagnostics of a dense script that a read changed, or whose lines were edited', async () => {
    const { document, editor, seen, linted } = await openDenseScript(api);
    const shown = () => vscode.languages.getDiagnostics(document.uri);
    // What is shown once the last text's diagnostics stopped changing (Azure's answers to the live rules may come later).
    const settled = async () => {
      await linted();
      for (let count = -1, tries = 0; count !== seen.events.length && tries < 20; tries++) {
        count = seen.events.length;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      return shown();
    };
    const onLines = (diagnostics: readonly vscode.Diagnostic[], from: number, to: number) => diagnostics.filter((d) => d.range.start.line >= from && d.range.start.line <= to);
    try {
      const first = await settled();
      // An edit on one line that changes no finding: the diagnostics of the parts that span that line are shown anew
      // (the workbench moved them as the user typed), every other one is the very one shown before.
      await editor.edit((edit) => edit.insert(document.lineAt(230).range.end, ' '));
      const spaced = new Set(await settled());
      assert.equal(spaced.size, 1001);
      assert.ok(onLines(first, 230, 230).length > 0 && !onLines(first, 230, 230).some((d) => spaced.has(d)), 'the edited line is shown anew');
      assert.deepEqual(onLines([...spaced], 230, 230).map((d) => d.message), onLines(first, 230, 230).map((d) => d.message));
      const far = [...onLines(first, 100, 150), ...onLines(first, 400, 450)];
      assert.ok(far.length > 100 && far.every((d) => spaced.has(d)), 'diagnostics far from the edit are the ones shown before');
      // A line added at the top moves every finding down a line: all are shown anew, where they now stand.
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '\n'));
      const moved = await settled();
      assert.equal(moved.length, 1001);
      assert.ok(!moved.some((d) => spaced.has(d)), 'nothing shown before is kept');
      assert.deepEqual(onLines(moved, 231, 231).map((d) => d.message), onLines([...spaced], 230, 230).map((d) => d.message));
    } finally {
      seen.dispose();
    }
  });

  it('sends the edits of a large script, made after its last read, as one change of the text last sent', async () => {
    const { document, editor, seen, linted } = await openDenseScript(api);
    const reads = watchReads(api, document.uri);
    const { sent } = reads;
    try {
      await linted('the first diagnostics');
      const before = document.getText();
      sent.length = 0;
      // Two places in one edit (as with several cursors), then a third: the tree is to be edited, not read anew.
      await editor.edit((edit) => {
        edit.insert(document.lineAt(40).range.end, ' # two');
        edit.insert(new vscode.Position(3, 0), '# one\n');
      });
      await editor.edit((edit) => edit.delete(document.lineAt(500).range));
      await linted('diagnostics of the last text');
      assert.ok(sent.length > 0, 'the edited text was sent');
      let last = before;
      for (const { text, changes } of sent) {
        assert.equal(changes?.length, 1, 'the edits go as one change');
        const [{ start, end, text: inserted }] = changes;
        assert.equal(last.slice(0, start) + inserted + last.slice(end), text, 'the change turns the text last sent into the text sent');
        // One span from the first edit to the last, not the whole text.
        assert.ok(end - start < last.length / 4, `the change spans the edits (${start}–${end} of ${last.length})`);
        last = text;
      }
      assert.equal(last, document.getText());
    } finally {
      reads.dispose();
      seen.dispose();
    }
  });

  (onLinux ? it : it.skip)('checks again the documents that depend on a registration typed into a large script, though typing overtook that read', async () => {
    const { document: script, seen, linted } = await openDenseScript(api);
    const reads = watchReads(api, script.uri);
    const tenantScripts: vscode.TextDocument[] = [];
    try {
      await linted('the first diagnostics');
      const linter = linterOf(api);
      const { pid } = linter;
      assert.ok(pid, 'the linter runs in a process of its own');
      let editor = await vscode.window.showTextDocument(script);
      const end = () => script.lineAt(script.lineCount - 1).range.end;
      // The typing must reach the linter while it reads the declaring text: after its first look for typing (then
      // the text would be skipped unread, and the next read would name the dependents) and before its second, at the
      // end of the update, ahead of the findings. By its main thread's CPU from the moment the read is the oldest
      // request, a read of this script with a line added at its end looks first within ≈ 2 % of it and next at
      // ≈ 40-60 %: measured here on a read like it, the linter is stopped a tenth into the declaring read, whatever
      // the machine's speed and load, and the typing waits for it.
      reads.sent.length = 0;
      const measuring = await readUnderWay(api, linter, script.uri, () => editor.edit((edit) => edit.insert(end(), '\n# read to measure the linter\n')));
      const readMs = await waitFor('the answer to the read measured', () => reads.sent[0]?.outcome && mainThreadCpuMsOf(pid) - measuring, 60_000, 1);
      // At a high load the linter's CPU before its first look (receiving the text, collecting the last read's garbage)
      // was once more than that tenth: the text was skipped unread. Whichever way typing met the read, the tenant
      // script must show AZS301; where it missed the window, the window is tried again with a registration of a new
      // name, from a tenant script of its own.
      for (let attempt = 1; ; attempt++) {
        const { adding, name, azs301 } = await openTenantScript(api);
        tenantScripts.push(adding);
        editor = await vscode.window.showTextDocument(script);
        assert.ok(vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === adding.uri.toString())), 'the tenant script is still in a tab');
        reads.sent.length = 0;
        const sent = await readUnderWay(api, linter, script.uri, () => editor.edit((edit) => edit.insert(end(), `\nSet-AzsRegistration -PrivilegedEndpointCredential $cloudAdmin -PrivilegedEndpoint AzS-ERCS01 -RegistrationName ${name} -BillingModel Development\n`)));
        await waitFor('the linter a tenth into the declaring read', () => mainThreadCpuMsOf(pid) - sent >= readMs / 10 || reads.sent[0]?.outcome, 60_000, 1);
        await typeWhileLinterStopped(linter, script.uri, () => editor.edit((edit) => edit.insert(end(), '# typed on\n')));
        await linted();
        const outcomes = await waitFor('the outcomes of both reads', () => reads.sent.length === 2 && reads.sent.every((read) => read.outcome) && reads.sent.map((read) => read.outcome));
        const [found] = await waitFor('AZS301 in the tenant script', () => azs301().length > 0 && azs301(), 30_000);
        assert.ok(found.message.startsWith(`The registration declared in ${script.uri.toString()} uses the Development billing model`), found.message);
        // Read, then stopped: the read named the dependents itself.
        const overtaken = outcomes[0]?.skipped === true && outcomes[0].dependents.length > 0 && outcomes[1]?.skipped === false;
        if (overtaken) {
          assert.ok(outcomes[0]?.dependents.includes(adding.uri.toString()), 'the read typing stopped named the tenant script');
          break;
        }
        assert.ok(attempt < 3, `typing met none of three declaring reads while it was read: ${JSON.stringify(outcomes)}`);
      }
    } finally {
      reads.dispose();
      seen.dispose();
      for (const adding of tenantScripts) {
        await vscode.window.showTextDocument(adding);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
  });

  it('starts a new linter after its worker stopped, reads the open documents again, and goes on linting', async () => {
    const { document } = await openFixture('retired.ps1');
    await waitFor('diagnostics', () => vscode.languages.getDiagnostics(document.uri).some((d) => codeOf(d) === 'AZS402'));
    const seen = lintEvents(api, () => document.uri);
    try {
      await api.lint.crashWorker();
      const restored = await waitFor('diagnostics after the restart', () => seen.events[0], 30_000);
      assert.ok(restored.diagnostics.some((d) => codeOf(d) === 'AZS402'), restored.diagnostics.map((d) => d.message).join('\n'));
      const editor = await vscode.window.showTextDocument(document);
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# edited after the restart\n'));
      const edited = await waitFor('diagnostics of the edit', () => seen.events.find((e) => e.version === document.version), 30_000);
      assert.ok(edited.diagnostics.some((d) => codeOf(d) === 'AZS402' && d.range.start.line > 0));
    } finally {
      seen.dispose();
    }
  });
});
