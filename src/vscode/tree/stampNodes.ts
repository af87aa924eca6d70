// Azure Stack Hub stamps in the Registrations view, beside Azure: each stamp's tenant subscriptions with their owner,
// offer, state and directory, and the Azure subscription their usage is billed to, after a line that says through
// which registration and how it was found. A stamp loads only when expanded; Retry on its error reconnects it.
import * as vscode from 'vscode';
import type { StampRegistration } from '../../azure/stampBilling';
import type { TenantSubscription } from '../../azure/stamps';
import { toAzureFailure } from '../../azure/errors';
import { customerMatches } from '../../core/customers';
import type { Locale } from '../../core/l10n';
import { billedSubscriptionOf, type Billing } from '../../core/usage/billing';
import { describeBilling } from '../../core/usage/report';
import type { StampSetting } from '../settings';
import { StampSignInNeeded } from '../usage/stampSignIn';
import type { StampService } from '../usage/stamps';
import { contextValue, errorNode, InfoNode, Kept, type TreeContext, type TreeNode } from './nodes';

/** The stamps part of the view's top level: one node holding the configured stamps, when there are any. */
export class StampsRoot {
  private shown: StampsRootNode | undefined;

  constructor(private readonly context: TreeContext, private readonly service: StampService) {}

  roots(): TreeNode[] {
    if (this.service.stamps().length === 0) return [];
    this.shown ??= new StampsRootNode(this.context, this.service);
    return [this.shown];
  }

  /** Forgets the stamps shown and every connection to them. */
  refresh(): void {
    this.shown = undefined;
    this.service.forget();
  }
}

export class StampsRootNode implements TreeNode {
  readonly kind = 'stamps' as const;
  readonly id = 'stamps';
  readonly parent = undefined;
  private readonly stampNodes: Kept<StampNode[]>;

  constructor(context: TreeContext, service: StampService) {
    this.stampNodes = new Kept(() => Promise.resolve(service.stamps().map((setting) => new StampNode(context, service, this, setting))));
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Azure Stack Hub stamps'), vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.contextValue = contextValue('stamps');
    return item;
  }

  getChildren(): Promise<TreeNode[]> {
    return this.stampNodes.get();
  }
}

export class StampNode implements TreeNode {
  readonly kind = 'stamp' as const;
  readonly id: string;
  private readonly children: Kept<TreeNode[]>;

