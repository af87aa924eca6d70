// The Azure side of the billing join: the registration a stamp reports usage through, with its customer
// subscriptions (tenants), found from the stamp's activation or, failing that, from its CloudDeploymentID.
// core/usage/billing.ts then maps each tenant subscription's directory to the Azure subscription it is billed to.
import type { RegistrationForBilling } from '../core/usage/billing';
import type { CallOptions } from './calls';
import { AzureFailure } from './errors';
import type { Registration, RegistrationsClient } from './registrations';
import type { StampActivation } from './stamps';

export interface StampLink {
  /** From StampClient.getActivation(): names the registration outright. */
  activation?: StampActivation;
  /** The stamp's CloudDeploymentID (Get-AzureStackStampInformation on the privileged endpoint), when the operator gave it. */
  cloudDeploymentId?: string;
  /** Where to look for a registration with that CloudDeploymentID; default: every subscription the account sees. */
  subscriptionIds?: string[];
}

export type StampRegistration =
  | { kind: 'found'; registration: RegistrationForBilling; via: 'activation' | 'cloudDeploymentId' }
  /** Several registrations carry the CloudDeploymentID (the stamp was registered more than once) and no activation says which. */
  | { kind: 'ambiguous'; cloudDeploymentId: string; candidates: Registration[] }
  /** No activation, and no registration with the CloudDeploymentID (or none was given). */
  | { kind: 'notFound'; cloudDeploymentId: string | undefined };

const sameId = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** A registration that is gone answers 404 (RegistrationNotFound, ResourceNotFound): look further rather than fail. */
function isGone(error: unknown): boolean {
  return error instanceof AzureFailure && error.status === 404;
}

async function withTenants(client: RegistrationsClient, registration: Registration, options: CallOptions): Promise<RegistrationForBilling> {
  const tenants: RegistrationForBilling['tenants'] = [];
  for await (const tenant of client.listTenants(registration, options)) {
    if (tenant.tenantId) tenants.push({ customerSubscriptionId: tenant.customerSubscriptionId, tenantId: tenant.tenantId });
  }
  return {
    id: registration.id, name: registration.registrationName, subscriptionId: registration.subscriptionId,
    billingModel: registration.billingModel ?? '', cloudId: registration.cloudId, tenants,
  };
}

async function registrationsWithCloudId(client: RegistrationsClient, link: StampLink, cloudDeploymentId: string, options: CallOptions): Promise<Registration[]> {
  const subscriptionIds = link.subscriptionIds ?? (await client.listSubscriptions(options)).map((s) => s.subscriptionId);
  const lists = await Promise.all(subscriptionIds.map((id) => client.listRegistrations(id, options)));
  return lists.flat().filter((r) => sameId(r.cloudId, cloudDeploymentId));
}

/** Finds the stamp's registration and reads its tenants; rejects only with AzureFailure. */
export async function findStampRegistration(client: RegistrationsClient, link: StampLink, options: CallOptions = {}): Promise<StampRegistration> {
  const activated = link.activation?.registration;
  if (activated) {
    try {
      return { kind: 'found', registration: await withTenants(client, await client.getRegistration(activated, options), options), via: 'activation' };
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }
  const cloudDeploymentId = link.cloudDeploymentId?.trim();
  if (!cloudDeploymentId) return { kind: 'notFound', cloudDeploymentId: undefined };
  const candidates = await registrationsWithCloudId(client, link, cloudDeploymentId, options);
  if (candidates.length > 1) return { kind: 'ambiguous', cloudDeploymentId, candidates };
  if (candidates.length === 0) return { kind: 'notFound', cloudDeploymentId };
  return { kind: 'found', registration: await withTenants(client, candidates[0], options), via: 'cloudDeploymentId' };
}
