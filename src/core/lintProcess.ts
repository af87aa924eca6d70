// The linter's child process (dist/lintWorker.js, started by lintClient.ts): it lowers the priority of all its
// threads, then serves the extension host's requests from the IPC channel. A process of its own, not a thread of the
// host: V8's helper threads (the collector of the linter's heap, the compiler of the wasm lexer) and the locks they
// share belong to the process, so in a thread of the host they ran at the host's priority and took the cores the
// host's thread needed while the user typed.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { LintWorkerState, isOvertaken, lintProcessFlag, workerNicenessAbove, type LintMessage, type LintReply, type WorkerOptions } from './lintWorker';

/**
 * Lowers the priority of every thread of this process. On Linux a priority belongs to a thread, and a thread starts
 * at that of the thread that starts it, so the threads there now (V8's and Node's, started before this runs) are each
 * lowered, again until none is left at the old priority; threads started later inherit it. Elsewhere the process's
 * priority is lowered as a whole.
 */
function giveWayToTheEditor(): void {
  // The group is the session's: unless this process leads one, it is the editor's, which must keep its niceness.
  if (leadsOwnSession()) lowerOwnAutogroup(Math.min(19, getPriority(0) + workerNicenessAbove));
  const lower = (id: number) => {
    try {
      setPriority(id, Math.min(19, getPriority(id) + workerNicenessAbove));
    } catch {
      // The thread ended meanwhile.
    }
  };
  let threads: string[];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    lower(0);
    return;
  }
  const lowered = new Set<string>();
  while (threads.some((id) => !lowered.has(id))) {
    for (const id of threads.filter((thread) => !lowered.has(thread))) {
      lowered.add(id);
      lower(Number(id));
    }
    threads = readdirSync('/proc/self/task');
  }
}

/**
 * Where Linux groups processes by session for scheduling (autogroups), the editor starts this process in a session
 * of its own (lintClient.ts): the cores are shared between groups first, so in the editor's group this process's load
 * drew the group's share away from the core the editor's thread waited for (the typing bench's longest holds were
 * that wait). Its group is given `niceness`, its threads' (elsewhere there is no such file, and nothing to do).
 * Users other than root may set a group's niceness once per 100 ms on the whole machine, and the kernel refuses the
 * others (EAGAIN): linters that start together (two windows, a restart) try again, `attempts` times in all, as a
 * group left at 0 would weigh as much as the editor's whole group.
 */
export function lowerOwnAutogroup(niceness: number, write = writeAutogroup, attempts = 20, retryMs = 150): void {
  try {
    write(niceness);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EAGAIN' && attempts > 1) {
      setTimeout(() => lowerOwnAutogroup(niceness, write, attempts - 1, retryMs), retryMs).unref();
    }
    // Otherwise there are no autogroups here (not Linux, or a kernel without them), or the kernel kept refusing.
  }
}

/** True when this process leads its session: its autogroup is then its own, not the editor's. */
function leadsOwnSession(): boolean {
  try {
    const stat = readFileSync('/proc/self/stat', 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]) === process.pid;
  } catch {
    return false;
  }
}

function writeAutogroup(niceness: number): void {
  writeFileSync('/proc/self/autogroup', String(niceness));
}

/**
 * Serves requests one at a time. Before each decision the loop turns once, so that messages the host already sent
 * are read from the channel and typing that overtook a read (a newer text, or the note that the document was edited
 * since) is seen.
 */
function serve(options: WorkerOptions): void {
  const send = (reply: LintReply) => process.send?.(reply);
  const state = new LintWorkerState(options, (text) => send({ type: 'internalError', text }));
  const pending: LintMessage[] = [];
  let running = false;
  const arrived = () => new Promise<void>((resolve) => setImmediate(resolve));
  const drain = async () => {
    running = true;
    for (let message = pending.shift(); message; message = pending.shift()) {
      // A note has done its work: the requests before it that it overtook were skipped as they came up.
      if (message.type === 'edited') continue;
      const current = message;
      await arrived();
      send(current.type === 'update' && isOvertaken(current, pending)
        ? state.skip(current)
        : await state.handle(current, async () => {
          await arrived();
          return isOvertaken(current, pending);
        }));
    }
    running = false;
  };
  // Listening holds the process open while the channel is. Once the host is gone nothing it asked for is wanted: the
  // process ends at the next turn, rather than after reading what was still waiting while the machine has other work.
  process.once('disconnect', () => process.exit(0));
  process.on('message', (message: LintMessage) => {
    pending.push(message);
    if (!running) void drain();
  });
}

if (process.send && process.argv[2] === lintProcessFlag) {
  giveWayToTheEditor();
  // V8's optimizing tier compiles the 1 MB PowerShell grammar in the background for ≈ 7 s of CPU after the first
  // reads, and reads are no faster for it (CPU per read of the dense 1 MB script 230–470 ms either way); this flag
  // holds for this process only. Set here, before any wasm is compiled, it takes effect as it would on the command
  // line: no function of the grammar is compiled by TurboFan (29 without it; bench/NOTES.md, hardening6).
  setFlagsFromString('--liftoff-only');
  serve(JSON.parse(process.argv[3]) as WorkerOptions);
}
