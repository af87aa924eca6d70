// The editor's side of the linter in a child process at a lower priority (lintProcess.ts): sends each document's text,
// keeps what came back for each document (what to show, the findings, notices, the syntax-error flag), so that
// diagnostics and code actions read it at once, and asks the editor's LiveData the questions the live rules had. A
// process that stops is started again: the documents it was reading get a notice, the others are read again.
import { fork, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import type { DocumentKind, Finding, LiveData, RuleSeverityConfig, TextChange } from './lint';
import { pick, type Locale } from './l10n';
import { refKey, snapshotOf, tenantKey, type LiveQuestions, type LiveSnapshot } from './liveSnapshot';
import { lintProcessFlag, type FindingsPiece, type LintMessage, type LintReply, type LintRequest, type ShownFinding, type WorkerOptions } from './lintWorker';

export type { LineRange, ShownFinding } from './lintWorker';

/** The worker's lint of a document, with the text it was worked out from. */
export interface HeldLint {
  uri: string;
  text: string;
  /** What the editor shows: at most `maxShown` findings, errors first, with line positions. */
  shown: ShownFinding[];
  /** How many findings there are in all. */
  total: number;
  /** How many problems "Fix all" would fix in `text`. */
  fixable: number;
  notice?: string;
  failureNotice?: string;
  syntaxErrors: boolean;
  /** Every finding (parsed on first use: for a dense 1 MB script that is tens of milliseconds). */
  readonly findings: Finding[];
  /** The findings that start at `offset` (parses only the pieces that may hold them). */
  findingsAt(offset: number): Finding[];
}

export interface LintOutcome {
  /** True when typing overtook the read (or the worker stopped): there is nothing new to show. */
  skipped: boolean;
  /** Other documents whose findings came back with this one's (they depend on what it declares). */
  dependents: string[];
}

export interface LintClientOptions extends WorkerOptions {
  /** The linter process's script: dist/lintWorker.js in the extension. */
  script: string;
  /** Told each internal error of the engine (a rule or reader that threw). */
  onInternalError(text: string): void;
  /** Told once when the worker stopped unexpectedly; a new one is already starting (unless it says otherwise). */
  onCrash(text: string): void;
  /**
   * After a restart: the documents read again (their findings are held anew) and those that were being read when the
   * worker stopped (they hold a notice, and are read again at their next change). Also told, with nothing read again,
   * when processes kept stopping before they answered and the linter waits for the next change to start one.
   */
  onRestart(restored: string[], lost: string[]): void;
  /** Azure answered questions of the live rules at once: held findings may be out of date. */
  onLiveAnswers(): void;
}

const crashNotice = {
  en: 'Not linted: the linter stopped while reading this file and was restarted. Edit the file to check it again; the log has the details.',
  sv: 'Inte kontrollerad: lintern stannade medan den läste den här filen och startades om. Ändra filen för att kontrollera den igen; loggen har detaljerna.',
};

const startNotice = {
  en: 'Not linted: the linter stopped each time it was started. It is started again when a file changes; the log has the details.',
  sv: 'Inte kontrollerad: lintern stannade varje gång den startades. Den startas igen när en fil ändras; loggen har detaljerna.',
};

/**
 * Processes that may stop in a row before answering anything: then the linter is started again only at the next
 * request (a change of a file), rather than in a loop that takes a core and holds the host ≈ 10 ms per start.
 */
const failedStartsAllowed = 3;

interface Document {
  text: string;
  kind: DocumentKind;
  encoding?: string;
  check: boolean;
}

/** A request before it is numbered. */
type Unsent = { [K in LintRequest['type']]: Omit<Extract<LintRequest, { type: K }>, 'id'> }[LintRequest['type']];

interface Waiting {
  request: LintRequest;
  resolve(outcome: LintOutcome): void;
  /** The request could not be sent (its message would not cross to the process): the caller's error path. */
  reject(error: unknown): void;
}

/** How much of what the process wrote to stderr last is kept, to tell why it stopped. */
const stderrKept = 4000;

export class LintClient {
  /**
   * Started on the turn of the event loop after the first request, not in it: starting a process holds the caller's
   * thread ≈ 10 ms (fork copies the extension host's page tables), which activation should not wait for.
   */
  private worker: ChildProcess | undefined;
  /** Messages made before the process started. */
  private readonly unsent: LintMessage[] = [];
  /** Processes that stopped since the last answer. */
  private failedStarts = 0;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  /** The last text sent of every document the worker holds. */
  private readonly documents = new Map<string, Document>();
  /** The update of each document last sent, while it is not answered and no edit was told after it. */
  private readonly reading = new Map<string, number>();
  /** The text of each document as the worker last read it: what held findings belong to. */
  private readonly read = new Map<string, string>();
  private readonly held = new Map<string, HeldLint>();
  private locale: Locale;
  private rules: RuleSeverityConfig | undefined;
  private live: LiveData | undefined;
  private snapshot: LiveSnapshot | undefined;
  /** The questions each document's last lint asked: those of the documents shown are asked again when Azure's answers change. */
  private readonly asked = new Map<string, LiveQuestions>();
  private stopping = false;
  /** The end of what the process wrote to stderr (an uncaught exception's stack, V8's out-of-memory report). */
  private stderr = '';

  constructor(private readonly options: LintClientOptions) {
    this.locale = options.locale;
    this.rules = plain(options.rules);
  }

  private start(): ChildProcess {
    const { wasmDir, locale } = this.options;
    const rules = this.rules;
    const worker = fork(this.options.script, [lintProcessFlag, JSON.stringify({ wasmDir, locale, rules } satisfies WorkerOptions)], {
      // Typed arrays (the findings' JSON) travel as they are, not as JSON.
      serialization: 'advanced',
      // The extension host's own flags (an inspector port, say) are not the linter's; in desktop VS Code the
      // executable is Electron's, which runs as plain Node with ELECTRON_RUN_AS_NODE.
      execArgv: [],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // A session of its own, which Linux schedules as a group of its own (lintProcess.ts); it still ends with the
      // editor, as its channel closes.
      detached: process.platform === 'linux',
    });
    // The editor (or a test run) ends when it is done, whatever the process is doing; the process then ends as its
    // channel closes.
    worker.unref();
    worker.channel?.unref();
    worker.stderr?.setEncoding('utf8');
    worker.stderr?.on('data', (text: string) => {
      this.stderr = (this.stderr + text).slice(-stderrKept);
    });
    (worker.stderr as Socket | null)?.unref();
    worker.on('message', (reply: LintReply) => this.receive(reply));
    // A process that could not start, or sending to one that just stopped: its close, below, follows and tells why.
    worker.on('error', (error) => {
      this.stderr = `${this.stderr}${error.message}\n`.slice(-stderrKept);
    });
    worker.on('close', (code, signal) => {
      if (worker === this.worker && !this.stopping) this.stopped(code === null ? `signal ${signal}` : `exit code ${code}`);
    });
    return worker;
  }

  /** The linter process's id (tests look at its threads), once it was started. */
  get pid(): number | undefined {
    return this.worker?.pid;
  }

  /** Reads a document's new text (`check`: it is shown, so its findings are wanted; otherwise it only declares). */
  update(uri: string, text: string, kind: DocumentKind, changes: readonly TextChange[] | undefined, encoding: string | undefined, check: boolean): Promise<LintOutcome> {
    this.documents.set(uri, { text, kind, check, ...(encoding ? { encoding } : {}) });
    if (!check) this.forget(uri);
    return this.send({ type: 'update', uri, text, kind, check, ...(changes ? { changes: [...changes] } : {}), ...(encoding ? { encoding } : {}) });
  }

  /**
   * Tells the linter that a document was edited after its text was last sent, whose own read follows: a read of the
   * older text that is waiting or under way stops (its findings, of no use, are not worked out). Sent once per text.
   */
  edited(uri: string): void {
    if (!this.reading.delete(uri)) return;
    this.post({ type: 'edited', uri });
  }

  remove(uri: string): Promise<LintOutcome> {
    this.documents.delete(uri);
    this.forget(uri);
    return this.send({ type: 'remove', uri });
  }

  private forget(uri: string): void {
    this.held.delete(uri);
    this.asked.delete(uri);
  }

  /** New rule severities; the findings of shown documents are worked out again at the next `check`. */
  configure(rules: RuleSeverityConfig | undefined): void {
    this.rules = plain(rules);
    this.sendUnanswered({ type: 'configure', rules: this.rules ?? null });
  }

  /**
   * Lets the live rules read `live` (again: its answers changed); the next `check` uses what it knows now of the
   * questions the lints of the `shown` documents asked (asking it starts the requests for what it does not know).
   */
  useLive(live: LiveData, shown: readonly string[]): void {
    this.live = live;
    this.snapshot = snapshotOf(live, merged(shown.map((uri) => this.asked.get(uri))));
    this.sendUnanswered({ type: 'configure', live: this.snapshot });
  }

  /** Works out the findings of these shown documents again (after settings or Azure's answers changed). */
  async check(uris: string[]): Promise<void> {
    await this.send({ type: 'check', uris });
  }

  /** What the worker last sent back for a shown document. */
  lint(uri: string): HeldLint | undefined {
    return this.held.get(uri);
  }

  /** Whether the worker holds the document (shown or only declaring). */
  holds(uri: string): boolean {
    return this.documents.has(uri);
  }

  /** Kills the linter process as a crash would (for tests of the restart); resolves once it was handled as one. */
  crash(): Promise<void> {
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    return new Promise((resolve) => {
      worker.once('close', () => resolve());
      worker.kill('SIGKILL');
    });
  }

  /** Ends the linter process at once: what it was reading is of no use any more. */
  dispose(): void {
    this.stopping = true;
    this.worker?.kill();
    for (const waiting of this.waiting.values()) waiting.resolve({ skipped: true, dependents: [] });
    this.waiting.clear();
  }

  /**
   * Sends a request; the promise resolves with its outcome, or rejects when the request could not be sent (now, or
   * when the process starts).
   */
  private send(request: Unsent): Promise<LintOutcome> {
    const id = this.nextId++;
    const full: LintRequest = { ...request, id };
    return new Promise((resolve, reject) => {
      if (this.stopping) {
        resolve({ skipped: true, dependents: [] });
        return;
      }
      this.waiting.set(id, { request: full, resolve, reject });
      if (full.type === 'update') this.reading.set(full.uri, id);
      this.post(full);
    });
  }

  /** Sends a request whose outcome nobody waits for: one that could not be sent is told as an internal error. */
  private sendUnanswered(request: Unsent): void {
    this.send(request).catch((error: unknown) => this.options.onInternalError(`the linter was not sent a ${request.type} request: ${String(error)}`));
  }

  /** Sends a message to the process, which is started on the next turn if it is not yet. */
  private post(message: LintMessage): void {
    if (this.worker) this.deliver(this.worker, message);
    else if (this.unsent.push(message) === 1) setImmediate(() => this.launch());
  }

  /**
   * Hands a message to the process. One that cannot be (the channel copies plain data only, and throws at anything
   * else) fails its request, which the caller then handles; a note without a reply is told as an internal error.
   */
  private deliver(worker: ChildProcess, message: LintMessage): void {
    try {
      worker.send(message);
    } catch (error) {
      if (message.type === 'edited') {
        this.options.onInternalError(`the linter was not sent the note that a document was edited: ${String(error)}`);
        return;
      }
      const waiting = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.type === 'update' && this.reading.get(message.uri) === message.id) this.reading.delete(message.uri);
      waiting?.reject(error);
    }
  }

  private launch(): void {
    if (this.stopping) return;
    const worker = this.start();
    this.worker = worker;
    for (const message of this.unsent.splice(0)) this.deliver(worker, message);
    // After processes stopped before answering, the new one is told the documents the others held.
    if (this.failedStarts > 0) this.restore([]);
  }

  private receive(reply: LintReply): void {
    this.failedStarts = 0;
    if (reply.type === 'internalError') {
      this.options.onInternalError(reply.text);
      return;
    }
    const waiting = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    const request = waiting?.request;
    if (request?.type === 'update' && this.reading.get(request.uri) === reply.id) this.reading.delete(request.uri);
    if (request?.type === 'update' && reply.read) this.read.set(request.uri, request.text);
    if (request?.type === 'remove') this.read.delete(request.uri);
    const fresh: LiveQuestions[] = [];
    for (const { pieces, questions, ...result } of reply.results) {
      const text = this.read.get(result.uri);
      if (text === undefined || !this.documents.get(result.uri)?.check) continue;
      this.held.set(result.uri, heldLint({ ...result, text }, pieces));
      if (questions) {
        this.asked.set(result.uri, questions);
        fresh.push(questions);
      }
    }
    this.learn(merged(fresh));
    waiting?.resolve({ skipped: reply.skipped, dependents: reply.dependents });
  }

  /**
   * Asks the editor's LiveData the questions of lints just worked out, as a linter in this thread would have; answers
   * the worker did not have yet are sent at once.
   */
  private learn(questions: LiveQuestions): void {
    if (!this.live || questions.registrations.length + questions.tenants.length === 0) return;
    const answers = snapshotOf(this.live, questions);
    const snapshot = this.snapshot ?? { registrations: {}, tenants: {} };
    const news = Object.entries(answers.registrations).filter(([key, answer]) => JSON.stringify(snapshot.registrations[key]) !== JSON.stringify(answer)).length
      + Object.entries(answers.tenants).filter(([key, answer]) => snapshot.tenants[key] !== answer).length;
    if (news === 0) return;
    this.snapshot = { registrations: { ...snapshot.registrations, ...answers.registrations }, tenants: { ...snapshot.tenants, ...answers.tenants } };
    this.sendUnanswered({ type: 'configure', live: this.snapshot });
    this.options.onLiveAnswers();
  }

  /**
   * The process stopped: the documents it was reading get a notice, and a new one reads the others again, unless
   * processes kept stopping before they answered anything (then the next request starts one).
   */
  private stopped(reason: string): void {
    const givingUp = ++this.failedStarts >= failedStartsAllowed;
    const stopped = [...this.waiting.values()];
    this.waiting.clear();
    this.reading.clear();
    // The process answers in the order it was sent to, so the oldest request waiting is the one it was working on.
    // The document it was reading is not sent again until it changes, shown or not: one that stops the linter would
    // otherwise stop each new process too. The others waiting are read again with the rest.
    const reading = stopped[0]?.request;
    const lost: string[] = [];
    if (reading?.type === 'update') {
      const document = this.documents.get(reading.uri);
      this.documents.delete(reading.uri);
      this.read.delete(reading.uri);
      if (document?.check) {
        lost.push(reading.uri);
        this.held.set(reading.uri, heldLint({ uri: reading.uri, text: document.text, shown: [], total: 0, fixable: 0, notice: pick(givingUp ? startNotice : crashNotice, this.locale), syntaxErrors: false }, []));
      }
    }
    for (const waiting of stopped) waiting.resolve({ skipped: true, dependents: [] });
    const next = givingUp
      ? `it stopped ${this.failedStarts} times in a row before answering, so it is started again only when a file changes`
      : 'a new one reads the open documents again';
    this.options.onCrash(`the lint worker stopped (${reason}${this.stderr ? `: ${this.stderr.trim()}` : ''}); ${next}`);
    this.stderr = '';
    if (givingUp) {
      this.worker = undefined;
      this.options.onRestart([], lost);
      return;
    }
    this.worker = this.start();
    this.restore(lost);
  }

  /** Tells a new process the rules, Azure's answers and every document held; `onRestart` once they are read. */
  private restore(lost: string[]): void {
    this.sendUnanswered({ type: 'configure', rules: this.rules ?? null, ...(this.snapshot ? { live: this.snapshot } : {}) });
    // A document that could not be sent again is not read again (it is held as it was sent, and sent at its next change).
    const reads = [...this.documents].map(([uri, d]) => this.send({ type: 'update', uri, text: d.text, kind: d.kind, check: d.check, ...(d.encoding ? { encoding: d.encoding } : {}) })
      .then(({ dependents }) => ({ restored: d.check ? [uri] : [], dependents }), () => ({ restored: [], dependents: [] })));
    void Promise.all(reads).then(async (outcomes) => {
      const restored = outcomes.flatMap((outcome) => outcome.restored);
      // A document read again before one whose declarations it depends on (AZS301 across files) holds findings without
      // them: those named as dependents are worked out again, now that every document is in.
      const named = new Set(outcomes.flatMap((outcome) => outcome.dependents));
      const stale = restored.filter((uri) => named.has(uri));
      if (stale.length > 0) {
        await this.check(stale).catch((error: unknown) => this.options.onInternalError(`the linter was not sent a check request: ${String(error)}`));
      }
      this.options.onRestart(restored, lost);
    });
  }
}

