// Azure in the Registrations view: account → subscriptions → registrations → tenants. The first level costs one request
// for the subscriptions and one per subscription for its registrations (in parallel); tenants are read only when a
// registration is expanded, the first service page at once and the rest in the background, and shown a page at a time
// with "Load more (100 of 5,000)"; each is named by who the customer is when a CSV label or a stamp knows it. A filter
// shows the tenants that match it instead. A failed load becomes an error node that names the documented error and
// retries on click; nothing else is reloaded.
import * as vscode from 'vscode';
import type { Registration, Subscription, Tenant } from '../../azure/registrations';
import { allowsTenants } from '../../core/azureStack';
import { customerMatches, type Customer } from '../../core/customers';
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

  /** The node this subscription keeps for a registration, loading them when not loaded yet. */
  async registrationNode(registrationId: string): Promise<RegistrationNode | undefined> {
    return (await this.registrationNodes.get()).find((node) => node.id === registrationId.toLowerCase());
  }

  reload(): void {
    this.loadedRegistrations.forget();
    this.registrationNodes.forget();
    this.context.directory.forget(this.subscription.subscriptionId);
  }
}

/**
 * The tenants of a registration read so far. The first service page is read when the registration is expanded and
 * the rest in the background, so that the view can say how many there are ("100 of 5,000") and Load more rarely waits.
 */
interface TenantList {
  tenants: Tenant[];
  ids: Set<string>;
  /** How many of `tenants` the view shows (without a filter). */
  shown: number;
  /** Where the next service page starts; undefined once every page is read. */
  continuation: string | undefined;
  /** The page being read now, if any. */
  reading: Promise<void> | undefined;
  /** Why the last background read stopped, until the next one starts. */
  failure: unknown;
  nodes: Map<string, TenantNode>;
  abort: AbortController;
}

export class RegistrationNode implements TreeNode {
  readonly kind = 'registration';
  readonly id: string;
  /** Only PayAsYouUse registrations take tenants (`allowsTenants`); the icon, the menus and the tooltip say so. */
  readonly takesTenants: boolean;
  private list: Kept<TenantList>;
  /** Stops the reads of the list shown now, when it is replaced. */
  private reading: AbortController | undefined;

  constructor(private readonly context: TreeContext, readonly parent: TreeNode, readonly registration: Registration) {
    this.id = registration.id.toLowerCase();
    this.takesTenants = allowsTenants(registration.billingModel);
    this.list = new Kept(() => this.readFirst());
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
    let list: TenantList;
    try {
      list = await this.list.get();
    } catch (error) {
      return [errorNode(this.context, this, error)];
    }
    const filter = this.context.filter();
    if (filter) return this.matching(list, filter);
    if (list.tenants.length === 0 && !list.continuation) {
      const label = vscode.l10n.t('No tenants yet');
      return [new InfoNode(this, `${this.id}#none`, label, { command: 'azureStackCsp.addTenant', title: label, arguments: [this] })];
    }
    const shown = list.tenants.slice(0, list.shown).map((t) => this.nodeOf(list, t));
    const more = list.shown < list.tenants.length || list.continuation;
    return more ? [...shown, new LoadMoreNode(this, list.shown, list.tenants.length, !list.continuation)] : shown;
  }

  /** With a filter, every tenant that matches it (all pages are read first), and no paging. */
  private async matching(list: TenantList, filter: string): Promise<TreeNode[]> {
    try {
      while (list.continuation) await this.nextPage(list);
    } catch (error) {
      return [errorNode(this.context, this, error)];
    }
    const found = list.tenants.filter((t) => customerMatches(filter, t.customerSubscriptionId, t.tenantId, this.context.customers.lookup(t.customerSubscriptionId, t.tenantId)));
    if (found.length > 0) return found.map((t) => this.nodeOf(list, t));
    return [new InfoNode(this, `${this.id}#nomatch`, vscode.l10n.t('No tenant matches "{0}"', filter), { command: 'azureStackCsp.filterTenants', title: '' }, 'filter')];
  }

  /** Shows the next page of tenants; false when there is none (or none was shown yet). */
  async loadMore(): Promise<boolean> {
    const list = await this.list.get().catch(() => undefined);
    if (!list) return false;
    if (list.shown >= list.tenants.length) {
      if (!list.continuation) return false;
      await this.nextPage(list);
    }
    list.shown = Math.min(list.tenants.length, list.shown + readSettings().tenantPageSize);
    return true;
  }

  /**
   * The node of `tenant`, shown: added to the list when a read before it was written does not have it, and moved up
   * to the shown ones when it was further down (after Add Tenant, so that the view can reveal it).
   */
  async show(tenant: Tenant): Promise<TenantNode> {
    const list = await this.list.get();
    const id = tenant.id.toLowerCase();
    const at = list.tenants.findIndex((t) => t.id.toLowerCase() === id);
    if (at === -1 || at >= list.shown) {
      if (at !== -1) list.tenants.splice(at, 1);
      list.ids.add(id);
      list.tenants.splice(list.shown, 0, tenant);
      list.shown++;
    }
    return this.nodeOf(list, list.tenants[list.tenants.findIndex((t) => t.id.toLowerCase() === id)]);
  }

  reload(): void {
    this.reading?.abort();
    this.list = new Kept(() => this.readFirst());
  }

