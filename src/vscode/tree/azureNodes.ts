// Azure in the Registrations view: account → subscriptions → registrations → tenants. The first level costs one request
// for the subscriptions and one per subscription for its registrations (in parallel); tenants load a page at a time
// only when a registration is expanded, with "Load more" for the rest. A failed load becomes an error node that names
// the documented error and retries on click; nothing else is reloaded.
import * as vscode from 'vscode';
import type { Registration, Subscription, Tenant } from '../../azure/registrations';
import { allowsTenants } from '../../core/azureStack';
import { readSettings } from '../settings';
import { contextValue, errorNode, InfoNode, Kept, type TreeContext, type TreeNode } from './nodes';

type Loaded<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function loaded<T>(load: Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await load };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The Azure part of the view's top level: the signed-in account, or how to sign in. */
export class AzureRoot {
  /** The account node shown, kept until Refresh so that a reveal finds the view's own node. */
  private shown: AccountNode | undefined;

  constructor(private readonly context: TreeContext) {}

  /**
   * The nodes at the top. Signed in, the subscriptions and their registrations load first, so that an account without
   * any registration shows the view's welcome instead (unless `othersShown`: another part of the view shows something).
   */
  async roots(othersShown: boolean): Promise<TreeNode[]> {
    const state = this.context.session.state;
    switch (state.kind) {
      case 'signedOut':
        if (!othersShown) return [];
        return [signInNode(state.awaitingConfirmation ? vscode.l10n.t('Sign in to Azure… (confirm the sign-in host {0} first)', state.awaitingConfirmation) : undefined)];
      case 'signingIn':
        return [new InfoNode(undefined, 'signingIn', vscode.l10n.t('Signing in to Azure…'), undefined, 'loading~spin')];
      case 'failed':
        return [signInNode(vscode.l10n.t('Sign-in failed: {0} (click to try again)', state.message))];
      case 'signedIn': {
        const account = this.account() as AccountNode;
        const subscriptions = await loaded(account.subscriptions());
        if (subscriptions.ok && subscriptions.value.length > 0) {
          const registrations = await Promise.all(subscriptions.value.map((s) => s.registrations()));
          const none = registrations.every((r) => r.ok && r.value.length === 0);
          await vscode.commands.executeCommand('setContext', 'azureStackCsp.noRegistrations', none);
          if (none && !othersShown) return [];
        }
        return [account];
      }
    }
  }

  /** The signed-in account's node (the one shown, when it is); undefined when not signed in. */
  account(): AccountNode | undefined {
    const state = this.context.session.state;
    if (state.kind !== 'signedIn') return undefined;
    const id = `account:${state.cloud.name}`;
    if (this.shown?.id !== id || this.shown.label !== state.account) this.shown = new AccountNode(this.context, id, state.account, state.cloud.name);
    return this.shown;
  }

  refresh(): void {
    this.shown = undefined;
  }
}

function signInNode(label = vscode.l10n.t('Sign in to Azure…')): TreeNode {
  return new InfoNode(undefined, 'signIn', label, { command: 'azureStackCsp.signIn', title: label }, 'sign-in');
}

export class AccountNode implements TreeNode {
  readonly kind = 'account';
  readonly parent = undefined;
  private readonly subscriptionNodes: Kept<SubscriptionNode[]>;

  constructor(private readonly context: TreeContext, readonly id: string, readonly label: string, readonly cloudName: string) {
    this.subscriptionNodes = new Kept(async () => (await context.directory.subscriptions()).map((s) => new SubscriptionNode(context, this, s)));
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = this.cloudName;
    item.iconPath = new vscode.ThemeIcon('azure');
    item.contextValue = contextValue('account');
    return item;
  }

  /** The selected subscriptions' nodes, kept once loaded. */
  subscriptions(): Promise<SubscriptionNode[]> {
    return this.subscriptionNodes.get();
  }

  async getChildren(): Promise<TreeNode[]> {
    const subscriptions = await loaded(this.subscriptions());
    if (!subscriptions.ok) return [errorNode(this.context, this, subscriptions.error)];
    if (subscriptions.value.length > 0) return subscriptions.value;
    const label = readSettings().subscriptions.length ? vscode.l10n.t('None of the selected subscriptions is visible to this account') : vscode.l10n.t('This account sees no subscriptions');
    return [new InfoNode(this, `${this.id}#none`, label, { command: 'azureStackCsp.selectSubscriptions', title: label })];
  }
}

export function subscriptionNodeId(subscriptionId: string): string {
  return `/subscriptions/${subscriptionId.toLowerCase()}`;
}

export class SubscriptionNode implements TreeNode {
  readonly kind = 'subscription';
  readonly id: string;
  /** Kept failed or not: an error node stays until Retry. */
  private readonly loadedRegistrations: Kept<Loaded<Registration[]>>;
  private readonly registrationNodes: Kept<RegistrationNode[]>;

