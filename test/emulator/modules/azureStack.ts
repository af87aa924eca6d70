// Microsoft.AzureStack in public Azure: registrations and their customer subscriptions (tenants), for each published
// api-version, with the eight documented error codes. Checks for a tenant call run in this order (the first that
// fails answers):
//   1. RegistrationNotFound            subscription, resource group or registration name unknown (404)
//   2. InvalidCustomerSubscriptionId   the customer subscription name is not a GUID (400)
//   GET / DELETE:
//   3. CustomerSubscriptionNotFound    the tenant is not added to this registration (404)
//   PUT:
//   3. InvalidRequestContent           the body has no GUID `properties.tenantId` (400; not one of the eight)
//   4. CustomerSubscriptionsNotAllowed the registration's billing model is not PayAsYouUse (400)
//   5. UnauthorizedCspRegistration     the registration is not approved for multi-tenancy (403)
//   6. InvalidCSPSubscription          no such customer subscription, or not a CSP subscription (400)
//   7. BadCustomerSubscriptionId       a CSP subscription of another partner than the registration's (400)
// The billing model comes before approval because it is the caller's own setting (re-register), and Microsoft does
// not approve registrations that cannot take tenants anyway. MetadataResolverBadGatewayError (502) is only injected.
import { errorCatalog, type ErrorCode } from '../../../src/core/errors';
import { isGuid } from '../../../src/core/ids';
import type { EmulatorContext } from '../context';
import { arrayPages, pagedReply } from '../paging';
import { armError, resourceGroupNotFound, subscriptionNotFound, type EmulatorRequest, type Reply, type Route, type RouteModule } from '../router';
import { nextEtag, type Registration, type Subscription, TenantSet, type Tenant } from '../store';

export const providerApiVersions = ['2016-01-01', '2017-06-01', '2020-06-01-preview', '2022-06-01'] as const;
/** customerSubscriptions arrived with 2017-06-01. */
export const tenantApiVersions = ['2017-06-01', '2020-06-01-preview', '2022-06-01'] as const;

const registrationType = 'Microsoft.AzureStack/registrations';
const tenantType = 'Microsoft.AzureStack/registrations/customerSubscriptions';
const registrations = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.AzureStack/registrations';
const registration = `${registrations}/{registrationName}`;
const tenants = `${registration}/customerSubscriptions`;
const tenant = `${tenants}/{customerSubscriptionName}`;

export function registrationId(r: Registration): string {
  return `/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}/providers/${registrationType}/${r.name}`;
}

export function registrationJson(r: Registration): object {
  return {
    id: registrationId(r),
    name: r.name,
    type: registrationType,
    location: 'global',
    etag: r.etag,
    ...(Object.keys(r.tags).length ? { tags: r.tags } : {}),
    properties: { objectId: r.objectId, cloudId: r.cloudId, billingModel: r.billingModel },
  };
}

function tenantJson(r: Registration, t: Tenant): object {
  return {
    id: `${registrationId(r)}/customerSubscriptions/${t.customerSubscriptionId}`,
    name: `${r.name}/${t.customerSubscriptionId}`,
    type: tenantType,
    properties: { tenantId: t.tenantId },
  };
}

function documented(code: ErrorCode, message: string, target?: string): Reply {
  return armError(errorCatalog[code].status, code, message, target);
}

type Params = Record<string, string>;

/**
 * A path under a subscription that no route matches but that is meant for a registration or a tenant (a misspelled
 * segment, another provider, extra segments): ARM finds no registration there, and domain.md records that Azure then
 * answers RegistrationNotFound, as for any other malformed registration resource ID.
 */
export function malformedRegistrationPath(path: string): Reply | undefined {
  if (!/^\/subscriptions\/[^/]+\/.*(?:registrations?|customerSubscriptions?|Microsoft\.AzureStack)(?:\/|$)/i.test(path)) return undefined;
  return documented('RegistrationNotFound', `No registration exists at ${path}: the resource ID is malformed.`);
}

function findRegistration(params: Params, context: EmulatorContext): Registration | undefined {
  return context.store.registration(params.subscriptionId, params.resourceGroup, params.registrationName);
}

/** The registration a tenant call names, or the documented error when there is none. */
function tenantRegistration(params: Params, context: EmulatorContext): Registration | Reply {
  const found = findRegistration(params, context);
  if (found) return found;
  return documented('RegistrationNotFound',
    `No registration '${params.registrationName}' exists in resource group '${params.resourceGroup}' of subscription '${params.subscriptionId}'.`,
    params.registrationName);
}

/** Steps 1–2 of every tenant call. */
function tenantTarget(request: EmulatorRequest, context: EmulatorContext): { registration: Registration; id: string } | Reply {
  const found = tenantRegistration(request.params, context);
  if ('status' in found) return found;
  const id = request.params.customerSubscriptionName;
  if (!isGuid(id)) {
    return documented('InvalidCustomerSubscriptionId', `The customer subscription ID '${id}' is not a valid Azure subscription ID (a GUID).`, id);
  }
  return { registration: found, id };
}

