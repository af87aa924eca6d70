// What the signed-in account holds — subscriptions and their registrations — fetched once and shared by the tree,
// the commands and the live rules, for a bounded time (Refresh clears it). Concurrent askers share one request.
import * as vscode from 'vscode';
import type { Registration, Subscription } from '../../azure/registrations';
import { registrationKey, type RegistrationRef } from '../../core/ids';
import { readSettings } from '../settings';
import type { AzureSession } from './session';

const ttlMs = 5 * 60_000;

interface Entry<T> {
  value: Promise<T>;
  fetchedAt: number;
}

export class AzureDirectory implements vscode.Disposable {
  private subscriptionsEntry: Entry<Subscription[]> | undefined;
  private readonly registrationsBySubscription = new Map<string, Entry<Registration[]>>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after Refresh or a sign-in change: everything cached is gone. */
  readonly onDidInvalidate = this.changed.event;

  constructor(private readonly session: AzureSession) {}

  /** Drops one subscription's registrations (or the subscription list), so the next ask fetches them again. */
  forget(subscriptionId: string | undefined): void {
    if (subscriptionId) this.registrationsBySubscription.delete(subscriptionId.toLowerCase());
    else this.subscriptionsEntry = undefined;
  }

  invalidate(): void {
    this.subscriptionsEntry = undefined;
    this.registrationsBySubscription.clear();
    this.changed.fire();
  }

  private fresh<T>(entry: Entry<T> | undefined, load: () => Promise<T>): Entry<T> {
    if (entry && Date.now() - entry.fetchedAt < ttlMs) return entry;
    const created: Entry<T> = { value: load(), fetchedAt: Date.now() };
    // A failed request is not cached: the next asker tries again.
    created.value.catch(() => {
      if (created === this.subscriptionsEntry) this.subscriptionsEntry = undefined;
      for (const [key, value] of this.registrationsBySubscription) if (value === created as unknown) this.registrationsBySubscription.delete(key);
    });
    return created;
  }

  /** All subscriptions the account sees, whatever the filter. */
  allSubscriptions(): Promise<Subscription[]> {
    const client = this.session.requireClient();
    this.subscriptionsEntry = this.fresh(this.subscriptionsEntry, () => client.listSubscriptions());
    return this.subscriptionsEntry.value;
  }

  /** The subscriptions the azureStackCsp.subscriptions setting selects (all when it is empty). */
  async subscriptions(): Promise<Subscription[]> {
    const selected = new Set(readSettings().subscriptions.map((id) => id.toLowerCase()));
    const all = await this.allSubscriptions();
    return selected.size === 0 ? all : all.filter((s) => selected.has(s.subscriptionId.toLowerCase()));
  }

  registrations(subscriptionId: string, options: { abortSignal?: AbortSignal } = {}): Promise<Registration[]> {
    const client = this.session.requireClient();
    const key = subscriptionId.toLowerCase();
    const entry = this.fresh(this.registrationsBySubscription.get(key), () => client.listRegistrations(subscriptionId, options));
    this.registrationsBySubscription.set(key, entry);
    return entry.value;
  }

  /** Registrations of every selected subscription, one request per subscription, in parallel. */
  async allRegistrations(): Promise<Registration[]> {
    const subscriptions = await this.subscriptions();
    const lists = await Promise.all(subscriptions.map((s) => this.registrations(s.subscriptionId)));
    return lists.flat();
  }

  /** The registration a reference points at, if the account has it (case-insensitive, as ARM). */
  async findRegistration(ref: RegistrationRef): Promise<Registration | undefined> {
    const key = registrationKey(ref);
    return (await this.registrations(ref.subscriptionId)).find((r) => registrationKey(r) === key);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
