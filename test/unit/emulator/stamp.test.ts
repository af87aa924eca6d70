// The stamps' admin endpoints in the emulator, over raw HTTPS (no SDK): their own origins, ARM metadata and
// sign-in for both identity systems, tokens checked per stamp, tenant subscriptions, the activation, usage
// aggregates with continuationToken paging and totals the seed implies, and every documented usage error.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawRequest, type RawResponse } from '../../emulator/client';
import { parseState, readState, type StateFile } from '../../emulator/stateFile';
import { EmulatorStore } from '../../emulator/store';
import { armToken, control, expectedUsage, requireEmulator, seededStamps, stampEndpoint, stampToken, unitState } from '../emulatorHelpers';

interface UsageItem {
  id: string;
  name: string;
  type: string;
  properties: { subscriptionId: string; usageStartTime: string; usageEndTime: string; instanceData: string; quantity: number; meterId: string };
}
interface UsagePage { value: UsageItem[]; nextLink?: string }

const json = <T>(response: RawResponse) => JSON.parse(response.text) as T;
const errorOf = (response: RawResponse) => json<{ error: { code: string; message: string } }>(response).error;
const entra = seededStamps.entraId;
const adfs = seededStamps.adfs;
const usagePath = `/subscriptions/${entra.defaultProviderSubscriptionId}/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates`;

function usageQuery(fields: Record<string, string>): string {
  return `${usagePath}?${new URLSearchParams({ 'api-version': '2015-06-01-preview', ...fields }).toString()}`;
}

const october = { reportedStartTime: '2026-10-01T00:00:00Z', reportedEndTime: '2026-10-03T00:00:00Z' };

