// The linter's public face: parse → facts → rules → suppression comments → per-rule severity → findings, for a
// workspace of documents (one per VS Code window or CLI run). Facts are kept per document and recombined, so an edit
// re-reads only the edited document, and only documents whose findings depend on it are checked again.
import { configuredSeverity, type RuleSeverityConfig } from './config';
import type { ErrorCode } from './errors';
import { emptyFacts, plainDeclaration, type FileFacts, type RegistrationDeclaration, type Value } from './facts';
import { pick, type Locale } from './l10n';
import { languageOf, type DocumentKind } from './languages/index';
import { readFailure, type Language, type Notice, type PairIndex, type TextChange } from './languages/language';
import type { LiveData } from './live';
import { allRules } from './rules/index';
import { RegistrationIndex } from './rules/registrations';
import type { Report, Rule, RuleCode, Severity } from './rules/rule';
import { LineMap, looksBinary, type Span } from './text';

export type { RuleSeverityConfig } from './config';
export { configProblems, severities } from './config';
export type { ErrorCode } from './errors';
export type { Locale } from './l10n';
export { documentKindFor, fileExtensions, languageIds, type DocumentKind } from './languages/index';
export type { TextChange } from './languages/language';
export type { LiveData, LiveRegistration, LiveRegistrationRef } from './live';
export { allRules, isRuleCode, rules } from './rules/index';
export { ruleCodes, type Rule, type RuleCode, type Severity } from './rules/rule';

export interface RelatedFinding {
  uri: string;
  start: number;
  end: number;
  message: string;
}

export interface Finding {
  code: string;
  severity: Severity;
  /** In the workspace's locale. */
  message: string;
  /** UTF-16 offsets into the document's text. */
  start: number;
  end: number;
  /** The documented error code the finding prevents, or null. */
  azureError: ErrorCode | null;
  related: RelatedFinding[];
  /** What the rule's quick fixes need, as its check reported it (each rule has its own type: rules/AZS….ts). */
  data?: unknown;
}

export interface LintOptions {
  /** The folder that holds web-tree-sitter.wasm and tree-sitter-powershell.wasm. */
  wasmDir: string;
  locale?: Locale;
  rules?: RuleSeverityConfig;
  /**
   * Keep each PowerShell document's syntax tree, so that its next update parses only what changed (default: true, as
   * an editor wants). A run that reads each document once (the CLI) passes false: a tree is then freed as soon as its
   * facts are read, which keeps the parser's memory small and its allocations fast.
   */
  keepSyntaxTrees?: boolean;
  /**
   * Told of each internal error (a rule or a reader that threw), once per rule and document: the front end logs it.
   * The document says so too (`failureNotice`), and the other rules' findings stand.
   */
  onInternalError?: (error: InternalError) => void;
}

export interface InternalError {
  uri: string;
  /** The rule that threw; undefined when reading the document did. */
  rule?: RuleCode;
  error: unknown;
}

/** One line for a log: what threw, on which document, and the stack. */
export function describeInternalError({ uri, rule, error }: InternalError): string {
  const detail = error instanceof Error ? error.stack ?? error.message : String(error);
  return `internal error: ${rule ? `rule ${rule}` : 'reading'} failed on ${uri}: ${detail}`;
}

/** Documents longer than this are not linted (5 MB). */
export const maxDocumentLength = 5 * 1024 * 1024;

/** Where each rule's page is: the repository's docs/rules folder (keep in step with package.json `repository`). */
export const ruleDocsBaseUrl = 'https://example.invalid/azure-stack-csp-tools/blob/main/docs/rules/';

export function ruleDocsUrl(code: string): string {
  return `${ruleDocsBaseUrl}${code}.md`;
}

const notices = {
  tooLarge: { message: { en: 'Not linted: the file is larger than 5 MB.', sv: 'Inte kontrollerad: filen är större än 5 MB.' } },
  binary: { message: { en: 'Not linted: the file looks binary.', sv: 'Inte kontrollerad: filen ser binär ut.' } },
} satisfies Record<string, Notice>;