  constructor(private readonly context: TreeContext, readonly parent: TreeNode, readonly subscription: Subscription) {
    this.id = subscriptionNodeId(subscription.subscriptionId);
    this.loadedRegistrations = new Kept(() => loaded(context.directory.registrations(subscription.subscriptionId)));
    this.registrationNodes = new Kept(async () => {
      const registrations = await this.registrations();
      return registrations.ok ? registrations.value.map((r) => new RegistrationNode(context, this, r)).sort((a, b) => a.registration.registrationName.localeCompare(b.registration.registrationName)) : [];
    });
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

  registrations(): Promise<Loaded<Registration[]>> {
    return this.loadedRegistrations.get();
  }

  async getChildren(): Promise<TreeNode[]> {
    const registrations = await this.registrations();
    if (!registrations.ok) return [errorNode(this.context, this, registrations.error)];
    if (registrations.value.length === 0) return [new InfoNode(this, `${this.id}#none`, vscode.l10n.t('No Azure Stack Hub registrations in this subscription'))];
    return this.registrationNodes.get();
  }

  reload(): void {
    this.loadedRegistrations.forget();
    this.registrationNodes.forget();
    this.context.directory.forget(this.subscription.subscriptionId);
  }
}

/** Tenants shown under a registration, the rest of the last service page not shown yet, and where the next page starts. */
interface TenantListing {
  nodes: TenantNode[];
  buffered: Tenant[];
  continuation: string | undefined;
}

export class RegistrationNode implements TreeNode {
  readonly kind = 'registration';
  readonly id: string;
  /** Only PayAsYouUse registrations take tenants (`allowsTenants`); the icon, the menus and the tooltip say so. */
  readonly takesTenants: boolean;
  private listing: TenantListing | undefined;

  constructor(private readonly context: TreeContext, readonly parent: TreeNode, readonly registration: Registration) {
    this.id = registration.id.toLowerCase();
    this.takesTenants = allowsTenants(registration.billingModel);
  }

  treeItem(): vscode.TreeItem {
    const { registration } = this;
    const item = new vscode.TreeItem(registration.registrationName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = registration.billingModel ?? vscode.l10n.t('billing model unknown');
    item.iconPath = new vscode.ThemeIcon(this.takesTenants ? 'organization' : 'server-environment');
    // Menus offer Add Tenant and Add Tenants from CSV only on `takesTenants`.
    item.contextValue = contextValue('registration', this.takesTenants && 'takesTenants', registration.cloudId && 'hasCloudId');
    item.tooltip = this.tooltip();
    return item;
  }

  private tooltip(): vscode.MarkdownString {
    const r = this.registration;
    const markdown = new vscode.MarkdownString(`**${r.registrationName}** · ${r.billingModel ?? '?'}\n\n`);
    const row = (label: string, value: string | undefined) => markdown.appendMarkdown(`${label}: \`${value ?? '—'}\`  \n`);
    row(vscode.l10n.t('Resource group'), r.resourceGroup);
    row(vscode.l10n.t('Subscription'), r.subscriptionId);
    row('CloudDeploymentID (cloudId)', r.cloudId);
    row('objectId', r.objectId);
    row(vscode.l10n.t('Location'), r.location);
    markdown.appendMarkdown('\n');
    markdown.appendMarkdown(this.takesTenants
      ? vscode.l10n.t('Accepts tenants once Microsoft has approved the registration for multi-tenancy; otherwise adding one fails with UnauthorizedCspRegistration.')
      : vscode.l10n.t('Accepts no tenants: only PayAsYouUse registrations do (CustomerSubscriptionsNotAllowed).'));
    return markdown;
  }

  async getChildren(): Promise<TreeNode[]> {
    if (!this.listing) {
      try {
        this.listing = await this.showMore({ nodes: [], buffered: [], continuation: undefined }, true);
      } catch (error) {
        return [errorNode(this.context, this, error)];
      }
    }
    const listing = this.listing;
    if (listing.nodes.length === 0 && !listing.continuation) {
      const label = vscode.l10n.t('No tenants yet');
      return [new InfoNode(this, `${this.id}#none`, label, { command: 'azureStackCsp.addTenant', title: label, arguments: [this] })];
    }
    const more = listing.buffered.length > 0 || listing.continuation;
    return more ? [...listing.nodes, new LoadMoreNode(this, listing.nodes.length)] : listing.nodes;
  }

  /** Shows the next page of tenants; false when there is none (or none was shown yet). */
  async loadMore(): Promise<boolean> {
    const listing = this.listing;
    if (!listing || (!listing.continuation && listing.buffered.length === 0)) return false;
    this.listing = await this.showMore(listing);
    return true;
  }

  reload(): void {
    this.listing = undefined;
  }

  /**
   * Shows up to `tenantPageSize` more tenants. The service decides its own page size, so the rest of a page it sent
   * waits in `buffered`; a request goes out only when nothing is buffered, one page per Load more at most.
   */
  private async showMore(listing: TenantListing, first = false): Promise<TenantListing> {
    const pageSize = readSettings().tenantPageSize;
    let { buffered, continuation } = listing;
    if (buffered.length === 0 && (first || continuation)) {
      const page = await this.context.session.requireClient().listTenantsPage(this.registration, continuation);
      buffered = page.tenants;
      continuation = page.continuation;
    }
    const seen = new Set(listing.nodes.map((n) => n.id));
    const shown = buffered.slice(0, pageSize).map((t) => new TenantNode(this, t)).filter((n) => !seen.has(n.id));
    return { nodes: [...listing.nodes, ...shown], buffered: buffered.slice(pageSize), continuation };
  }
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
