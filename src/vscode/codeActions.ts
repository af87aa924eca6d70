// Quick fixes on the linter's diagnostics (each rule's own fixes, the CloudDeploymentID lookup, picking the
// registration from Azure, disabling a rule for a line or the file), the lookup as a refactoring on any line that
// names a registration, and "Fix all" for the fixes that need no choice.
import * as vscode from 'vscode';
import { cloudIdLookupFix, fixAllEdits, fixesFor, suppressionFixes, type FileEdit, type Fix, type FixDocument } from '../core/fixes';
import { pick, type Locale } from '../core/l10n';
import { documentKindFor, type Finding } from '../core/lint';
import { diagnosticSource, type LintDiagnostics } from './diagnostics';

export const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('azureStackCsp');
const insertKind = vscode.CodeActionKind.Refactor.append('insert');

/** Diagnostics whose fixes include "Pick registration from Azure". */
const pickableCodes = new Set(['AZS101', 'AZS102', 'AZS103', 'AZS601', 'AZS602']);
/** Diagnostics whose fixes include the CloudDeploymentID lookup. */
const lookupCodes = new Set(['AZS101', 'AZS102', 'AZS103', 'AZS501']);

export interface CodeActionDeps {
  lint: LintDiagnostics;
  locale: Locale;
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  return String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
}

function fixDocument(document: vscode.TextDocument): FixDocument | undefined {
  const kind = documentKindFor(document.fileName, document.languageId);
  return kind && { uri: document.uri.toString(), text: document.getText(), kind };
}

/** Core edits as a WorkspaceEdit: offsets into each document's current text, snippets kept as snippets. */
async function workspaceEdit(edits: FileEdit[], snippet: boolean): Promise<vscode.WorkspaceEdit> {
  const result = new vscode.WorkspaceEdit();
  const byUri = new Map<string, FileEdit[]>();
  for (const edit of edits) byUri.set(edit.uri, [...(byUri.get(edit.uri) ?? []), edit]);
  for (const [uri, fileEdits] of byUri) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const range = (e: FileEdit) => new vscode.Range(document.positionAt(e.start), document.positionAt(e.end));
    result.set(document.uri, fileEdits.map((e) => (snippet ? new vscode.SnippetTextEdit(range(e), new vscode.SnippetString(e.newText)) : new vscode.TextEdit(range(e), e.newText))));
  }
  return result;
}