const rulesFailed = {
  en: '{rules} failed on this file with an internal error and checked nothing here; the other rules ran. Please report it: the log has the details.',
  sv: '{rules} misslyckades med ett internt fel i den här filen och kontrollerade ingenting här; de andra reglerna kördes. Rapportera gärna felet: loggen har detaljerna.',
};

interface DocumentState {
  uri: string;
  kind: DocumentKind;
  language: Language;
  text: string;
  /** How the file is saved (VS Code's encoding ids: 'utf8', 'utf8bom', 'utf16le', …); undefined when not told. */
  encoding?: string;
  facts: FileFacts;
  /** What the language's reader kept (a syntax tree, a JSON document's role). */
  state?: unknown;
  notice?: Notice;
  findings?: Finding[];
  /** The workspace's declarations version `findings` were worked out with. */
  findingsVersion?: number;
  /** The rules that threw while working out `findings`. */
  failedRules?: RuleCode[];
}

export class LintWorkspace {
  private readonly documents = new Map<string, DocumentState>();
  /** What each document's last update or removal changed for others. */
  private readonly changes = new Map<string, { declarationsChanged: boolean; reread: string[] }>();
  /** Per language that reads documents together (templates and parameter files), its index of them. */
  private readonly pairs = new Map<Language, PairIndex<unknown>>();
  /** The documents with tenant operations: the only ones whose findings depend on other documents' declarations. */
  private readonly dependingOnDeclarations = new Set<string>();
  /**
   * Counts the changes of the workspace's declarations. Findings that depend on them are worked out again when the count
   * moved on, rather than forgotten at each change: a CLI run would otherwise visit every such document for each file.
   */
  private declarationsVersion = 0;
  private locale: Locale;
  private config: RuleSeverityConfig | undefined;
  private live: LiveData | undefined;
  /** Every document's declarations, normalised and indexed once per change of any of them. */
  private registrations: RegistrationIndex | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** Which internal errors were told already: a rule and a document (or a document's reading) once each. */
  private readonly told = new Set<string>();

  constructor(private readonly options: LintOptions) {
    this.locale = options.locale ?? 'en';
    this.config = options.rules;
  }

  /** Changes the message language or the rule severities; every document's findings are worked out again on request. */
  configure(options: { locale?: Locale; rules?: RuleSeverityConfig; live?: LiveData }): void {
    if (options.locale) this.locale = options.locale;
    if ('rules' in options) this.config = options.rules;
    // Passing the same live data again says "its answers changed": findings are worked out afresh.
    if ('live' in options) this.live = options.live;
    for (const state of this.documents.values()) state.findings = undefined;
  }

  /**
   * Reads a document's new text. `changes` (offsets into the text this workspace last saw for `uri`) let a PowerShell
   * document be parsed incrementally; wrong or missing changes only cost a full parse. `encoding` says how the file is
   * saved, in VS Code's encoding ids ('utf8' is UTF-8 without a byte order mark, 'utf8bom' with one); rules that depend
   * on it (AZS107) stay quiet without it. Never rejects.
   */
  update(uri: string, text: string, kind: DocumentKind, changes?: readonly TextChange[], encoding?: string): Promise<void> {
    // One update at a time: each builds on the state (and syntax tree) the one before it left.
    return this.enqueue(uri, () => this.apply(uri, text, kind, changes, encoding));
  }

  /** Forgets a document (after the updates asked for before it). Never rejects. */
  remove(uri: string): Promise<void> {
    return this.enqueue(uri, async () => {
      const state = this.documents.get(uri);
      if (!state) return;
      this.release(state);
      this.documents.delete(uri);
      await this.store(uri, state, undefined);
    });
  }

  private enqueue(uri: string, work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work).catch((error: unknown) => this.tell({ uri, error }));
    return this.queue;
  }

  private tell(error: InternalError): void {
    const key = `${error.rule ?? ''} ${error.uri}`;
    if (this.told.has(key)) return;
    this.told.add(key);
    this.options.onInternalError?.(error);
  }

  findings(uri: string): Finding[] {
    const state = this.documents.get(uri);
    if (!state) return [];
    const stale = this.dependingOnDeclarations.has(uri) && state.findingsVersion !== this.declarationsVersion;
    if (!state.findings || stale) {
      state.findings = this.check(state);
      state.findingsVersion = this.declarationsVersion;
    }
    return state.findings;
  }

