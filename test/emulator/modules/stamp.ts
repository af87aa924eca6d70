// A stamp's admin ARM endpoint (served on the stamp's own origin): ARM metadata with its sign-in, AD FS for
// disconnected stamps, the admin's subscriptions, tenant subscriptions (Microsoft.Subscriptions.Admin), the
// activation that links the stamp to its Azure registration (Microsoft.AzureBridge.Admin) and usage aggregates
// (Microsoft.Commerce.Admin/subscriberUsageAggregates) computed from a seed. Every call but the metadata and AD FS
// needs a token for the stamp's audience from its identity system. Usage checks then run in this order:
//   1. NoApiVersion                    no api-version (400)
//   2. SubscriptionIdMissingInRequest  no provider subscription in the path (400)
//   3. SubscriptionNotFound            a subscription other than the Default Provider Subscription (404, ARM's code)
//   4. InvalidProperty                 reportedStartTime/reportedEndTime missing or not a UTC time (400)
//   5. InvalidAggregationGranularity   neither daily nor hourly (400; daily when absent)
//   6. InvalidProperty                 a time not on a whole hour (hourly) or midnight (daily), or start ≥ end (400)
//   7. RequestEndTimeIsInFuture        the end after the start of the current hour (hourly) or day (daily) (400)
//   8. SubscriberIdIsNotDirectTenant   subscriberId is a delegated provider's tenant (400)
//   9. InvalidProperty                 a continuationToken the stamp did not make (400)
// ServiceUnavailable (503) comes from an injected fault, as any other status.
import type { EmulatorContext, TokenRule } from '../context';
import { arrayPages, nextPageLink, pagedReply, pagePosition } from '../paging';
import { armError, subscriptionNotFound, type EmulatorRequest, type Reply, type Route, type RouteModule } from '../router';
import { dayMs, hourMs, type Granularity, type Stamp, type TenantSubscription } from '../stamp';
import { registrationId } from './azureStack';
import { adfsDeviceCode, adfsMetadata, adfsToken } from './identity';

export const usageApiVersion = '2015-06-01-preview';
const usageType = 'Microsoft.Commerce.Admin/subscriberUsageAggregates';

/** What a token must carry at this stamp: its own audience, from its own identity system. */
export function stampTokenRule(stamp: Stamp, context: EmulatorContext): TokenRule {
  return stamp.identitySystem === 'adfs'
    ? { audience: stamp.audience, issuer: `${context.url}/adfs`, authorizationUri: `${context.url}/adfs` }
    : {
      audience: stamp.audience,
      issuer: `${context.armUrl}/${stamp.directoryTenantId}/v2.0`,
      authorizationUri: `${context.armUrl}/${stamp.directoryTenantId}`,
    };
}

type StampHandler = (request: EmulatorRequest, context: EmulatorContext, stamp: Stamp) => Reply;

/** The stamp this endpoint belongs to, or 404 when a later state dropped it. */
function withStamp(handle: StampHandler): Route['handle'] {
  return (request, context) => {
    const stamp = context.stampName === undefined ? undefined : context.store.stamp(context.stampName);
    return stamp ? handle(request, context, stamp) : armError(404, 'NotFound', `The emulator's state has no stamp ${context.stampName ?? ''} any more.`);
  };
}

/** Only the Default Provider Subscription holds the provider's admin resources. */
function withProviderSubscription(handle: StampHandler): Route['handle'] {
  return withStamp((request, context, stamp) => request.params.subscriptionId.toLowerCase() === stamp.defaultProviderSubscriptionId.toLowerCase()
    ? handle(request, context, stamp)
    : subscriptionNotFound(request.params.subscriptionId));
}

/** A hostile stamp's metadata text with `{arm}`, `{stamp}` and `{stamp:<name>}` replaced by those origins. */
function expandOrigins(text: string, context: EmulatorContext): string {
  return text.replace(/\{(arm|stamp)(?::([^}]+))?\}/g, (_whole, site: string, name: string | undefined) =>
    site === 'arm' ? context.armUrl : name === undefined ? context.url : context.stampEndpoint(name) ?? `https://unknown-stamp-${name}.invalid`);
}

function metadata(_request: EmulatorRequest, context: EmulatorContext, stamp: Stamp): Reply {
  const adfs = stamp.identitySystem === 'adfs';
  const override = stamp.metadataOverride;
  const loginEndpoint = override.loginEndpoint === undefined ? (adfs ? `${context.url}/adfs` : `${context.armUrl}/`) : expandOrigins(override.loginEndpoint, context);
  const audience = override.audience === undefined ? stamp.audience : expandOrigins(override.audience, context);
  return {
    status: 200,
    body: {
      galleryEndpoint: `${context.url}/gallery/`,
      graphEndpoint: adfs ? `${context.url}/graph/` : `${context.armUrl}/graph/`,
      portalEndpoint: `${context.url}/portal/`,
      authentication: { loginEndpoint, audiences: [audience] },
    },
  };
}

