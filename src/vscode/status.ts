// A status bar item with the sign-in state and cloud; a click signs in, or opens the view when signed in.
import * as vscode from 'vscode';
import type { AzureSession, SessionState } from './account/session';

function render(item: vscode.StatusBarItem, state: SessionState): void {
  switch (state.kind) {
    case 'signedOut':
      item.text = `$(account) ${vscode.l10n.t('Azure: sign in')}`;
      item.tooltip = state.awaitingConfirmation
        ? vscode.l10n.t('Azure Stack Hub CSP: not signed in; the sign-in host {0} waits for your confirmation. Click to sign in.', state.awaitingConfirmation)
        : vscode.l10n.t('Azure Stack Hub CSP: not signed in. Click to sign in.');
      item.command = 'azureStackCsp.signIn';
      break;
    case 'signingIn':
      item.text = `$(loading~spin) ${vscode.l10n.t('Azure: signing in…')}`;
      item.tooltip = undefined;
      item.command = undefined;
      break;
    case 'signedIn':
      item.text = `$(azure) ${state.cloud.name}`;
      item.tooltip = vscode.l10n.t('Azure Stack Hub CSP: signed in as {0} to {1} ({2})', state.account, state.cloud.name, state.cloud.resourceManagerEndpoint);
      item.command = 'workbench.view.extension.azureStackCsp';
      break;
    case 'failed':
      item.text = `$(warning) ${vscode.l10n.t('Azure: sign-in failed')}`;
      item.tooltip = state.message;
      item.command = 'azureStackCsp.signIn';
      break;
  }
}

export function activateStatus(context: vscode.ExtensionContext, session: AzureSession): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('azureStackCsp.signIn', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Azure Stack Hub CSP sign-in');
  render(item, session.state);
  item.show();
  context.subscriptions.push(item, session.onDidChange((state) => render(item, state)));
  return item;
}
