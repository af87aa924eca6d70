// A narrow client for what the Registrations tree and the tenant commands need, on the Azure SDK's own clients and
// pipeline: subscriptions (@azure/arm-resources-subscriptions), registrations and their tenants through generic
// by-ID calls (@azure/arm-resources) with api-version 2017-06-01.
//
// Retries. Reads use the SDK's default policy: 429 after Retry-After, 5xx and dropped connections with back-off.
// Writes (tenant PUT/DELETE) are retried only when the service certainly did not apply them (429, 503 with
// Retry-After). After a 5xx, a timeout, a dropped connection or a garbled answer a write is never sent again: a GET
// shows whether it landed. A 401 gets one new token (a new credential instance) and one more try of the same call.
import { ResourceManagementClient, type GenericResource } from '@azure/arm-resources';
import { SubscriptionClient, type Subscription as SdkSubscription } from '@azure/arm-resources-subscriptions';
import { throttlingRetryPolicy } from '@azure/core-rest-pipeline';
import { formatCustomerSubscriptionId, parseRegistrationId, type CustomerSubscriptionRef, type RegistrationRef } from '../core/ids';
import type { AzureCloud } from './clouds';
import type { CredentialFactory } from './credentials';
import { collectPages, invalidArgument, invalidResponse, linkOnOrigin, listPageOf, record, RenewableClients, text, defined, type CallOptions, type ListPage, type RetrySettings } from './calls';
import { AzureFailure, toAzureFailure } from './errors';
import { requestLogPolicy, type RequestLogger } from './logging';
import { originGuardPolicy } from './trust';

export type { CallOptions, RetrySettings } from './calls';

/** The Microsoft.AzureStack api-version this client sends: the one AzureStack-Tools and the CSP docs use. */
export const registrationApiVersion = '2017-06-01';

export interface Subscription {
  subscriptionId: string;
  displayName: string;
  state: string | undefined;
  tenantId: string | undefined;
}

export interface Registration extends RegistrationRef {
  id: string;
  location: string | undefined;
  billingModel: string | undefined;
  /** The stamp's CloudDeploymentID. */
  cloudId: string | undefined;
  objectId: string | undefined;
}

/** A customer subscription added to a registration: the end customer's Azure subscription and directory. */
export interface Tenant extends CustomerSubscriptionRef {
  id: string;
  tenantId: string | undefined;
}

export interface TenantPage {
  tenants: Tenant[];
  /** Pass to `listTenantsPage` for the next page; undefined on the last page. */
  continuation: string | undefined;
}

export interface WriteResult {
  /** Set when the first answer was lost (5xx, dropped connection, timeout) and a read then showed the write had landed. */
  confirmedAfter?: AzureFailure;
}

export interface AddTenantResult extends WriteResult {
  tenant: Tenant;
}

export interface RegistrationsClientOptions {
  cloud: AzureCloud;
  credentials: CredentialFactory;
  /** Receives every HTTP attempt (never tokens or secrets). */
  logger?: RequestLogger;
  retry?: RetrySettings;
  /** Time limit of one call, retries included; default 60 s. */
  timeoutMs?: number;
  userAgentPrefix?: string;
}

interface SdkClients {
  reads: ResourceManagementClient;
  writes: ResourceManagementClient;
  subscriptions: SubscriptionClient;
}

/** The name @azure/core-rest-pipeline gives its default retry policy (5xx and connection errors for any method). */
const defaultRetryPolicyName = 'defaultRetryPolicy';

const segment = (value: string) => encodeURIComponent(value);

/** The path of a registration with every part encoded, so a name cannot change which resource is addressed. */
function registrationPath(ref: RegistrationRef): string {
  return `subscriptions/${segment(ref.subscriptionId)}/resourceGroups/${segment(ref.resourceGroup)}/providers/Microsoft.AzureStack/registrations/${segment(ref.registrationName)}`;
}

function tenantPath(ref: CustomerSubscriptionRef): string {
  return `${registrationPath(ref)}/customerSubscriptions/${segment(ref.customerSubscriptionId)}`;
}

/** Rejects references with empty parts before any request: an empty segment would address another resource. */
function checkRef(ref: Partial<CustomerSubscriptionRef>, parts: (keyof CustomerSubscriptionRef)[]): void {
  const empty = parts.filter((part) => !ref[part]?.trim());
  if (empty.length) throw invalidArgument(`empty ${empty.join(', ')}`);
}

function toRegistration(json: unknown): Registration | undefined {
  const body = record(json);
  const id = text(body.id);
  const parsed = id ? parseRegistrationId(id) : undefined;
  if (!id || !parsed?.ok || parsed.kind !== 'registration') return undefined;
  const properties = record(body.properties);
  return {
    ...parsed.ref, id, location: text(body.location),
    billingModel: text(properties.billingModel), cloudId: text(properties.cloudId), objectId: text(properties.objectId),
  };
}

