// The editor's linter in a worker thread (dist/lintWorker.js): one LintWorkspace, fed by messages from the extension
// host (lintClient.ts), so that parsing and rules never hold the host's thread. Requests are handled one at a time, in
// order; an update that a later update or removal of the same document already overtook is skipped, and its findings
// are not worked out. Findings travel back as plain data.
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { LintWorkspace, describeInternalError, type DocumentKind, type Finding, type RuleSeverityConfig, type TextChange } from './lint';
import type { Locale } from './l10n';
import { SnapshotLive, type LiveQuestions, type LiveSnapshot } from './liveSnapshot';

export interface WorkerOptions {
  wasmDir: string;
  locale: Locale;
  rules?: RuleSeverityConfig;
}

export type LintRequest =
  | { type: 'update'; id: number; uri: string; text: string; kind: DocumentKind; changes?: TextChange[]; encoding?: string; check: boolean }
  | { type: 'remove'; id: number; uri: string }
  | { type: 'configure'; id: number; locale?: Locale; rules?: RuleSeverityConfig | null; live?: LiveSnapshot | null }
  | { type: 'check'; id: number; uris: string[] }
  /** Ends the worker once the requests before it are answered. */
  | { type: 'stop'; id: number };

/** What the editor shows for one document: its findings, or why it was not linted, and what failed inside. */
export interface DocumentLint {
  uri: string;
  findings: Finding[];
  notice?: string;
  failureNotice?: string;
  syntaxErrors: boolean;
}

/**
 * A document's lint as it travels: the findings as JSON text, which the editor parses when it needs them (receiving
 * ten thousand findings as objects held its thread for a quarter of a second).
 */
export interface SentLint {
  uri: string;
  findingsJson: string;
  notice?: string;
  failureNotice?: string;
  syntaxErrors: boolean;
}

export type LintReply =
  /**
   * `read`: the update's text went into the workspace; `skipped`: typing overtook it, and its findings were not
   * worked out.
   */
  | { type: 'done'; id: number; read: boolean; skipped: boolean; results: SentLint[]; dependents: string[]; questions: LiveQuestions }
  | { type: 'internalError'; text: string };

/** Answers requests against one workspace; `next` says whether a request already waiting overtakes an update. */
export class LintWorkerState {
  private readonly engine: LintWorkspace;
  /** Documents the editor shows: their findings are worked out after each change (others only declare registrations). */
  private readonly checked = new Set<string>();
  private live: SnapshotLive | undefined;

  constructor(options: WorkerOptions, private readonly tell: (text: string) => void) {
    this.engine = new LintWorkspace({
      wasmDir: options.wasmDir, locale: options.locale, rules: options.rules,
      onInternalError: (error) => this.tell(describeInternalError(error)),
    });
  }

  /** `overtaken` tells, once a document is read, whether typing has already overtaken it (its findings are then not worked out). */
  async handle(request: LintRequest, overtaken: () => boolean): Promise<Extract<LintReply, { type: 'done' }>> {
    const done = (results: SentLint[], dependents: string[] = [], skipped = false) =>
      ({ type: 'done' as const, id: request.id, read: request.type === 'update', skipped, results, dependents, questions: this.live?.takeQuestions() ?? { registrations: [], tenants: [] } });
    switch (request.type) {
      case 'update': {
        if (request.check) this.checked.add(request.uri);
        else this.checked.delete(request.uri);
        await this.engine.update(request.uri, request.text, request.kind, request.changes, request.encoding);
        if (overtaken()) return done([], [], true);
        const dependents = this.engine.dependents(request.uri);
        return done(this.results([request.uri, ...dependents]), dependents);
      }
      case 'remove': {
        this.checked.delete(request.uri);
        await this.engine.remove(request.uri);
        const dependents = this.engine.dependents(request.uri);
        return done(this.results(dependents), dependents);
      }
      case 'configure': {
        if (request.live !== undefined) this.live = request.live ? new SnapshotLive(request.live) : undefined;
        this.engine.configure({
          ...(request.locale ? { locale: request.locale } : {}),
          ...(request.rules !== undefined ? { rules: request.rules ?? undefined } : {}),
          ...(request.live !== undefined ? { live: this.live } : {}),
        });
        return done([]);
      }
      case 'check':
        return done(this.results(request.uris));
      case 'stop':
        return done([]);
    }
  }

  private results(uris: readonly string[]): SentLint[] {
    return uris.filter((uri) => this.checked.has(uri)).map((uri) => {
      const notice = this.engine.notice(uri);
      const findings = notice ? [] : this.engine.findings(uri);
      const failureNotice = this.engine.failureNotice(uri);
      return {
        uri, findingsJson: JSON.stringify(findings), syntaxErrors: this.engine.hasSyntaxErrors(uri),
        ...(notice ? { notice } : {}), ...(failureNotice ? { failureNotice } : {}),
      };
    });
  }
}

/** True when a request in `pending` updates or removes the document `request` updates. */
export function isOvertaken(request: LintRequest, pending: readonly LintRequest[]): boolean {
  return request.type === 'update' && pending.some((later) => (later.type === 'update' || later.type === 'remove') && later.uri === request.uri);
}

/**
 * Drops the update `skipped` from the work: the next update of its document listed its changes against the text the
 * skipped one had, which the workspace never saw, so that one is read whole instead.
 */
export function skip(skipped: LintRequest & { type: 'update' }, pending: readonly LintRequest[]): Extract<LintReply, { type: 'done' }> {
  const next = pending.find((later) => later.type === 'update' && later.uri === skipped.uri);
  if (next?.type === 'update') delete next.changes;
  return { type: 'done', id: skipped.id, read: false, skipped: true, results: [], dependents: [], questions: { registrations: [], tenants: [] } };
}

/**
 * Serves requests from `port` one at a time. Before each decision the messages already sent are taken off the port
 * at once (they would otherwise wait for the loop to turn), so typing that overtook a read is seen.
 */
export function serve(port: MessagePort, options: WorkerOptions): void {
  const state = new LintWorkerState(options, (text) => port.postMessage({ type: 'internalError', text } satisfies LintReply));
  const pending: LintRequest[] = [];
  let running = false;
  const arrived = () => {
    for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) pending.push(message.message as LintRequest);
  };
  const drain = async () => {
    running = true;
    for (let request = pending.shift(); request; request = pending.shift()) {
      const current = request;
      arrived();
      const reply = current.type === 'update' && isOvertaken(current, pending)
        ? skip(current, pending)
        : await state.handle(current, () => {
          arrived();
          return isOvertaken(current, pending);
        });
      port.postMessage(reply satisfies LintReply);
      // Closing the port lets the thread end by itself: terminating it while V8 still compiles its wasm in the
      // background can leave V8's shared compiler threads waiting for ever, and the next worker then never starts.
      if (current.type === 'stop') port.close();
    }
    running = false;
  };
  port.on('message', (message: LintRequest) => {
    pending.push(message);
    if (!running) void drain();
  });
}

if (parentPort && (workerData as { lintWorker?: WorkerOptions } | undefined)?.lintWorker) {
  serve(parentPort, (workerData as { lintWorker: WorkerOptions }).lintWorker);
}
