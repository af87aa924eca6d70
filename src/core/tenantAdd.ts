// What adding a customer subscription to a registration would do, decided from what Azure holds now. A PUT of a
// customer subscription that is already there replaces its directory (tenant) ID, which re-points a paying customer's
// billing, so Add Tenant and Add Tenants from CSV both read first and decide here, in one place.

/** What Azure holds for the customer subscription: undefined when it is not in the registration. */
export interface PresentTenant {
  /** Undefined when Azure did not say. */
  tenantId: string | undefined;
}

export type AddDecision =
  /** Not in the registration: a PUT adds it. */
  | { kind: 'add' }
  /** Already there with this directory (or Azure does not say which): there is nothing to send. */
  | { kind: 'present' }
  /** There with another directory: a PUT would replace it, which only an explicit choice may do. */
  | { kind: 'otherDirectory'; presentTenantId: string };

export function decideAdd(present: PresentTenant | undefined, tenantId: string): AddDecision {
  if (!present) return { kind: 'add' };
  if (present.tenantId === undefined || present.tenantId.toLowerCase() === tenantId.toLowerCase()) return { kind: 'present' };
  return { kind: 'otherDirectory', presentTenantId: present.tenantId };
}
