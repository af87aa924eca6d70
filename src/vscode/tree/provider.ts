// The Registrations view: account → subscriptions → registrations → tenants. The first level costs one request for
// the subscriptions and one per subscription for its registrations (in parallel); tenants load a page at a time
// only when a registration is expanded, with "Load more" for the rest. A failed load becomes an error node that
// names the documented error and retries on click; nothing else is reloaded.
import * as vscode from 'vscode';
import type { AzureFailure } from '../../azure/errors';
import { toAzureFailure } from '../../azure/errors';
import type { Registration, Subscription, Tenant } from '../../azure/registrations';
import type { Locale } from '../../core/l10n';
import type { AzureDirectory } from '../account/directory';
import type { AzureSession } from '../account/session';
import { describeFailure } from '../azureErrors';
import { readSettings } from '../settings';
import {
  AccountNode, ErrorNode, InfoNode, LoadMoreNode, RegistrationNode, SubscriptionNode, TenantNode, type TreeNode,
} from './nodes';
import type { StampRegistration } from '../../azure/stampBilling';
import { StampSignInNeeded } from '../usage/stampSignIn';
import { StampNode, StampsRootNode, StampSubscriptionNode, type StampService } from '../usage/stamps';

/** The first line under a stamp: which registration its usage goes through, and how that was found. */
function registrationLine(node: StampNode, registration: StampRegistration | 'signedOut'): InfoNode {
  const id = `${node.id}#registration`;
  if (registration === 'signedOut') {
    return new InfoNode(node, id, vscode.l10n.t('Sign in to Azure to see where usage is billed'), { command: 'azureStackCsp.signIn', title: '' }, 'sign-in');
  }
  switch (registration.kind) {
    case 'found':
      return new InfoNode(node, id, registration.via === 'activation'
        ? vscode.l10n.t('Registration {0} ({1}), named by the stamp\'s activation', registration.registration.name, registration.registration.billingModel)
        : vscode.l10n.t('Registration {0} ({1}), found by CloudDeploymentID', registration.registration.name, registration.registration.billingModel), undefined, 'organization');
    case 'ambiguous':
      return new InfoNode(node, id, vscode.l10n.t('{0} registrations carry CloudDeploymentID {1}: set the stamp\'s registration', registration.candidates.length, registration.cloudDeploymentId), undefined, 'warning');
    case 'notFound':
      return new InfoNode(node, id, vscode.l10n.t('No registration found for this stamp: add its CloudDeploymentID to the stamp setting'), undefined, 'warning');
  }
}

/** Tenants shown under a registration, the rest of the last service page not shown yet, and where the next page starts. */
interface TenantListing {
  nodes: TenantNode[];
  buffered: Tenant[];
  continuation: string | undefined;
}

type Loaded<T> = { ok: true; value: T } | { ok: false; failure: AzureFailure };

export interface TreeDeps {
  session: AzureSession;
  directory: AzureDirectory;
  locale: Locale;
  /** Azure Stack Hub stamps, shown beside Azure when any is configured. */
  stamps?: StampService;
  /** Masks secrets in what the view shows (the log's mask): error texts can quote an answer. */
  redact: (text: string) => string;
}