function notAdded(r: Registration, id: string): Reply {
  return documented('CustomerSubscriptionNotFound', `The customer subscription '${id}' has not been added to registration '${r.name}'.`, id);
}

/** Steps 4–7: why this registration cannot take this customer subscription, if it cannot. */
function refusal(r: Registration, id: string, context: EmulatorContext): Reply | undefined {
  if (r.billingModel.toLowerCase() !== 'payasyouuse') {
    return documented('CustomerSubscriptionsNotAllowed',
      `Registration '${r.name}' uses the billing model '${r.billingModel}'; only PayAsYouUse registrations accept customer subscriptions.`, r.name);
  }
  if (!r.multiTenancyApproved) {
    return documented('UnauthorizedCspRegistration', `Registration '${r.name}' is not approved for multi-tenancy.`, r.name);
  }
  const customer = context.store.azureSubscription(id);
  if (!customer?.cspPartner) {
    return documented('InvalidCSPSubscription', `The customer subscription '${id}' is not a valid CSP subscription.`, id);
  }
  if (customer.cspPartner !== r.cspPartner) {
    return documented('BadCustomerSubscriptionId',
      `The customer subscription '${id}' belongs to a different CSP partner than the subscription that owns registration '${r.name}'.`, id);
  }
  return undefined;
}

function tenantIdFrom(json: unknown): string | undefined {
  const properties = (json as { properties?: { tenantId?: unknown } } | undefined)?.properties;
  return typeof properties?.tenantId === 'string' && isGuid(properties.tenantId) ? properties.tenantId : undefined;
}

function putTenant(request: EmulatorRequest, context: EmulatorContext): Reply {
  const target = tenantTarget(request, context);
  if ('status' in target) return target;
  const tenantId = tenantIdFrom(request.json);
  if (!tenantId) return armError(400, 'InvalidRequestContent', "The request body must be {\"properties\":{\"tenantId\":\"<the customer's directory (tenant) ID>\"}}.");
  const refused = refusal(target.registration, target.id, context);
  if (refused) return refused;
  const saved = { customerSubscriptionId: target.id, tenantId };
  const outcome = target.registration.tenants.set(saved);
  if (outcome === 'created' && context.store.putStyle === 'createdEmpty') return { status: 201 };
  return { status: outcome === 'created' ? 201 : 200, body: tenantJson(target.registration, saved) };
}

function getTenant(request: EmulatorRequest, context: EmulatorContext): Reply {
  const target = tenantTarget(request, context);
  if ('status' in target) return target;
  const found = target.registration.tenants.get(target.id);
  return found ? { status: 200, body: tenantJson(target.registration, found) } : notAdded(target.registration, target.id);
}

function deleteTenant(request: EmulatorRequest, context: EmulatorContext): Reply {
  const target = tenantTarget(request, context);
  if ('status' in target) return target;
  return target.registration.tenants.delete(target.id) ? { status: 204 } : notAdded(target.registration, target.id);
}

function listTenants(request: EmulatorRequest, context: EmulatorContext): Reply {
  const found = tenantRegistration(request.params, context);
  if ('status' in found) return found;
  return pagedReply(request, context, found.tenants, context.store.pageSize('customerSubscriptions'), (t) => tenantJson(found, t));
}

/** The subscription (and resource group, when named) of a registration call, or ARM's not-found error. */
function home(params: Params, context: EmulatorContext): Subscription | Reply {
  const subscription = context.store.subscription(params.subscriptionId);
  if (!subscription) return subscriptionNotFound(params.subscriptionId);
  if (params.resourceGroup && !context.store.resourceGroup(params.subscriptionId, params.resourceGroup)) {
    return resourceGroupNotFound(params.resourceGroup);
  }
  return subscription;
}

function listRegistrations(request: EmulatorRequest, context: EmulatorContext): Reply {
  const found = home(request.params, context);
  if ('status' in found) return found;
  const items = context.store.registrationsIn(found.subscriptionId, request.params.resourceGroup);
  return pagedReply(request, context, arrayPages(items), context.store.pageSize('registrations'), registrationJson);
}

function registrationNotFound(params: Params): Reply {
  return armError(404, 'ResourceNotFound',
    `The Resource '${registrationType}/${params.registrationName}' under resource group '${params.resourceGroup}' was not found.`);
}

function getRegistration(request: EmulatorRequest, context: EmulatorContext): Reply {
  const found = home(request.params, context);
  if ('status' in found) return found;
  const r = findRegistration(request.params, context);
  return r ? { status: 200, body: registrationJson(r) } : registrationNotFound(request.params);
}

