// The Registrations view: Azure (azureNodes.ts) and, when any is configured, Azure Stack Hub stamps (stampNodes.ts)
// at the top. Each node answers for its own children and keeps what it loaded; the provider only hands nodes to the
// view, remembers them by id for reveals and reloads, and tracks the loads in flight.
import * as vscode from 'vscode';
import type { Registration, Tenant } from '../../azure/registrations';
import type { Locale } from '../../core/l10n';
import type { AzureDirectory } from '../account/directory';
import type { AzureSession } from '../account/session';
import type { CustomerNames } from '../customers';
import type { StampService } from '../usage/stamps';
import { AzureRoot, RegistrationNode, subscriptionNodeId, type LoadMoreNode, type TenantNode } from './azureNodes';
import type { ErrorNode, TreeContext, TreeNode } from './nodes';
import { StampsRoot } from './stampNodes';

export interface TreeDeps {
  session: AzureSession;
  directory: AzureDirectory;
  locale: Locale;
  /** Azure Stack Hub stamps, shown beside Azure when any is configured. */
  stamps?: StampService;
  /** Masks secrets in what the view shows (the log's mask): error texts can quote an answer. */
  redact: (text: string) => string;
  customers: CustomerNames;
}

/** How long a reveal may take to show in the view's selection before it is asked again. */
const revealSettleMs = 2000;
const revealAttempts = 4;

/**
 * Reveals `node` in the view, selected. VS Code drops a reveal without a word when the view is redrawing the node's
 * parents at that moment (after a Refresh, or a background read that redraws a registration), so the reveal is asked
 * again until the view's selection shows the node. Resolves whether it does.
 */
export async function revealAndSelect(view: vscode.TreeView<TreeNode>, node: TreeNode): Promise<boolean> {
  await vscode.commands.executeCommand('workbench.view.extension.azureStackCsp');
  for (let attempt = 0; attempt < revealAttempts; attempt++) {
    const selected = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => { listener.dispose(); resolve(false); }, revealSettleMs);
      const listener = view.onDidChangeSelection((event) => {
        if (!event.selection.includes(node)) return;
        clearTimeout(timer);
        listener.dispose();
        resolve(true);
      });
    });
    await view.reveal(node, { select: true, focus: true, expand: false });
    if (view.selection.includes(node) || await selected) return true;
  }
  return false;
}

export class RegistrationsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Nodes handed to the view, by id, so commands can reveal and reload them. */
  private readonly nodes = new Map<string, TreeNode>();
  private readonly loadsInFlight = new Set<Promise<unknown>>();
  private readonly context: TreeContext;
  private readonly azure: AzureRoot;
  private readonly stamps: StampsRoot | undefined;

  private filterText: string | undefined;

  constructor(private readonly deps: TreeDeps) {
    this.context = {
      session: deps.session, directory: deps.directory, locale: deps.locale, redact: deps.redact, customers: deps.customers,
      filter: () => this.filterText,
      // Only a node the view still shows: one a Refresh replaced is no longer VS Code's to draw.
      changed: (node) => { if (this.nodes.get(node.id) === node) this.changed.fire(node); },
      background: (work) => void this.track(work),
    };
    this.azure = new AzureRoot(this.context);
    this.stamps = deps.stamps && new StampsRoot(this.context, deps.stamps);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.treeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const children = await this.track(node ? node.getChildren?.() ?? Promise.resolve([]) : this.roots());
    for (const child of children) this.nodes.set(child.id, child);
    return children;
  }

  /** Resolves once every load the view has asked for has finished, the reads of customers' names too (for tests and benchmarks). */
  async idle(): Promise<void> {
    do {
      while (this.loadsInFlight.size) await Promise.allSettled([...this.loadsInFlight]);
      await this.context.customers.settled();
    } while (this.loadsInFlight.size);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.loadsInFlight.add(promise);
    void promise.finally(() => this.loadsInFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  private async roots(): Promise<TreeNode[]> {
    const stamps = this.stamps?.roots() ?? [];
    return [...await this.azure.roots(stamps.length > 0), ...stamps];
  }

  /** Appends the next page of tenants under a registration. */
  async loadMore(node: LoadMoreNode): Promise<void> {
    if (await this.track(node.parent.loadMore())) this.changed.fire(node.parent);
  }

  /** Loads again what failed under an error node's parent (everything, when the parent keeps nothing of its own). */
  retry(node: ErrorNode): void {
    const parent = node.parent;
    if (!parent?.reload) {
      this.refresh();
      return;
    }
    parent.reload();
    this.changed.fire(parent);
  }

  /**
   * Loads a node's children again (a registration's tenants after add/remove). A node the view does not show needs no
   * reload: reloading the whole tree instead raced a refresh that followed, and VS Code then dropped the view.
   */
  reload(nodeId: string): void {
    const node = this.nodes.get(nodeId.toLowerCase());
    if (!node?.reload) return;
    node.reload();
    this.changed.fire(node);
  }

  /** Shows only the tenants (and stamp subscriptions) that match `text` (see customerMatches); none or '' shows all. */
  setFilter(text: string | undefined): void {
    this.filterText = text?.trim() || undefined;
    this.changed.fire(undefined);
  }

  get filter(): string | undefined {
    return this.filterText;
  }

  /** Draws the tenants again, keeping what was read (their names changed). */
  redrawTenants(): void {
    for (const node of this.nodes.values()) if (node instanceof RegistrationNode) this.changed.fire(node);
  }

  refresh(): void {
    this.deps.customers.forgetStamps();
    this.stamps?.refresh();
    this.azure.refresh();
    this.nodes.clear();
    this.deps.directory.invalidate();
    this.changed.fire(undefined);
  }

  node(id: string): TreeNode | undefined {
    return this.nodes.get(id.toLowerCase());
  }

  /**
   * The node of a registration of the signed-in account, so the view can reveal it without the user expanding: the
   * one its subscription node keeps (the view shows the same objects; a second object with a known id makes VS Code
   * drop the reveal). Undefined when not signed in or the registration is not among the account's.
   */
  async registrationNode(registration: Registration): Promise<RegistrationNode | undefined> {
    const existing = this.nodes.get(registration.id.toLowerCase());
    if (existing instanceof RegistrationNode) return existing;
    const subscriptions = await this.azure.account()?.subscriptions();
    const subscription = subscriptions?.find((s) => s.id === subscriptionNodeId(registration.subscriptionId));
    return subscription?.registrationNode(registration.id);
  }

  /** The node of a tenant just written, shown under its registration so that the view can reveal it. */
  async tenantNode(registration: Registration, tenant: Tenant): Promise<TenantNode | undefined> {
    return (await this.registrationNode(registration))?.show(tenant);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
