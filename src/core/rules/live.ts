// Shared by the live rules: the tenant operations whose registration is fully known, with what Azure says of it.
import { isGuid } from '../ids';
import { isKnown, type TenantOperation } from '../facts';
import type { LiveData, LiveRegistrationRef } from '../live';
import type { RuleContext } from './rule';

export interface LiveOperation {
  operation: TenantOperation;
  ref: LiveRegistrationRef;
  live: LiveData;
}

/** Tenant operations naming a registration by subscription, resource group and name, when live data is given. */
export function liveOperations(context: RuleContext): LiveOperation[] {
  const live = context.live;
  if (!live) return [];
  return context.facts.tenantOperations.flatMap((operation) => {
    const { subscriptionId, resourceGroup, name } = operation.registration;
    if (!isKnown(subscriptionId) || !isKnown(resourceGroup) || !isKnown(name) || !isGuid(subscriptionId.text)) return [];
    return [{ operation, live, ref: { subscriptionId: subscriptionId.text, resourceGroup: resourceGroup.text, name: name.text } }];
  });
}

/** The customer subscription an operation names, when it is a plain GUID. */
export function customerSubscriptionOf(operation: TenantOperation): string | undefined {
  const id = operation.customerSubscriptionId;
  return isKnown(id) && isGuid(id.text) ? id.text : undefined;
}