  /** True when the document has text its parser could not read (PowerShell or JSON syntax errors). */
  hasSyntaxErrors(uri: string): boolean {
    return this.documents.get(uri)?.facts.syntaxErrors === true;
  }

  /**
   * Which rules failed on the document with an internal error when its findings were last worked out, in the
   * workspace's locale; undefined when none did.
   */
  failureNotice(uri: string): string | undefined {
    const failed = this.documents.get(uri)?.failedRules;
    return failed?.length ? pick(rulesFailed, this.locale, { rules: failed.join(', ') }) : undefined;
  }

  /** Why the document was not linted (too large, binary, …), in the workspace's locale; undefined when it was. */
  notice(uri: string): string | undefined {
    const notice = this.documents.get(uri)?.notice;
    return notice && pick(notice.message, this.locale, { detail: notice.detail ?? '' });
  }

  /** Other documents whose findings depend on this one's facts and changed with its last update or removal. */
  dependents(uri: string): string[] {
    const change = this.changes.get(uri);
    if (!change) return [];
    const onDeclarations = change.declarationsChanged ? [...this.dependingOnDeclarations].filter((other) => other !== uri) : [];
    return [...new Set([...onDeclarations, ...change.reread])];
  }

  /** What the document was read as; undefined for a document the workspace does not hold. */
  factsOf(uri: string): FileFacts | undefined {
    return this.documents.get(uri)?.facts;
  }

  /**
   * The registrations a document declares, with their positions worked out: plain data that another workspace takes
   * through `declare` (azs-lint reads its files in several threads, each with a workspace of its own).
   */
  declarationsOf(uri: string): RegistrationDeclaration[] {
    return (this.documents.get(uri)?.facts.registrations ?? []).map(plainDeclaration);
  }

  /**
   * Holds a document that another workspace reads, with the registrations it declares there (`declarationsOf`); none
   * yet when only its place among the documents is to be kept (declarations are indexed in the order documents came).
   */
  declare(uri: string, kind: DocumentKind, registrations: readonly RegistrationDeclaration[]): Promise<void> {
    return this.enqueue(uri, async () => {
      const previous = this.documents.get(uri);
      const state: DocumentState = { uri, kind, language: languageOf(kind), text: '', facts: { ...emptyFacts(), registrations: [...registrations] } };
      if (previous) this.release(previous);
      this.documents.set(uri, state);
      await this.store(uri, previous, state);
    });
  }

  private async apply(uri: string, text: string, kind: DocumentKind, changes: readonly TextChange[] | undefined, encoding: string | undefined): Promise<void> {
    const previous = this.documents.get(uri);
    const language = languageOf(kind);
    const state: DocumentState = { uri, kind, language, text, facts: emptyFacts(), ...(encoding ? { encoding } : {}) };
    await this.readInto(state, previous?.language === language ? previous : undefined, changes);
    if (previous && previous.state !== state.state) this.release(previous);
    this.documents.set(uri, state);
    await this.store(uri, previous, state);
  }

  /**
   * Reads a document into its new state (`read`). A read that throws leaves it without facts and with a notice that
   * says why (`readFailure`), and is told: a document that could not be read is never shown as one with no findings.
   */
  private async readInto(document: DocumentState, previous: DocumentState | undefined, changes?: readonly TextChange[]): Promise<void> {
    try {
      Object.assign(document, await this.read(document, previous, changes));
    } catch (error) {
      document.facts = emptyFacts();
      document.notice = readFailure(error);
      this.tell({ uri: document.uri, error });
    }
  }

  /** What the document's language makes of its text, unless it is too large, binary or plainly unrelated. */
  private async read(document: DocumentState, previous: DocumentState | undefined, changes?: readonly TextChange[]): Promise<Pick<DocumentState, 'facts' | 'state' | 'notice'>> {
    const { uri, text, language } = document;
    if (text.length > maxDocumentLength) return { facts: emptyFacts(), notice: notices.tooLarge };
    if (looksBinary(text)) return { facts: emptyFacts(), notice: notices.binary };
    if (!language.relevant.test(text)) return { facts: emptyFacts() };
    const partner = this.pairsOf(language)?.partnerOf(uri);
    return language.read({
      uri, text, changes, wasmDir: this.options.wasmDir, keepForNextRead: this.options.keepSyntaxTrees ?? true,
      ...(previous ? { previous: { text: previous.text, state: previous.state } } : {}),
      ...(partner === undefined ? {} : { partner: this.documents.get(partner)?.state }),
    });
  }

