// Azure's answers for the live rules (AZS601–AZS604) as plain data, for a linter in another thread: the editor sends
// what its LiveData knows, the worker answers from it, and tells back the questions a document's lint asked, which the
// editor then asks its LiveData as the linter in its own thread would (that starts the requests to Azure for what it
// does not know; their answers come in the next snapshot).
import type { LiveData, LiveRegistration, LiveRegistrationRef } from './live';

export interface LiveSnapshot {
  /** By `refKey`. */
  registrations: Record<string, LiveRegistration | 'absent'>;
  /** By `tenantKey`. */
  tenants: Record<string, 'present' | 'absent'>;
}

export interface LiveQuestions {
  registrations: LiveRegistrationRef[];
  tenants: { ref: LiveRegistrationRef; customerSubscriptionId: string }[];
}

export function refKey(ref: LiveRegistrationRef): string {
  return JSON.stringify([ref.subscriptionId, ref.resourceGroup, ref.name]);
}

export function tenantKey(ref: LiveRegistrationRef, customerSubscriptionId: string): string {
  return JSON.stringify([ref.subscriptionId, ref.resourceGroup, ref.name, customerSubscriptionId]);
}

/** LiveData that answers from a snapshot and remembers, once each, what it was asked. */
export class SnapshotLive implements LiveData {
  private questions = new Map<string, LiveQuestions['registrations'][number] | LiveQuestions['tenants'][number]>();

  constructor(private readonly snapshot: LiveSnapshot) {}

  registration(ref: LiveRegistrationRef): LiveRegistration | 'absent' | undefined {
    const key = refKey(ref);
    this.questions.set(key, { ...ref });
    return Object.hasOwn(this.snapshot.registrations, key) ? this.snapshot.registrations[key] : undefined;
  }

  tenant(ref: LiveRegistrationRef, customerSubscriptionId: string): 'present' | 'absent' | undefined {
    const key = tenantKey(ref, customerSubscriptionId);
    this.questions.set(key, { ref: { ...ref }, customerSubscriptionId });
    return Object.hasOwn(this.snapshot.tenants, key) ? this.snapshot.tenants[key] : undefined;
  }

  /** The questions asked since the last call. */
  takeQuestions(): LiveQuestions {
    const taken: LiveQuestions = { registrations: [], tenants: [] };
    for (const question of this.questions.values()) {
      if ('customerSubscriptionId' in question) taken.tenants.push(question);
      else taken.registrations.push(question);
    }
    this.questions.clear();
    return taken;
  }
}

/**
 * What `live` answers now to every question in `asked`, as a snapshot (asking starts the requests for what it does
 * not know yet).
 */
export function snapshotOf(live: LiveData, asked: LiveQuestions): LiveSnapshot {
  const snapshot: LiveSnapshot = { registrations: {}, tenants: {} };
  for (const ref of asked.registrations) {
    const answer = live.registration(ref);
    if (answer !== undefined) snapshot.registrations[refKey(ref)] = answer;
  }
  for (const { ref, customerSubscriptionId } of asked.tenants) {
    const answer = live.tenant(ref, customerSubscriptionId);
    if (answer !== undefined) snapshot.tenants[tenantKey(ref, customerSubscriptionId)] = answer;
  }
  return snapshot;
}
