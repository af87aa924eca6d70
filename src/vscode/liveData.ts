// What Azure says about the registrations and tenants that files name, for the live rules (AZS601–AZS604).
// Answers come from a cache: a miss starts one background request (shared with the tree's own cache of
// registrations) and says "not known yet", so linting never waits on Azure and never sends a request per keystroke.
// When answers arrive, onDidChange fires and the open documents are checked again. Signed out or offline, every
// answer is "not known" and the rules stay silent.
import * as vscode from 'vscode';
import type { Registration } from '../azure/registrations';
import type { LiveData, LiveRegistration, LiveRegistrationRef } from '../core/live';
import { registrationKey } from '../core/ids';
import type { AzureDirectory } from './account/directory';
import type { AzureSession } from './account/session';
import type { Logger } from './infrastructure/logger';
import { readSettings } from './settings';

/** How long an answer about a tenant is trusted; Refresh forgets every answer at once. */
const tenantTtlMs = 5 * 60_000;

type Entry<T> = { state: 'loading' } | { state: 'known'; value: T; at: number } | { state: 'failed' };

export class AzureLiveData implements LiveData, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly registrations = new Map<string, Entry<Registration[]>>();
  private readonly visibleSubscriptions = new Map<string, Entry<Set<string>>>();
  private readonly tenants = new Map<string, Entry<boolean>>();
  private silentReasonLogged = false;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly session: AzureSession, private readonly directory: AzureDirectory, private readonly log: Logger) {
    this.disposables = [
      this.changed,
      directory.onDidInvalidate(() => this.forget()),
      session.onDidChange(() => this.forget()),
    ];
  }

  private forget(): void {
    this.registrations.clear();
    this.visibleSubscriptions.clear();
    this.tenants.clear();
    this.silentReasonLogged = false;
    this.changed.fire();
  }

  /** True when live answers may be given: the setting is on and Azure accepts the sign-in. */
  private active(): boolean {
    if (!readSettings().liveRules) return false;
    if (this.session.state.kind === 'signedIn') return true;
    if (!this.silentReasonLogged) {
      this.silentReasonLogged = true;
      this.log.info('live lint rules (AZS601–AZS604) are silent: not signed in to Azure');
    }
    return false;
  }

  /** Starts `load` once for `key` and tells listeners when it settles; failures are remembered until Refresh. */
  private fetch<T>(cache: Map<string, Entry<T>>, key: string, load: () => Promise<T>): void {
    cache.set(key, { state: 'loading' });
    load().then((value) => {
      if (cache.get(key)?.state === 'loading') cache.set(key, { state: 'known', value, at: Date.now() });
    }, (error: unknown) => {
      cache.set(key, { state: 'failed' });
      if (!this.silentReasonLogged) {
        this.silentReasonLogged = true;
        this.log.info(`live lint rules stay silent for what Azure did not answer: ${String(error)}`);
      }
    }).finally(() => this.changed.fire());
  }

  private known<T>(cache: Map<string, Entry<T>>, key: string, load: () => Promise<T>, ttlMs = Infinity): T | undefined {
    const entry = cache.get(key);
    if (entry?.state === 'known' && Date.now() - entry.at < ttlMs) return entry.value;
    if (!entry || (entry.state === 'known')) this.fetch(cache, key, load);
    return undefined;
  }

  private subscriptionVisible(subscriptionId: string): boolean | undefined {
    const visible = this.known(this.visibleSubscriptions, '', async () =>
      new Set((await this.directory.allSubscriptions()).map((s) => s.subscriptionId.toLowerCase())));
    return visible?.has(subscriptionId.toLowerCase());
  }

  registration(ref: LiveRegistrationRef): LiveRegistration | 'absent' | undefined {
    if (!this.active() || !this.subscriptionVisible(ref.subscriptionId)) return undefined;
    const list = this.known(this.registrations, ref.subscriptionId.toLowerCase(), () => this.directory.registrations(ref.subscriptionId));
    if (!list) return undefined;
    const key = registrationKey({ subscriptionId: ref.subscriptionId, resourceGroup: ref.resourceGroup, registrationName: ref.name });
    const found = list.find((r) => registrationKey(r) === key);
    return found ? { billingModel: found.billingModel } : 'absent';
  }

  tenant(ref: LiveRegistrationRef, customerSubscriptionId: string): 'present' | 'absent' | undefined {
    const registration = this.registration(ref);
    if (!registration || registration === 'absent') return undefined;
    const key = `${ref.subscriptionId}/${ref.resourceGroup}/${ref.name}/${customerSubscriptionId}`.toLowerCase();
    const present = this.known(this.tenants, key, async () => {
      const client = this.session.requireClient();
      try {
        await client.getTenant({ subscriptionId: ref.subscriptionId, resourceGroup: ref.resourceGroup, registrationName: ref.name, customerSubscriptionId });
        return true;
      } catch (error) {
        if ((error as { code?: unknown }).code === 'CustomerSubscriptionNotFound') return false;
        throw error;
      }
    }, tenantTtlMs);
    return present === undefined ? undefined : present ? 'present' : 'absent';
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