  private release(document: DocumentState): void {
    if (document.state !== undefined) document.language.release?.(document.state);
  }

  private pairsOf(language: Language): PairIndex<unknown> | undefined {
    let pairs = this.pairs.get(language);
    if (!pairs && language.pairs) {
      pairs = language.pairs();
      this.pairs.set(language, pairs);
    }
    return pairs;
  }

  /**
   * Records a document's new state (undefined: removed); findings that depended on the old one are worked out again
   * when next asked for, and documents read with it are read again.
   */
  private async store(uri: string, previous: DocumentState | undefined, current: DocumentState | undefined): Promise<void> {
    if (current) current.findings = undefined;
    if (previous?.facts.registrations.length || current?.facts.registrations.length) this.registrations = undefined;
    if (current?.facts.tenantOperations.length) this.dependingOnDeclarations.add(uri);
    else this.dependingOnDeclarations.delete(uri);
    const changed = declarationsChanged(previous, current);
    if (changed) this.declarationsVersion++;
    const left = previous && previous.language !== current?.language ? this.pairsOf(previous.language)?.update(uri, undefined) : undefined;
    const joined = current && this.pairsOf(current.language)?.update(uri, current.state);
    const reread = [...new Set([...left ?? [], ...joined ?? []])];
    for (const other of reread) {
      const document = this.documents.get(other);
      if (!document) continue;
      const again: DocumentState = { ...document, facts: emptyFacts(), state: undefined, notice: undefined };
      await this.readInto(again, undefined);
      if (document.state !== again.state) this.release(document);
      this.documents.set(other, again);
      await this.store(other, document, again);
    }
    this.changes.set(uri, { declarationsChanged: changed, reread });
  }

  private workspaceRegistrations(): RegistrationIndex {
    this.registrations ??= new RegistrationIndex([...this.documents.values()].flatMap((d) => d.facts.registrations.map((declaration) => ({ uri: d.uri, declaration }))));
    return this.registrations;
  }

  private check(state: DocumentState): Finding[] {
    // Other documents' declarations matter only to tenant operations (which is why only their documents are re-checked
    // when declarations change); a document without any needs no index of the workspace's.
    const registrations = this.dependingOnDeclarations.has(state.uri)
      ? this.workspaceRegistrations()
      : new RegistrationIndex(state.facts.registrations.map((declaration) => ({ uri: state.uri, declaration })));
    const context = { uri: state.uri, kind: state.kind, facts: state.facts, registrations, live: this.live, encoding: state.encoding };
    const defects = new Defects(state, { usedHere: pick(usedHere, this.locale), givenHere: pick(givenHere, this.locale) });
    state.failedRules = [];
    for (const rule of allRules) {
      const severity = configuredSeverity(rule.code, this.config) ?? rule.defaultSeverity;
      if (severity === 'off') continue;
      try {
        const reports = rule.check(context);
        // Most rules find nothing in most documents: no message tables for them.
        if (reports.length > 0) defects.addAll(rule, severity, reports, new MessageTexts(rule, this.locale));
      } catch (error) {
        // A rule that trips over unusual facts, in its check or in placing what it found, must not take the others
        // down (nor the linter's process); it is told, and the document says so.
        state.failedRules.push(rule.code);
        this.tell({ uri: state.uri, rule: rule.code, error });
      }
    }
    return defects.findings();
  }
}

/** Whether the registrations declared (what other documents' findings depend on) differ between two states. */
function declarationsChanged(previous: DocumentState | undefined, current: DocumentState | undefined): boolean {
  const before = previous?.facts.registrations.length ?? 0;
  const after = current?.facts.registrations.length ?? 0;
  // A different count needs no key: working out a key reads positions that are otherwise worked out only on demand.
  return before !== after || (after > 0 && declarationKey(previous) !== declarationKey(current));
}

