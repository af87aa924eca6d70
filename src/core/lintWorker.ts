// The editor's linter, as its child process runs it (lintProcess.ts, dist/lintWorker.js): one LintWorkspace, fed by
// messages from the extension host (lintClient.ts), so that parsing and rules never hold the host's thread. Requests
// are handled one at a time, in order; an update that a later update or removal of the same document, or the host's
// note that the document was edited since, overtook is skipped (before it is read, or once read, before its findings
// are worked out). Findings travel back as plain data.
import { deflateRawSync } from 'node:zlib';
import { LintWorkspace, describeInternalError, type DocumentKind, type Finding, type RuleSeverityConfig, type Severity, type TextChange } from './lint';
import type { Locale } from './l10n';
import { SnapshotLive, type LiveQuestions, type LiveSnapshot } from './liveSnapshot';
import { fixAll } from './quickFixes';
import { lineStarts, positionAt } from './text';
import { asChange, withChanges, type UnsentEdit } from './unsentEdit';

/** VS Code's extension host sends at most this many diagnostics of one file to the workbench. */
export const maxShown = 1000;
/**
 * Related places listed under one diagnostic, at most: a placeholder variable used by thousands of commands would
 * otherwise list every use (and cost the extension host a pause to convert and send them).
 */
export const maxRelated = 50;
/** Findings per piece of JSON: a code action parses only the piece that holds the diagnostic it is asked about. */
const findingsPerPiece = 250;

/** How much nicer the linter's threads are than the editor's: reading is background work, the editor comes first. */
export const workerNicenessAbove = 10;

/** The argument that tells dist/lintWorker.js it was started as the linter's process; the options follow it, as JSON. */
export const lintProcessFlag = '--azs-lint-process';

export interface WorkerOptions {
  wasmDir: string;
  locale: Locale;
  rules?: RuleSeverityConfig;
}

export type LintRequest =
  | { type: 'update'; id: number; uri: string; text: string; kind: DocumentKind; changes?: TextChange[]; encoding?: string; check: boolean }
  | { type: 'remove'; id: number; uri: string }
  | { type: 'configure'; id: number; locale?: Locale; rules?: RuleSeverityConfig | null; live?: LiveSnapshot | null }
  | { type: 'check'; id: number; uris: string[] };

/**
 * The host's note that a document was edited after its text was sent: a read of that text, waiting or under way, is
 * of no use (the edit's own read follows). It has no id and gets no reply.
 */
export interface EditedNote {
  type: 'edited';
  uri: string;
}

/** What the host sends the linter's process. */
export type LintMessage = LintRequest | EditedNote;

/** [start line, start character, end line, end character]. */
export type LineRange = [number, number, number, number];

/** A diagnostic as the editor shows it, worked out here so that the extension host only wraps it. */
export interface ShownFinding {
  range: LineRange;
  message: string;
  severity: Severity;
  code: string;
  related: { uri: string; range: LineRange; message: string }[];
  /** Related places not listed (beyond `maxRelated`). */
  moreRelated: number;
}

/**
 * Findings as JSON, in pieces by place: `from`–`to` are the least and greatest start offsets of a piece's findings.
 * The JSON travels deflated (a dense script's 3.4 MB of it in 0.23 MB): the extension host's thread reads, copies and
 * holds every byte that crosses, and inflates a piece only when a code action needs it. As text, every lint of a
 * dense script put megabytes of strings on the host's heap, and their collection paused the host while the user typed.
 */
export interface FindingsPiece {
  from: number;
  to: number;
  deflated: Uint8Array;
}

/**
 * A document's lint as it travels: what the editor shows (at most `maxShown`, already with line positions) as plain
 * data, and every finding as pieces of JSON text that the editor parses only when a code action needs one (receiving
 * ten thousand findings as objects held its thread for a quarter of a second).
 */