function toTenant(json: unknown): Tenant | undefined {
  const body = record(json);
  const id = text(body.id);
  const parsed = id ? parseRegistrationId(id) : undefined;
  if (!id || !parsed?.ok || parsed.kind !== 'customerSubscription') return undefined;
  return { ...(parsed.ref as CustomerSubscriptionRef), id, tenantId: text(record(body.properties).tenantId) };
}

function toSubscription(s: SdkSubscription): Subscription | undefined {
  if (!s.subscriptionId) return undefined;
  return { subscriptionId: s.subscriptionId, displayName: s.displayName ?? s.subscriptionId, state: s.state, tenantId: s.tenantId };
}

function found<T>(value: T | undefined, whatCameInstead: string): T {
  if (value === undefined) throw invalidResponse(whatCameInstead);
  return value;
}

/** True when a failed write may nevertheless have been applied: its answer was lost or was a server error. */
function mayHaveLanded(failure: AzureFailure): boolean {
  return failure.kind === 'network' || failure.kind === 'invalidResponse' || (failure.kind === 'service' && (failure.status ?? 0) >= 500);
}

/** What Azure answers for a customer subscription that is not in the registration. */
const notAdded = 'CustomerSubscriptionNotFound';

function sameGuid(a: string | undefined, b: string): boolean {
  return a?.toLowerCase() === b.toLowerCase();
}

export class RegistrationsClient {
  private readonly clients: RenewableClients<SdkClients>;
  private readonly endpoint: URL;

  constructor(private readonly options: RegistrationsClientOptions) {
    this.endpoint = new URL(options.cloud.resourceManagerEndpoint);
    this.clients = new RenewableClients((renew) => this.build(renew), options.timeoutMs ?? 60_000);
  }

  private build(renew: boolean): SdkClients {
    const { cloud, credentials, retry, logger, userAgentPrefix } = this.options;
    const credential = credentials({ renew });
    const settings = {
      endpoint: cloud.resourceManagerEndpoint,
      credentialScopes: [cloud.armScope],
      retryOptions: retry,
      userAgentOptions: { userAgentPrefix: userAgentPrefix ?? 'azure-stack-csp-tools' },
    };
    const reads = new ResourceManagementClient(credential, settings);
    const writes = new ResourceManagementClient(credential, settings);
    writes.pipeline.removePolicy({ name: defaultRetryPolicyName });
    writes.pipeline.addPolicy(throttlingRetryPolicy({ maxRetries: retry?.maxRetries ?? 3 }), { phase: 'Retry' });
    const subscriptions = new SubscriptionClient(credential, settings);
    for (const client of [reads, writes, subscriptions]) {
      // The token is for this cloud's Resource Manager: no request of these clients goes anywhere else.
      client.pipeline.addPolicy(originGuardPolicy(cloud.resourceManagerEndpoint), { afterPhase: 'Sign' });
      if (logger) client.pipeline.addPolicy(requestLogPolicy(logger), { afterPhase: 'Sign' });
    }
    return { reads, writes, subscriptions };
  }

  private run<T>(operation: (clients: SdkClients, abortSignal: AbortSignal) => Promise<T>, options: CallOptions): Promise<T> {
    return this.clients.run(operation, options);
  }

  /** One list page: the first from a path, the next ones from the service's absolute nextLink (same host only). */
  private async listPage(clients: SdkClients, pathOrNextLink: string, abortSignal: AbortSignal): Promise<ListPage> {
    const resourceId = linkOnOrigin(pathOrNextLink, this.endpoint.origin);
    return listPageOf(await clients.reads.resources.getById(resourceId, registrationApiVersion, { abortSignal }));
  }

  /** The subscriptions the signed-in account can see. */
  listSubscriptions(options: CallOptions = {}): Promise<Subscription[]> {
    return this.run(async (clients, abortSignal) => {
      const found: Subscription[] = [];
      for await (const s of clients.subscriptions.subscriptions.list({ abortSignal })) {
        const subscription = toSubscription(s);
        if (subscription) found.push(subscription);
      }
      return found;
    }, options);
  }

  /** Every registration of one subscription, with its properties: one request unless the service pages. */
  async listRegistrations(subscriptionId: string, options: CallOptions = {}): Promise<Registration[]> {
    checkRef({ subscriptionId }, ['subscriptionId']);
    const path = `subscriptions/${segment(subscriptionId)}/providers/Microsoft.AzureStack/registrations`;
    return this.run((clients, abortSignal) => collectPages(path, (link) => this.listPage(clients, link, abortSignal), toRegistration), options);
  }