/** The registration a line names, read from a resource ID or from -RegistrationName/-ResourceGroupName arguments. */
export function registrationOnLine(line: string): { name: string; resourceGroup?: string; subscriptionId?: string } | undefined {
  const id = /\/subscriptions\/([^/"'\s]+)\/resourceGroups\/([^/"'\s]+)\/providers\/Microsoft\.AzureStack\/registrations\/([^/"'\s?]+)/i.exec(line);
  if (id && !/[$<{]/.test(id[3])) return { subscriptionId: id[1], resourceGroup: id[2], name: id[3] };
  const registrationType = /-ResourceType\s+['"]?Microsoft\.AzureStack\/registrations['"]?(?:\s|$)/i.test(line);
  const name = /-RegistrationName\s+['"]?([\w.-]+)/i.exec(line) ?? (registrationType ? /-Name\s+['"]?([\w.-]+)/i.exec(line) : null);
  if (!name) return undefined;
  const group = /-ResourceGroupName\s+['"]?([\w.()-]+)/i.exec(line);
  return { name: name[1], ...(group ? { resourceGroup: group[1] } : {}) };
}

export class AzureStackCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, insertKind, fixAllKind],
  };

  constructor(private readonly deps: CodeActionDeps) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const target = fixDocument(document);
    if (!target) return [];
    if (context.only?.contains(fixAllKind) || context.only?.intersects(vscode.CodeActionKind.SourceFixAll)) return this.fixAll(document, target);
    const ours = context.diagnostics.filter((d) => d.source === diagnosticSource);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) actions.push(...await this.forDiagnostic(document, target, diagnostic));
    if (!ours.some((d) => lookupCodes.has(codeOf(d)))) {
      const refactor = await this.lookupRefactor(document, target, range.start.line);
      if (refactor) actions.push(refactor);
    }
    return actions;
  }

  private async action(fix: Fix, kind: vscode.CodeActionKind, diagnostic?: vscode.Diagnostic): Promise<vscode.CodeAction> {
    const action = new vscode.CodeAction(pick(fix.title, this.deps.locale), kind);
    action.edit = await workspaceEdit(fix.edits, fix.snippet === true);
    if (diagnostic) action.diagnostics = [diagnostic];
    action.isPreferred = fix.preferred === true;
    return action;
  }

  private async forDiagnostic(document: vscode.TextDocument, target: FixDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
    const code = codeOf(diagnostic);
    const finding = this.deps.lint.findingFor(document, diagnostic);
    const fixes = finding ? fixesFor(target, finding) : [];
    const actions = await Promise.all(fixes.map((fix) => this.action(fix, vscode.CodeActionKind.QuickFix, diagnostic)));
    if (lookupCodes.has(code)) {
      const lookup = this.lookupFix(document, target, diagnostic.range.start.line, finding);
      if (lookup) actions.push(await this.action(lookup, vscode.CodeActionKind.QuickFix, diagnostic));
    }
    if (pickableCodes.has(code)) actions.push(this.pickRegistration(document, diagnostic));
    if (finding) {
      for (const fix of suppressionFixes(target, finding, document.languageId === 'jsonc' || /\.jsonc$/i.test(document.fileName))) {
        actions.push(await this.action({ ...fix, preferred: false }, vscode.CodeActionKind.QuickFix, diagnostic));
      }
    }
    return actions;
  }

  private lookupFix(document: vscode.TextDocument, target: FixDocument, line: number, finding: Finding | undefined): Fix | undefined {
    if (finding?.code === 'AZS501' && finding.data?.name) {
      const { name, resourceGroup, subscriptionId, operationStart } = finding.data;
      return cloudIdLookupFix(target, { name, resourceGroup, subscriptionId }, Number(operationStart ?? finding.start));
    }
    const named = registrationOnLine(document.lineAt(line).text);
    return named && cloudIdLookupFix(target, named, document.offsetAt(new vscode.Position(line, 0)));
  }

  private async lookupRefactor(document: vscode.TextDocument, target: FixDocument, line: number): Promise<vscode.CodeAction | undefined> {
    const fix = this.lookupFix(document, target, line, undefined);
    return fix && this.action({ ...fix, preferred: false }, insertKind);
  }

  private pickRegistration(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const action = new vscode.CodeAction(vscode.l10n.t('Pick registration from Azure…'), vscode.CodeActionKind.QuickFix);
    action.command = { command: 'azureStackCsp.pickRegistration', title: action.title, arguments: [document.uri, diagnostic.range] };
    action.diagnostics = [diagnostic];
    return action;
  }

  private async fixAll(document: vscode.TextDocument, target: FixDocument): Promise<vscode.CodeAction[]> {
    const findings = this.deps.lint.findingsOf(document);
    const edits = fixAllEdits(target, findings);
    if (edits.length === 0) return [];
    const action = new vscode.CodeAction(vscode.l10n.t('Fix all Azure Stack Hub CSP problems that need no choice'), fixAllKind);
    action.edit = await workspaceEdit(edits, false);
    return [action];
  }
}

export function activateCodeActions(context: vscode.ExtensionContext, deps: CodeActionDeps): void {
  const selector: vscode.DocumentSelector = ['powershell', 'json', 'jsonc', 'http', 'shellscript', 'azcli'].flatMap((language) => [
    { language, scheme: 'file' }, { language, scheme: 'untitled' },
  ]);
  context.subscriptions.push(vscode.languages.registerCodeActionsProvider(selector, new AzureStackCodeActions(deps), AzureStackCodeActions.metadata));
}