/** AD FS lives on the stamp's own origin for AD FS stamps only. */
function adfsOnly(handle: (request: EmulatorRequest, context: EmulatorContext) => Reply): Route['handle'] {
  return withStamp((request, context, stamp) => stamp.identitySystem === 'adfs'
    ? handle(request, context)
    : armError(404, 'NotFound', `Stamp ${stamp.name} signs in with Microsoft Entra ID, not AD FS.`));
}

function adminSubscriptions(_request: EmulatorRequest, _context: EmulatorContext, stamp: Stamp): Reply {
  return {
    status: 200,
    body: {
      value: stamp.adminSubscriptions().map((s) => ({
        id: `/subscriptions/${s.subscriptionId}`, subscriptionId: s.subscriptionId, tenantId: stamp.directoryTenantId,
        displayName: s.displayName, state: 'Enabled', subscriptionPolicies: { locationPlacementId: 'AzureStack', quotaId: 'Default', spendingLimit: 'Off' },
      })),
    },
  };
}

function tenantSubscriptionJson(stamp: Stamp, s: TenantSubscription): object {
  return {
    id: `/subscriptions/${stamp.defaultProviderSubscriptionId}/providers/Microsoft.Subscriptions.Admin/subscriptions/${s.subscriptionId}`,
    subscriptionId: s.subscriptionId,
    delegatedProviderSubscriptionId: s.delegatedProviderSubscriptionId,
    displayName: s.displayName,
    owner: s.owner,
    tenantId: s.tenantId,
    routingResourceManagerType: 'Default',
    offerId: s.offerId,
    state: s.state,
  };
}

/** Usage reporting defaults per billing model, as Set-AzsRegistration sets them. */
const reportsUsage: Record<string, boolean> = { capacity: false, custom: false };

