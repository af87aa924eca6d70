// The linter in the editor: documents are read into one LintWorkspace in a child process (core/lintClient.ts), so
// reading never holds the extension host, as they open and change (PowerShell edits go in at once, so tree-sitter can
// reparse incrementally; other kinds, and large documents of any kind, wait for a pause in typing, a large PowerShell
// document's edits then going as one change; a read that typing overtook publishes nothing, and the linter, told of
// the first edit after it, stops working it out), findings become
// diagnostics with a docs link and related information, and closing a document clears its diagnostics. Files the
// workspace holds but nobody opened still declare registrations for the others (AZS103, AZS301 across files).
import * as vscode from 'vscode';
import type { Locale } from '../core/l10n';
import { documentKindFor, fileExtensions, type DocumentKind, type Finding, type LiveData, type Severity, type TextChange } from '../core/lint';
import { LintClient, type HeldLint, type LineRange, type LintOutcome, type ShownFinding } from '../core/lintClient';
import { maxShown } from '../core/lintWorker';
import { PublishedParts, type Publish } from '../core/publishedParts';
import { linesOf, type ShownPart } from '../core/shownParts';
import { asChange, withChanges, type UnsentEdit } from '../core/unsentEdit';
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

/**
 * Diagnostics made, or handed to VS Code, in one turn of the event loop: a thousand at once held the extension host
 * for tens of milliseconds to make and 30–120 ms to hand over (VS Code converts each one as it is set, and looks up its
 * document's version). Each part of a file's diagnostics goes to a collection of its own, so that handing over one part
 * does not send the others again, and a part whose findings a read left as they were is not handed over at all.
 */