/** The registrations a document declares, and where they are. */
function declarationKey(state: DocumentState | undefined): string {
  const place = (value: Value | undefined) => value && [value.text, value.span.start, value.span.end];
  return JSON.stringify((state?.facts.registrations ?? []).map((d) => [
    d.span.start, d.span.end, d.billingModel?.implicit, place(d.billingModel?.value), place(d.ref.subscriptionId), place(d.ref.resourceGroup), place(d.ref.name),
  ]));
}

const usedHere = { en: 'The same value is used here.', sv: 'Samma värde används här.' };
const givenHere = { en: 'The parameter file gives the value here.', sv: 'Parameterfilen anger värdet här.' };

/**
 * A rule's messages in `locale`, each worked out once per message and values object (reports of one defect met
 * through several uses share theirs) and once per message and values text: a dense script has thousands of defects
 * and a handful of distinct messages. Findings then share one string per message, a cheap key when findings of one
 * defect are joined. A class rather than a closure made per lint: optimized code that inlines a closure is thrown away
 * when that closure dies, at every lint.
 */
class MessageTexts {
  private readonly byValues = new WeakMap<object, Map<string, string>>();
  private readonly withoutValues = new Map<string, string>();
  private readonly byText = new Map<string, string>();

  constructor(private readonly rule: Rule, private readonly locale: Locale) {}

  of(id: string, values: Report<string>['values']): string {
    let texts = values ? this.byValues.get(values) : this.withoutValues;
    if (!texts) {
      texts = new Map();
      this.byValues.set(values as object, texts);
    }
    let text = texts.get(id);
    if (text === undefined) {
      const { locale } = this;
      const localized = Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : v[locale]]));
      const key = `${id}\u0000${JSON.stringify(localized)}`;
      text = this.byText.get(key) ?? pick(this.rule.messages[id], locale, localized);
      this.byText.set(key, text);
      texts.set(id, text);
    }
    return text;
  }
}

/**
 * A document's findings, one per defect: reports of one rule with the same message at the same place are one finding,
 * with the places of use of them all as related information (each once, by place). Suppressed reports are dropped
 * before a finding is made of them; a report that joins a defect makes no finding of its own (a dense script has
 * thousands of such reports).
 */
class Defects {
  private readonly list: Finding[] = [];
  private readonly suppressions: FileFacts['suppressions'];
  private lines: LineMap | undefined;

  /** The related information's own texts, in the lint's language. */
  constructor(private readonly state: DocumentState, private readonly texts: { usedHere: string; givenHere: string }) {
    this.suppressions = state.facts.suppressions;
  }

  /** Adds a rule's reports as findings; when one cannot be placed, none of them is kept and the error is thrown on. */
  addAll(rule: Rule, severity: Severity, reports: readonly Report<string>[], messages: MessageTexts): void {
    const before = this.list.length;
    try {
      this.place(rule, severity, reports, messages);
    } catch (error) {
      this.list.length = before;
      throw error;
    }
  }

  private place(rule: Rule, severity: Severity, reports: readonly Report<string>[], messages: MessageTexts): void {
    // By where they start, then end and message (a place has few, and each is a string the findings share): the
    // finding that starts there, or a list when more do. Most places have one, which needs no list and no entry object
    // of its own. None for a rule whose reports are each at a place of their own (a dense script has ten thousand).
    const byStart = rule.reportsDistinctPlaces ? undefined : new Map<number, Finding | Finding[]>();
    // A counted loop: this runs once per rule and lint, often before V8 optimizes it, and `for…of` then makes an
    // object per step (a dense script has ten thousand reports).
    for (let i = 0; i < reports.length; i++) {
      const report = reports[i];
      const { start, end } = report.span;
      if (this.suppressions.length > 0 && this.suppressed(rule.code, start)) continue;
      const text = messages.of(report.messageId, report.values);
      const here = byStart?.get(start);
      let finding = here && findingWith(here, end, text);
      if (!finding) {
        finding = this.newFinding(rule, severity, report, text);
        if (byStart) fileAt(byStart, start, here, finding);
      }
      if (report.related) {
        for (const related of report.related) {
          finding.related.push({ uri: related.uri, start: related.span.start, end: related.span.end, message: messages.of(related.messageId, related.values) });
        }
      }
      if (report.usedAt) this.addUse(finding, report.span, report.usedAt);
      if (report.givenIn) finding.related.push({ uri: report.givenIn.uri, start: report.givenIn.start, end: report.givenIn.end, message: this.texts.givenHere });
      const more = report.alsoUsedAt;
      if (more) for (let j = 0; j < more.length; j++) this.addUse(finding, report.span, more[j]);
    }
  }

