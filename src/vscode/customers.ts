// Names for the tenants in the Registrations view (core/customers.ts joins them): the labels of the tenant CSV files
// in the workspace, read the first time a tenant is shown and again whenever one changes, and the stamps' tenant
// subscriptions, read quietly (never a prompt: a stamp that needs a sign-in is skipped) at the same time and whenever
// the view loads a stamp. Refresh reads the stamps again.
import * as vscode from 'vscode';
import { CustomerIndex, type Customer } from '../core/customers';
import { readTenantRows, type TenantRow } from '../core/tenantsCsv';
import type { StampSubscription } from '../core/usage/billing';
import type { Logger } from './infrastructure/logger';
import type { StampService } from './usage/stamps';
import { decodeText } from '../core/encoding';

/** Tenant CSV files read for labels, at most; larger files are not tenant lists a person keeps. */
const maxFiles = 200;
const maxBytes = 1_000_000;
const csvExclude = '**/{node_modules,.git,out,dist}/**';

export class CustomerNames implements vscode.Disposable {
  private readonly index = new CustomerIndex();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a name may have changed: the view draws its tenants again. */
  readonly onDidChange = this.changed.event;
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*.csv');
  private workspaceRead: Promise<void> | undefined;
  private stampsRead: Promise<void> | undefined;

  constructor(private readonly deps: { stamps?: StampService; log: Logger }) {
    const reread = (uri: vscode.Uri) => void this.readFile(uri).then(() => this.changed.fire());
    this.watcher.onDidCreate(reread);
    this.watcher.onDidChange(reread);
    this.watcher.onDidDelete((uri) => {
      this.index.forgetFile(vscode.workspace.asRelativePath(uri));
      this.changed.fire();
    });
  }

  /** Who the customer of a tenant is, as far as is known now; the first call starts reading the sources. */
  lookup(customerSubscriptionId: string, tenantId: string | undefined): Customer | undefined {
    this.workspaceRead ??= this.readWorkspace().then(() => this.changed.fire());
    this.stampsRead ??= this.readStamps().then(() => this.changed.fire());
    return this.index.lookup(customerSubscriptionId, tenantId);
  }

  /** Settles once the reads that lookups started have finished (waiting for the view to be idle waits for them too). */
  async settled(): Promise<void> {
    await Promise.allSettled([this.workspaceRead, this.stampsRead]);
  }

  /** The rows of a tenant CSV read for an import (it may lie outside the workspace). */
  noteCsv(uri: vscode.Uri, rows: TenantRow[]): void {
    this.index.setLabels(vscode.workspace.asRelativePath(uri), rows);
    this.changed.fire();
  }

  /** What a stamp the view loaded holds. */
  noteStamp(stamp: string, subscriptions: StampSubscription[]): void {
    this.index.setStampSubscriptions(stamp, subscriptions);
    this.changed.fire();
  }

  /** Refresh: the stamps are read again the next time a tenant is shown. */
  forgetStamps(): void {
    this.stampsRead = undefined;
  }

  private async readWorkspace(): Promise<void> {
    const files = await vscode.workspace.findFiles('**/*.csv', csvExclude, maxFiles);
    await Promise.all(files.map((uri) => this.readFile(uri)));
  }

  private async readFile(uri: vscode.Uri): Promise<void> {
    const file = vscode.workspace.asRelativePath(uri);
    try {
      if ((await vscode.workspace.fs.stat(uri)).size > maxBytes) return;
      this.index.setLabels(file, readTenantRows(decodeText(await vscode.workspace.fs.readFile(uri))));
    } catch (error) {
      this.deps.log.trace(`customer names: ${file} not read: ${String(error)}`);
    }
  }

  private async readStamps(): Promise<void> {
    const service = this.deps.stamps;
    if (!service) return;
    // Only stamps that can sign in without asking: one not confirmed or without credentials is left for the user.
    await Promise.all(service.stamps().filter((s) => s.pinned && s.signIn).map(async (setting) => {
      try {
        const connection = await service.connect(setting);
        this.index.setStampSubscriptions(setting.name, await connection.client.listTenantSubscriptions());
      } catch (error) {
        this.deps.log.trace(`customer names: stamp ${setting.name} not read: ${String(error)}`);
      }
    }));
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