  async getRegistration(ref: RegistrationRef, options: CallOptions = {}): Promise<Registration> {
    checkRef(ref, ['subscriptionId', 'resourceGroup', 'registrationName']);
    const body = await this.run((clients, abortSignal) => clients.reads.resources.getById(registrationPath(ref), registrationApiVersion, { abortSignal }), options);
    return found(toRegistration(body), 'a registration without a registration resource ID');
  }

  /** One page of a registration's tenants; pass the returned continuation for the next ("load more"). */
  async listTenantsPage(ref: RegistrationRef, continuation?: string, options: CallOptions = {}): Promise<TenantPage> {
    checkRef(ref, ['subscriptionId', 'resourceGroup', 'registrationName']);
    const page = await this.run((clients, abortSignal) =>
      this.listPage(clients, continuation ?? `${registrationPath(ref)}/customerSubscriptions`, abortSignal), options);
    return { tenants: page.items.map(toTenant).filter(defined), continuation: page.nextLink };
  }

  /** Every tenant of a registration, page by page as they are consumed. */
  async *listTenants(ref: RegistrationRef, options: CallOptions = {}): AsyncIterableIterator<Tenant> {
    let continuation: string | undefined;
    do {
      const page = await this.listTenantsPage(ref, continuation, options);
      yield* page.tenants;
      continuation = page.continuation;
    } while (continuation);
  }

  async getTenant(ref: CustomerSubscriptionRef, options: CallOptions = {}): Promise<Tenant> {
    checkRef(ref, ['subscriptionId', 'resourceGroup', 'registrationName', 'customerSubscriptionId']);
    const body = await this.run((clients, abortSignal) => clients.reads.resources.getById(tenantPath(ref), registrationApiVersion, { abortSignal }), options);
    return found(toTenant(body), 'a tenant without a customer subscription resource ID');
  }

  /** The customer subscription as the registration holds it now; undefined when it is not in the registration. */
  async findTenant(ref: CustomerSubscriptionRef, options: CallOptions = {}): Promise<Tenant | undefined> {
    try {
      return await this.getTenant(ref, options);
    } catch (error) {
      const failure = toAzureFailure(error);
      if (failure.code === notAdded) return undefined;
      throw failure;
    }
  }

  /**
   * Adds a customer subscription with its directory (tenant) ID to a registration. The PUT replaces the directory of
   * one that is already there: callers read first (`findTenant`) and decide with core/tenantAdd.
   */
  async addTenant(ref: CustomerSubscriptionRef, tenantId: string, options: CallOptions = {}): Promise<AddTenantResult> {
    checkRef(ref, ['subscriptionId', 'resourceGroup', 'registrationName', 'customerSubscriptionId']);
    const body: GenericResource = { properties: { tenantId } };
    try {
      const answer = await this.run((clients, abortSignal) =>
        clients.writes.resources.beginCreateOrUpdateByIdAndWait(tenantPath(ref), registrationApiVersion, body, { abortSignal }), options);
      // The service answers 201 with no body (the CSP docs) or with the resource (the spec).
      const { subscriptionId, resourceGroup, registrationName, customerSubscriptionId } = ref;
      const sent = { subscriptionId, resourceGroup, registrationName, customerSubscriptionId };
      return { tenant: toTenant(answer) ?? { ...sent, id: formatCustomerSubscriptionId(sent), tenantId } };
    } catch (error) {
      const failure = toAzureFailure(error);
      if (failure.kind === 'cancelled') throw failure.withWriteOutcome('unknown');
      if (!mayHaveLanded(failure)) throw failure;
      const check = await this.getTenant(ref, options).catch(toAzureFailure);
      if (!(check instanceof AzureFailure) && sameGuid(check.tenantId, tenantId)) return { tenant: check, confirmedAfter: failure };
      const absent = !(check instanceof AzureFailure) || check.code === notAdded;
      throw failure.withWriteOutcome(absent ? 'notApplied' : 'unknown');
    }
  }

  /** Removes a customer subscription from a registration. */
  async removeTenant(ref: CustomerSubscriptionRef, options: CallOptions = {}): Promise<WriteResult> {
    checkRef(ref, ['subscriptionId', 'resourceGroup', 'registrationName', 'customerSubscriptionId']);
    try {
      await this.run((clients, abortSignal) =>
        clients.writes.resources.beginDeleteByIdAndWait(tenantPath(ref), registrationApiVersion, { abortSignal }), options);
      return {};
    } catch (error) {
      const failure = toAzureFailure(error);
      if (failure.kind === 'cancelled') throw failure.withWriteOutcome('unknown');
      if (!mayHaveLanded(failure)) throw failure;
      const check = await this.getTenant(ref, options).catch(toAzureFailure);
      if (check instanceof AzureFailure && check.code === notAdded) return { confirmedAfter: failure };
      throw failure.withWriteOutcome(check instanceof AzureFailure ? 'unknown' : 'notApplied');
    }
  }
}
