// "Fix all": every fix of the linter that needs no choice, applied to one document at once, and a notification that
// says what changed (per rule). Offered as a command (palette, editor context menu) and through code actions.
import * as vscode from 'vscode';
import { fixedCounts } from '../core/fixes';
import { fixAll } from '../core/quickFixes';
import { documentKindFor } from '../core/lint';
import type { LintDiagnostics } from './diagnostics';
import { UserFacingError } from './infrastructure/commands';
import { byCount } from './infrastructure/plural';
import type { UserInput } from './infrastructure/ui';

export const fixAllCommand = 'azureStackCsp.fixAll';

export interface FixAllDeps {
  lint: LintDiagnostics;
  ui: () => UserInput;
}

function fileName(document: vscode.TextDocument): string {
  return document.isUntitled ? document.fileName : vscode.workspace.asRelativePath(document.uri, false);
}

function summary(count: number, file: string, counts: string): string {
  return byCount(count, vscode.l10n.t('Fixed 1 problem in {0}: {1}', file, counts), vscode.l10n.t('Fixed {0} problems in {1}: {2}', count, file, counts));
}

/**
 * Applies every safe fix to the document at `target` (a URI; the active editor's document when absent) and says
 * what it changed; returns the number of problems fixed.
 */
export async function fixAllProblems(deps: FixAllDeps, target?: unknown): Promise<number> {
  const document = target instanceof vscode.Uri ? await vscode.workspace.openTextDocument(target) : vscode.window.activeTextEditor?.document;
  if (!document) throw new UserFacingError(vscode.l10n.t('Open a file to fix its Azure Stack Hub CSP problems.'));
  const kind = documentKindFor(document.fileName, document.languageId);
  if (!kind) throw new UserFacingError(vscode.l10n.t('{0} is not a kind of file Azure Stack Hub CSP Tools checks.', fileName(document)));
  const { text, version, findings } = await deps.lint.settledFindings(document);
  const { edits, fixed } = fixAll({ uri: document.uri.toString(), text, kind, syntaxErrors: deps.lint.hasSyntaxErrors(document) }, findings);
  if (fixed.length === 0) {
    void deps.ui().notify('info', vscode.l10n.t('Nothing in {0} can be fixed without a choice.', fileName(document)));
    return 0;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, edits.map((e) => new vscode.TextEdit(new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText)));
  if (document.version !== version || !await vscode.workspace.applyEdit(edit)) {
    throw new UserFacingError(vscode.l10n.t('{0} changed while its fixes were worked out, so nothing was changed. Try again.', fileName(document)));
  }
  void deps.ui().notify('info', summary(fixed.length, fileName(document), fixedCounts(fixed)));
  return fixed.length;
}