interface TokenContent {
  billingModel: string;
  cloudId: string;
  objectId: string;
}

/** A registration token is base64 of JSON that carries billingModel, cloudId and objectId (as Set-AzsRegistration makes it). */
function readRegistrationToken(token: unknown): TokenContent | undefined {
  if (typeof token !== 'string') return undefined;
  try {
    const content = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Partial<TokenContent>;
    const fields = [content.billingModel, content.cloudId, content.objectId];
    return fields.every((f) => typeof f === 'string' && f) ? content as TokenContent : undefined;
  } catch {
    return undefined;
  }
}

function registrationBody(json: unknown): { location?: unknown; token?: unknown; tags?: unknown } {
  const body = (typeof json === 'object' && json !== null ? json : {}) as { location?: unknown; tags?: unknown; properties?: { registrationToken?: unknown } };
  return { location: body.location, token: body.properties?.registrationToken, tags: body.tags };
}

function stringTags(tags: unknown): Record<string, string> | undefined {
  if (typeof tags !== 'object' || tags === null) return undefined;
  return Object.fromEntries(Object.entries(tags).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

const invalidToken = () => armError(400, 'InvalidRegistrationToken', 'The registration token could not be read; create it with Get-AzsRegistrationToken or Set-AzsRegistration.');

function putRegistration(request: EmulatorRequest, context: EmulatorContext): Reply {
  const found = home(request.params, context);
  if ('status' in found) return found;
  const body = registrationBody(request.json);
  if (typeof body.location !== 'string' || body.location.toLowerCase() !== 'global') {
    return armError(400, 'LocationNotAvailableForResourceType', `The provided location '${String(body.location)}' is not available for resource type '${registrationType}'. List of available regions for the resource type is 'global'.`);
  }
  const content = readRegistrationToken(body.token);
  if (!content) return invalidToken();
  const existing = findRegistration(request.params, context);
  const saved: Registration = {
    subscriptionId: found.subscriptionId,
    resourceGroup: context.store.resourceGroup(found.subscriptionId, request.params.resourceGroup)!.name,
    name: existing?.name ?? request.params.registrationName,
    ...content,
    // Microsoft approves a new registration for multi-tenancy on request, never at creation.
    multiTenancyApproved: existing?.multiTenancyApproved ?? false,
    cspPartner: existing?.cspPartner ?? found.cspPartner,
    tags: stringTags(body.tags) ?? existing?.tags ?? {},
    etag: nextEtag(),
    tenants: existing?.tenants ?? new TenantSet(),
  };
  context.store.putRegistration(saved);
  return { status: existing ? 200 : 201, body: registrationJson(saved) };
}

function patchRegistration(request: EmulatorRequest, context: EmulatorContext): Reply {
  const found = home(request.params, context);
  if ('status' in found) return found;
  const existing = findRegistration(request.params, context);
  if (!existing) return registrationNotFound(request.params);
  const body = registrationBody(request.json);
  const content = body.token === undefined ? undefined : readRegistrationToken(body.token);
  if (body.token !== undefined && !content) return invalidToken();
  Object.assign(existing, content ?? {}, { tags: stringTags(body.tags) ?? existing.tags, etag: nextEtag() });
  return { status: 200, body: registrationJson(existing) };
}

function deleteRegistration(request: EmulatorRequest, context: EmulatorContext): Reply {
  const found = home(request.params, context);
  if ('status' in found) return found;
  const existing = findRegistration(request.params, context);
  if (!existing) return { status: 204 };
  context.store.deleteRegistration(existing);
  return { status: 200 };
}

const armRoute = (method: string, path: string, apiVersions: readonly string[], resourceType: string, handle: Route['handle']): Route =>
  ({ method, path, apiVersions, resourceType, auth: true, handle });

export const azureStackModule: RouteModule = {
  name: 'Microsoft.AzureStack',
  routes: [
    armRoute('GET', '/subscriptions/{subscriptionId}/providers/Microsoft.AzureStack/registrations', providerApiVersions, registrationType, listRegistrations),
    armRoute('GET', registrations, providerApiVersions, registrationType, listRegistrations),
    armRoute('GET', registration, providerApiVersions, registrationType, getRegistration),
    armRoute('PUT', registration, providerApiVersions, registrationType, putRegistration),
    armRoute('PATCH', registration, providerApiVersions, registrationType, patchRegistration),
    armRoute('DELETE', registration, providerApiVersions, registrationType, deleteRegistration),
    armRoute('GET', tenants, tenantApiVersions, tenantType, listTenants),
    armRoute('GET', tenant, tenantApiVersions, tenantType, getTenant),
    armRoute('PUT', tenant, tenantApiVersions, tenantType, putTenant),
    armRoute('DELETE', tenant, tenantApiVersions, tenantType, deleteTenant),
  ],
};