function activation(request: EmulatorRequest, context: EmulatorContext, stamp: Stamp): Reply {
  const { subscriptionId, resourceGroup, activationName } = request.params;
  const id = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.AzureBridge.Admin/activations/${activationName}`;
  if (!stamp.registration || resourceGroup.toLowerCase() !== 'azurestack-activation' || activationName.toLowerCase() !== 'default') {
    return armError(404, 'ResourceNotFound', `The Resource 'Microsoft.AzureBridge.Admin/activations/${activationName}' under resource group '${resourceGroup}' was not found.`);
  }
  const registration = context.store.listSubscriptions().flatMap((s) => context.store.registrationsIn(s.subscriptionId))
    .find((r) => registrationId(r).toLowerCase() === stamp.registration?.toLowerCase());
  return {
    status: 200,
    body: {
      id, name: 'default', type: 'Microsoft.AzureBridge.Admin/activations', location: 'local',
      properties: {
        azureRegistrationResourceIdentifier: stamp.registration,
        displayName: 'Azure Stack Activation',
        expiration: '9999-12-30T15:59:59',
        marketplaceSyndicationEnabled: stamp.identitySystem === 'entraId',
        usageReportingEnabled: reportsUsage[registration?.billingModel.toLowerCase() ?? ''] ?? true,
        provisioningState: 'Succeeded',
      },
    },
  };
}

const documentedUsageError = (code: string, message: string, status = 400) => armError(status, code, message);

/** A UTC time as the service takes it (ISO 8601 with Z or an offset), or undefined. */
function readTime(text: string | null): number | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(text.trim())) return undefined;
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? undefined : ms;
}

function readGranularity(text: string | null): Granularity | undefined {
  const value = (text ?? '').trim().toLowerCase() || 'daily';
  return value === 'daily' || value === 'hourly' ? value : undefined;
}

/** Steps 4–8: the query the parameters describe, or the documented error. */
function usageQuery(request: EmulatorRequest, stamp: Stamp): { start: number; end: number; granularity: Granularity; subscriberId?: string } | Reply {
  const start = readTime(request.query.get('reportedStartTime'));
  const end = readTime(request.query.get('reportedEndTime'));
  if (start === undefined || end === undefined) {
    const name = start === undefined ? 'reportedStartTime' : 'reportedEndTime';
    return documentedUsageError('InvalidProperty', `The value '${request.query.get(name) ?? ''}' of ${name} is not a UTC date and time in ISO 8601 format.`);
  }
  const granularity = readGranularity(request.query.get('aggregationGranularity'));
  if (!granularity) {
    return documentedUsageError('InvalidAggregationGranularity', `The aggregation granularity '${request.query.get('aggregationGranularity')}' is not valid: use daily or hourly.`);
  }
  const step = granularity === 'daily' ? dayMs : hourMs;
  if (start % step !== 0 || end % step !== 0) {
    return documentedUsageError('InvalidProperty', `reportedStartTime and reportedEndTime must fall on ${granularity === 'daily' ? 'midnight UTC' : 'a whole UTC hour'} for ${granularity} aggregation.`);
  }
  if (start >= end) return documentedUsageError('InvalidProperty', 'reportedStartTime must be earlier than reportedEndTime.');
  if (end > Math.floor(Date.now() / step) * step) {
    return documentedUsageError('RequestEndTimeIsInFuture', `reportedEndTime ${new Date(end).toISOString()} is in the future or in a ${granularity === 'daily' ? 'day' : 'hour'} whose processing is not complete.`);
  }
  const subscriberId = request.query.get('subscriberId')?.trim() || undefined;
  const subscriber = subscriberId === undefined ? undefined : stamp.tenantSubscription(subscriberId);
  if (subscriber && !stamp.isDirectTenant(subscriber)) {
    return documentedUsageError('SubscriberIdIsNotDirectTenant', `Subscription ${subscriberId} belongs to the delegated provider ${subscriber.delegatedProviderSubscriptionId}, not directly to this provider.`);
  }
  return { start, end, granularity, subscriberId };
}

function usageAggregates(request: EmulatorRequest, context: EmulatorContext, stamp: Stamp): Reply {
  if (!request.apiVersion) return documentedUsageError('NoApiVersion', 'The api-version query parameter is missing; use 2015-06-01-preview.');
  if (request.apiVersion !== usageApiVersion) {
    return armError(400, 'InvalidApiVersionParameter', `The api-version '${request.apiVersion}' is invalid for the resource type '${usageType}'. The supported api-versions are '${usageApiVersion}'.`);
  }
  const { subscriptionId } = request.params;
  if (subscriptionId === undefined) {
    return documentedUsageError('SubscriptionIdMissingInRequest', 'The request path names no provider subscription: /subscriptions/{subscriptionId}/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates.');
  }
  if (subscriptionId.toLowerCase() !== stamp.defaultProviderSubscriptionId.toLowerCase()) return subscriptionNotFound(subscriptionId);
  const query = usageQuery(request, stamp);
  if ('status' in query) return query;
  const position = pagePosition(request, 'continuationToken');
  if (position === undefined) return documentedUsageError('InvalidProperty', `The continuationToken '${request.query.get('continuationToken')}' was not issued by this stamp.`);
  if (stamp.gatewayGivesUp(query, position)) {
    const status = stamp.gatewayTimeout?.status ?? 504;
    return armError(status, status === 504 ? 'GatewayTimeout' : 'BadGateway',
      "The gateway did not receive a response from 'Microsoft.Commerce.Admin' within the specified time period.");
  }
  const { records, next } = stamp.usagePage(query, position, stamp.pageSize('usage'));
  const nextLink = next === undefined ? '' : `,"nextLink":${JSON.stringify(nextPageLink(request, context, 'continuationToken', next))}`;
  return { status: 200, rawBody: `{"value":[${records.join(',')}]${nextLink}}` };
}

const admin = (method: string, path: string, apiVersions: Route['apiVersions'], resourceType: string, handle: Route['handle']): Route =>
  ({ method, path, apiVersions, resourceType, auth: true, handle });

export const stampModules: readonly RouteModule[] = [{
  name: 'stamp',
  routes: [
    { method: 'GET', path: '/metadata/endpoints', apiVersions: ['2015-01-01'], resourceType: 'metadata/endpoints', handle: withStamp(metadata) },
    { method: 'GET', path: '/adfs/.well-known/openid-configuration', handle: adfsOnly(adfsMetadata) },
    { method: 'GET', path: '/adfs/adfs/.well-known/openid-configuration', handle: adfsOnly(adfsMetadata) },
    { method: 'POST', path: '/adfs/oauth2/token', handle: adfsOnly(adfsToken) },
    { method: 'POST', path: '/adfs/oauth2/devicecode', handle: adfsOnly(adfsDeviceCode) },
    admin('GET', '/subscriptions', 'dated', 'subscriptions', withStamp(adminSubscriptions)),
    admin('GET', '/subscriptions/{subscriptionId}/providers/Microsoft.Subscriptions.Admin/subscriptions', ['2015-11-01'], 'Microsoft.Subscriptions.Admin/subscriptions',
      withProviderSubscription((request, context, stamp) => pagedReply(request, context, arrayPages(stamp.tenantSubscriptions), stamp.pageSize('tenantSubscriptions'),
        (s) => tenantSubscriptionJson(stamp, s)))),
    admin('GET', '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.AzureBridge.Admin/activations/{activationName}',
      ['2016-01-01'], 'Microsoft.AzureBridge.Admin/activations', withProviderSubscription(activation)),
    admin('GET', '/subscriptions/{subscriptionId}/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates', undefined, usageType, withStamp(usageAggregates)),
    // An empty subscription segment collapses (`/subscriptions//providers/…`): the request names no provider subscription.
    admin('GET', '/subscriptions/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates', undefined, usageType, withStamp(usageAggregates)),
    admin('GET', '/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates', undefined, usageType, withStamp(usageAggregates)),
  ],
}];