  private nodeOf(list: TenantList, tenant: Tenant): TenantNode {
    const id = tenant.id.toLowerCase();
    let node = list.nodes.get(id);
    if (!node) {
      node = new TenantNode(this.context, this, tenant);
      list.nodes.set(id, node);
    }
    return node;
  }

  /** The first page with tenants in it (a service may send empty pages), then the rest in the background. */
  private async readFirst(): Promise<TenantList> {
    this.reading = new AbortController();
    const list: TenantList = { tenants: [], ids: new Set(), shown: 0, continuation: undefined, reading: undefined, failure: undefined, nodes: new Map(), abort: this.reading };
    do await this.readPage(list); while (list.tenants.length === 0 && list.continuation);
    list.shown = Math.min(list.tenants.length, readSettings().tenantPageSize);
    if (list.continuation) this.context.background(this.readRest(list));
    return list;
  }

  /** Reads the remaining pages one after another; the view redraws the count after each. A failure waits for Load more. */
  private async readRest(list: TenantList): Promise<void> {
    try {
      while (list.continuation && !list.abort.signal.aborted) {
        await this.nextPage(list);
        if (!list.abort.signal.aborted) this.context.changed(this);
      }
    } catch (error) {
      list.failure = error;
    }
  }

  /** The next page: the one being read, or a new read. */
  private nextPage(list: TenantList): Promise<void> {
    list.reading ??= this.readPage(list).finally(() => { list.reading = undefined; });
    return list.reading;
  }

  private async readPage(list: TenantList): Promise<void> {
    list.failure = undefined;
    const page = await this.context.session.requireClient().listTenantsPage(this.registration, list.continuation, { abortSignal: list.abort.signal });
    for (const tenant of page.tenants) {
      const id = tenant.id.toLowerCase();
      if (list.ids.has(id)) continue;
      list.ids.add(id);
      list.tenants.push(tenant);
    }
    list.continuation = page.continuation;
  }
}

export class TenantNode implements TreeNode {
  readonly kind = 'tenant';
  readonly id: string;
  constructor(private readonly context: TreeContext, readonly parent: RegistrationNode, readonly tenant: Tenant) {
    this.id = tenant.id.toLowerCase();
  }

  /** Who the customer is, as far as CSV labels and the stamps say; undefined when nothing names them. */
  customer(): Customer | undefined {
    return this.context.customers.lookup(this.tenant.customerSubscriptionId, this.tenant.tenantId);
  }

  treeItem(): vscode.TreeItem {
    const { tenant } = this;
    const customer = this.customer();
    const item = new vscode.TreeItem(customer?.name ?? tenant.customerSubscriptionId, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = customer ? `${tenant.customerSubscriptionId} · ${tenant.tenantId ?? '—'}` : tenant.tenantId ?? '';
    item.tooltip = this.tooltip(customer);
    item.iconPath = new vscode.ThemeIcon('person');
    item.contextValue = contextValue('tenant');
    return item;
  }

  /** External text (a CSV label, a stamp's names) goes in with appendText: shown as text, never read as Markdown. */
  private tooltip(customer: Customer | undefined): vscode.MarkdownString {
    const { tenant } = this;
    const markdown = new vscode.MarkdownString();
    const row = (label: string, value: string) => markdown.appendMarkdown(`${label}: `).appendText(value).appendMarkdown('  \n');
    if (customer) markdown.appendMarkdown('**').appendText(customer.name).appendMarkdown('**\n\n');
    markdown.appendMarkdown(`${vscode.l10n.t('Customer subscription')}: \`${tenant.customerSubscriptionId}\`  \n`);
    markdown.appendMarkdown(`${vscode.l10n.t('Directory (tenant)')}: \`${tenant.tenantId ?? '—'}\`  \n`);
    row(vscode.l10n.t('Registration'), tenant.registrationName);
    if (customer?.owners.length) row(vscode.l10n.t('Owner'), customer.owners.join(', '));
    if (!customer) return markdown;
    markdown.appendMarkdown(`\n${vscode.l10n.t('Named by:')}\n\n`);
    const source = (text: string) => markdown.appendMarkdown('- ').appendText(text).appendMarkdown('\n');
    for (const label of customer.labels) source(vscode.l10n.t('{0}, line {1}: "{2}"', label.file, label.line, label.label));
    for (const { stamp, subscription } of customer.stampSubscriptions) {
      source(vscode.l10n.t('stamp {0}: subscription "{1}" of {2}', stamp, subscription.displayName, subscription.owner || '—'));
    }
    return markdown;
  }
}

export class LoadMoreNode implements TreeNode {
  readonly kind = 'loadMore';
  readonly id: string;
  /** `total`: the tenants read so far; `complete`: whether that is all of them. */
  constructor(readonly parent: RegistrationNode, readonly shown: number, readonly total: number, readonly complete: boolean) {
    this.id = `${parent.id}#more`;
  }
  treeItem(): vscode.TreeItem {
    const count = (n: number) => n.toLocaleString(vscode.env.language);
    const label = this.complete ? vscode.l10n.t('Load more ({0} of {1})', count(this.shown), count(this.total))
      : vscode.l10n.t('Load more ({0} of {1}+)', count(this.shown), count(this.total));
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('more');
    item.contextValue = contextValue('loadMore');
    item.command = { command: 'azureStackCsp.loadMore', title: vscode.l10n.t('Load more'), arguments: [this] };
    return item;
  }
}
