// Microsoft.Resources: subscriptions, tenants, resource groups and the generic resource list (with
// `$filter=resourceType eq '…'`). The SDKs choose these api-versions themselves, so any dated one is accepted.
import type { EmulatorContext } from '../context';
import { arrayPages, pagedReply } from '../paging';
import { armError, resourceGroupNotFound, subscriptionNotFound, type EmulatorRequest, type Reply, type Route, type RouteModule } from '../router';
import type { Registration, ResourceGroup, Subscription } from '../store';
import { registrationId } from './azureStack';

function subscriptionJson(s: Subscription): object {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'CSP_2015-05-01', spendingLimit: 'Off' },
  };
}

function resourceGroupJson(subscriptionId: string, g: ResourceGroup): object {
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${g.name}`,
    name: g.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: g.location,
    properties: { provisioningState: 'Succeeded' },
  };
}

/** A registration as the generic resource list shows it: no properties. */
function genericJson(r: Registration): object {
  return { id: registrationId(r), name: r.name, type: 'Microsoft.AzureStack/registrations', location: 'global', tags: r.tags };
}

function withSubscription(handle: (request: EmulatorRequest, context: EmulatorContext, subscription: Subscription) => Reply): Route['handle'] {
  return (request, context) => {
    const subscription = context.store.subscription(request.params.subscriptionId);
    return subscription ? handle(request, context, subscription) : subscriptionNotFound(request.params.subscriptionId);
  };
}

/** The resource type a `$filter` asks for; undefined for no filter; an error for a filter the emulator does not know. */
function filteredType(filter: string | null): string | undefined | Reply {
  if (filter === null) return undefined;
  const match = /^\s*resourceType\s+eq\s+'([^']+)'\s*$/i.exec(filter);
  return match ? match[1] : armError(400, 'InvalidFilterInQueryString', `The emulator understands only $filter=resourceType eq '<type>', not '${filter}'.`);
}

function listResources(request: EmulatorRequest, context: EmulatorContext, subscription: Subscription): Reply {
  const group = request.params.resourceGroup;
  if (group && !context.store.resourceGroup(subscription.subscriptionId, group)) return resourceGroupNotFound(group);
  const type = filteredType(request.query.get('$filter'));
  if (typeof type === 'object') return type;
  const wanted = type === undefined || type.toLowerCase() === 'microsoft.azurestack/registrations';
  const items = wanted ? context.store.registrationsIn(subscription.subscriptionId, group) : [];
  return pagedReply(request, context, arrayPages(items), context.store.pageSize('resources'), genericJson);
}

const route = (method: string, path: string, resourceType: string, handle: Route['handle']): Route =>
  ({ method, path, apiVersions: 'dated', resourceType, auth: true, handle });

export const resourcesModule: RouteModule = {
  name: 'Microsoft.Resources',
  routes: [
    route('GET', '/subscriptions', 'subscriptions', (request, context) =>
      pagedReply(request, context, arrayPages(context.store.listSubscriptions()), context.store.pageSize('subscriptions'), subscriptionJson)),
    route('GET', '/subscriptions/{subscriptionId}', 'subscriptions', withSubscription((_request, _context, s) => ({ status: 200, body: subscriptionJson(s) }))),
    route('GET', '/tenants', 'tenants', (_request, context) => ({
      status: 200,
      body: { value: [{ id: `/tenants/${context.store.signIn.tenantId}`, tenantId: context.store.signIn.tenantId, tenantCategory: 'Home', displayName: 'Emulator directory' }] },
    })),
    route('GET', '/subscriptions/{subscriptionId}/resourcegroups', 'resourceGroups', withSubscription((request, context, s) =>
      pagedReply(request, context, arrayPages([...s.resourceGroups.values()]), context.store.pageSize('resourceGroups'), (g) => resourceGroupJson(s.subscriptionId, g)))),
    route('GET', '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroup}', 'resourceGroups', withSubscription((request, context, s) => {
      const group = context.store.resourceGroup(s.subscriptionId, request.params.resourceGroup);
      return group ? { status: 200, body: resourceGroupJson(s.subscriptionId, group) } : resourceGroupNotFound(request.params.resourceGroup);
    })),
    route('GET', '/subscriptions/{subscriptionId}/resources', 'resources', withSubscription(listResources)),
    route('GET', '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroup}/resources', 'resources', withSubscription(listResources)),
  ],
};