export class RegistrationsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private registrationsBySubscription = new Map<string, Loaded<Registration[]>>();
  private readonly tenants = new Map<string, TenantListing>();
  /** Nodes handed to the view, by id, so commands can reveal and refresh them. */
  private readonly nodes = new Map<string, TreeNode>();
  private readonly loadsInFlight = new Set<Promise<unknown>>();
  private readonly stampChildren = new Map<string, TreeNode[]>();

  constructor(private readonly deps: TreeDeps) {}

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.treeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const children = await this.track(this.childrenOf(node));
    for (const child of children) this.nodes.set(child.id, child);
    return children;
  }

  /** Resolves once every load the view has asked for has finished (for tests and benchmarks). */
  async idle(): Promise<void> {
    while (this.loadsInFlight.size) await Promise.allSettled([...this.loadsInFlight]);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.loadsInFlight.add(promise);
    void promise.finally(() => this.loadsInFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  private async childrenOf(node: TreeNode | undefined): Promise<TreeNode[]> {
    if (!node) return this.roots();
    if (node instanceof AccountNode) return this.subscriptionNodes(node);
    if (node instanceof SubscriptionNode) return this.registrationNodes(node);
    if (node instanceof RegistrationNode) return this.tenantNodes(node);
    if (node instanceof StampsRootNode) return (this.deps.stamps?.stamps() ?? []).map((setting) => new StampNode(node, setting));
    if (node instanceof StampNode) return this.stampNodes(node);
    return [];
  }

  /** A stamp's tenant subscriptions with their billing, after a line that says how the registration was found. */
  private async stampNodes(node: StampNode): Promise<TreeNode[]> {
    const cached = this.stampChildren.get(node.id);
    if (cached) return cached;
    const service = this.deps.stamps;
    if (!service) return [];
    let children: TreeNode[];
    try {
      const result = await service.billing(await service.connect(node.setting));
      const subscriptions = [...result.subscriptions].sort((a, b) => a.displayName.localeCompare(b.displayName));
      children = [
        registrationLine(node, result.registration),
        ...subscriptions.map((s) => new StampSubscriptionNode(node, s, result.billing.get(s.subscriptionId.toLowerCase()), this.deps.locale)),
      ];
    } catch (error) {
      children = [this.stampProblemNode(node, error)];
    }
    this.stampChildren.set(node.id, children);
    return children;
  }

  /** Why a stamp shows nothing: a sign-in to confirm or give (click: Sign In to Stamp), or a failure with Retry. */
  private stampProblemNode(node: StampNode, error: unknown): TreeNode {
    const signIn = { command: 'azureStackCsp.signInToStamp', title: vscode.l10n.t('Sign In to Stamp'), arguments: [node] };
    if (error instanceof StampSignInNeeded) return new InfoNode(node, `${node.id}#signIn`, error.message, signIn, 'shield');
    const failure = toAzureFailure(error);
    // A stamp refusing its own credentials says nothing about the Azure sign-in: not an ErrorNode, which would mark it failed.
    if (failure.kind === 'notSignedIn') return new InfoNode(node, `${node.id}#signIn`, vscode.l10n.t('The stamp did not accept the sign-in (click to sign in again)'), signIn, 'warning');
    return this.errorNode(node, failure);
  }

  private async roots(): Promise<TreeNode[]> {
    const extra = this.deps.stamps?.stamps().length ? [new StampsRootNode()] : [];
    const state = this.deps.session.state;
    switch (state.kind) {
      case 'signedOut':
        if (!extra.length) return [];
        return [this.signInNode(state.awaitingConfirmation ? vscode.l10n.t('Sign in to Azure… (confirm the sign-in host {0} first)', state.awaitingConfirmation) : undefined), ...extra];
      case 'signingIn':
        return [new InfoNode(undefined, 'signingIn', vscode.l10n.t('Signing in to Azure…'), undefined, 'loading~spin'), ...extra];
      case 'failed':
        return [this.signInNode(vscode.l10n.t('Sign-in failed: {0} (click to try again)', state.message)), ...extra];
      case 'signedIn': {
        const account = new AccountNode(`account:${state.cloud.name}`, state.account, state.cloud.name);
        const subscriptions = await this.loadSubscriptions();
        if (subscriptions.ok && subscriptions.value.length > 0) {
          const counts = await Promise.all(subscriptions.value.map((s) => this.loadRegistrations(s.subscriptionId)));
          const none = counts.every((c) => c.ok && c.value.length === 0);
          await vscode.commands.executeCommand('setContext', 'azureStackCsp.noRegistrations', none);
          if (none && extra.length === 0) return [];
        }
        return [account, ...extra];
      }
    }
  }

  private signInNode(label = vscode.l10n.t('Sign in to Azure…')): TreeNode {
    return new InfoNode(undefined, 'signIn', label, { command: 'azureStackCsp.signIn', title: label }, 'sign-in');
  }

  private async loadSubscriptions(): Promise<Loaded<Subscription[]>> {
    try {
      return { ok: true, value: await this.deps.directory.subscriptions() };
    } catch (error) {
      return { ok: false, failure: toAzureFailure(error) };
    }
  }

  private async loadRegistrations(subscriptionId: string): Promise<Loaded<Registration[]>> {
    const key = subscriptionId.toLowerCase();
    const cached = this.registrationsBySubscription.get(key);
    if (cached) return cached;
    let loaded: Loaded<Registration[]>;
    try {
      loaded = { ok: true, value: await this.deps.directory.registrations(subscriptionId) };
    } catch (error) {
      loaded = { ok: false, failure: toAzureFailure(error) };
    }
    this.registrationsBySubscription.set(key, loaded);
    return loaded;
  }

  private errorNode(parent: TreeNode | undefined, failure: AzureFailure): ErrorNode {
    this.deps.session.noteFailure(failure);
    const { summary, explanation } = describeFailure(failure, this.deps.locale);
    return new ErrorNode(parent, failure, this.deps.redact(summary), this.deps.redact(explanation));
  }

  private async subscriptionNodes(account: AccountNode): Promise<TreeNode[]> {
    const subscriptions = await this.loadSubscriptions();
    if (!subscriptions.ok) return [this.errorNode(account, subscriptions.failure)];
    if (subscriptions.value.length === 0) {
      const label = readSettings().subscriptions.length ? vscode.l10n.t('None of the selected subscriptions is visible to this account') : vscode.l10n.t('This account sees no subscriptions');
      return [new InfoNode(account, `${account.id}#none`, label, { command: 'azureStackCsp.selectSubscriptions', title: label })];
    }
    return subscriptions.value.map((s) => new SubscriptionNode(account, s));
  }

  private async registrationNodes(node: SubscriptionNode): Promise<TreeNode[]> {
    const loaded = await this.loadRegistrations(node.subscription.subscriptionId);
    if (!loaded.ok) return [this.errorNode(node, loaded.failure)];
    if (loaded.value.length === 0) return [new InfoNode(node, `${node.id}#none`, vscode.l10n.t('No Azure Stack Hub registrations in this subscription'))];
    return loaded.value.map((r) => new RegistrationNode(node, r)).sort((a, b) => a.registration.registrationName.localeCompare(b.registration.registrationName));
  }

  private async tenantNodes(node: RegistrationNode): Promise<TreeNode[]> {
    let listing = this.tenants.get(node.id);
    if (!listing) {
      try {
        listing = await this.showMoreTenants(node, { nodes: [], buffered: [], continuation: undefined }, true);
      } catch (error) {
        return [this.errorNode(node, toAzureFailure(error))];
      }
      this.tenants.set(node.id, listing);
    }
    if (listing.nodes.length === 0 && !listing.continuation) {
      const label = vscode.l10n.t('No tenants yet');
      return [new InfoNode(node, `${node.id}#none`, label, { command: 'azureStackCsp.addTenant', title: label, arguments: [node] })];
    }
    const more = listing.buffered.length > 0 || listing.continuation;
    return more ? [...listing.nodes, new LoadMoreNode(node, listing.nodes.length)] : listing.nodes;
  }

  /**
   * Shows up to `tenantPageSize` more tenants. The service decides its own page size, so the rest of a page it sent
   * waits in `buffered`; a request goes out only when nothing is buffered, one page per Load more at most.
   */
  private async showMoreTenants(node: RegistrationNode, listing: TenantListing, first = false): Promise<TenantListing> {
    const pageSize = readSettings().tenantPageSize;
    let { buffered, continuation } = listing;
    if (buffered.length === 0 && (first || continuation)) {
      const page = await this.deps.session.requireClient().listTenantsPage(node.registration, continuation);
      buffered = page.tenants;
      continuation = page.continuation;
    }
    const seen = new Set(listing.nodes.map((n) => n.id));
    const shown = buffered.slice(0, pageSize).map((t) => new TenantNode(node, t)).filter((n) => !seen.has(n.id));
    return { nodes: [...listing.nodes, ...shown], buffered: buffered.slice(pageSize), continuation };
  }

  /** Appends the next page of tenants under a registration. */
  async loadMore(node: LoadMoreNode): Promise<void> {
    const registration = node.parent;
    const listing = this.tenants.get(registration.id);
    if (!listing || (!listing.continuation && listing.buffered.length === 0)) return;
    const next = await this.track(this.showMoreTenants(registration, listing));
    this.tenants.set(registration.id, next);
    this.changed.fire(registration);
  }

  /** Reloads what failed under an error node's parent (or everything, for a root error). */
  retry(node: ErrorNode): void {
    const parent = node.parent;
    if (parent instanceof SubscriptionNode) this.registrationsBySubscription.delete(parent.subscription.subscriptionId.toLowerCase());
    if (parent instanceof RegistrationNode) this.tenants.delete(parent.id);
    if (parent instanceof StampNode) {
      this.stampChildren.delete(parent.id);
      this.deps.stamps?.forget();
    }
    if (!parent || parent instanceof AccountNode) {
      this.refresh();
      return;
    }
    this.deps.directory.forget(parent instanceof SubscriptionNode ? parent.subscription.subscriptionId : undefined);
    this.changed.fire(parent);
  }

  /**
   * Forgets a registration's tenants and shows them again (after add/remove). A registration the view does not show
   * needs no refresh: reloading the whole tree instead raced a refresh that followed, and VS Code then dropped the view.
   */
  reloadTenants(registrationId: string): void {
    const node = this.nodes.get(registrationId.toLowerCase());
    this.tenants.delete(registrationId.toLowerCase());
    if (node instanceof RegistrationNode) this.changed.fire(node);
  }

  refresh(): void {
    this.stampChildren.clear();
    this.deps.stamps?.forget();
    this.registrationsBySubscription = new Map();
    this.tenants.clear();
    this.nodes.clear();
    this.deps.directory.invalidate();
    this.changed.fire(undefined);
  }

  node(id: string): TreeNode | undefined {
    return this.nodes.get(id.toLowerCase());
  }

  /** Builds the chain of nodes down to a registration, so the view can reveal it without the user expanding. */
  registrationNode(registration: Registration, subscription: Subscription, account: AccountNode): RegistrationNode {
    // The view's own nodes where it has them: a second object with a known id makes VS Code refuse the reveal.
    const shownAccount = this.nodes.get(account.id);
    const accountNode = shownAccount instanceof AccountNode ? shownAccount : account;
    const subscriptionNode = (this.nodes.get(`/subscriptions/${subscription.subscriptionId.toLowerCase()}`) as SubscriptionNode | undefined) ?? new SubscriptionNode(accountNode, subscription);
    const existing = this.nodes.get(registration.id.toLowerCase());
    return existing instanceof RegistrationNode ? existing : new RegistrationNode(subscriptionNode, registration);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
