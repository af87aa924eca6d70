// The linter in the editor: documents are read into one LintWorkspace as they open and change (PowerShell edits go
// in at once, so tree-sitter can reparse incrementally; other kinds, and large documents of any kind, wait for a pause
// in typing, and a read that typing overtook publishes nothing), findings become
// diagnostics with a docs link and related information, and closing a document clears its diagnostics. Files the
// workspace holds but nobody opened still declare registrations for the others (AZS103, AZS301 across files).
import * as vscode from 'vscode';
import type { Locale } from '../core/l10n';
import { LintWorkspace, describeInternalError, documentKindFor, fileExtensions, type DocumentKind, type Finding, type LiveData, type Severity } from '../core/lint';
import { positionAt, lineStarts } from '../core/text';
import { ruleDocsLink } from './commands/ruleDocs';
import type { Logger } from './infrastructure/logger';
import { affects, readSettings } from './settings';
import { decode } from '../core/encoding';

export const diagnosticSource = 'azure-stack-csp';

/** How long a pause in typing must last before a JSON, REST Client or shell document is read again. */
const settleMs = 150;
/**
 * Documents from this many characters on are read again only after a pause in typing, of `largeSettleMs`: reading one
 * takes longer than a keystroke may hold the extension host, so each keystroke's read would block it in turn.
 */
const largeDocumentLength = 256 * 1024;
const largeSettleMs = 600;
/** Files read from disk for workspace-wide facts, at most; larger workspaces rely on the files that are open. */
const maxWorkspaceFiles = 2000;
const workspaceGlob = `**/*.{${fileExtensions.join(',')}}`;
const workspaceExclude = '**/{node_modules,.git,out,dist,bin,obj}/**';

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export interface LintEvent {
  uri: vscode.Uri;
  /** The document version the diagnostics belong to (undefined for files read from disk). */
  version: number | undefined;
  diagnostics: readonly vscode.Diagnostic[];
}

export interface DiagnosticsDeps {
  extensionUri: vscode.Uri;
  locale: Locale;
  log: Logger;
}