describe('emulator stamps', function () {
  this.timeout(20_000);
  const address = requireEmulator();
  let entraUrl: string;
  let adfsUrl: string;
  let entraToken: string;
  const get = (path: string, token = entraToken, base = entraUrl) => rawRequest(base, { path, headers: { Authorization: `Bearer ${token}` } });

  before(async () => {
    await control().reset();
    entraUrl = await stampEndpoint(entra.name);
    adfsUrl = await stampEndpoint(adfs.name);
    entraToken = await stampToken(entra, entraUrl);
  });
  afterEach(() => control().reset());

  describe('endpoints and sign-in', () => {
    it('gives each stamp an origin of its own, listed in the shape of the stamps setting', async () => {
      const stamps = await control().stamps();
      assert.deepEqual(stamps.map((s) => ({ ...s, adminEndpoint: new URL(s.adminEndpoint).origin === s.adminEndpoint })), [
        { name: 'stockholm', adminEndpoint: true, tenantId: entra.directoryTenantId, cloudDeploymentId: entra.cloudId },
        { name: 'malmo', adminEndpoint: true, cloudDeploymentId: adfs.cloudId },
      ]);
      assert.equal(new Set([address.url, entraUrl, adfsUrl]).size, 3);
      const onArm = await rawRequest(address.url, { path: usageQuery(october), headers: { Authorization: `Bearer ${await armToken()}` } });
      assert.equal(onArm.status, 404, 'the ARM emulator serves no stamp API');
    });

    it('serves ARM metadata: Entra ID stamps sign in at the emulator, AD FS stamps at their own /adfs, each with its own audience', async () => {
      const entraMetadata = json<{ authentication: object; portalEndpoint: string }>(await rawRequest(entraUrl, { path: '/metadata/endpoints?api-version=2015-01-01' }));
      assert.deepEqual(entraMetadata.authentication, { loginEndpoint: `${address.url}/`, audiences: [entra.audience] });
      const adfsMetadata = json<{ authentication: object }>(await rawRequest(adfsUrl, { path: '/metadata/endpoints?api-version=2015-01-01' }));
      assert.deepEqual(adfsMetadata.authentication, { loginEndpoint: `${adfsUrl}/adfs`, audiences: [adfs.audience] });
      const adfsConfiguration = json<{ issuer: string; token_endpoint: string }>(await rawRequest(adfsUrl, { path: '/adfs/.well-known/openid-configuration' }));
      assert.deepEqual(adfsConfiguration, { ...adfsConfiguration, issuer: `${adfsUrl}/adfs`, token_endpoint: `${adfsUrl}/adfs/oauth2/token` });
      assert.equal((await rawRequest(entraUrl, { path: '/adfs/.well-known/openid-configuration' })).status, 404, 'no AD FS on an Entra ID stamp');
    });

    it('accepts a token only for its own audience from its own identity system, and says where to sign in', async () => {
      const path = '/subscriptions?api-version=2016-06-01';
      assert.equal((await get(path)).status, 200);
      const armOnly = await get(path, await armToken());
      assert.deepEqual([armOnly.status, errorOf(armOnly).code], [401, 'InvalidAuthenticationTokenAudience']);
      assert.match(String(armOnly.headers['www-authenticate']), new RegExp(`authorization_uri="${address.url}/${entra.directoryTenantId}"`));
      const adfsToken = await stampToken(adfs, adfsUrl);
      assert.equal((await get(path, adfsToken, adfsUrl)).status, 200);
      const entraPrincipal = (await control().stampPrincipals()).find((p) => p.name === entra.name)!;
      const entraIssued = await rawRequest(address.url, {
        method: 'POST', path: `/${entra.directoryTenantId}/oauth2/v2.0/token`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: entraPrincipal.clientId, client_secret: entraPrincipal.clientSecret, scope: `${adfs.audience}/.default` }).toString(),
      });
      const wrongIssuer = await get(path, json<{ access_token: string }>(entraIssued).access_token, adfsUrl);
      assert.deepEqual([wrongIssuer.status, errorOf(wrongIssuer).code], [401, 'InvalidAuthenticationTokenTenant']);
      assert.match(String(wrongIssuer.headers['www-authenticate']), new RegExp(`authorization_uri="${adfsUrl}/adfs"`));
      const onArm = await rawRequest(address.url, { path: '/subscriptions?api-version=2022-12-01', headers: { Authorization: `Bearer ${entraToken}` } });
      assert.equal(errorOf(onArm).code, 'InvalidAuthenticationTokenAudience', 'ARM refuses a stamp token');
      await control().expireTokens();
      assert.equal(errorOf(await get(path)).code, 'ExpiredAuthenticationToken');
      entraToken = await stampToken(entra, entraUrl);
      assert.equal((await get(path)).status, 200);
    });

    it("knows each stamp's own service principal only: the sandbox (Azure) principal is refused at a stamp's AD FS and in its directory", async () => {
      const principals = await control().stampPrincipals();
      assert.deepEqual(principals.map((p) => p.name), ['stockholm', 'malmo']);
      assert.notEqual(principals[0].clientSecret, principals[1].clientSecret);
      const tokenAt = (base: string, path: string, principal: { clientId: string; clientSecret: string }, scope: string) => rawRequest(base, {
        method: 'POST', path, headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: principal.clientId, client_secret: principal.clientSecret, scope }).toString(),
      });
      const sandbox = { clientId: address.clientId, clientSecret: address.clientSecret };
      const refusedAtAdfs = await tokenAt(adfsUrl, '/adfs/oauth2/token', sandbox, `${adfs.audience}/.default`);
      assert.deepEqual([refusedAtAdfs.status, json<{ error: string }>(refusedAtAdfs).error], [400, 'unauthorized_client']);
      const refusedInDirectory = await tokenAt(address.url, `/${entra.directoryTenantId}/oauth2/v2.0/token`, sandbox, `${entra.audience}/.default`);
      assert.equal(refusedInDirectory.status, 400);
      const wrongSecret = await tokenAt(adfsUrl, '/adfs/oauth2/token', { ...principals[1], clientSecret: principals[0].clientSecret }, `${adfs.audience}/.default`);
      assert.deepEqual([wrongSecret.status, json<{ error: string }>(wrongSecret).error], [401, 'invalid_client']);
      assert.equal((await tokenAt(adfsUrl, '/adfs/oauth2/token', principals[1], `${adfs.audience}/.default`)).status, 200);
      assert.equal((await tokenAt(address.url, `/${address.tenantId}/oauth2/v2.0/token`, sandbox, `${address.url}/.default`)).status, 200, 'the sandbox signs in to Azure');
    });

    it('says in its metadata what a hostile-stamp test tells it to, with the origins filled in', async () => {
      const liar = { ...adfs, name: 'liar', registration: undefined, metadata: { loginEndpoint: '{stamp:stockholm}/adfs', audience: '{arm}/' } };
      await control().replaceState({ ...unitState, stamps: [...unitState.stamps!, liar] });
      const liarUrl = await stampEndpoint('liar');
      const metadata = json<{ authentication: object }>(await rawRequest(liarUrl, { path: '/metadata/endpoints?api-version=2015-01-01' }));
      assert.deepEqual(metadata.authentication, { loginEndpoint: `${entraUrl}/adfs`, audiences: [`${address.url}/`] });
    });
  });

  describe('admin resources', () => {
    it("lists the admin's own subscriptions, the Default Provider Subscription among them", async () => {
      const { value } = json<{ value: { subscriptionId: string; displayName: string }[] }>(await get('/subscriptions?api-version=2016-06-01'));
      assert.deepEqual(value.map((s) => s.displayName), ['Default Provider Subscription', 'Metering Subscription', 'Consumption Subscription']);
      assert.equal(value[0].subscriptionId, entra.defaultProviderSubscriptionId);
    });

    it('lists tenant subscriptions in the shape of the azsadmin spec, page by page', async () => {
      const listed: Record<string, unknown>[] = [];
      let path: string | undefined = `/subscriptions/${entra.defaultProviderSubscriptionId}/providers/Microsoft.Subscriptions.Admin/subscriptions?api-version=2015-11-01`;
      let pages = 0;
      while (path) {
        const page: { value: Record<string, unknown>[]; nextLink?: string } = json(await get(path));
        listed.push(...page.value);
        pages += 1;
        if (page.nextLink) assert.equal(new URL(page.nextLink).origin, entraUrl);
        path = page.nextLink && new URL(page.nextLink).pathname + new URL(page.nextLink).search;
      }
      assert.equal(pages, 3);
      const seeded = entra.tenantSubscriptions!;
      assert.deepEqual(listed.map((s) => [s.subscriptionId, s.displayName, s.owner, s.tenantId]), seeded.map((s) => [s.subscriptionId, s.displayName, s.owner, s.tenantId]));
      assert.deepEqual(Object.keys(listed[0]).sort(), ['delegatedProviderSubscriptionId', 'displayName', 'id', 'offerId', 'owner', 'routingResourceManagerType', 'state', 'subscriptionId', 'tenantId']);
      assert.equal(listed[0].id, `/subscriptions/${entra.defaultProviderSubscriptionId}/providers/Microsoft.Subscriptions.Admin/subscriptions/${seeded[0].subscriptionId}`);
      assert.deepEqual(listed.map((s) => s.delegatedProviderSubscriptionId === entra.defaultProviderSubscriptionId), [true, true, true, true, false, true]);
      assert.deepEqual(listed.map((s) => s.state), ['Enabled', 'Enabled', 'Enabled', 'Enabled', 'Enabled', 'Disabled']);
      const elsewhere = await get('/subscriptions/5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d/providers/Microsoft.Subscriptions.Admin/subscriptions?api-version=2015-11-01');
      assert.deepEqual([elsewhere.status, errorOf(elsewhere).code], [404, 'SubscriptionNotFound']);
    });

    it('names the Azure registration in the activation, with usage reporting as the billing model sets it', async () => {
      const activationPath = (stamp: typeof entra) =>
        `/subscriptions/${stamp.defaultProviderSubscriptionId}/resourceGroups/azurestack-activation/providers/Microsoft.AzureBridge.Admin/activations/default?api-version=2016-01-01`;
      const activation = json<{ type: string; properties: Record<string, unknown> }>(await get(activationPath(entra)));
      assert.equal(activation.type, 'Microsoft.AzureBridge.Admin/activations');
      assert.deepEqual([activation.properties.azureRegistrationResourceIdentifier, activation.properties.usageReportingEnabled], [entra.registration, true]);
      const capacity = json<{ properties: Record<string, unknown> }>(await get(activationPath(adfs), await stampToken(adfs, adfsUrl), adfsUrl));
      assert.deepEqual([capacity.properties.azureRegistrationResourceIdentifier, capacity.properties.usageReportingEnabled], [adfs.registration, false]);
      const other = await get(activationPath(entra).replace('/default?', '/other?'));
      assert.deepEqual([other.status, errorOf(other).code], [404, 'ResourceNotFound']);
    });
  });

  describe('usage aggregates', () => {
    async function allPages(first: string): Promise<UsagePage[]> {
      const pages: UsagePage[] = [];
      for (let path: string | undefined = first; path; ) {
        const page: UsagePage = json(await get(path));
        pages.push(page);
        path = page.nextLink && new URL(page.nextLink).pathname + new URL(page.nextLink).search;
      }
      return pages;
    }

    it('pages by continuationToken in absolute nextLinks, with the records and totals the seed implies', async () => {
      const pages = await allPages(usageQuery({ ...october, aggregationGranularity: 'hourly' }));
      const expected = expectedUsage(entra, new Date(october.reportedStartTime), new Date(october.reportedEndTime), 'hourly');
      assert.equal(expected.records, 4 * 5 * 48);
      assert.deepEqual(pages.map((p) => p.value.length), [...Array<number>(19).fill(50), 10]);
      const link = new URL(pages[0].nextLink!);
      assert.equal(link.origin, entraUrl);
      assert.deepEqual([link.searchParams.get('aggregationGranularity'), link.searchParams.get('api-version')], ['hourly', '2015-06-01-preview']);
      assert.ok(link.searchParams.get('continuationToken'));
      const totals = new Map<string, number>();
      for (const { properties: p } of pages.flatMap((page) => page.value)) {
        totals.set(`${p.subscriptionId}|${p.meterId}`, (totals.get(`${p.subscriptionId}|${p.meterId}`) ?? 0) + p.quantity);
      }
      assert.deepEqual(totals, expected.totals);
    });

    it('writes records as documented: ids, times on the hour, instanceData a JSON string with Microsoft.Resources', async () => {
      const [first] = (json<UsagePage>(await get(usageQuery({ ...october, aggregationGranularity: 'hourly' })))).value;
      const subscription = entra.tenantSubscriptions![0].subscriptionId;
      const meter = entra.usage!.meters[0].meterId;
      assert.deepEqual({ ...first, properties: { ...first.properties, instanceData: JSON.parse(first.properties.instanceData) as unknown } }, {
        id: `/subscriptions/${subscription}/providers/Microsoft.Commerce.Admin/UsageAggregate/${subscription}-${meter}`,
        name: `${subscription}-${meter}`,
        type: 'Microsoft.Commerce.Admin/UsageAggregate',
        properties: {
          subscriptionId: subscription,
          usageStartTime: '2026-10-01T00:00:00+00:00',
          usageEndTime: '2026-10-01T01:00:00+00:00',
          instanceData: { 'Microsoft.Resources': { resourceUri: `/subscriptions/${subscription}/resourceGroups/workloads/providers/Microsoft.Compute/virtualMachines/app01`, location: 'local', tags: null, additionalInfo: null } },
          quantity: first.properties.quantity,
          meterId: meter,
        },
      });
    });

    it('aggregates daily (the default granularity) to the same totals, and filters by subscriberId', async () => {
      const daily = await allPages(usageQuery(october));
      const records = daily.flatMap((p) => p.value);
      assert.equal(records.length, expectedUsage(entra, new Date(october.reportedStartTime), new Date(october.reportedEndTime), 'daily').records);
      assert.equal(records[0].properties.usageEndTime, '2026-10-02T00:00:00+00:00');
      const expected = expectedUsage(entra, new Date(october.reportedStartTime), new Date(october.reportedEndTime), 'daily').totals;
      for (const { properties: p } of records.filter((r) => r.properties.usageStartTime.startsWith('2026-10-01'))) {
        assert.ok(p.quantity > 0 && p.quantity < expected.get(`${p.subscriptionId}|${p.meterId}`)!, 'one of two days');
      }
      const northwind = entra.tenantSubscriptions![2].subscriptionId;
      const only = (await allPages(usageQuery({ ...october, subscriberId: northwind }))).flatMap((p) => p.value);
      assert.deepEqual([...new Set(only.map((r) => r.properties.subscriptionId))], [northwind]);
      assert.equal(only.length, 2 * entra.usage!.meters.length);
    });

    it('answers each documented usage error under its condition', async () => {
      const nextHour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 3_600_000).toISOString();
      const today = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000).toISOString();
      const tomorrow = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 86_400_000).toISOString();
      const delegated = entra.tenantSubscriptions![4].subscriptionId;
      const cases: [string, string, number, string][] = [
        ['no api-version', `${usagePath}?reportedStartTime=${october.reportedStartTime}&reportedEndTime=${october.reportedEndTime}`, 400, 'NoApiVersion'],
        ['no provider subscription', usageQuery(october).replace(/^\/subscriptions\/[^/]+/, '/subscriptions/'), 400, 'SubscriptionIdMissingInRequest'],
        ['another subscription', usageQuery(october).replace(entra.defaultProviderSubscriptionId, '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d'), 404, 'SubscriptionNotFound'],
        ['no start', usageQuery({ reportedEndTime: october.reportedEndTime }), 400, 'InvalidProperty'],
        ['a local time', usageQuery({ ...october, reportedStartTime: '2026-10-01T00:00:00' }), 400, 'InvalidProperty'],
        ['weekly', usageQuery({ ...october, aggregationGranularity: 'weekly' }), 400, 'InvalidAggregationGranularity'],
        ['half past', usageQuery({ ...october, reportedStartTime: '2026-10-01T00:30:00Z', aggregationGranularity: 'hourly' }), 400, 'InvalidProperty'],
        ['daily at 05:00', usageQuery({ ...october, reportedEndTime: '2026-10-02T05:00:00Z' }), 400, 'InvalidProperty'],
        ['start after end', usageQuery({ reportedStartTime: october.reportedEndTime, reportedEndTime: october.reportedStartTime }), 400, 'InvalidProperty'],
        ['the next hour', usageQuery({ reportedStartTime: october.reportedStartTime, reportedEndTime: nextHour, aggregationGranularity: 'hourly' }), 400, 'RequestEndTimeIsInFuture'],
        ['tomorrow', usageQuery({ reportedStartTime: october.reportedStartTime, reportedEndTime: tomorrow }), 400, 'RequestEndTimeIsInFuture'],
        ["a reseller's tenant", usageQuery({ ...october, subscriberId: delegated }), 400, 'SubscriberIdIsNotDirectTenant'],
        ['a forged continuationToken', usageQuery({ ...october, continuationToken: 'not-ours' }), 400, 'InvalidProperty'],
      ];
      for (const [what, path, status, code] of cases) {
        const response = await get(path);
        assert.deepEqual([response.status, errorOf(response).code], [status, code], what);
      }
      const upToToday = await get(usageQuery({ reportedStartTime: october.reportedStartTime, reportedEndTime: today }));
      assert.equal(upToToday.status, 200, 'a daily end at midnight today is complete');
    });

    it('times out at the gateway on big unfiltered queries when told to, from the page it is told, never per subscriber', async () => {
      const controlUrl = new URL(address.controlUrl);
      const problems = await rawRequest(controlUrl.origin, {
        method: 'PUT', path: `${controlUrl.pathname}/stamps/${entra.name}/gatewayTimeout`, body: { unfilteredRecordsAbove: 10, status: 503 },
      });
      assert.deepEqual([problems.status, errorOf(problems).message], [400, 'gatewayTimeout.status: expected 502 or 504']);
      await control().setGatewayTimeout(entra.name, { unfilteredRecordsAbove: 10, fromPage: 1 });
      const first = json<UsagePage>(await get(usageQuery({ ...october, aggregationGranularity: 'hourly' })));
      assert.ok(first.nextLink, 'page 0 still answers');
      const second = await get(new URL(first.nextLink).pathname + new URL(first.nextLink).search);
      assert.deepEqual([second.status, errorOf(second).code], [504, 'GatewayTimeout']);
      assert.equal((await get(usageQuery({ ...october, aggregationGranularity: 'hourly', subscriberId: entra.tenantSubscriptions![0].subscriptionId }))).status, 200);
      await control().setGatewayTimeout(entra.name, { unfilteredRecordsAbove: 100_000, status: 502 });
      assert.equal((await get(usageQuery(october))).status, 200, 'a query with fewer records than the limit answers');
      await control().setGatewayTimeout(entra.name, { unfilteredRecordsAbove: 0, status: 502 });
      assert.deepEqual(errorOf(await get(usageQuery(october))).code, 'BadGateway');
      await control().setGatewayTimeout(entra.name, null);
      assert.equal((await get(usageQuery(october))).status, 200);
      const state = readState({ ...unitState, stamps: [{ ...entra, usage: { ...entra.usage!, gatewayTimeout: { unfilteredRecordsAbove: -1 } } }] });
      assert.deepEqual(state.ok ? [] : state.problems, ['state.stamps[0].usage.gatewayTimeout.unfilteredRecordsAbove: expected a whole number ≥ 0']);
    });

    it('answers 503 ServiceUnavailable and other faults when injected for this stamp only, and logs which stamp was asked', async () => {
      await control().addFaults({ kind: 'status', status: 503, path: 'subscriberUsageAggregates$', stamp: 'stockholm' });
      await control().addFaults({ kind: 'status', status: 500, path: '^/subscriptions$', stamp: 'malmo' });
      const unavailable = await get(usageQuery(october));
      assert.deepEqual([unavailable.status, errorOf(unavailable).code], [503, 'ServiceUnavailable']);
      assert.equal((await get(usageQuery(october))).status, 200);
      assert.equal((await get('/subscriptions?api-version=2016-06-01')).status, 200, 'the malmo fault leaves stockholm alone');
      assert.equal((await get('/subscriptions?api-version=2016-06-01', await stampToken(adfs, adfsUrl), adfsUrl)).status, 500);
      const log = (await control().requests()).filter((r) => r.method === 'GET');
      assert.deepEqual(log.map((r) => [r.stamp, r.status, r.fault]), [
        ['stockholm', 503, 'status 503'], ['stockholm', 200, undefined], ['stockholm', 200, undefined], ['malmo', 500, 'status 500'],
      ]);
    });
  });

  describe('state', () => {
    it('opens an admin endpoint for a stamp that a replaced state adds', async () => {
      const added = { ...adfs, name: 'lund', registration: undefined };
      await control().replaceState({ ...unitState, stamps: [...unitState.stamps!, added] });
      const lund = await stampEndpoint('lund');
      assert.ok(![entraUrl, adfsUrl].includes(lund));
      const metadata = await rawRequest(lund, { path: '/metadata/endpoints?api-version=2015-01-01' });
      assert.equal(json<{ authentication: { loginEndpoint: string } }>(metadata).authentication.loginEndpoint, `${lund}/adfs`);
      const activation = await get(`/subscriptions/${adfs.defaultProviderSubscriptionId}/resourceGroups/azurestack-activation/providers/Microsoft.AzureBridge.Admin/activations/default?api-version=2016-01-01`,
        await stampToken(added, lund), lund);
      assert.equal(activation.status, 404, 'a stamp that is not activated');
    });

    it('refuses stamps with the same name, or activated with a registration of another cloud', () => {
      const stamps = [{ ...entra }, { ...adfs, name: 'Stockholm', registration: entra.registration }];
      const result = readState({ ...unitState, stamps } satisfies StateFile);
      assert.deepEqual(result, {
        ok: false,
        problems: [
          'state.stamps[1].name: another stamp is already called Stockholm',
          `state.stamps[1].registration: that registration's cloudId is ${entra.cloudId}, not the stamp's ${adfs.cloudId}`,
        ],
      });
      const missing = readState({ stamps: [{ ...entra, identitySystem: 'aad', usage: { seed: 1, meters: [{ meterId: 'x', perHour: -1, resourceType: 't', resourceName: 'n' }] } }] });
      assert.deepEqual(missing.ok ? [] : missing.problems, [
        'state.stamps[0].identitySystem: expected one of entraId, adfs',
        'state.stamps[0].usage.meters[0].perHour: expected a number ≥ 0',
      ]);
    });

    it('makes up the benchmark stamp: 200 tenant subscriptions × 10 meters × 30 days hourly, without storing a record', () => {
      const text = readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'emulator', 'states', 'bench.json'), 'utf8');
      const read = parseState(text);
      assert.ok(read.ok);
      const stamp = new EmulatorStore(read.state).stamp('bench01')!;
      assert.equal(stamp.tenantSubscriptions.length, 200);
      assert.equal(new Set(stamp.tenantSubscriptions.map((s) => s.tenantId)).size, 50);
      const query = { start: Date.UTC(2026, 9, 1), end: Date.UTC(2026, 9, 31), granularity: 'hourly' as const };
      assert.deepEqual(stamp.usagePage(query, 0, 1000).next, 1000);
      const last = stamp.usagePage(query, 1_439_999, 1000);
      assert.deepEqual([last.records.length, last.next], [1, undefined]);
      assert.match(last.records[0], /"usageStartTime":"2026-10-30T23:00:00\+00:00"/);
    });
  });
});