const diagnosticsPerTurn = 100;
const parts = maxShown / diagnosticsPerTurn;

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
  /** One collection per part of a file's diagnostics (VS Code merges them; each has its own owner name). */
  private readonly collections = Array.from({ length: parts }, (_, part) => vscode.languages.createDiagnosticCollection(part === 0 ? diagnosticSource : `${diagnosticSource}-${part + 1}`));
  private readonly linted = new vscode.EventEmitter<LintEvent>();
  /** Fires after diagnostics for a document were published (tests and the live rules wait on it). */
  readonly onDidLint = this.linted.event;
  private readonly reading = new vscode.EventEmitter<{ uri: vscode.Uri; version: number }>();
  /** Fires when a pause in typing sent a document's text to be read (tests type over a read under way). */
  readonly onDidStartRead = this.reading.event;
  private readonly engine: LintClient;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The encoding each open document was last read in (VS Code's ids): a document saved in another is read again. */
  private readonly encodings = new Map<string, string>();
  /** The length of each open document, from its last read on. */
  private readonly lengths = new Map<string, number>();
  /** Each open document's text as last asked for, with its version: the text while the document stays at that version. */
  private readonly texts = new Map<string, { version: number; text: string }>();
  /** What each collection shows of each document, the lines edited since, and each document's latest publish. */
  private readonly published = new PublishedParts<PartShown>(parts, diagnosticsPerTurn);
  /** Where each PowerShell document was edited since its text was last sent to the linter. */
  private readonly unsent = new Map<string, UnsentEdit>();
  private readonly disposables: vscode.Disposable[] = [];
  private enabled: boolean;

  constructor(private readonly deps: DiagnosticsDeps) {
    const settings = readSettings();
    this.enabled = settings.lintEnabled;
    const dist = vscode.Uri.joinPath(deps.extensionUri, 'dist');
    this.engine = new LintClient({
      script: vscode.Uri.joinPath(dist, 'lintWorker.js').fsPath, wasmDir: dist.fsPath, locale: deps.locale, rules: settings.lintRules,
      onInternalError: (text) => deps.log.error(text),
      onCrash: (text) => deps.log.error(text),
      onRestart: (restored, lost) => this.publishUris([...lost, ...restored]),
      onLiveAnswers: () => void this.publishAll(),
    });
    this.disposables.push(
      ...this.collections, this.linted, this.reading,
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
      if (this.engine.holds(key)) continue;
      const kind = documentKindFor(uri.path);
      if (!kind) continue;
      try {
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (this.engine.holds(key)) continue;
        await this.read(key, decode(bytes).text, kind, undefined, undefined, false);
        read++;
      } catch (error) {
        this.deps.log.trace(`could not read ${uri.fsPath}: ${String(error)}`);
      }
    }
    await this.publishAll();
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
    // A read of an older text still under way is of no use now.
    this.engine.edited(document.uri.toString());
    this.noteEdits(event);
    if (kind === 'powershell') this.noteUnsent(event);
    if (this.lengthAfter(event) >= largeDocumentLength) {
      this.schedule(document, kind, largeSettleMs);
    } else if (kind === 'powershell') {
      // Every edit goes in as it happens, so the engine's tree stays one step behind at most.
      this.readShown(document, kind);
    } else {
      this.schedule(event.document, kind, settleMs);
    }
  }

  /** Keeps the lines this change edited, while the document's diagnostics are shown: parts there are handed over again. */
  private noteEdits(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    for (const { range, text } of event.contentChanges) this.published.edit(key, range.start.line, range.end.line, /[\r\n]/.test(text));
  }

  /** Adds this change to the document's edits not yet sent to the linter. */
  private noteUnsent(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const changes = event.contentChanges.map((change) => ({ start: change.rangeOffset, end: change.rangeOffset + change.rangeLength, text: change.text }));
    const edit = withChanges(this.unsent.get(key), changes);
    if (edit) this.unsent.set(key, edit);
  }

  /** The edits since the document's text was last sent, as changes of that text (a PowerShell tree is then edited, not read anew). */
  private unsentChanges(key: string, text: string): TextChange[] | undefined {
    const edit = this.unsent.get(key);
    return edit && [asChange(edit, text)];
  }

  /**
   * The document's length after this change, kept from its changes: asking VS Code for the offset of its end sums the
   * lengths of every line after the edited one, at each keystroke.
   */
  private lengthAfter(event: vscode.TextDocumentChangeEvent): number {
    const key = event.document.uri.toString();
    const known = this.lengths.get(key);
    const length = known === undefined
      ? event.document.getText().length
      : event.contentChanges.reduce((sum, change) => sum + change.text.length - change.rangeLength, known);
    this.lengths.set(key, length);
    return length;
  }

  /**
   * The document's text. `getText()` copies all of it (1 MB for a large script), and publishing a read and each
   * code action asked for it again: while the document is at the version last asked about, the text is the one
   * kept then (the very string the worker read, so comparing it with the read's text is instant).
   */
  textOf(document: vscode.TextDocument): string {
    const key = document.uri.toString();
    const known = this.texts.get(key);
    if (known?.version === document.version) return known.text;
    const text = document.getText();
    this.texts.set(key, { version: document.version, text });
    return text;
  }

  private schedule(document: vscode.TextDocument, kind: DocumentKind | undefined, delayMs: number): void {
    const documentKind = kind ?? this.kindOf(document);
    if (!documentKind || !this.enabled) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (document.isClosed) return;
      this.lengths.set(key, this.textOf(document).length);
      this.readShown(document, documentKind);
      this.reading.fire({ uri: document.uri, version: document.version });
    }, delayMs));
  }

  /** Sends the document's text (with its edits since the last text sent) to be read, and publishes what the read found. */
  private readShown(document: vscode.TextDocument, kind: DocumentKind): void {
    const { version } = document;
    const key = document.uri.toString();
    const text = this.textOf(document);
    void this.read(key, text, kind, this.unsentChanges(key, text), document.encoding, true)
      .then((outcome) => this.publishRead(document, version, outcome), this.failed(`could not read ${key}`));
  }

  /** Logs why a request to the linter failed (it could not be sent): the document shows what it showed before. */
  private failed(what: string): (error: unknown) => void {
    return (error) => this.deps.log.error(`${what}: ${String(error)}`);
  }

  /**
   * Publishes what a read of `document` at `version` found, unless typing overtook it (that edit reads again). The
   * documents that depend on what the read text declares are checked again either way: the next read compares its
   * declarations with this text's, so a change made here would otherwise never reach them.
   */
  private publishRead(document: vscode.TextDocument, version: number, outcome: LintOutcome): void {
    if (!outcome.skipped && document.version === version) void this.publish(document);
    void this.checkShown(outcome.dependents);
  }

  /** `check`: the document is shown, so its findings are worked out; otherwise it only declares registrations. */
  private read(key: string, text: string, kind: DocumentKind, changes: TextChange[] | undefined, encoding: string | undefined, check: boolean): Promise<LintOutcome> {
    if (encoding) this.encodings.set(key, encoding);
    else this.encodings.delete(key);
    // What the linter reads now is what later edits are changes of.
    this.unsent.delete(key);
    return this.engine.update(key, text, kind, changes, encoding, check);
  }

  private onClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.lengths.delete(key);
    this.texts.delete(key);
    this.unsent.delete(key);
    this.deleteDiagnostics(document.uri);
    // A file on disk keeps declaring its registrations as saved (the editor may have held unsaved text); an
    // untitled one is gone.
    const kind = this.kindOf(document);
    const reread = document.uri.scheme === 'file' && kind
      ? Promise.resolve(vscode.workspace.fs.readFile(document.uri)).then((bytes) => this.read(key, decode(bytes).text, kind, undefined, undefined, false))
      : Promise.reject(new Error('not on disk'));
    void reread.catch(() => {
      this.encodings.delete(key);
      return this.engine.remove(key);
    }).then((outcome) => this.checkShown(outcome.dependents)).catch(this.failed(`could not read ${key} as closed`));
  }

  private followTabs(event: vscode.TabChangeEvent): void {
    if (event.closed.length > 0) this.dropClosedTabs();
    for (const tab of event.opened) {
      if (!(tab.input instanceof vscode.TabInputText)) continue;
      const key = tab.input.uri.toString();
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      // Checked again from the facts already read: Azure's answers may have changed while it had no tab.
      if (document && this.engine.lint(key)) void this.engine.check([key]).then(() => this.publish(document), this.failed(`could not check ${key}`));
    }
  }

  private dropClosedTabs(): void {
    const open = this.tabbed();
    this.collections[0].forEach((uri) => {
      if (!open.has(uri.toString())) this.deleteDiagnostics(uri);
    });
  }

  /**
   * Lets the live rules (AZS6xx) read what Azure says; when its answers change, open documents are checked again
   * from the facts already read (no reparse, no request per keystroke).
   */
  useLiveData(live: LiveData, onDidChange: vscode.Event<void>): void {
    this.engine.useLive(live, this.shown());
    this.disposables.push(onDidChange(() => {
      this.engine.useLive(live, this.shown());
      void this.publishAll();
    }));
  }

  private reconfigure(): void {
    const settings = readSettings();
    this.enabled = settings.lintEnabled;
    this.engine.configure(settings.lintRules);
    if (!this.enabled) {
      for (const collection of this.collections) collection.clear();
      this.published.clear();
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

  /** The documents in a tab whose findings are held: only these are checked again, and only their lints ask Azure. */
  private shown(): string[] {
    return [...this.tabbed()].filter((key) => this.engine.lint(key));
  }

  /** Works out again and publishes the findings of every document in a tab (after workspace-wide facts or Azure's answers changed). */
  private publishAll(): Promise<void> {
    return this.checkShown(this.shown());
  }

  /** Works out again and publishes the findings of those of these documents that are in a tab. */
  private async checkShown(uris: readonly string[]): Promise<void> {
    const open = this.tabbed();
    const shown = uris.filter((key) => open.has(key) && this.engine.lint(key));
    if (shown.length === 0) return;
    await this.engine.check(shown).then(() => this.publishUris(shown), this.failed(`could not check ${shown.join(', ')}`));
  }

  /** Publishes the findings held for these documents, those open in a tab. */
  private publishUris(uris: readonly string[]): void {
    if (uris.length === 0) return;
    const open = this.tabbed();
    for (const key of uris) {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (document && open.has(key)) void this.publish(document);
    }
  }

  /**
   * Shows the findings held for the document. The worker sends them ready to show (at most `maxShown`, as VS Code
   * itself sends no more of one file to the Problems panel, with line positions); they are made into diagnostics a
   * part per turn of the event loop and handed over a part per turn, only the parts whose findings changed (or whose
   * lines were edited: the workbench moved their diagnostics as the user typed). Typing in between makes them stale:
   * then nothing more is shown, and parts still showing an older read are cleared.
   */
  private async publish(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed || !this.enabled) return;
    const key = document.uri.toString();
    const held = this.engine.lint(key);
    // Findings of another text than the document's: typing overtook them, and its own read publishes.
    if (!held || held.text !== this.textOf(document)) return;
    const { version } = document;
    const findings = held.notice ? [] : held.shown;
    const notes = this.notesOf(held);
    const notesText = notes.map((note) => note.message).join('\n');
    const publishing = this.published.start(key, findings, notesText);
    const { plan } = publishing;
    const current = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return !document.isClosed && this.enabled && document.version === version && this.engine.lint(key) === held && publishing.latest;
    };
    const made: vscode.Diagnostic[][] = [];
    for (let part = 0; part < parts; part++) {
      if (plan.kept[part] || plan.indexes[part].length === 0) continue;
      if (!await current()) return;
      made[part] = plan.indexes[part].map((index) => this.toDiagnostic(document.uri, findings[index]));
    }
    for (let part = 0, first = true; part < parts; part++) {
      if (plan.kept[part]) continue;
      const diagnostics = [...made[part] ?? [], ...(part === parts - 1 ? notes : [])];
      // A part left empty is cleared (the first keeps an empty list: tabs closing look documents up in it).
      if (diagnostics.length === 0 && part > 0 && !this.collections[part].has(document.uri)) {
        publishing.show(part, undefined);
        continue;
      }
      if (!await current()) {
        // Stopped before handing anything over, every part still shows the last read whole; a newer publish planned
        // from what this one left.
        if (!first && publishing.latest) this.clearUnset(document.uri, publishing, part);
        return;
      }
      first = false;
      if (diagnostics.length === 0 && part > 0) this.collections[part].delete(document.uri);
      else this.collections[part].set(document.uri, diagnostics);
      const partFindings = plan.indexes[part].map((index) => findings[index]);
      publishing.show(part, { findings: partFindings, notes: part === parts - 1 ? notesText : '', ...linesOf(partFindings), diagnostics });
    }
    publishing.done();
    this.linted.fire({ uri: document.uri, version: document.version, diagnostics: inFileOrder(plan.indexes, publishing.parts, findings.length) });
  }

  /** What the editor notes after the findings: a notice instead of them, how many are not shown, a rule that failed. */
  private notesOf(held: HeldLint): vscode.Diagnostic[] {
    const notes = held.notice ? [this.noticeDiagnostic(held.notice)] : [];
    if (!held.notice && held.total > held.shown.length) {
      notes.push(this.noticeDiagnostic(vscode.l10n.t('{0} more problems are not shown: VS Code shows {1} per file. Run azs-lint on the file to list them all.', held.total - held.shown.length, maxShown)));
    }
    if (held.failureNotice) notes.push(this.noticeDiagnostic(held.failureNotice));
    return notes;
  }

  /**
   * Typing stopped a publish from `part` on: the parts not handed over yet, and not kept, still show an older read,
   * which must not stand beside the newer one; they are cleared, and known to show nothing.
   */
  private clearUnset(uri: vscode.Uri, publishing: Publish<PartShown>, from: number): void {
    for (let part = from; part < parts; part++) {
      if (publishing.plan.kept[part]) continue;
      if (this.collections[part].has(uri)) this.collections[part].delete(uri);
      publishing.show(part, undefined);
    }
  }

  /** How many diagnostics of the document VS Code shows now. */
  shownCount(uri: vscode.Uri): number {
    return this.collections.reduce((count, collection) => count + (collection.get(uri)?.length ?? 0), 0);
  }

  private deleteDiagnostics(uri: vscode.Uri): void {
    for (const collection of this.collections) if (collection.has(uri)) collection.delete(uri);
    this.published.forget(uri.toString());
  }

  private noticeDiagnostic(notice: string): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), notice, vscode.DiagnosticSeverity.Information);
    diagnostic.source = diagnosticSource;
    return diagnostic;
  }

  private toDiagnostic(uri: vscode.Uri, shown: ShownFinding): vscode.Diagnostic {
    const range = rangeOf(shown.range);
    const diagnostic = new vscode.Diagnostic(range, shown.message, severities[shown.severity]);
    diagnostic.source = diagnosticSource;
    diagnostic.code = { value: shown.code, target: this.docsLink(shown.code) };
    diagnostic.relatedInformation = shown.related.map((related) => new vscode.DiagnosticRelatedInformation(
      new vscode.Location(this.uriOf(related.uri), rangeOf(related.range)), related.message));
    if (shown.moreRelated > 0) {
      diagnostic.relatedInformation.push(new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, range),
        vscode.l10n.t('{0} more places are not listed.', shown.moreRelated)));
    }
    return diagnostic;
  }

  private readonly docsLinks = new Map<string, vscode.Uri>();
  private readonly uris = new Map<string, vscode.Uri>();

  /** Each rule's docs link, made once (thousands of findings share a few). */
  private docsLink(code: string): vscode.Uri {
    let link = this.docsLinks.get(code);
    if (!link) this.docsLinks.set(code, link = ruleDocsLink(code));
    return link;
  }

  /** Each related document's URI, parsed once. */
  private uriOf(uri: string): vscode.Uri {
    let parsed = this.uris.get(uri);
    if (!parsed) this.uris.set(uri, parsed = vscode.Uri.parse(uri));
    return parsed;
  }

  /** True when the document has text its parser could not read: quick fixes then add no lines to it. */
  hasSyntaxErrors(document: vscode.TextDocument): boolean {
    return this.engine.lint(document.uri.toString())?.syntaxErrors === true;
  }

  /** Every finding of a document as last read, for "Fix all" (the same array until the document is read again). */
  findingsOf(document: vscode.TextDocument): Finding[] {
    return this.engine.lint(document.uri.toString())?.findings ?? [];
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
      const text = this.textOf(document);
      if (!kind) return { text, version, findings: [] };
      if (this.engine.lint(key)?.text !== text) await this.read(key, text, kind, undefined, document.encoding, true);
      // Typing during the read queued a newer text: read that one instead.
      const held = this.engine.lint(key);
      if (document.version === version && held?.text === text) return { text, version, findings: held.findings };
    }
  }

  /** How many problems "Fix all" would fix in the document as last read (worked out in the worker, once per read). */
  fixableCount(document: vscode.TextDocument): number {
    return this.engine.lint(document.uri.toString())?.fixable ?? 0;
  }

  /**
   * The finding a diagnostic came from (for code actions), matched by code and range — none while the worker's last
   * read is of another text than `text` (the document's now): its offsets, and the shown diagnostic's range, would put
   * a fix's edits in the wrong place.
   */
  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, text: string): Finding | undefined {
    const held = this.engine.lint(document.uri.toString());
    if (held?.text !== text) return undefined;
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    return held.findingsAt(start).find((f) => f.code === code && f.end === end);
  }

  /** Stops the linter's process as a crash would (host tests of the restart). */
  crashWorker(): Promise<void> {
    return this.engine.crash();
  }

  dispose(): void {
    this.engine.dispose();
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** A part as shown: what it was made from, and the diagnostics handed over (the findings', then any notes). */
interface PartShown extends ShownPart {
  diagnostics: readonly vscode.Diagnostic[];
}

/** Every part's diagnostics of the findings in the findings' order, then the notes (the last part holds them). */
function inFileOrder(indexes: readonly number[][], shown: readonly (PartShown | undefined)[], count: number): vscode.Diagnostic[] {
  const ordered = new Array<vscode.Diagnostic>(count);
  indexes.forEach((part, at) => part.forEach((index, position) => {
    ordered[index] = shown[at]?.diagnostics[position] as vscode.Diagnostic;
  }));
  return [...ordered, ...shown[parts - 1]?.diagnostics.slice(indexes[parts - 1].length) ?? []];
}

function rangeOf([startLine, startCharacter, endLine, endCharacter]: LineRange): vscode.Range {
  return new vscode.Range(startLine, startCharacter, endLine, endCharacter);
}