export class LintDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(diagnosticSource);
  private readonly linted = new vscode.EventEmitter<LintEvent>();
  /** Fires after diagnostics for a document were published (tests and the live rules wait on it). */
  readonly onDidLint = this.linted.event;
  private readonly engine: LintWorkspace;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Text of every document the engine holds, for positions of related information in other files. */
  private readonly texts = new Map<string, string>();
  /** The encoding each open document was last read in (VS Code's ids): a document saved in another is read again. */
  private readonly encodings = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [];
  private enabled: boolean;

  constructor(private readonly deps: DiagnosticsDeps) {
    const settings = readSettings();
    this.enabled = settings.lintEnabled;
    this.engine = new LintWorkspace({
      wasmDir: vscode.Uri.joinPath(deps.extensionUri, 'dist').fsPath, locale: deps.locale, rules: settings.lintRules,
      onInternalError: (error) => deps.log.error(describeInternalError(error)),
    });
    this.disposables.push(
      this.collection, this.linted,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, undefined, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.onClose(document)),
      // VS Code closes a document only some time after its last tab; the Problems panel should follow the tabs.
      vscode.window.tabGroups.onDidChangeTabs((event) => this.followTabs(event)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affects(event, 'lint')) this.reconfigure();
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.schedule(document, undefined, 0);
  }

  private indexing: Promise<number> | undefined;

  /** Resolves with the number of files read once the background read of the workspace has finished. */
  get indexed(): Promise<number> {
    return this.indexing ?? this.indexWorkspace();
  }

  /** Reads the workspace's other files after `delayMs` (once the window has settled), in the background. */
  indexLater(delayMs: number): void {
    const timer = setTimeout(() => {
      this.indexing ??= this.indexWorkspace();
      void this.indexing.then((count) => this.deps.log.info(`read ${count} workspace files for the registrations they declare`));
    }, delayMs);
    this.disposables.push({ dispose: () => clearTimeout(timer) });
  }

  /** Reads the workspace's other files, so registrations they declare inform open documents. */
  private async indexWorkspace(token?: vscode.CancellationToken): Promise<number> {
    if (!this.enabled || !vscode.workspace.workspaceFolders) return 0;
    const uris = await vscode.workspace.findFiles(workspaceGlob, workspaceExclude, maxWorkspaceFiles, token);
    let read = 0;
    for (const uri of uris) {
      if (token?.isCancellationRequested) break;
      const key = uri.toString();
      if (this.texts.has(key)) continue;
      const kind = documentKindFor(uri.path);
      if (!kind) continue;
      try {
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (this.texts.has(key)) continue;
        await this.read(key, decode(bytes).text, kind, undefined);
        read++;
      } catch (error) {
        this.deps.log.trace(`could not read ${uri.fsPath}: ${String(error)}`);
      }
    }
    this.publishAll();
    return read;
  }

  private kindOf(document: vscode.TextDocument): DocumentKind | undefined {
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return undefined;
    return documentKindFor(document.fileName, document.languageId);
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const kind = this.kindOf(event.document);
    if (!kind) return;
    const document = event.document;
    // Saved in another encoding (AZS107 depends on it): the same text is read again.
    if (event.contentChanges.length === 0) {
      if (this.encodings.get(document.uri.toString()) !== document.encoding) this.schedule(document, kind, 0);
      return;
    }
    if (document.offsetAt(new vscode.Position(document.lineCount, 0)) >= largeDocumentLength) {
      this.schedule(document, kind, largeSettleMs);
    } else if (kind === 'powershell') {
      // Every edit goes in as it happens, so the engine's tree stays one step behind at most.
      const changes = event.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
      void this.read(event.document.uri.toString(), event.document.getText(), kind, changes, event.document.encoding).then(() => this.publishWithDependents(event.document));
    } else {
      this.schedule(event.document, kind, settleMs);
    }
  }

  private schedule(document: vscode.TextDocument, kind: DocumentKind | undefined, delayMs: number): void {
    const documentKind = kind ?? this.kindOf(document);
    if (!documentKind || !this.enabled) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (document.isClosed) return;
      const { version } = document;
      void this.read(key, document.getText(), documentKind, undefined, document.encoding).then(() => {
        // Typed again meanwhile: that edit scheduled a read of its own, and these findings are already stale.
        if (document.version === version) this.publishWithDependents(document);
      });
    }, delayMs));
  }

  private async read(key: string, text: string, kind: DocumentKind, changes: { start: number; end: number; text: string }[] | undefined, encoding?: string): Promise<void> {
    this.texts.set(key, text);
    if (encoding) this.encodings.set(key, encoding);
    else this.encodings.delete(key);
    await this.engine.update(key, text, kind, changes, encoding);
  }

  private onClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(document.uri);
    // A file on disk keeps declaring its registrations as saved (the editor may have held unsaved text); an
    // untitled one is gone.
    const kind = this.kindOf(document);
    const reread = document.uri.scheme === 'file' && kind
      ? Promise.resolve(vscode.workspace.fs.readFile(document.uri)).then((bytes) => this.read(key, decode(bytes).text, kind, undefined))
      : Promise.reject(new Error('not on disk'));
    void reread.catch(() => {
      this.texts.delete(key);
      this.encodings.delete(key);
      return this.engine.remove(key);
    }).then(() => this.publishDependents(key));
  }

  private followTabs(event: vscode.TabChangeEvent): void {
    if (event.closed.length > 0) this.dropClosedTabs();
    for (const tab of event.opened) {
      if (!(tab.input instanceof vscode.TabInputText)) continue;
      const key = tab.input.uri.toString();
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      // Checked again from the facts already read: Azure's answers may have changed while it had no tab.
      if (document && this.texts.has(key)) this.publish(document);
    }
  }

  private dropClosedTabs(): void {
    const open = this.tabbed();
    this.collection.forEach((uri) => {
      if (!open.has(uri.toString())) this.collection.delete(uri);
    });
  }

  /**
   * Lets the live rules (AZS6xx) read what Azure says; when its answers change, open documents are checked again
   * from the facts already read (no reparse, no request per keystroke).
   */
  useLiveData(live: LiveData, onDidChange: vscode.Event<void>): void {
    this.engine.configure({ live });
    this.disposables.push(onDidChange(() => {
      this.engine.configure({ live });
      this.publishAll();
    }));
  }

  private reconfigure(): void {
    const settings = readSettings();
    this.enabled = settings.lintEnabled;
    this.engine.configure({ rules: settings.lintRules });
    if (!this.enabled) {
      this.collection.clear();
      return;
    }
    for (const document of vscode.workspace.textDocuments) this.schedule(document, undefined, 0);
  }

  /** URIs shown in an editor tab: documents open without one (another extension's, a closed tab's) are not checked again. */
  private tabbed(): Set<string> {
    const open = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText) open.add(tab.input.uri.toString());
    }
    return open;
  }

  /** Publishes the findings of every document in a tab (after workspace-wide facts or Azure's answers changed). */
  private publishAll(): void {
    const open = this.tabbed();
    for (const document of vscode.workspace.textDocuments) {
      const key = document.uri.toString();
      if (this.texts.has(key) && open.has(key)) this.publish(document);
    }
  }

  /** Publishes the open documents whose findings depend on what the last update of `key` changed (once, no chains). */
  private publishDependents(key: string): void {
    const open = this.tabbed();
    for (const dependent of this.engine.dependents(key)) {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === dependent);
      if (document && open.has(dependent)) this.publish(document);
    }
  }

  private publishWithDependents(document: vscode.TextDocument): void {
    this.publish(document);
    this.publishDependents(document.uri.toString());
  }

  private publish(document: vscode.TextDocument): void {
    if (document.isClosed || !this.enabled) return;
    const key = document.uri.toString();
    const notice = this.engine.notice(key);
    const diagnostics = notice ? [this.noticeDiagnostic(notice)] : this.engine.findings(key).map((finding) => this.toDiagnostic(document, finding));
    const failure = this.engine.failureNotice(key);
    if (failure) diagnostics.push(this.noticeDiagnostic(failure));
    this.collection.set(document.uri, diagnostics);
    this.linted.fire({ uri: document.uri, version: document.version, diagnostics });
  }

  private noticeDiagnostic(notice: string): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), notice, vscode.DiagnosticSeverity.Information);
    diagnostic.source = diagnosticSource;
    return diagnostic;
  }

  private toDiagnostic(document: vscode.TextDocument, finding: Finding): vscode.Diagnostic {
    const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
    const diagnostic = new vscode.Diagnostic(range, finding.message, severities[finding.severity]);
    diagnostic.source = diagnosticSource;
    diagnostic.code = { value: finding.code, target: ruleDocsLink(finding.code) };
    diagnostic.relatedInformation = finding.related.map((related) => new vscode.DiagnosticRelatedInformation(
      new vscode.Location(vscode.Uri.parse(related.uri), this.rangeIn(related.uri, related.start, related.end)), related.message));
    return diagnostic;
  }

  private rangeIn(uri: string, start: number, end: number): vscode.Range {
    const text = this.texts.get(uri) ?? '';
    const starts = lineStarts(text);
    const from = positionAt(starts, start);
    const to = positionAt(starts, end);
    return new vscode.Range(from.line, from.character, to.line, to.character);
  }

  /** True when the document has text its parser could not read: quick fixes then add no lines to it. */
  hasSyntaxErrors(document: vscode.TextDocument): boolean {
    return this.engine.hasSyntaxErrors(document.uri.toString());
  }

  /** Every finding of a document, for "Fix all". */
  findingsOf(document: vscode.TextDocument): Finding[] {
    return this.engine.findings(document.uri.toString());
  }

  /**
   * Every finding of a document as its text is now (read again first when the engine is behind, as it is for a
   * moment after typing), with the text and version they belong to: what edits computed from them must apply to.
   */
  async settledFindings(document: vscode.TextDocument): Promise<{ text: string; version: number; findings: Finding[] }> {
    const key = document.uri.toString();
    const kind = this.kindOf(document);
    for (;;) {
      const { version } = document;
      const text = document.getText();
      if (!kind) return { text, version, findings: [] };
      if (this.texts.get(key) !== text) await this.read(key, text, kind, undefined, document.encoding);
      // Typing during the read queued a newer text: read that one instead.
      if (document.version === version && this.texts.get(key) === text) return { text, version, findings: this.engine.findings(key) };
    }
  }

  /** The finding a diagnostic came from (for code actions), matched by code and range. */
  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    return this.engine.findings(document.uri.toString()).find((f) => f.code === code && f.start === start && f.end === end);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
