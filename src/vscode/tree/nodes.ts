// What every item of the Registrations view shares. A node has a stable id (built from resource IDs, never labels),
// the TreeItem it shows, and answers for its own children: it loads them when first asked and keeps them until Retry
// (`reload`) or Refresh, which builds the roots anew. contextValue is a sorted list of tokens that package.json menus
// match with regular expressions.
import * as vscode from 'vscode';
import { toAzureFailure, type AzureFailure } from '../../azure/errors';
import type { Locale } from '../../core/l10n';
import type { AzureDirectory } from '../account/directory';
import type { AzureSession } from '../account/session';
import type { CustomerNames } from '../customers';
import { describeFailure } from '../azureErrors';

export type NodeKind = 'account' | 'subscription' | 'registration' | 'tenant' | 'loadMore' | 'error' | 'info' | 'signIn' | 'stamps' | 'stamp' | 'stampSubscription';

export interface TreeNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly parent: TreeNode | undefined;
  treeItem(): vscode.TreeItem;
  /** The node's children, loaded on first ask and kept; leaves have none. */
  getChildren?(): Promise<TreeNode[]>;
  /** Forgets what the node loaded, so that its children load anew (Retry on an error under it). */
  reload?(): void;
}

/** What nodes load their children with. */
export interface TreeContext {
  session: AzureSession;
  directory: AzureDirectory;
  locale: Locale;
  /** Masks secrets in what the view shows (the log's mask): error texts can quote an answer. */
  redact: (text: string) => string;
  /** Who the customers behind tenants are (CSV labels, stamps' tenant subscriptions). */
  customers: CustomerNames;
  /** The text tenants are filtered by, if any (Filter Tenants). */
  filter: () => string | undefined;
  /** A node's children changed without being asked (a read finished in the background): the view draws them again. */
  changed: (node: TreeNode) => void;
  /** Work a node does in the background, so that waiting for the view to be idle waits for it too. */
  background: (work: Promise<unknown>) => void;
}

export function contextValue(...tokens: (string | false | undefined)[]): string {
  return [...new Set(tokens.filter((t): t is string => !!t))].sort().join(' ');
}

/** A value loaded once and kept until forgotten; a load that fails is not kept, so the next ask tries again. */
export class Kept<T> {
  private value: Promise<T> | undefined;

  constructor(private readonly load: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.value) {
      const loading = this.load();
      this.value = loading;
      loading.catch(() => {
        if (this.value === loading) this.value = undefined;
      });
    }
    return this.value;
  }

  forget(): void {
    this.value = undefined;
  }
}

export class ErrorNode implements TreeNode {
  readonly kind = 'error';
  readonly id: string;
  constructor(readonly parent: TreeNode | undefined, readonly failure: AzureFailure, readonly summary: string, readonly explanation: string) {
    this.id = `${parent?.id ?? ''}#error`;
  }
  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.summary, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.tooltip = new vscode.MarkdownString(this.explanation);
    const signedOut = this.failure.kind === 'notSignedIn';
    item.contextValue = contextValue('error', signedOut && 'notSignedIn');
    item.command = signedOut
      ? { command: 'azureStackCsp.signIn', title: vscode.l10n.t('Sign In') }
      : { command: 'azureStackCsp.retry', title: vscode.l10n.t('Retry'), arguments: [this] };
    return item;
  }
}

/** The node that shows why `parent`'s children did not load: the documented error, masked; a refused sign-in is noted. */
export function errorNode(context: TreeContext, parent: TreeNode | undefined, error: unknown): ErrorNode {
  const failure = toAzureFailure(error);
  context.session.noteFailure(failure);
  const { summary, explanation } = describeFailure(failure, context.locale);
  return new ErrorNode(parent, failure, context.redact(summary), context.redact(explanation));
}

export class InfoNode implements TreeNode {
  readonly kind = 'info';
  constructor(readonly parent: TreeNode | undefined, readonly id: string, readonly label: string, readonly command?: vscode.Command, readonly icon = 'info') {}
  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = contextValue('info');
    if (this.command) item.command = this.command;
    return item;
  }
}