  constructor(private readonly context: TreeContext, private readonly service: StampService, readonly parent: StampsRootNode, readonly setting: StampSetting) {
    this.id = `stamp:${setting.adminEndpoint.toLowerCase()}`;
    this.children = new Kept(() => this.load());
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.setting.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.setting.adminEndpoint.replace(/^https:\/\//, '');
    const pinned = this.setting.pinned;
    item.tooltip = new vscode.MarkdownString([
      `**${this.setting.name}**`, '',
      `${vscode.l10n.t('Admin endpoint')}: \`${this.setting.adminEndpoint}\`  `,
      `CloudDeploymentID: \`${this.setting.cloudDeploymentId ?? '—'}\`  `,
      pinned
        ? vscode.l10n.t('Sign-in (confirmed): {0} at `{1}`, audience `{2}`', pinned.identitySystem === 'adfs' ? 'AD FS' : 'Microsoft Entra ID', pinned.loginEndpoint, pinned.audience)
        : vscode.l10n.t('Sign-in not confirmed yet: it is shown for confirmation on first use.'),
    ].join('\n'));
    item.iconPath = new vscode.ThemeIcon('vm');
    item.contextValue = contextValue('stamp');
    return item;
  }

  /** The stamp's tenant subscriptions with their billing, after a line that says how the registration was found. */
  async getChildren(): Promise<TreeNode[]> {
    const children = await this.children.get();
    const filter = this.context.filter();
    if (!filter) return children;
    return children.filter((node) => !(node instanceof StampSubscriptionNode)
      || customerMatches(filter, node.subscription.subscriptionId, node.subscription.tenantId, { name: node.subscription.displayName, owners: [node.subscription.owner], labels: [], stampSubscriptions: [] }));
  }

  reload(): void {
    this.children.forget();
    this.service.forget();
  }

  private async load(): Promise<TreeNode[]> {
    try {
      const result = await this.service.billing(await this.service.connect(this.setting));
      this.context.customers.noteStamp(this.setting.name, result.subscriptions);
      const subscriptions = [...result.subscriptions].sort((a, b) => a.displayName.localeCompare(b.displayName));
      return [
        this.registrationLine(result.registration),
        ...subscriptions.map((s) => new StampSubscriptionNode(this, s, result.billing.get(s.subscriptionId.toLowerCase()), this.context.locale)),
      ];
    } catch (error) {
      return [this.problemNode(error)];
    }
  }

  /** The first line: which registration the stamp's usage goes through, and how that was found. */
  private registrationLine(registration: StampRegistration | 'signedOut'): InfoNode {
    const id = `${this.id}#registration`;
    if (registration === 'signedOut') {
      return new InfoNode(this, id, vscode.l10n.t('Sign in to Azure to see where usage is billed'), { command: 'azureStackCsp.signIn', title: '' }, 'sign-in');
    }
    switch (registration.kind) {
      case 'found':
        return new InfoNode(this, id, registration.via === 'activation'
          ? vscode.l10n.t('Registration {0} ({1}), named by the stamp\'s activation', registration.registration.name, registration.registration.billingModel)
          : vscode.l10n.t('Registration {0} ({1}), found by CloudDeploymentID', registration.registration.name, registration.registration.billingModel), undefined, 'organization');
      case 'ambiguous':
        return new InfoNode(this, id, vscode.l10n.t('{0} registrations carry CloudDeploymentID {1}: set the stamp\'s registration', registration.candidates.length, registration.cloudDeploymentId), undefined, 'warning');
      case 'notFound':
        return new InfoNode(this, id, vscode.l10n.t('No registration found for this stamp: add its CloudDeploymentID to the stamp setting'), undefined, 'warning');
    }
  }

  /** Why the stamp shows nothing: a sign-in to confirm or give (click: Sign In to Stamp), or a failure with Retry. */
  private problemNode(error: unknown): TreeNode {
    const signIn = { command: 'azureStackCsp.signInToStamp', title: vscode.l10n.t('Sign In to Stamp'), arguments: [this] };
    if (error instanceof StampSignInNeeded) return new InfoNode(this, `${this.id}#signIn`, error.message, signIn, 'shield');
    const failure = toAzureFailure(error);
    // A stamp refusing its own credentials says nothing about the Azure sign-in: not an ErrorNode, which would mark it failed.
    if (failure.kind === 'notSignedIn') return new InfoNode(this, `${this.id}#signIn`, vscode.l10n.t('The stamp did not accept the sign-in (click to sign in again)'), signIn, 'warning');
    return errorNode(this.context, this, failure);
  }
}

export class StampSubscriptionNode implements TreeNode {
  readonly kind = 'stampSubscription' as const;
  readonly id: string;
  constructor(readonly parent: StampNode, readonly subscription: TenantSubscription, readonly billing: Billing | undefined, private readonly locale: Locale) {
    this.id = `${parent.id}/${subscription.subscriptionId.toLowerCase()}`;
  }
  treeItem(): vscode.TreeItem {
    const { subscription, billing } = this;
    const item = new vscode.TreeItem(subscription.displayName, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const billed = billing && billedSubscriptionOf(billing);
    const unregistered = billing?.kind === 'unregisteredDirectory';
    item.description = !billing ? subscription.state ?? ''
      : unregistered ? vscode.l10n.t('not added to the registration') : billed ? `→ ${billed}` : describeBilling(billing, this.locale);
    item.iconPath = new vscode.ThemeIcon(unregistered ? 'warning' : 'account', unregistered ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
    item.tooltip = new vscode.MarkdownString([
      `**${subscription.displayName}** (${subscription.state ?? '?'})`, '',
      `${vscode.l10n.t('Subscription')}: \`${subscription.subscriptionId}\`  `,
      `${vscode.l10n.t('Owner')}: ${subscription.owner || '—'}  `,
      `${vscode.l10n.t('Offer')}: \`${subscription.offerId ?? '—'}\`  `,
      `${vscode.l10n.t('Directory (tenant)')}: \`${subscription.tenantId}\``, '',
      billing ? describeBilling(billing, this.locale) : vscode.l10n.t('Sign in to Azure to see which Azure subscription this usage is billed to.'),
    ].join('\n'));
    item.contextValue = contextValue('stampSubscription', unregistered && 'unregisteredDirectory');
    return item;
  }
}
