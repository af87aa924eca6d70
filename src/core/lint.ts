// The linter's public face: parse → facts → rules → suppression comments → per-rule severity → findings, for a
// workspace of documents (one per VS Code window or CLI run). Facts are kept per document and recombined, so an edit
// re-reads only the edited document, and only documents whose findings depend on it are checked again.
import type { Tree } from 'web-tree-sitter';
import { configuredSeverity, type RuleSeverityConfig } from './config';
import type { ErrorCode } from './errors';
import { emptyFacts, type FileFacts, type Value } from './facts';
import { pick, type Locale, type Localized } from './l10n';
import type { LiveData } from './live';
import { httpFacts } from './parse/http';
import { jsonFacts, type JsonRole } from './parse/json';
import { PowerShellParser, powerShellFacts, treeEdits, type TextChange } from './parse/powershell';
import { shellFacts } from './parse/shell';
import { allRules } from './rules/index';
import { RegistrationIndex } from './rules/registrations';
import type { DocumentKind, Report, Rule, Severity } from './rules/rule';
import { LineMap, looksBinary } from './text';

export type { RuleSeverityConfig } from './config';
export { configProblems, severities } from './config';
export type { ErrorCode } from './errors';
export type { Locale } from './l10n';
export type { LiveData, LiveRegistration, LiveRegistrationRef } from './live';
export type { TextChange } from './parse/powershell';
export { allRules, isRuleCode, rules } from './rules/index';
export { ruleCodes, type DocumentKind, type Rule, type RuleCode, type Severity } from './rules/rule';

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
  /** What a quick fix needs: `replacement`, `placeholder`, `missing`. */
  data?: Record<string, string>;
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
}

/** Documents longer than this are not linted (5 MB). */
export const maxDocumentLength = 5 * 1024 * 1024;

/** Where each rule's page is: the repository's docs/rules folder (keep in step with package.json `repository`). */
export const ruleDocsBaseUrl = 'https://example.invalid/azure-stack-csp-tools/blob/main/docs/rules/';

export function ruleDocsUrl(code: string): string {
  return `${ruleDocsBaseUrl}${code}.md`;
}

const kindsByLanguage: Record<string, DocumentKind> = {
  powershell: 'powershell', json: 'json', jsonc: 'json', http: 'http', shellscript: 'shell', azcli: 'shell',
};
const kindsByExtension: Record<string, DocumentKind> = {
  ps1: 'powershell', psm1: 'powershell', psd1: 'powershell', json: 'json', jsonc: 'json', http: 'http', rest: 'http',
  sh: 'shell', bash: 'shell', zsh: 'shell', azcli: 'shell',
};

/** Which parser reads a document: by VS Code language id when it names one, else by file extension. */
export function documentKindFor(fileName: string, languageId?: string): DocumentKind | undefined {
  const byLanguage = languageId === undefined ? undefined : kindsByLanguage[languageId];
  return byLanguage ?? kindsByExtension[/\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1] ?? ''];
}

/** Words without which a document cannot touch an Azure Stack registration: the cheap test before any parse. */
const relevance: Record<DocumentKind, RegExp> = {
  powershell: /azurestack|\bazs|customersubscriptions|azurerm|\/registrations\b/i,
  shell: /azurestack|customersubscriptions|\/registrations\b/i,
  http: /azurestack|customersubscriptions|\/registrations\b/i,
  json: /azurestack|customersubscriptions|\/registrations\b|registrationName|tenantId|deploymentParameters/i,
};

type NoticeId = 'tooLarge' | 'binary' | 'tooDeep' | 'parserUnavailable' | 'failed';

const notices: Record<NoticeId, Localized> = {
  tooLarge: { en: 'Not linted: the file is larger than 5 MB.', sv: 'Inte kontrollerad: filen är större än 5 MB.' },
  binary: { en: 'Not linted: the file looks binary.', sv: 'Inte kontrollerad: filen ser binär ut.' },
  tooDeep: { en: 'Not linted: the JSON is nested too deeply to read.', sv: 'Inte kontrollerad: JSON-strukturen är för djupt nästlad för att läsas.' },
  parserUnavailable: {
    en: 'Not linted: the PowerShell parser could not be loaded ({detail}).',
    sv: 'Inte kontrollerad: PowerShell-parsern kunde inte läsas in ({detail}).',
  },
  failed: { en: 'Not linted: {detail}', sv: 'Inte kontrollerad: {detail}' },
};

