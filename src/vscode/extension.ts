import * as vscode from 'vscode';
import { lint } from '../core/lint';

export interface TestApi {
  diagnostics: vscode.DiagnosticCollection;
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const log = vscode.window.createOutputChannel('Azure Stack Hub CSP Tools', { log: true });
  const diagnostics = vscode.languages.createDiagnosticCollection('azure-stack-csp');
  const emitter = new vscode.EventEmitter<void>();
  const provider: vscode.TreeDataProvider<never> = {
    onDidChangeTreeData: emitter.event,
    getTreeItem: (item) => item,
    getChildren: () => [],
  };
  const relint = (document: vscode.TextDocument) => {
    if (document.languageId !== 'powershell') return;
    diagnostics.set(document.uri, lint(document.getText()).map((f) => {
      const d = new vscode.Diagnostic(new vscode.Range(document.positionAt(f.start), document.positionAt(f.end)), f.message, vscode.DiagnosticSeverity.Information);
      d.source = 'azure-stack-csp';
      d.code = f.code;
      return d;
    }));
  };
  context.subscriptions.push(
    log, diagnostics, emitter,
    vscode.window.createTreeView('azureStackCsp.registrations', { treeDataProvider: provider }),
    vscode.commands.registerCommand('azureStackCsp.refresh', () => { emitter.fire(); log.info('refreshed'); return true; }),
    vscode.workspace.onDidOpenTextDocument(relint),
    vscode.workspace.onDidChangeTextDocument((e) => relint(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => diagnostics.delete(d.uri)),
  );
  vscode.workspace.textDocuments.forEach(relint);
  return process.env.AZS_CSP_TEST === '1' ? { diagnostics } : undefined;
}

export function deactivate(): void {}
