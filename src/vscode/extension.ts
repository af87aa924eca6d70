import * as vscode from 'vscode';
import { LintWorkspace, documentKindFor } from '../core/lint';

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
  // Interim wiring of the core lint engine; the diagnostics adapter replaces it.
  const workspace = new LintWorkspace({ wasmDir: context.asAbsolutePath('dist') });
  const relint = async (document: vscode.TextDocument) => {
    const kind = documentKindFor(document.fileName, document.languageId);
    if (!kind) return;
    await workspace.update(document.uri.toString(), document.getText(), kind);
    diagnostics.set(document.uri, workspace.findings(document.uri.toString()).map((f) => {
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
    vscode.workspace.onDidOpenTextDocument((d) => void relint(d)),
    vscode.workspace.onDidChangeTextDocument((e) => void relint(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      workspace.remove(d.uri.toString());
      diagnostics.delete(d.uri);
    }),
  );
  vscode.workspace.textDocuments.forEach((d) => void relint(d));
  return process.env.AZS_CSP_TEST === '1' ? { diagnostics } : undefined;
}

export function deactivate(): void {}