interface DocumentState {
  uri: string;
  kind: DocumentKind;
  text: string;
  facts: FileFacts;
  tree?: Tree;
  role?: JsonRole;
  parameterValues?: Map<string, Value>;
  notice?: { id: NoticeId; detail?: string };
  findings?: Finding[];
  /** The workspace's declarations version `findings` were worked out with. */
  findingsVersion?: number;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Folder and lower-case file name of a URI or path. */
function place(uri: string): { folder: string; name: string } {
  const slash = Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\'));
  return { folder: uri.slice(0, slash + 1), name: uri.slice(slash + 1).toLowerCase() };
}

/** `azuredeploy.json` and `azuredeploy.parameters.json` share the stem `azuredeploy`. */
function stem(name: string): string {
  return name.replace(/\.jsonc?$/, '').replace(/\.(?:template|parameters|params)$/, '');
}

type PairedRole = 'template' | 'parameters';

/**
 * The ARM templates and parameter files of each folder, so that pairing them looks at one folder's few JSON documents
 * rather than at every document of the workspace (a CLI run over a large folder did that for each file).
 */
class FolderRoles {
  private readonly folders = new Map<string, Record<PairedRole, Set<string>>>();

  move(uri: string, from: JsonRole | undefined, to: JsonRole | undefined): void {
    if (from === to) return;
    const folder = place(uri).folder;
    let roles = this.folders.get(folder);
    if (!roles) {
      roles = { template: new Set(), parameters: new Set() };
      this.folders.set(folder, roles);
    }
    if (from === 'template' || from === 'parameters') roles[from].delete(uri);
    if (to === 'template' || to === 'parameters') roles[to].add(uri);
  }

  /** The documents in the folder of `uri` that have `role`, other than `uri` itself. */
  others(uri: string, role: PairedRole): string[] {
    return [...(this.folders.get(place(uri).folder)?.[role] ?? [])].filter((other) => other !== uri);
  }
}

export class LintWorkspace {
  private readonly documents = new Map<string, DocumentState>();
  /** What each document's last update or removal changed for others. */
  private readonly changes = new Map<string, { declarationsChanged: boolean; templates: string[] }>();
  private readonly roles = new FolderRoles();
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
   * document be parsed incrementally; wrong or missing changes only cost a full parse. Never rejects.
   */
  update(uri: string, text: string, kind: DocumentKind, changes?: readonly TextChange[]): Promise<void> {
    // One update at a time: each builds on the state (and syntax tree) the one before it left.
    this.queue = this.queue.then(() => this.apply(uri, text, kind, changes)).catch(() => undefined);
    return this.queue;
  }