/** All the questions of some documents' lints, each once. */
function merged(lists: readonly (LiveQuestions | undefined)[]): LiveQuestions {
  const registrations = new Map<string, LiveQuestions['registrations'][number]>();
  const tenants = new Map<string, LiveQuestions['tenants'][number]>();
  for (const list of lists) {
    for (const ref of list?.registrations ?? []) registrations.set(refKey(ref), ref);
    for (const question of list?.tenants ?? []) tenants.set(tenantKey(question.ref, question.customerSubscriptionId), question);
  }
  return { registrations: [...registrations.values()], tenants: [...tenants.values()] };
}


/** A lint as held: its findings were sent as deflated pieces of JSON, each inflated and parsed once, when first needed. */
function heldLint(lint: Omit<HeldLint, 'findings' | 'findingsAt'>, pieces: readonly FindingsPiece[]): HeldLint {
  const parsed: (Finding[] | undefined)[] = [];
  const piece = (index: number) => parsed[index] ??= JSON.parse(inflateRawSync(pieces[index].deflated).toString()) as Finding[];
  let all: Finding[] | undefined;
  return {
    ...lint,
    get findings() {
      return all ??= pieces.flatMap((_, index) => piece(index));
    },
    findingsAt: (offset) => pieces.flatMap((p, index) => (p.from <= offset && offset <= p.to ? piece(index).filter((f) => f.start === offset) : [])),
  };
}

/** Settings as plain data: what VS Code's configuration returns cannot be sent to another process as it is. */
function plain(rules: RuleSeverityConfig | undefined): RuleSeverityConfig | undefined {
  return rules && (JSON.parse(JSON.stringify(rules)) as RuleSeverityConfig);
}