  /** Sorted by position, then code. */
  findings(): Finding[] {
    return this.list.map((finding) => (finding.related.length > 1 ? { ...finding, related: innermost(finding.related) } : finding))
      .sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
  }

  /**
   * A report's finding, without related places yet; its data last, as the findings' JSON has it. Made whole at once:
   * data added after the others went into a second store, an object more per finding.
   */
  private newFinding(rule: Rule, severity: Severity, report: Report<string>, message: string): Finding {
    const { span, data } = report;
    const azureError = report.azureError === undefined ? rule.azureError : report.azureError;
    const finding: Finding = data
      ? { code: rule.code, severity, message, start: span.start, end: span.end, azureError, related: [], data }
      : { code: rule.code, severity, message, start: span.start, end: span.end, azureError, related: [] };
    this.list.push(finding);
    return finding;
  }

  /** Lists a place of use of the finding, unless it is where the finding is (within or around the underlined span). */
  private addUse(finding: Finding, span: Span, use: Span): void {
    if (use.end <= span.start || use.start >= span.end) finding.related.push({ uri: this.state.uri, start: use.start, end: use.end, message: this.texts.usedHere });
  }

  private suppressed(code: string, start: number): boolean {
    return this.suppressions.some((s) => {
      const applies = s.codes.length === 0 || s.codes.includes(code);
      if (!applies || s.scope === 'file') return applies;
      this.lines ??= new LineMap(this.state.text);
      const line = this.lines.lineOf(start);
      return s.scope === 'lines' ? line >= s.line && line <= (s.lastLine ?? s.line) : line === s.line;
    });
  }
}

/** Files a new finding by where it starts, beside those `here` (see `Defects.addAll`). */
function fileAt(byStart: Map<number, Finding | Finding[]>, start: number, here: Finding | Finding[] | undefined, finding: Finding): void {
  if (!here) byStart.set(start, finding);
  else if (Array.isArray(here)) here.push(finding);
  else byStart.set(start, [here, finding]);
}

/** The finding of these (that start at one place) with this end and message, if any. */
function findingWith(here: Finding | Finding[], end: number, message: string): Finding | undefined {
  if (!Array.isArray(here)) return here.end === end && here.message === message ? here : undefined;
  for (const finding of here) if (finding.end === end && finding.message === message) return finding;
  return undefined;
}

/**
 * Related places by place, each place and message once, leaving out any that holds the next one: a variable used in an
 * ID that is used in a URL is one use, shown where the variable is.
 */
function innermost(related: RelatedFinding[]): RelatedFinding[] {
  const sorted = distinct(related.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.start - b.start || b.end - a.end)));
  return sorted.filter((r, i) => {
    const next = sorted[i + 1];
    return !(next && next.uri === r.uri && next.message === r.message && next.start >= r.start && next.end <= r.end);
  });
}

/**
 * Sorted related places without repeats: each place and message once, where first listed (a sort that keeps the order
 * of equal places brings a place's repeats together; reports of one defect may name a place twice).
 */
function distinct(sorted: RelatedFinding[]): RelatedFinding[] {
  const kept: RelatedFinding[] = [];
  let placeStart = 0; // where the kept places equal to the current one begin
  for (const related of sorted) {
    const previous = kept[kept.length - 1];
    if (!previous || previous.uri !== related.uri || previous.start !== related.start || previous.end !== related.end) placeStart = kept.length;
    else if (hasMessage(kept, placeStart, related.message)) continue;
    kept.push(related);
  }
  return kept;
}

function hasMessage(related: readonly RelatedFinding[], from: number, message: string): boolean {
  for (let i = from; i < related.length; i++) if (related[i].message === message) return true;
  return false;
}