export interface SentLint {
  uri: string;
  shown: ShownFinding[];
  total: number;
  pieces: FindingsPiece[];
  /** How many problems "Fix all" would fix in this text. */
  fixable: number;
  notice?: string;
  failureNotice?: string;
  syntaxErrors: boolean;
  /** Every question the live rules asked while the findings were worked out afresh (absent: they were not). */
  questions?: LiveQuestions;
}

export type LintReply =
  /**
   * `read`: the update's text went into the workspace; `skipped`: typing overtook it, and its findings were not
   * worked out.
   */
  | { type: 'done'; id: number; read: boolean; skipped: boolean; results: SentLint[]; dependents: string[] }
  | { type: 'internalError'; text: string };

type DoneReply = Extract<LintReply, { type: 'done' }>;

/** Edits that changed nothing. */
const noEdit: UnsentEdit = { start: 0, end: 0, grown: 0 };

/** Answers requests against one workspace; the loop that serves them (lintProcess.ts) tells when typing overtook an update. */
export class LintWorkerState {
  private readonly engine: LintWorkspace;
  /** Documents the editor shows: their findings are worked out after each change (others only declare registrations). */
  private readonly checked = new Set<string>();
  private live: SnapshotLive | undefined;
  /** Each document's text and kind as last read, and its line starts once asked for. */
  private readonly texts = new Map<string, { text: string; kind: DocumentKind; starts?: number[] }>();
  /** The findings last sent of each document: the engine hands back the same array until it works them out again. */
  private readonly sent = new Map<string, Finding[]>();
  /**
   * Documents whose last texts were skipped unread: their edits since the text the workspace holds (null: not known),
   * which the next update's changes (of the last text skipped) are added to.
   */
  private readonly unread = new Map<string, UnsentEdit | null>();

  constructor(options: WorkerOptions, private readonly tell: (text: string) => void) {
    this.engine = new LintWorkspace({
      wasmDir: options.wasmDir, locale: options.locale, rules: options.rules,
      onInternalError: (error) => this.tell(describeInternalError(error)),
    });
  }

