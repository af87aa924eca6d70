// The join no portal shows: for each tenant subscription on a stamp, which Azure subscription its usage is billed
// to. A stamp's usage goes through its registration; a tenant subscription whose directory was added to that
// PayAsYouUse registration as a customer subscription is billed to that customer's Azure subscription, and any
// other usage lands on the registration's own subscription.
import { allowsTenants } from '../azureStack';

/** A tenant (user) subscription on the stamp, as Microsoft.Subscriptions.Admin lists it. */
export interface StampSubscription {
  subscriptionId: string;
  displayName: string;
  owner: string;
  /** The directory (Entra ID / AD FS tenant) the subscription belongs to. */
  tenantId: string;
  offerId?: string;
  state?: string;
}

export interface RegistrationForBilling {
  id: string;
  name: string;
  /** The Azure subscription that owns the registration. */
  subscriptionId: string;
  billingModel: string;
  cloudId?: string;
  /** Customer subscriptions added to the registration: the customer's Azure subscription and directory. */
  tenants: { customerSubscriptionId: string; tenantId: string }[];
}

export type Billing =
  | { kind: 'customer'; customerSubscriptionId: string; registrationName: string }
  /** Directory not added to the registration: usage is billed to the registration's own subscription. */
  | { kind: 'unregisteredDirectory'; billedSubscriptionId: string; registrationName: string }
  /** Several customer subscriptions claim the directory; which one Azure uses cannot be told from here. */
  | { kind: 'ambiguous'; customerSubscriptionIds: string[]; registrationName: string }
  /** Capacity, Development, … registrations bill no usage per customer. */
  | { kind: 'notPayAsYouUse'; billingModel: string; registrationName: string }
  | { kind: 'noRegistration' };

export function billingFor(subscriptions: StampSubscription[], registration: RegistrationForBilling | undefined): Map<string, Billing> {
  const result = new Map<string, Billing>();
  const byDirectory = new Map<string, string[]>();
  for (const tenant of registration?.tenants ?? []) {
    const key = tenant.tenantId.toLowerCase();
    byDirectory.set(key, [...(byDirectory.get(key) ?? []), tenant.customerSubscriptionId]);
  }
  for (const subscription of subscriptions) {
    result.set(subscription.subscriptionId.toLowerCase(), billingOf(subscription, registration, byDirectory));
  }
  return result;
}

function billingOf(subscription: StampSubscription, registration: RegistrationForBilling | undefined, byDirectory: Map<string, string[]>): Billing {
  if (!registration) return { kind: 'noRegistration' };
  const registrationName = registration.name;
  if (!allowsTenants(registration.billingModel)) {
    return { kind: 'notPayAsYouUse', billingModel: registration.billingModel, registrationName };
  }
  const customers = byDirectory.get(subscription.tenantId.toLowerCase()) ?? [];
  if (customers.length === 1) return { kind: 'customer', customerSubscriptionId: customers[0], registrationName };
  if (customers.length > 1) return { kind: 'ambiguous', customerSubscriptionIds: customers, registrationName };
  return { kind: 'unregisteredDirectory', billedSubscriptionId: registration.subscriptionId, registrationName };
}

/** The Azure subscription the usage ends up on, when one can be named. */
export function billedSubscriptionOf(billing: Billing): string | undefined {
  switch (billing.kind) {
    case 'customer': return billing.customerSubscriptionId;
    case 'unregisteredDirectory': return billing.billedSubscriptionId;
    case 'ambiguous':
    case 'notPayAsYouUse':
    case 'noRegistration':
      return undefined;
  }
}