  remove(uri: string): void {
    const state = this.documents.get(uri);
    if (!state) return;
    state.tree?.delete();
    this.documents.delete(uri);
    this.store(uri, state, undefined);
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

  /** Why the document was not linted (too large, binary, …), in the workspace's locale; undefined when it was. */
  notice(uri: string): string | undefined {
    const notice = this.documents.get(uri)?.notice;
    return notice && pick(notices[notice.id], this.locale, { detail: notice.detail ?? '' });
  }

  /** Other documents whose findings depend on this one's facts and changed with its last update or removal. */
  dependents(uri: string): string[] {
    const change = this.changes.get(uri);
    if (!change) return [];
    const onDeclarations = change.declarationsChanged ? [...this.dependingOnDeclarations].filter((other) => other !== uri) : [];
    return [...new Set([...onDeclarations, ...change.templates])];
  }

  private async apply(uri: string, text: string, kind: DocumentKind, changes: readonly TextChange[] | undefined): Promise<void> {
    const previous = this.documents.get(uri);
    let state: DocumentState;
    try {
      state = await this.read(uri, text, kind, previous, changes);
    } catch (error) {
      state = { uri, kind, text, facts: emptyFacts(), notice: { id: 'failed', detail: errorText(error) } };
    }
    if (previous?.tree && previous.tree !== state.tree) previous.tree.delete();
    this.documents.set(uri, state);
    this.store(uri, previous, state);
  }

  private async read(uri: string, text: string, kind: DocumentKind, previous: DocumentState | undefined, changes: readonly TextChange[] | undefined): Promise<DocumentState> {
    const state: DocumentState = { uri, kind, text, facts: emptyFacts() };
    if (text.length > maxDocumentLength) return { ...state, notice: { id: 'tooLarge' } };
    if (looksBinary(text)) return { ...state, notice: { id: 'binary' } };
    if (!relevance[kind].test(text)) return state;
    switch (kind) {
      case 'powershell':
        return this.readPowerShell(state, previous, changes);
      case 'json':
        return this.readJson(state);
      case 'http':
        return { ...state, facts: httpFacts(text) };
      case 'shell':
        return { ...state, facts: shellFacts(text) };
    }
  }

  private async readPowerShell(state: DocumentState, previous: DocumentState | undefined, changes: readonly TextChange[] | undefined): Promise<DocumentState> {
    let parser: PowerShellParser;
    try {
      parser = await PowerShellParser.load(this.options.wasmDir);
    } catch (error) {
      return { ...state, notice: { id: 'parserUnavailable', detail: errorText(error) } };
    }
    let tree: Tree | undefined;
    const edits = changes && previous?.tree ? treeEdits(previous.text, state.text, changes) : undefined;
    if (edits && previous?.tree) {
      for (const edit of edits) previous.tree.edit(edit);
      tree = parser.parse(state.text, previous.tree);
    }
    tree ??= parser.parse(state.text);
    if (!tree) return { ...state, notice: { id: 'failed', detail: 'the PowerShell parser returned no tree' } };
    const facts = powerShellFacts(state.text, tree);
    if (this.options.keepSyntaxTrees ?? true) return { ...state, tree, facts };
    tree.delete();
    return { ...state, facts };
  }

  private readJson(state: DocumentState): DocumentState {
    const analysis = jsonFacts(state.text, this.parameterFileFor(state.uri)?.parameterValues);
    return {
      ...state, facts: analysis.facts, role: analysis.role,
      ...(analysis.parameterValues ? { parameterValues: analysis.parameterValues } : {}),
      ...(analysis.tooDeep ? { notice: { id: 'tooDeep' as const } } : {}),
    };
  }

  /** The parameter file that goes with a template: same folder and stem, or the only pair in the folder. */
  private parameterFileFor(templateUri: string): DocumentState | undefined {
    const name = stem(place(templateUri).name);
    const parameterFiles = this.roles.others(templateUri, 'parameters');
    const sameStem = parameterFiles.find((uri) => stem(place(uri).name) === name);
    const onlyPair = parameterFiles.length === 1 && this.roles.others(templateUri, 'template').length === 0 ? parameterFiles[0] : undefined;
    const found = sameStem ?? onlyPair;
    return found === undefined ? undefined : this.documents.get(found);
  }

  /** The templates a parameter file at `uri` may go with: those of the same stem, or the folder's only template. */
  private templatesFor(parametersUri: string): DocumentState[] {
    const templates = this.roles.others(parametersUri, 'template');
    const name = stem(place(parametersUri).name);
    const paired = templates.length <= 1 ? templates : templates.filter((uri) => stem(place(uri).name) === name);
    return paired.flatMap((uri) => this.documents.get(uri) ?? []);
  }

  /**
   * Records a document's new state (undefined: removed); findings that depended on the old one are worked out again
   * when next asked for.
   */
  private store(uri: string, previous: DocumentState | undefined, current: DocumentState | undefined): void {
    const templates: string[] = [];
    this.roles.move(uri, previous?.role, current?.role);
    if (current) current.findings = undefined;
    if (previous?.facts.registrations.length || current?.facts.registrations.length) this.registrations = undefined;
    if (current?.facts.tenantOperations.length) this.dependingOnDeclarations.add(uri);
    else this.dependingOnDeclarations.delete(uri);
    const changed = declarationsChanged(previous, current);
    if (changed) this.declarationsVersion++;
    if (previous?.role === 'parameters' || current?.role === 'parameters') {
      for (const template of this.templatesFor(uri)) {
        const reread = this.readJson({ uri: template.uri, kind: template.kind, text: template.text, facts: emptyFacts() });
        this.documents.set(template.uri, reread);
        templates.push(template.uri);
        this.store(template.uri, template, reread);
      }
    }
    this.changes.set(uri, { declarationsChanged: changed, templates });
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
    const context = { uri: state.uri, kind: state.kind, facts: state.facts, registrations, live: this.live };
    const findings: Finding[] = [];
    for (const rule of allRules) {
      const severity = configuredSeverity(rule.code, this.config) ?? rule.defaultSeverity;
      if (severity === 'off') continue;
      let reports: Report<string>[];
      try {
        reports = rule.check(context);
      } catch {
        continue; // a rule that trips over unusual facts must not take the others down
      }
      findings.push(...reports.map((report) => this.finding(rule, severity, report)));
    }
    return sortAndFilter(findings, state);
  }

  private finding(rule: Rule, severity: Severity, report: Report<string>): Finding {
    const message = (id: string, values: Report<string>['values']) => {
      const localized = Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : v[this.locale]]));
      return pick(rule.messages[id], this.locale, localized);
    };
    return {
      code: rule.code, severity, message: message(report.messageId, report.values),
      start: report.span.start, end: report.span.end,
      azureError: report.azureError === undefined ? rule.azureError : report.azureError,
      related: (report.related ?? []).map((r) => ({ uri: r.uri, start: r.span.start, end: r.span.end, message: message(r.messageId, r.values) })),
      ...(report.data ? { data: report.data } : {}),
    };
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

/** Drops suppressed and duplicate findings and sorts the rest by position, then code. */
function sortAndFilter(findings: Finding[], state: DocumentState): Finding[] {
  const { suppressions } = state.facts;
  const lines = suppressions.length > 0 ? new LineMap(state.text) : undefined;
  const suppressed = (finding: Finding) => suppressions.some((s) => {
    const applies = s.codes.length === 0 || s.codes.includes(finding.code);
    return applies && (s.scope === 'file' || lines?.lineOf(finding.start) === s.line);
  });
  const seen = new Set<string>();
  return findings
    .filter((f) => {
      const key = `${f.code}:${f.start}:${f.end}:${f.message}`;
      return !suppressed(f) && !seen.has(key) && seen.add(key);
    })
    .sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
}
