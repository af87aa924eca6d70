// The registrations client against the emulator over HTTPS, through the real @azure/identity and @azure/arm-resources
// code paths: every operation, paging, the eight documented error codes, retries, cancellation, writes whose answer
// was lost, and expired tokens. The emulator's request log shows what went over the wire.
import * as assert from 'node:assert/strict';
import { errorCatalog, type ErrorCode } from '../../../src/core/errors';
import type { RequestLogEntry } from '../../../src/azure/logging';
import type { RegistrationsClient, Tenant } from '../../../src/azure/registrations';
import { control, registrationPath, requireEmulator, seeded, unitState } from '../emulatorHelpers';
import { armCalls, conversation, failureOf, sandboxClient } from './sandbox';

const tenantOf = (customer: { subscriptionId: string }, registration = seeded.payAsYouUse) =>
  ({ ...registration, customerSubscriptionId: customer.subscriptionId });

/** The emulator's request log once `predicate` holds for it; fails, naming `what`, when it does not within 10 s. */
async function waitForLog(what: string, predicate: (log: Awaited<ReturnType<ReturnType<typeof control>['requests']>>) => boolean) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const log = await control().requests();
    if (predicate(log)) return log;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the log holds ${log.map((e) => `${e.method} ${e.path} ${e.status}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('azure/registrations against the emulator', function () {
  this.timeout(30_000);
  const address = requireEmulator();
  let client: RegistrationsClient;

  beforeEach(async () => {
    await control().reset();
    client = sandboxClient();
  });
  after(() => control().reset());

  describe('reads', () => {
    it('lists the subscriptions the service principal sees', async () => {
      const subscriptions = await client.listSubscriptions();
      assert.deepEqual(subscriptions.map((s) => [s.subscriptionId, s.displayName, s.state]),
        unitState.subscriptions!.map((s) => [s.subscriptionId, s.displayName, 'Enabled']));
    });

    it('lists the registrations of a subscription with what the tree shows, in one request', async () => {
      await control().clearRequests();
      const found = await client.listRegistrations(seeded.payAsYouUse.subscriptionId);
      const expected = unitState.registrations!.filter((r) => r.subscriptionId === seeded.payAsYouUse.subscriptionId);
      assert.deepEqual(found.map((r) => [r.registrationName, r.resourceGroup, r.billingModel, r.cloudId, r.objectId, r.location]),
        expected.map((r) => [r.name, r.resourceGroup, r.billingModel, r.cloudId, r.objectId, 'global']));
      assert.deepEqual(conversation(armCalls(await control().requests())), ['GET 200']);
    });

    it('gets one registration', async () => {
      const registration = await client.getRegistration(seeded.capacity);
      assert.equal(registration.id, registrationPath(seeded.capacity));
      assert.equal(registration.billingModel, 'Capacity');
    });

    it('lists tenants one page at a time with a continuation, and all of them through the iterator', async () => {
      const first = await client.listTenantsPage(seeded.payAsYouUse);
      assert.equal(first.tenants.length, 5);
      assert.ok(first.continuation);
      const second = await client.listTenantsPage(seeded.payAsYouUse, first.continuation);
      assert.deepEqual(second.tenants.map((t) => t.customerSubscriptionId), seeded.tenants.slice(5, 10).map((t) => t.subscriptionId));
      await control().clearRequests();
      const all: Tenant[] = [];
      for await (const tenant of client.listTenants(seeded.payAsYouUse)) all.push(tenant);
      assert.deepEqual(all.map((t) => [t.customerSubscriptionId, t.tenantId]), seeded.tenants.map((t) => [t.subscriptionId, t.tenantId]));
      assert.equal(all[0].registrationName, 'stockholm-payg');
      assert.deepEqual(conversation(armCalls(await control().requests())), ['GET 200', 'GET 200', 'GET 200']);
    });

    it('gets one tenant', async () => {
      const tenant = await client.getTenant(tenantOf(seeded.tenants[3]));
      assert.equal(tenant.tenantId, seeded.tenants[3].tenantId);
      assert.equal(tenant.id, `${registrationPath(seeded.payAsYouUse)}/customerSubscriptions/${seeded.tenants[3].subscriptionId}`);
    });
  });

  describe('writes', () => {
    it('adds a tenant (201, no body) and removes it (204), each in one request', async () => {
      const customer = seeded.ours[0];
      await control().clearRequests();
      const added = await client.addTenant(tenantOf(customer), customer.tenantId);
      assert.deepEqual([added.tenant.customerSubscriptionId, added.tenant.tenantId, added.confirmedAfter], [customer.subscriptionId, customer.tenantId, undefined]);
      assert.equal((await client.getTenant(tenantOf(customer))).tenantId, customer.tenantId);
      assert.deepEqual(await client.removeTenant(tenantOf(customer)), {});
      const gone = await failureOf(client.getTenant(tenantOf(customer)));
      assert.equal(gone.code, 'CustomerSubscriptionNotFound');
      assert.deepEqual(conversation(armCalls(await control().requests())), ['PUT 201', 'GET 200', 'DELETE 204', 'GET 404']);
    });

    it('reads the added tenant from the answer when the service sends the resource (200/201 with body)', async () => {
      await control().replaceState({ ...unitState, customerSubscriptionPut: 'okWithBody' });
      const customer = seeded.ours[1];
      const added = await client.addTenant(tenantOf(customer), customer.tenantId);
      assert.equal(added.tenant.id, `${registrationPath(seeded.payAsYouUse)}/customerSubscriptions/${customer.subscriptionId}`);
      assert.equal(added.tenant.tenantId, customer.tenantId);
    });
  });

  describe('the eight documented error codes', () => {
    const cases: [ErrorCode, () => Promise<unknown>][] = [
      ['RegistrationNotFound', () => client.addTenant(tenantOf(seeded.ours[0], { ...seeded.payAsYouUse, registrationName: 'stockholm-typo' }), seeded.ours[0].tenantId)],
      ['InvalidCustomerSubscriptionId', () => client.addTenant({ ...seeded.payAsYouUse, customerSubscriptionId: '1234-not-a-guid' }, seeded.ours[0].tenantId)],
      ['CustomerSubscriptionNotFound', () => client.removeTenant(tenantOf(seeded.ours[0]))],
      ['UnauthorizedCspRegistration', () => client.addTenant(tenantOf(seeded.ours[0], seeded.notApproved), seeded.ours[0].tenantId)],
      ['CustomerSubscriptionsNotAllowed', () => client.addTenant(tenantOf(seeded.ours[0], seeded.capacity), seeded.ours[0].tenantId)],
      ['InvalidCSPSubscription', () => client.addTenant(tenantOf(seeded.notCsp), seeded.notCsp.tenantId)],
      ['BadCustomerSubscriptionId', () => client.addTenant(tenantOf(seeded.otherPartners), seeded.otherPartners.tenantId)],
    ];
    for (const [code, call] of cases) {
      it(`${code}: documented cause and remedy, the service's status, sent once`, async () => {
        await control().clearRequests();
        const failure = await failureOf(call());
        assert.equal(failure.code, code);
        assert.equal(failure.kind, 'service');
        assert.equal(failure.status, errorCatalog[code].status);
        assert.equal(failure.documented?.remedy.en, errorCatalog[code].remedy.en);
        assert.equal(failure.transient, false);
        assert.match(failure.correlationId ?? '', /^[0-9a-f-]{36}$/);
        assert.equal(armCalls(await control().requests()).length, 1, 'a 4xx is not retried');
      });
    }

    it('CustomerSubscriptionsNotAllowed for a Development registration too, and InvalidCSPSubscription for an unknown subscription', async () => {
      const development = await failureOf(client.addTenant(tenantOf(seeded.ours[0], seeded.development), seeded.ours[0].tenantId));
      assert.equal(development.code, 'CustomerSubscriptionsNotAllowed');
      const unknown = await failureOf(client.addTenant(tenantOf({ subscriptionId: '0f9e8d7c-6b5a-4938-a716-151413121110' }), seeded.ours[0].tenantId));
      assert.equal(unknown.code, 'InvalidCSPSubscription');
    });

    it('MetadataResolverBadGatewayError: a read retries, then reports the code as transient', async () => {
      await control().addFaults({ kind: 'status', status: 502, path: 'registrations/stockholm-payg$', count: 10 });
      const failure = await failureOf(client.getRegistration(seeded.payAsYouUse));
      assert.deepEqual([failure.code, failure.status, failure.transient], ['MetadataResolverBadGatewayError', 502, true]);
      assert.equal(failure.documented?.code, 'MetadataResolverBadGatewayError');
      assert.deepEqual(conversation(armCalls(await control().requests())), ['GET 502', 'GET 502', 'GET 502', 'GET 502']);
    });
  });

  describe('retries', () => {
    it('retries a throttled read after the Retry-After wait', async () => {
      await control().addFaults({ kind: 'status', status: 429, retryAfterSeconds: 1, path: 'registrations/stockholm-payg$' });
      assert.equal((await client.getRegistration(seeded.payAsYouUse)).registrationName, 'stockholm-payg');
      const calls = armCalls(await control().requests());
      assert.deepEqual(conversation(calls), ['GET 429', 'GET 200']);
      const waited = Date.parse(calls[1].time) - Date.parse(calls[0].time);
      assert.ok(waited >= 950, `the retry came after ${waited} ms`);
    });

    it('retries a read after 500s and a dropped connection', async () => {
      await control().addFaults({ kind: 'status', status: 500, path: 'customerSubscriptions$', count: 2 }, { kind: 'drop', path: 'customerSubscriptions$' });
      const page = await client.listTenantsPage(seeded.payAsYouUse);
      assert.equal(page.tenants.length, 5);
      assert.deepEqual(conversation(armCalls(await control().requests())), ['GET 500', 'GET 500', 'GET 0', 'GET 200']);
    });

    it('retries a throttled write (429, 503 with Retry-After): the service did not apply it', async () => {
      const customer = seeded.ours[0];
      await control().addFaults(
        { kind: 'status', status: 429, retryAfterSeconds: 1, path: 'customerSubscriptions/', method: 'PUT' },
        { kind: 'status', status: 503, retryAfterSeconds: 1, path: 'customerSubscriptions/', method: 'PUT' },
      );
      await client.addTenant(tenantOf(customer), customer.tenantId);
      assert.deepEqual(conversation(armCalls(await control().requests())), ['PUT 429', 'PUT 503', 'PUT 201']);
    });

    it('does not resend a write after a 500; a read shows it did not land', async () => {
      const customer = seeded.ours[0];
      await control().addFaults({ kind: 'status', status: 500, path: 'customerSubscriptions/', method: 'PUT' });
      const failure = await failureOf(client.addTenant(tenantOf(customer), customer.tenantId));
      assert.deepEqual([failure.code, failure.writeOutcome, failure.transient], ['InternalServerError', 'notApplied', true]);
      assert.deepEqual(conversation(armCalls(await control().requests())), ['PUT 500', 'GET 404']);
    });

    it('does not resend a write whose 502 hid that it landed; reports success with what happened', async () => {
      const customer = seeded.ours[0];
      await control().addFaults({ kind: 'status', status: 502, path: 'customerSubscriptions/', method: 'PUT', afterApply: true });
      const added = await client.addTenant(tenantOf(customer), customer.tenantId);
      assert.equal(added.tenant.tenantId, customer.tenantId);
      assert.equal(added.confirmedAfter?.code, 'MetadataResolverBadGatewayError');
      assert.deepEqual(conversation(armCalls(await control().requests())), ['PUT 502', 'GET 200']);
    });

    it('does not resend a write after a dropped connection or a garbled answer', async () => {
      const [first, second] = seeded.ours;
      await control().addFaults(
        { kind: 'drop', path: `customerSubscriptions/${first.subscriptionId}`, method: 'PUT', afterApply: true },
        { kind: 'malformedJson', path: `customerSubscriptions/${second.subscriptionId}`, method: 'PUT', afterApply: true },
      );
      const dropped = await client.addTenant(tenantOf(first), first.tenantId);
      assert.equal(dropped.confirmedAfter?.kind, 'network');
      const garbled = await client.addTenant(tenantOf(second), second.tenantId);
      assert.equal(garbled.confirmedAfter?.kind, 'invalidResponse');
      assert.deepEqual(conversation(armCalls(await control().requests())), ['PUT 0', 'GET 200', 'PUT 200', 'GET 200']);
    });

    it('does not resend a remove whose connection dropped after it was applied', async () => {
      const tenant = tenantOf(seeded.tenants[0]);
      await control().addFaults({ kind: 'drop', path: 'customerSubscriptions/', method: 'DELETE', afterApply: true });
      const removed = await client.removeTenant(tenant);
      assert.equal(removed.confirmedAfter?.kind, 'network');
      assert.deepEqual(conversation(armCalls(await control().requests())), ['DELETE 0', 'GET 404']);
    });

    it('does not resend a remove after a 500 that left the tenant in place', async () => {
      await control().addFaults({ kind: 'status', status: 500, path: 'customerSubscriptions/', method: 'DELETE' });
      const failure = await failureOf(client.removeTenant(tenantOf(seeded.tenants[0])));
      assert.equal(failure.writeOutcome, 'notApplied');
      assert.deepEqual(conversation(armCalls(await control().requests())), ['DELETE 500', 'GET 200']);
    });

    it('says the outcome is unknown when the read after a lost answer fails too', async () => {
      const customer = seeded.ours[0];
      await control().addFaults(
        { kind: 'status', status: 500, path: 'customerSubscriptions/', method: 'PUT' },
        { kind: 'status', status: 500, path: 'customerSubscriptions/', method: 'GET', count: 10 },
      );
      const failure = await failureOf(client.addTenant(tenantOf(customer), customer.tenantId));
      assert.equal(failure.writeOutcome, 'unknown');
      assert.deepEqual(conversation(armCalls(await control().requests())), ['PUT 500', 'GET 500', 'GET 500', 'GET 500', 'GET 500']);
    });
  });

  describe('cancellation and time limits', () => {
    it('cancels a slow call (how fast: npm run bench)', async () => {
      await control().addFaults({ kind: 'latency', ms: 5000, path: 'registrations/stockholm-payg$' });
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 100);
      const failure = await failureOf(client.getRegistration(seeded.payAsYouUse, { abortSignal: abort.signal }));
      assert.deepEqual([failure.kind, failure.code], ['cancelled', 'Cancelled']);
    });

    it('stops listing tenants when cancelled between pages', async () => {
      const abort = new AbortController();
      const seen: string[] = [];
      const failure = await failureOf((async () => {
        for await (const tenant of client.listTenants(seeded.payAsYouUse, { abortSignal: abort.signal })) {
          seen.push(tenant.customerSubscriptionId);
          if (seen.length === 5) abort.abort();
        }
      })());
      assert.equal(failure.kind, 'cancelled');
      assert.equal(seen.length, 5);
    });

    it('reports a timeout as a network failure, and confirms a write that landed before its answer came', async () => {
      const customer = seeded.ours[0];
      await control().addFaults({ kind: 'latency', ms: 1500, path: 'customerSubscriptions/', method: 'PUT', afterApply: true });
      const added = await client.addTenant(tenantOf(customer), customer.tenantId, { timeoutMs: 400 });
      assert.deepEqual([added.confirmedAfter?.kind, added.confirmedAfter?.code], ['network', 'Timeout']);
      const log = await waitForLog('the PUT, answered late, in the log', (entries) => entries.some((e) => e.method === 'PUT'));
      assert.deepEqual(armCalls(log).map((r) => r.method).sort(), ['GET', 'PUT']);
    });
  });

  describe('expired tokens', () => {
    it('gets a new token once and repeats the call', async () => {
      await client.listSubscriptions();
      await control().expireTokens();
      await control().clearRequests();
      assert.equal((await client.getRegistration(seeded.payAsYouUse)).registrationName, 'stockholm-payg');
      const log = await control().requests();
      assert.deepEqual(log.map((r) => `${r.method} ${r.path.replace(address.tenantId, '{tenant}')} ${r.status}`), [
        `GET ${registrationPath(seeded.payAsYouUse)} 401`,
        'GET /{tenant}/v2.0/.well-known/openid-configuration 200',
        'POST /{tenant}/oauth2/v2.0/token 200',
        `GET ${registrationPath(seeded.payAsYouUse)} 200`,
      ]);
    });

    it('asks to sign in again when the new token is refused too', async () => {
      await client.listSubscriptions();
      await control().addFaults({ kind: 'status', status: 401, path: 'registrations/stockholm-payg$', count: 2 });
      await control().clearRequests();
      const failure = await failureOf(client.getRegistration(seeded.payAsYouUse));
      assert.deepEqual([failure.kind, failure.status], ['notSignedIn', 401]);
      assert.deepEqual(conversation(armCalls(await control().requests())), ['GET 401', 'GET 401']);
    });

    it('renews a token once for concurrent calls that all met the 401', async () => {
      await client.listSubscriptions();
      await control().expireTokens();
      await control().clearRequests();
      await Promise.all([client.getRegistration(seeded.payAsYouUse), client.getRegistration(seeded.capacity), client.getRegistration(seeded.notApproved)]);
      const tokenRequests = (await control().requests()).filter((r) => r.path.endsWith('/token'));
      assert.equal(tokenRequests.length, 1);
    });
  });

  describe('bad input', () => {
    it('refuses empty parts before any request instead of addressing another resource', async () => {
      await control().clearRequests();
      const failure = await failureOf(client.getTenant({ ...seeded.payAsYouUse, registrationName: ' ', customerSubscriptionId: '' }));
      assert.deepEqual([failure.code, failure.serviceMessage], ['InvalidArgument', 'empty registrationName, customerSubscriptionId']);
      assert.deepEqual(await control().requests(), []);
    });

    it('encodes names so that a slash or question mark cannot reach another path', async () => {
      const failure = await failureOf(client.getTenant({ ...seeded.payAsYouUse, customerSubscriptionId: '../../x?api-version=2016-01-01' }));
      assert.equal(failure.code, 'InvalidCustomerSubscriptionId');
      assert.equal(failure.target, '../../x?api-version=2016-01-01');
    });

    it('refuses a nextLink to another host instead of sending the token there', async () => {
      await control().clearRequests();
      const failure = await failureOf(client.listTenantsPage(seeded.payAsYouUse, 'https://attacker.example/subscriptions/x?$skipToken=1'));
      assert.deepEqual([failure.kind, failure.code], ['invalidResponse', 'InvalidResponse']);
      assert.deepEqual(armCalls(await control().requests()), []);
    });
  });

  describe('request logging', () => {
    it('reports each attempt with method, path, api-version, status and correlation ID, and nothing secret', async () => {
      const entries: RequestLogEntry[] = [];
      const logged = sandboxClient({ logger: (entry) => entries.push(entry) });
      await control().addFaults({ kind: 'status', status: 500, path: 'registrations/malmo-capacity$' });
      await logged.getRegistration(seeded.capacity);
      assert.deepEqual(entries.map((e) => [e.method, e.path, e.apiVersion, e.status]), [
        ['GET', registrationPath(seeded.capacity), '2017-06-01', 500],
        ['GET', registrationPath(seeded.capacity), '2017-06-01', 200],
      ]);
      assert.ok(entries.every((e) => /^[0-9a-f-]{36}$/.test(e.correlationId ?? '') && e.durationMs >= 0));
      const text = JSON.stringify(entries);
      assert.ok(!text.includes(address.clientSecret) && !/eyJ|Bearer/.test(text), text);
    });
  });
});
