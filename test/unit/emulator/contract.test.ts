// The emulator's own contract, over raw HTTPS (no SDK): api-versions, path handling, paging links, tokens,
// the documented error bodies, faults and the request log.
import * as assert from 'node:assert/strict';
import { rawRequest, type RawResponse } from '../../emulator/client';
import { armToken, control, registrationPath, requireEmulator, seeded } from '../emulatorHelpers';

interface ArmList { value: { id: string; name: string; properties: { tenantId?: string } }[]; nextLink?: string }

const json = <T>(response: RawResponse) => JSON.parse(response.text) as T;
const errorOf = (response: RawResponse) => json<{ error: { code: string; message: string; target?: string } }>(response).error;

describe('emulator contract', () => {
  const address = requireEmulator();
  let token: string;
  const get = (path: string, headers: Record<string, string> = { Authorization: `Bearer ${token}` }) => rawRequest(address.url, { path, headers });
  const tenantsPath = `${registrationPath(seeded.payAsYouUse)}/customerSubscriptions`;

  before(async () => {
    await control().reset();
    token = await armToken();
  });
  afterEach(() => control().reset());

  describe('api-versions', () => {
    it('refuses an unpublished api-version with the supported list', async () => {
      const response = await get(`${registrationPath(seeded.payAsYouUse)}?api-version=2019-01-01`);
      assert.equal(response.status, 400);
      assert.deepEqual(errorOf(response), {
        code: 'InvalidApiVersionParameter',
        message: "The api-version '2019-01-01' is invalid for the resource type 'Microsoft.AzureStack/registrations'. " +
          "The supported api-versions are '2016-01-01, 2017-06-01, 2020-06-01-preview, 2022-06-01'.",
      });
    });

    it('serves registrations with 2016-01-01 but not customerSubscriptions, which arrived with 2017-06-01', async () => {
      assert.equal((await get(`${registrationPath(seeded.payAsYouUse)}?api-version=2016-01-01`)).status, 200);
      const tenants = await get(`${tenantsPath}?api-version=2016-01-01`);
      assert.equal(tenants.status, 400);
      assert.match(errorOf(tenants).message, /supported api-versions are '2017-06-01, 2020-06-01-preview, 2022-06-01'/);
      for (const version of ['2017-06-01', '2020-06-01-preview', '2022-06-01']) {
        assert.equal((await get(`${tenantsPath}?api-version=${version}`)).status, 200, version);
      }
    });

    it('requires an api-version', async () => {
      const response = await get(registrationPath(seeded.payAsYouUse));
      assert.equal(response.status, 400);
      assert.equal(errorOf(response).code, 'MissingApiVersionParameter');
    });
  });

  describe('paths', () => {
    it('match case-insensitively and answer with the resource as stored', async () => {
      const shouting = registrationPath(seeded.payAsYouUse).toUpperCase().replace('API', 'api');
      const response = await get(`${shouting}?api-version=2017-06-01`);
      assert.equal(response.status, 200);
      assert.equal(json<{ id: string }>(response).id, registrationPath(seeded.payAsYouUse));
    });

    it('collapse a doubled leading slash, as by-ID calls send it', async () => {
      const response = await get(`/${registrationPath(seeded.payAsYouUse)}?api-version=2017-06-01`);
      assert.equal(response.status, 200);
      assert.equal(json<{ name: string }>(response).name, 'stockholm-payg');
    });

    it('answer an unknown path with 404 and a known path with a wrong method with 405', async () => {
      assert.equal((await get('/subscriptions/x/nothing/here?api-version=2017-06-01')).status, 404);
      const wrong = await rawRequest(address.url, { method: 'POST', path: `${registrationPath(seeded.payAsYouUse)}?api-version=2017-06-01`, headers: { Authorization: `Bearer ${token}` } });
      assert.equal(wrong.status, 405);
      assert.equal(wrong.headers.allow, 'GET, PUT, PATCH, DELETE');
    });

    it('answer a malformed registration or tenant path with RegistrationNotFound, after the token check', async () => {
      const tenant = `${registrationPath(seeded.payAsYouUse)}/customerSubscriptions/${seeded.ours[0].subscriptionId}`;
      const malformed = [
        tenant.replace('/resourceGroups/', '/resourceGroup/'),
        tenant.replace('Microsoft.AzureStack', 'Microsoft.AzureStackHCI'),
        tenant.replace('/customerSubscriptions/', '/customerSubscription/'),
        `${tenant}/extra`,
      ];
      for (const path of malformed) {
        const response = await get(`${path}?api-version=2017-06-01`);
        assert.deepEqual([response.status, errorOf(response).code], [404, 'RegistrationNotFound'], path);
      }
      assert.equal((await get(`${malformed[0]}?api-version=2017-06-01`, {})).status, 401);
    });
  });

  describe('registrations and Microsoft.Resources', () => {
    const call = (method: string, path: string, body?: object) =>
      rawRequest(address.url, { method, path, body, headers: { Authorization: `Bearer ${token}` } });
    const newRegistration = { ...seeded.payAsYouUse, registrationName: 'new-stamp' };
    const registrationToken = (content: object) => Buffer.from(JSON.stringify(content)).toString('base64');

    it('creates a registration from its token, not yet approved for tenants, then updates, and deletes it', async () => {
      const path = `${registrationPath(newRegistration)}?api-version=2017-06-01`;
      const content = { billingModel: 'PayAsYouUse', cloudId: '2c7b9e41-0d3a-4f58-a6e2-91b4c8d7f035', objectId: '8a1e5c92-7f3b-4d06-b4a9-e2c1d0f6a873', issuer: 'x' };
      const created = await call('PUT', path, { location: 'Global', properties: { registrationToken: registrationToken(content) } });
      assert.equal(created.status, 201);
      assert.deepEqual(json<{ properties: object }>(created).properties, { objectId: content.objectId, cloudId: content.cloudId, billingModel: 'PayAsYouUse' });
      const customer = seeded.ours[0];
      const refused = await call('PUT', `${registrationPath(newRegistration)}/customerSubscriptions/${customer.subscriptionId}?api-version=2017-06-01`, { properties: { tenantId: customer.tenantId } });
      assert.deepEqual([refused.status, errorOf(refused).code], [403, 'UnauthorizedCspRegistration']);
      const patched = await call('PATCH', path, { tags: { stamp: 'New' } });
      assert.deepEqual([patched.status, json<{ tags: object }>(patched).tags], [200, { stamp: 'New' }]);
      assert.equal((await call('DELETE', path)).status, 200);
      const gone = await call('GET', path);
      assert.deepEqual([gone.status, errorOf(gone).code], [404, 'ResourceNotFound']);
      assert.equal((await call('DELETE', path)).status, 204);
    });

    it('refuses a registration outside location global or with an unreadable token', async () => {
      const path = `${registrationPath(newRegistration)}?api-version=2022-06-01`;
      const elsewhere = await call('PUT', path, { location: 'westeurope', properties: { registrationToken: registrationToken({}) } });
      assert.equal(errorOf(elsewhere).code, 'LocationNotAvailableForResourceType');
      const unreadable = await call('PUT', path, { location: 'global', properties: { registrationToken: 'EyjIAWXSAw5n' } });
      assert.equal(errorOf(unreadable).code, 'InvalidRegistrationToken');
    });

    it('answers unknown subscriptions and resource groups with the ARM codes', async () => {
      const unknownSubscription = await call('GET', '/subscriptions/5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d/providers/Microsoft.AzureStack/registrations?api-version=2017-06-01');
      assert.deepEqual([unknownSubscription.status, errorOf(unknownSubscription).code], [404, 'SubscriptionNotFound']);
      const unknownGroup = await call('GET', `/subscriptions/${seeded.payAsYouUse.subscriptionId}/resourceGroups/nope/providers/Microsoft.AzureStack/registrations?api-version=2017-06-01`);
      assert.deepEqual([unknownGroup.status, errorOf(unknownGroup).code], [404, 'ResourceGroupNotFound']);
    });

    it('lists registrations as generic resources by $filter, and resource groups', async () => {
      const sub = seeded.payAsYouUse.subscriptionId;
      const filtered = json<ArmList>(await call('GET', `/subscriptions/${sub}/resources?$filter=${encodeURIComponent("resourceType eq 'Microsoft.AzureStack/registrations'")}&api-version=2025-04-01`));
      assert.deepEqual(filtered.value.map((r) => r.name), ['stockholm-payg', 'gothenburg-payg-pending', 'malmo-capacity']);
      const others = json<ArmList>(await call('GET', `/subscriptions/${sub}/resources?$filter=${encodeURIComponent("resourceType eq 'Microsoft.Compute/virtualMachines'")}&api-version=2025-04-01`));
      assert.deepEqual(others.value, []);
      const unsupported = await call('GET', `/subscriptions/${sub}/resources?$filter=${encodeURIComponent("tagName eq 'x'")}&api-version=2025-04-01`);
      assert.equal(unsupported.status, 400);
      const groups = json<ArmList>(await call('GET', `/subscriptions/${sub}/resourcegroups?api-version=2025-04-01`));
      assert.deepEqual(groups.value.map((g) => g.name), ['azurestack']);
    });
  });

  describe('paging', () => {
    it('links pages with absolute nextLinks carrying $skipToken until every tenant is listed once', async () => {
      const pages: ArmList[] = [];
      let path: string | undefined = `${tenantsPath}?api-version=2022-06-01`;
      while (path) {
        const page: ArmList = json<ArmList>(await get(path));
        pages.push(page);
        if (page.nextLink) {
          const next = new URL(page.nextLink);
          assert.equal(next.origin, address.url);
          assert.equal(next.searchParams.get('api-version'), '2022-06-01');
          assert.ok(next.searchParams.get('$skipToken'));
          assert.match(page.nextLink, /&\$skipToken=/);
        }
        path = page.nextLink && new URL(page.nextLink).pathname + new URL(page.nextLink).search;
      }
      assert.deepEqual(pages.map((p) => p.value.length), [5, 5, 2]);
      const ids = pages.flatMap((p) => p.value.map((t) => t.id.split('/').pop()));
      assert.deepEqual(ids, seeded.tenants.map((t) => t.subscriptionId));
    });

    it('refuses a $skipToken it did not make', async () => {
      const response = await get(`${tenantsPath}?api-version=2017-06-01&$skipToken=garbage`);
      assert.equal(response.status, 400);
      assert.equal(errorOf(response).code, 'InvalidSkipToken');
    });
  });

  describe('tokens', () => {
    it('refuses a call without a token, with a forged token and with an expired one', async () => {
      const path = `${registrationPath(seeded.payAsYouUse)}?api-version=2017-06-01`;
      const none = await get(path, {});
      assert.deepEqual([none.status, errorOf(none).code], [401, 'AuthenticationFailed']);
      assert.match(String(none.headers['www-authenticate']), /^Bearer authorization_uri="/);
      const [header, payload] = token.split('.');
      const forged = await get(path, { Authorization: `Bearer ${header}.${payload}.AAAA` });
      assert.deepEqual([forged.status, errorOf(forged).code], [401, 'InvalidAuthenticationToken']);
      await control().expireTokens();
      const expired = await get(path);
      assert.deepEqual([expired.status, errorOf(expired).code], [401, 'ExpiredAuthenticationToken']);
      token = await armToken();
      assert.equal((await get(path)).status, 200);
    });

    it('refuses a wrong client secret the way the identity platform does', async () => {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: address.clientId, client_secret: 'wrong', scope: `${address.url}/.default` });
      const response = await rawRequest(address.url, {
        method: 'POST', path: `/${address.tenantId}/oauth2/v2.0/token`, body: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(response.status, 401);
      assert.equal(json<{ error: string; error_codes: number[] }>(response).error, 'invalid_client');
      assert.deepEqual(json<{ error_codes: number[] }>(response).error_codes, [7000215]);
    });

    it('serves ARM metadata that points the Azure CLI at its AD FS endpoints', async () => {
      const metadata = json<{ authentication: { loginEndpoint: string; audiences: string[] } }>(await get('/metadata/endpoints?api-version=2015-01-01', {}));
      assert.deepEqual(metadata.authentication, { loginEndpoint: `${address.url}/adfs`, audiences: [`${address.url}/`] });
      const adfs = json<{ token_endpoint: string }>(await get('/adfs/.well-known/openid-configuration', {}));
      assert.equal(adfs.token_endpoint, `${address.url}/adfs/oauth2/token`);
    });
  });

  describe('faults and the request log', () => {
    const path = `${registrationPath(seeded.payAsYouUse)}?api-version=2017-06-01`;

    it('answers the next `count` matching requests with the injected status, then normally', async () => {
      await control().addFaults({ kind: 'status', status: 502, path: '/registrations/stockholm-payg$', method: 'GET', count: 2 });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await get(path)).status);
      assert.deepEqual(statuses, [502, 502, 200]);
      const first = await control().requests();
      assert.deepEqual(first.map((r) => [r.method, r.status, r.fault]), [['GET', 502, 'status 502'], ['GET', 502, 'status 502'], ['GET', 200, undefined]]);
    });

    it('answers 502 with MetadataResolverBadGatewayError and 429 with Retry-After', async () => {
      await control().addFaults({ kind: 'status', status: 502, path: 'stockholm' }, { kind: 'status', status: 429, path: 'stockholm', retryAfterSeconds: 7 });
      assert.equal(errorOf(await get(path)).code, 'MetadataResolverBadGatewayError');
      const throttled = await get(path);
      assert.deepEqual([throttled.status, throttled.headers['retry-after'], errorOf(throttled).code], [429, '7', 'TooManyRequests']);
    });

    it('drops the connection, garbles the body, and applies a write before hiding its answer', async () => {
      const customer = seeded.ours[0];
      const tenantPath = `${tenantsPath}/${customer.subscriptionId}?api-version=2017-06-01`;
      await control().addFaults(
        { kind: 'drop', path: 'stockholm-payg$', method: 'GET' },
        { kind: 'malformedJson', path: 'stockholm-payg$', method: 'GET' },
        { kind: 'drop', path: 'customerSubscriptions/', method: 'PUT', afterApply: true },
      );
      await assert.rejects(get(path), /socket hang up|ECONNRESET/);
      const garbled = await get(path);
      assert.equal(garbled.status, 200);
      assert.throws(() => JSON.parse(garbled.text) as unknown);
      await assert.rejects(rawRequest(address.url, {
        method: 'PUT', path: tenantPath, body: { properties: { tenantId: customer.tenantId } }, headers: { Authorization: `Bearer ${token}` },
      }), /socket hang up|ECONNRESET/);
      assert.equal((await get(tenantPath)).status, 200, 'the dropped PUT was applied');
      const log = await control().requests();
      assert.deepEqual(log.map((r) => [r.method, r.status, r.fault]), [
        ['GET', 0, 'drop'], ['GET', 200, 'malformedJson'], ['PUT', 0, 'drop'], ['GET', 200, undefined],
      ]);
    });

    it('delays matching requests by the injected latency', async () => {
      await control().addFaults({ kind: 'latency', ms: 300, path: 'stockholm-payg$' });
      const started = Date.now();
      assert.equal((await get(path)).status, 200);
      assert.ok(Date.now() - started >= 290, `took ${Date.now() - started} ms`);
      assert.ok((await control().requests())[0].durationMs >= 290);
    });

    it('does not log a request that arrived before the log was cleared and ended after', async () => {
      await control().addFaults({ kind: 'latency', ms: 1000, path: 'stockholm-payg$' });
      const before = get(path);
      // The fault is used up as the request arrives: from then on the request is waiting out its latency.
      for (const until = Date.now() + 10_000; (await control().faults()).length > 0;) assert.ok(Date.now() < until, 'the request arrived');
      await control().clearRequests();
      assert.equal((await before).status, 200);
      assert.equal((await get(path)).status, 200);
      assert.deepEqual((await control().requests()).map((r) => [r.method, r.status, r.durationMs < 1000]), [['GET', 200, true]], 'only the request after the clearing');
    });

    it('reads or clears the log, when asked, once the requests in flight have ended', async () => {
      // A request that arrives after the fault was added and waits out its latency: it cannot end sooner than 1 s on.
      const inFlight = async () => {
        const added = Date.now();
        await control().addFaults({ kind: 'latency', ms: 1000, path: 'stockholm-payg$' });
        const request = get(path);
        for (const until = Date.now() + 10_000; (await control().faults()).length > 0;) assert.ok(Date.now() < until, 'the request arrived');
        return { request, added };
      };
      const read = await inFlight();
      assert.deepEqual((await control().requests(0, { whenIdle: true })).map((r) => [r.method, r.status, r.durationMs >= 990]), [['GET', 200, true]], 'the request in flight is read');
      assert.equal((await read.request).status, 200);
      const cleared = await inFlight();
      await control().clearRequests({ whenIdle: true });
      assert.ok(Date.now() - cleared.added >= 1000, 'the clearing waited for the request in flight');
      assert.equal((await cleared.request).status, 200);
      assert.equal((await get(path)).status, 200);
      assert.deepEqual((await control().requests()).map((r) => [r.method, r.status, r.durationMs < 1000]), [['GET', 200, true]], 'only the request after the clearing');
    });

    it('refuses a fault it cannot apply and keeps none of the batch', async () => {
      await assert.rejects(control().addFaults({ kind: 'latency', ms: 5, path: 'a' }, { kind: 'status', status: 200, path: 'b' }), /fault 1: status needs a status 400/);
      await assert.rejects(control().addFaults({ kind: 'drop', path: '(' }), /not a valid regular expression/);
      assert.deepEqual(await control().faults(), []);
    });

    it('logs method, path, api-version and status but never a token or secret', async () => {
      await armToken();
      await get(path);
      const log = await control().requests();
      assert.deepEqual(log.map((r) => [r.method, r.path, r.apiVersion, r.status]), [
        ['POST', `/${address.tenantId}/oauth2/v2.0/token`, undefined, 200],
        ['GET', registrationPath(seeded.payAsYouUse), '2017-06-01', 200],
      ]);
      const text = JSON.stringify(log);
      assert.ok(!text.includes(address.clientSecret) && !text.includes(token.split('.')[2]));
    });
  });
});
