// Quick fixes on the linter's diagnostics (each rule's own fixes, the CloudDeploymentID lookup, picking the
// registration from Azure, disabling a rule for a line or the file), the lookup as a refactoring on any line that
// names a registration, and "Fix all" for the fixes that need no choice: as a quick fix beside each fixable
// diagnostic (the Ctrl+. menu shows no source actions) and as a source action (the Source Action menu, and
// `source.fixAll` on save).
import * as vscode from 'vscode';
import { cloudIdLookupAt, editFits, fixTarget, suppressionFixes, type FileEdit, type Fix, type FixDocument } from '../core/fixes';
import { fixesFor, offersCloudIdLookup, offersRegistrationPick } from '../core/quickFixes';
import { pick, type Locale } from '../core/l10n';
import { documentKindFor, fileExtensions, languageIds } from '../core/lint';
import { diagnosticSource, type LintDiagnostics } from './diagnostics';
import { fixAllCommand } from './fixAll';

export const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('azureStackCsp');
const insertKind = vscode.CodeActionKind.Refactor.append('insert');

export interface CodeActionDeps {
  lint: LintDiagnostics;
  locale: Locale;
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  return String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
}

function fixDocument(document: vscode.TextDocument, lint: LintDiagnostics): FixDocument | undefined {
  const kind = documentKindFor(document.fileName, document.languageId);
  return kind && { uri: document.uri.toString(), text: lint.textOf(document), kind, syntaxErrors: lint.hasSyntaxErrors(document) };
}

/**
 * Core edits as a WorkspaceEdit: offsets into each document's current text, snippets kept as snippets. Undefined when
 * an edit of another document no longer finds there the text it writes over (that document was edited since the
 * linter read it: the fix comes back with the next read).
 */
async function workspaceEdit(edits: FileEdit[], snippet: boolean): Promise<vscode.WorkspaceEdit | undefined> {
  const result = new vscode.WorkspaceEdit();
  const byUri = new Map<string, FileEdit[]>();
  for (const edit of edits) byUri.set(edit.uri, [...(byUri.get(edit.uri) ?? []), edit]);
  for (const [uri, fileEdits] of byUri) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const range = (start: number, end: number) => new vscode.Range(document.positionAt(start), document.positionAt(end));
    if (!fileEdits.every((e) => editFits(e, (start, end) => document.getText(range(start, end))))) return undefined;
    result.set(document.uri, fileEdits.map((e) => (snippet
      ? new vscode.SnippetTextEdit(range(e.start, e.end), new vscode.SnippetString(e.newText))
      : new vscode.TextEdit(range(e.start, e.end), e.newText))));
  }
  return result;
}

export class AzureStackCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, insertKind, fixAllKind],
  };

  constructor(private readonly deps: CodeActionDeps) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const target = fixDocument(document, this.deps.lint);
    if (!target) return [];
    const fixable = this.deps.lint.fixableCount(document);
    if (context.only?.intersects(vscode.CodeActionKind.Source)) return fixable > 0 ? [this.fixAll(document, fixAllKind)] : [];
    const ours = context.diagnostics.filter((d) => d.source === diagnosticSource);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) actions.push(...await this.forDiagnostic(document, target, diagnostic));
    if (!ours.some((d) => offersCloudIdLookup(codeOf(d)))) {
      const offset = document.offsetAt(range.start);
      // In Markdown, on a line of a code block, read as its language.
      const code = fixTarget(target, offset);
      const refactor = code && cloudIdLookupAt(code, offset);
      if (refactor) actions.push(...await this.action({ ...refactor, preferred: false }, insertKind));
    }
    if (fixable > 0) {
      if (ours.length > 0) actions.push(this.fixAll(document, vscode.CodeActionKind.QuickFix, ours));
      actions.push(this.fixAll(document, fixAllKind));
    }
    return actions;
  }

  /** The fix as a code action; none when its edit no longer fits another document it edits. */
  private async action(fix: Fix, kind: vscode.CodeActionKind, diagnostic?: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
    const edit = await workspaceEdit(fix.edits, fix.snippet === true);
    if (!edit) return [];
    const action = new vscode.CodeAction(pick(fix.title, this.deps.locale), kind);
    action.edit = edit;
    if (diagnostic) action.diagnostics = [diagnostic];
    action.isPreferred = fix.preferred === true;
    return [action];
  }

  private async forDiagnostic(document: vscode.TextDocument, target: FixDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
    const finding = this.deps.lint.findingFor(document, diagnostic, target.text);
    if (!finding) return offersRegistrationPick(codeOf(diagnostic)) ? [this.pickRegistration(document, diagnostic)] : [];
    const actions = (await Promise.all(fixesFor(target, finding).map((fix) => this.action(fix, vscode.CodeActionKind.QuickFix, diagnostic)))).flat();
    if (offersRegistrationPick(finding.code)) actions.push(this.pickRegistration(document, diagnostic));
    for (const fix of suppressionFixes(target, finding, document.languageId === 'jsonc' || /\.jsonc$/i.test(document.fileName))) {
      actions.push(...await this.action({ ...fix, preferred: false }, vscode.CodeActionKind.QuickFix, diagnostic));
    }
    return actions;
  }

  private pickRegistration(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const action = new vscode.CodeAction(vscode.l10n.t('Pick registration from Azure…'), vscode.CodeActionKind.QuickFix);
    action.command = { command: 'azureStackCsp.pickRegistration', title: action.title, arguments: [document.uri, diagnostic.range] };
    action.diagnostics = [diagnostic];
    return action;
  }

  /**
   * "Fix all" runs the command rather than carrying the edits: the command works them out from the text as it is
   * then, applies them, and says what it changed.
   */
  private fixAll(document: vscode.TextDocument, kind: vscode.CodeActionKind, diagnostics?: vscode.Diagnostic[]): vscode.CodeAction {
    const action = new vscode.CodeAction(vscode.l10n.t('Fix all Azure Stack Hub CSP problems'), kind);
    action.command = { command: fixAllCommand, title: action.title, arguments: [document.uri] };
    if (diagnostics) action.diagnostics = diagnostics;
    return action;
  }
}

export function activateCodeActions(context: vscode.ExtensionContext, deps: CodeActionDeps): void {
  // By language id, and by file name for a file opened as another language (which the linter reads by its name too).
  const selector: vscode.DocumentSelector = [
    ...languageIds.flatMap((language) => [{ language, scheme: 'file' }, { language, scheme: 'untitled' }]),
    { scheme: 'file', pattern: `**/*.{${fileExtensions.join(',')}}` },
  ];
  context.subscriptions.push(vscode.languages.registerCodeActionsProvider(selector, new AzureStackCodeActions(deps), AzureStackCodeActions.metadata));
}
