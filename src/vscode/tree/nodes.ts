// The items of the Registrations view. Each is a plain object with a stable id (built from resource IDs, never
// labels), the TreeItem it shows, and how to load its children. contextValue is a sorted list of tokens that
// package.json menus match with regular expressions.
import * as vscode from 'vscode';
import type { Registration, Subscription, Tenant } from '../../azure/registrations';
import type { AzureFailure } from '../../azure/errors';
import { allowsTenants } from '../../core/azureStack';

export type NodeKind = 'account' | 'subscription' | 'registration' | 'tenant' | 'loadMore' | 'error' | 'info' | 'signIn' | 'stamps' | 'stamp' | 'stampSubscription';

export interface TreeNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly parent: TreeNode | undefined;
  treeItem(): vscode.TreeItem;
}

export function contextValue(...tokens: (string | false | undefined)[]): string {
  return [...new Set(tokens.filter((t): t is string => !!t))].sort().join(' ');
}

export class AccountNode implements TreeNode {
  readonly kind = 'account';
  readonly parent = undefined;
  constructor(readonly id: string, readonly label: string, readonly cloudName: string) {}
  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = this.cloudName;
    item.iconPath = new vscode.ThemeIcon('azure');
    item.contextValue = contextValue('account');
    return item;
  }
}

export class SubscriptionNode implements TreeNode {
  readonly kind = 'subscription';
  readonly id: string;
  constructor(readonly parent: TreeNode, readonly subscription: Subscription) {
    this.id = `/subscriptions/${subscription.subscriptionId.toLowerCase()}`;
  }
  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.subscription.displayName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.subscription.subscriptionId;
    item.tooltip = vscode.l10n.t('Subscription {0} ({1})', this.subscription.displayName, this.subscription.subscriptionId);
    item.iconPath = new vscode.ThemeIcon('key');
    item.contextValue = contextValue('subscription');
    return item;
  }
}

export class RegistrationNode implements TreeNode {
  readonly kind = 'registration';
  readonly id: string;
  constructor(readonly parent: TreeNode, readonly registration: Registration) {
    this.id = registration.id.toLowerCase();
  }
  treeItem(): vscode.TreeItem {
    const { registration } = this;
    const takesTenants = allowsTenants(registration.billingModel);
    const item = new vscode.TreeItem(registration.registrationName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = registration.billingModel ?? vscode.l10n.t('billing model unknown');
    item.iconPath = new vscode.ThemeIcon(takesTenants ? 'organization' : 'server-environment');
    // Menus offer Add Tenant and Add Tenants from CSV only on `takesTenants`.
    item.contextValue = contextValue('registration', takesTenants && 'takesTenants', registration.cloudId && 'hasCloudId');
    item.tooltip = registrationTooltip(registration);
    return item;
  }
}

function registrationTooltip(r: Registration): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(`**${r.registrationName}** · ${r.billingModel ?? '?'}\n\n`);
  const row = (label: string, value: string | undefined) => markdown.appendMarkdown(`${label}: \`${value ?? '—'}\`  \n`);
  row(vscode.l10n.t('Resource group'), r.resourceGroup);
  row(vscode.l10n.t('Subscription'), r.subscriptionId);
  row('CloudDeploymentID (cloudId)', r.cloudId);
  row('objectId', r.objectId);
  row(vscode.l10n.t('Location'), r.location);
  markdown.appendMarkdown('\n');
  markdown.appendMarkdown(allowsTenants(r.billingModel)
    ? vscode.l10n.t('Accepts tenants once Microsoft has approved the registration for multi-tenancy; otherwise adding one fails with UnauthorizedCspRegistration.')
    : vscode.l10n.t('Accepts no tenants: only PayAsYouUse registrations do (CustomerSubscriptionsNotAllowed).'));
  return markdown;
}

export class TenantNode implements TreeNode {
  readonly kind = 'tenant';
  readonly id: string;
  constructor(readonly parent: RegistrationNode, readonly tenant: Tenant) {
    this.id = tenant.id.toLowerCase();
  }
  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.tenant.customerSubscriptionId, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.tenant.tenantId ?? '';
    item.tooltip = vscode.l10n.t('Customer subscription {0}\nDirectory (tenant) {1}\nRegistration {2}',
      this.tenant.customerSubscriptionId, this.tenant.tenantId ?? '—', this.tenant.registrationName);
    item.iconPath = new vscode.ThemeIcon('person');
    item.contextValue = contextValue('tenant');
    return item;
  }
}

export class LoadMoreNode implements TreeNode {
  readonly kind = 'loadMore';
  readonly id: string;
  constructor(readonly parent: RegistrationNode, readonly loaded: number) {
    this.id = `${parent.id}#more`;
  }
  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more… ({0} shown)', this.loaded), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('more');
    item.contextValue = contextValue('loadMore');
    item.command = { command: 'azureStackCsp.loadMore', title: vscode.l10n.t('Load more'), arguments: [this] };
    return item;
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
