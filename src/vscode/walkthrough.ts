// What the walkthrough's steps wait for that VS Code does not know by itself: whether the file in the active editor
// shows findings of ours (context key azureStackCsp.activeFileHasFindings, the "check a script" step's
// onContext completion event). The other steps complete on sign-in (azureStackCsp.signedIn), on the view becoming
// visible and on the commands they name; see package.json.
import * as vscode from 'vscode';
import type { LintDiagnostics } from './diagnostics';

export const findingsContextKey = 'azureStackCsp.activeFileHasFindings';

export function activateWalkthroughContext(context: vscode.ExtensionContext, lint: LintDiagnostics): void {
  let shown: boolean | undefined;
  const update = () => {
    const document = vscode.window.activeTextEditor?.document;
    const hasFindings = !!document && lint.shownCount(document.uri) > 0;
    if (hasFindings === shown) return;
    shown = hasFindings;
    void vscode.commands.executeCommand('setContext', findingsContextKey, hasFindings);
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(update),
    lint.onDidLint((event) => {
      if (event.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) update();
    }),
  );
  update();
}
