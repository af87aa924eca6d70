// azs-lint's worker threads: the run's files shared out as the threads get to them (shard.ts), one share read and
// checked here and each other share in a worker thread running this same bundle. Two steps, so that every share sees
// every declaration: all read their files and say what registrations those declare; then each takes the others' and
// checks its files. A worker sends its files' texts (each once) after its declarations, which are all that the
// others wait for, so that the texts cross while this thread still reads or checks.
import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { Source } from './fix';
import type { Note } from './output';
import { Claims, Shard, type Checked, type RunFile, type ShardOptions, type ShareRead } from './shard';

interface Assignment {
  files: RunFile[];
  /** The claims' shared memory, and this worker's thread number in them. */
  claims: SharedArrayBuffer;
  thread: number;
  options: ShardOptions;
}

/** A file as a worker read it, without `text`: a worker fixes nothing, so the text is the one read (`original`). */
type SentSource = Omit<Source, 'text'>;

type Reply = { declarations: ShareRead['declarations'] } | { sources: SentSource[]; skipped: Note[] } | { checked: Checked[] };

/** A share in a worker thread; `next` waits for its next reply. */
class WorkerShare {
  private readonly worker: Worker;
  private readonly replies: Reply[] = [];
  private waiting: { resolve: (reply: Reply) => void; reject: (error: unknown) => void } | undefined;
  private failed: Error | undefined;

  constructor(script: string, assignment: Assignment) {
    this.worker = new Worker(script, { workerData: assignment });
    this.worker.on('message', (reply: Reply) => {
      if (this.waiting) this.waiting.resolve(reply);
      else this.replies.push(reply);
      this.waiting = undefined;
    });
    const fail = (error: Error) => {
      this.failed ??= error;
      this.waiting?.reject(error);
      this.waiting = undefined;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`a worker thread stopped with exit code ${code}`));
    });
  }

  next(): Promise<Reply> {
    const reply = this.replies.shift();
    if (reply) return Promise.resolve(reply);
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  send(declarations: ShareRead['declarations']): void {
    this.worker.postMessage(declarations);
  }
}

/** The worker's next reply, as `pick` reads it; a reply of another kind is a failure. */
async function answer<T>(share: WorkerShare, pick: (reply: Reply) => T | undefined): Promise<T> {
  const picked = pick(await share.next());
  if (picked === undefined) throw new Error('a worker thread answered out of turn');
  return picked;
}

/** What the shares read and skipped, and the checked files, each in the order of its share. */
export interface SharedRun {
  sources: Source[];
  skipped: Note[];
  checked: Checked[];
}

/**
 * Reads and checks `files` in `threads` threads: this one and worker threads running `script` (this bundle), each
 * file read by the thread that gets to it first. `prepare` runs on this thread's share before it is checked (`--fix`,
 * with one thread).
 */
export async function lintShared(script: string, files: RunFile[], threads: number, options: ShardOptions, prepare?: (shard: Shard, read: ShareRead) => Promise<void>): Promise<SharedRun> {
  const memory = Claims.memory(files.length);
  const workers = Array.from({ length: threads - 1 }, (_, i) => new WorkerShare(script, { files, claims: memory, thread: i + 2, options }));
  const here = new Shard(options);
  const claims = threads > 1 ? new Claims(memory, 1) : undefined;
  const [read, ...declared] = await Promise.all([here.read(files, claims, options.locale), ...workers.map((w) => answer(w, (r) => ('declarations' in r ? r.declarations : undefined)))]);
  const declarations = [read.declarations, ...declared];
  workers.forEach((worker, i) => worker.send(declarations.filter((_, j) => j !== i + 1).flat()));
  await here.declare(declared.flat());
  if (prepare) await prepare(here, read);
  const checked = here.check(read.sources);
  const others = await Promise.all(workers.map(async (w) => ({
    ...await answer(w, (r) => ('sources' in r ? r : undefined)),
    checked: await answer(w, (r) => ('checked' in r ? r.checked : undefined)),
  })));
  return {
    sources: [...read.sources, ...others.flatMap((other) => other.sources.map((source) => ({ ...source, text: source.original })))],
    skipped: [...read.skipped, ...others.flatMap((other) => other.skipped)],
    checked: [...checked, ...others.flatMap((other) => other.checked)],
  };
}

/** The worker thread's side: reads its share, takes the others' declarations, checks its files. */
export function serveShare(): void {
  const port = parentPort;
  if (!port) return;
  const { files, claims, thread, options } = workerData as Assignment;
  const shard = new Shard(options);
  void shard.read(files, new Claims(claims, thread), options.locale).then((read) => {
    port.once('message', (declarations: ShareRead['declarations']) => {
      void shard.declare(declarations).then(() => {
        port.postMessage({ checked: shard.check(read.sources) } satisfies Reply);
        port.close();
      });
    });
    port.postMessage({ declarations: read.declarations } satisfies Reply);
    const sources = read.sources.map(({ path, uri, kind, original, encoding, fixed }) => ({ path, uri, kind, original, encoding, fixed }));
    port.postMessage({ sources, skipped: read.skipped } satisfies Reply);
  });
}