  /**
   * `overtaken` tells, once a document is read, whether typing has already overtaken it: its findings are then not
   * worked out (the other documents that depend on what it declares are still named).
   */
  async handle(request: LintRequest, overtaken: () => Promise<boolean>): Promise<DoneReply> {
    const done = (results: SentLint[], dependents: string[] = [], skipped = false) =>
      ({ type: 'done' as const, id: request.id, read: request.type === 'update', skipped, results, dependents });
    switch (request.type) {
      case 'update': {
        if (request.check) this.checked.add(request.uri);
        else this.checked.delete(request.uri);
        this.texts.set(request.uri, { text: request.text, kind: request.kind });
        await this.engine.update(request.uri, request.text, request.kind, this.changesSinceRead(request), request.encoding);
        // Dependents are checked when the editor asks: it shows only those in a tab (and asks Azure only for them).
        const dependents = this.engine.dependents(request.uri);
        if (await overtaken()) return done([], dependents, true);
        return done(this.results([request.uri]), dependents);
      }
      case 'remove': {
        this.checked.delete(request.uri);
        this.texts.delete(request.uri);
        this.sent.delete(request.uri);
        this.unread.delete(request.uri);
        await this.engine.remove(request.uri);
        return done([], this.engine.dependents(request.uri));
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
    }
  }

  /**
   * Drops an update that typing overtook before it was read. Its edits are kept, so that the next update of the
   * document, whose changes are of the text skipped, is still read incrementally.
   */
  skip(skipped: LintRequest & { type: 'update' }): DoneReply {
    const before = this.unread.has(skipped.uri) ? this.unread.get(skipped.uri) : undefined;
    this.unread.set(skipped.uri, before === null || !skipped.changes ? null : withChanges(before, skipped.changes) ?? noEdit);
    return { type: 'done', id: skipped.id, read: false, skipped: true, results: [], dependents: [] };
  }

  /** The update's changes as changes of the text the workspace holds (undefined: not known, it is read whole). */
  private changesSinceRead(request: LintRequest & { type: 'update' }): TextChange[] | undefined {
    if (!this.unread.has(request.uri)) return request.changes;
    const before = this.unread.get(request.uri);
    this.unread.delete(request.uri);
    if (!before || !request.changes) return undefined;
    return [asChange(withChanges(before, request.changes) ?? noEdit, request.text)];
  }

  private results(uris: readonly string[]): SentLint[] {
    return uris.filter((uri) => this.checked.has(uri)).map((uri) => {
      const notice = this.engine.notice(uri);
      this.live?.takeQuestions();
      const findings = notice ? [] : this.engine.findings(uri);
      const fresh = this.sent.get(uri) !== findings;
      this.sent.set(uri, findings);
      const questions = this.live?.takeQuestions();
      const failureNotice = this.engine.failureNotice(uri);
      const syntaxErrors = this.engine.hasSyntaxErrors(uri);
      const kind = this.texts.get(uri)?.kind;
      const shown = findings.length > maxShown ? mostSevere(findings, maxShown) : findings;
      return {
        uri, shown: shown.map((finding) => this.shownFinding(uri, finding)), total: findings.length, pieces: piecesOf(findings),
        fixable: kind ? fixAll({ uri, text: this.texts.get(uri)?.text ?? '', kind, syntaxErrors }, findings).fixed.length : 0,
        syntaxErrors, ...(notice ? { notice } : {}), ...(failureNotice ? { failureNotice } : {}),
        ...(fresh && questions ? { questions } : {}),
      };
    });
  }

  private shownFinding(uri: string, finding: Finding): ShownFinding {
    const listed = finding.related.slice(0, maxRelated);
    return {
      range: this.rangeIn(uri, finding.start, finding.end), message: finding.message, severity: finding.severity, code: finding.code,
      related: listed.map((related) => ({ uri: related.uri, range: this.rangeIn(related.uri, related.start, related.end), message: related.message })),
      moreRelated: finding.related.length - listed.length,
    };
  }

  private rangeIn(uri: string, start: number, end: number): LineRange {
    const known = this.texts.get(uri);
    const starts = known ? known.starts ??= lineStarts(known.text) : [0];
    const from = positionAt(starts, start);
    const to = positionAt(starts, end);
    return [from.line, from.character, to.line, to.character];
  }
}

const severityOrder: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** The `count` most severe findings (errors first), in their order in the file. */
function mostSevere(findings: readonly Finding[], count: number): Finding[] {
  const kept = new Set<Finding>();
  for (const severity of severityOrder) {
    for (const finding of findings) {
      if (kept.size === count) break;
      if (finding.severity === severity) kept.add(finding);
    }
  }
  return findings.filter((finding) => kept.has(finding));
}


function piecesOf(findings: readonly Finding[]): FindingsPiece[] {
  const pieces: FindingsPiece[] = [];
  for (let at = 0; at < findings.length; at += findingsPerPiece) {
    const piece = findings.slice(at, at + findingsPerPiece);
    let from = Infinity;
    let to = -Infinity;
    for (const finding of piece) {
      from = Math.min(from, finding.start);
      to = Math.max(to, finding.start);
    }
    // The fastest level: ten times smaller already, in ≈ 5 ms for all of a dense script's pieces.
    pieces.push({ from, to, deflated: deflateRawSync(JSON.stringify(piece), { level: 1 }) });
  }
  return pieces;
}

/** True when a message in `pending` updates or removes the document `request` updates, or says it was edited. */
export function isOvertaken(request: LintRequest, pending: readonly LintMessage[]): boolean {
  return request.type === 'update' && pending.some((later) => (later.type === 'update' || later.type === 'remove' || later.type === 'edited') && later.uri === request.uri);
}
