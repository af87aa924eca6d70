// The stamp client against the emulator's stamps over HTTPS, through the real @azure/identity and
// @azure/core-rest-pipeline code paths: the admin endpoint check, discovery and sign-in for Entra ID and AD FS,
// the Default Provider Subscription, tenant subscriptions over several pages, the activation, the registration for
// the billing join (by activation and by CloudDeploymentID) and the join itself.
import * as assert from 'node:assert/strict';
import { billingFor } from '../../../src/core/usage/billing';
import { checkSignIn, createCredentialFactory } from '../../../src/azure/credentials';
import type { RequestLogEntry } from '../../../src/azure/logging';
import { findStampRegistration } from '../../../src/azure/stampBilling';
import { discoverStamp, parseAdminEndpoint, readStampMetadata, signInTenant, StampClient } from '../../../src/azure/stamps';
import { control, requireEmulator, seeded, seededStamps, stampEndpoint, unitState } from '../emulatorHelpers';
import { conversation, discoveredStamp, failureOf, sandboxClient, sandboxStampClient, stampCalls } from './sandbox';

const entra = seededStamps.entraId;
const adfs = seededStamps.adfs;

describe('azure/stamps against the emulator', function () {
  this.timeout(30_000);
  const address = requireEmulator();

  beforeEach(() => control().reset());
  after(() => control().reset());

  describe('admin endpoint', () => {
    it('takes an https URL without query, and explains anything else in English and Swedish', () => {
      assert.deepEqual(parseAdminEndpoint(' https://adminmanagement.local.azurestack.external/ '), { ok: true, url: 'https://adminmanagement.local.azurestack.external' });
      const missing = parseAdminEndpoint('');
      assert.ok(!missing.ok);
      assert.equal(missing.message.en, "Give the stamp's admin endpoint, e.g. https://adminmanagement.local.azurestack.external");
      assert.match(missing.message.sv, /^Ange stämpelns administrativa slutpunkt/);
      const plain = parseAdminEndpoint('http://adminmanagement.local.azurestack.external');
      assert.ok(!plain.ok && plain.message.en === 'adminEndpoint must be an https URL without query: http://adminmanagement.local.azurestack.external');
      assert.ok(!parseAdminEndpoint('https://adminmanagement.local.azurestack.external/?x=1').ok);
      assert.ok(!parseAdminEndpoint('adminmanagement.local.azurestack.external').ok);
    });
  });

  describe('discovery and sign-in', () => {
    it('finds an Entra ID stamp: the login endpoint, its own audience and scope', async () => {
      const adminEndpoint = await stampEndpoint(entra.name);
      const stamp = await discoverStamp(`${adminEndpoint}/`);
      assert.deepEqual(stamp, {
        adminEndpoint,
        identitySystem: 'entraId',
        loginEndpoint: `${address.url}/`,
        audience: entra.audience,
        portalUrl: `${adminEndpoint}/portal`,
        cloud: {
          name: 'Custom', resourceManagerEndpoint: adminEndpoint, authorityHost: address.url, portalUrl: `${adminEndpoint}/portal`,
          armScope: `${entra.audience}/.default`, disableInstanceDiscovery: true,
        },
      });
      assert.deepEqual(signInTenant(stamp, ` ${entra.directoryTenantId} `), { ok: true, tenantId: entra.directoryTenantId });
      const noTenant = signInTenant(stamp, undefined);
      assert.ok(!noTenant.ok && /home directory/.test(noTenant.message.en));
    });

    it('finds an AD FS stamp: sign-in at its /adfs (or the bare AD FS host), tenant "adfs"', async () => {
      const adminEndpoint = await stampEndpoint(adfs.name);
      const stamp = await discoverStamp(adminEndpoint);
      assert.deepEqual([stamp.identitySystem, stamp.loginEndpoint, stamp.audience], ['adfs', `${adminEndpoint}/adfs`, adfs.audience]);
      assert.deepEqual([stamp.cloud.authorityHost, stamp.cloud.disableInstanceDiscovery], [`${adminEndpoint}/adfs`, true]);
      assert.deepEqual(signInTenant(stamp, 'ignored'), { ok: true, tenantId: 'adfs' });
      const { signIn } = await discoveredStamp(adfs);
      for (const authorityHost of [stamp.cloud.authorityHost, adminEndpoint]) {
        const signedIn = await checkSignIn(createCredentialFactory(signIn, { ...stamp.cloud, authorityHost }), stamp.cloud);
        assert.ok(signedIn.ok, `authority host ${authorityHost}`);
      }
    });

    it('keeps instance discovery for the public identity platform, and refuses metadata without sign-in', () => {
      const stamp = readStampMetadata('https://adminmanagement.contoso.example', {
        authentication: { loginEndpoint: 'https://login.microsoftonline.com/', audiences: ['https://adminmanagement.contoso.onmicrosoft.com/5d1e8e5a-0000-4000-8000-000000000001'] },
      });
      assert.deepEqual([stamp?.identitySystem, stamp?.cloud.authorityHost, stamp?.cloud.disableInstanceDiscovery], ['entraId', 'https://login.microsoftonline.com', false]);
      assert.equal(readStampMetadata('https://x.example', { authentication: { loginEndpoint: 'http://login.example/', audiences: ['a'] } }), undefined);
      assert.equal(readStampMetadata('https://x.example', { authentication: { loginEndpoint: 'https://login.example/', audiences: [] } }), undefined);
      assert.equal(readStampMetadata('https://x.example', 'garbage'), undefined);
    });

    it('reports an unreachable stamp, a garbled answer and a bad endpoint as failures, never a throw', async () => {
      const unreachable = await failureOf(discoverStamp('https://127.0.0.1:1', { retry: { maxRetries: 0 } }));
      assert.deepEqual([unreachable.kind, unreachable.code], ['network', 'ECONNREFUSED']);
      await control().addFaults({ kind: 'malformedJson', path: '^/metadata/endpoints$', stamp: entra.name });
      const garbled = await failureOf(discoverStamp(await stampEndpoint(entra.name)));
      assert.equal(garbled.kind, 'invalidResponse');
      const bad = await failureOf(discoverStamp('ftp://stamp.example'));
      assert.deepEqual([bad.code, bad.serviceMessage], ['InvalidArgument', 'adminEndpoint must be an https URL without query: ftp://stamp.example']);
      const arm = await discoverStamp(address.url);
      assert.equal(arm.identitySystem, 'adfs', "the ARM emulator's own metadata (for the Azure CLI) reads as AD FS");
    });

    it('signs in to both identity systems with @azure/identity and lists the admin subscriptions', async () => {
      for (const seed of [entra, adfs]) {
        const client = await sandboxStampClient(seed);
        const subscriptions = await client.listAdminSubscriptions();
        assert.deepEqual(subscriptions.map((s) => s.displayName), ['Default Provider Subscription', 'Metering Subscription', 'Consumption Subscription'], seed.name);
      }
      const log = await control().requests();
      assert.deepEqual(log.filter((r) => r.method === 'POST').map((r) => [r.path, r.stamp]), [
        [`/${entra.directoryTenantId}/oauth2/v2.0/token`, undefined],
        ['/adfs/oauth2/token', adfs.name],
      ]);
    });

    it('says "not signed in" for the wrong directory, and renews an expired token once', async () => {
      const { stamp, signIn } = await discoveredStamp(entra);
      const wrongDirectory = new StampClient({ stamp, credentials: createCredentialFactory({ ...signIn, tenantId: '6f1d4a52-0e3b-4c8e-9a71-2b5d8c9e0f13' } as typeof signIn, stamp.cloud) });
      const refused = await failureOf(wrongDirectory.listAdminSubscriptions());
      assert.equal(refused.kind, 'notSignedIn');
      const client = await sandboxStampClient(entra);
      await client.listAdminSubscriptions();
      await control().expireTokens();
      await control().clearRequests();
      assert.equal((await client.listAdminSubscriptions()).length, 3);
      assert.deepEqual(conversation(stampCalls(await control().requests(), entra.name)), ['GET 401', 'GET 200']);
    });
  });

  describe('admin reads', () => {
    it('lists every tenant subscription over all pages, with owner, offer, state, directory and whether it is a direct tenant', async () => {
      const logged: RequestLogEntry[] = [];
      const client = await sandboxStampClient(entra, { logger: (entry) => logged.push(entry) });
      const subscriptions = await client.listTenantSubscriptions();
      const seeded = entra.tenantSubscriptions!;
      assert.deepEqual(subscriptions.map((s) => [s.subscriptionId, s.displayName, s.owner, s.tenantId, s.state, s.directTenant]),
        seeded.map((s) => [s.subscriptionId, s.displayName, s.owner, s.tenantId, s.state ?? 'Enabled', s.delegatedProviderSubscriptionId === undefined]));
      assert.match(subscriptions[0].offerId ?? '', /\/providers\/Microsoft\.Subscriptions\.Admin\/offers\//);
      assert.deepEqual(logged.map((e) => [e.method, e.apiVersion, e.status]), [
        ['GET', '2016-06-01', 200], ['GET', '2015-11-01', 200], ['GET', '2015-11-01', 200], ['GET', '2015-11-01', 200],
      ]);
      assert.ok(logged.every((e) => !JSON.stringify(e).includes('Bearer')));
    });

    it('looks the Default Provider Subscription up once per client', async () => {
      const client = await sandboxStampClient(entra);
      assert.equal((await client.defaultProviderSubscription()).subscriptionId, entra.defaultProviderSubscriptionId);
      await client.listTenantSubscriptions();
      await client.getActivation();
      const calls = stampCalls(await control().requests(), entra.name).map((r) => r.path.split('/').slice(-1)[0]);
      assert.deepEqual(calls, ['subscriptions', 'subscriptions', 'subscriptions', 'subscriptions', 'default']);
    });

    it('reads the activation: the Azure registration the stamp reports through; none when not activated', async () => {
      const activation = await (await sandboxStampClient(entra)).getActivation();
      assert.deepEqual(activation, {
        registrationId: entra.registration,
        registration: { ...seeded.payAsYouUse },
        usageReportingEnabled: true,
      });
      assert.equal((await (await sandboxStampClient(adfs)).getActivation())?.usageReportingEnabled, false);
      await control().replaceState({ ...unitState, stamps: [{ ...entra, registration: undefined }] });
      assert.equal(await (await sandboxStampClient(entra)).getActivation(), undefined);
    });
  });

  describe('the registration behind the billing join', () => {
    it("finds it through the activation, and bills each tenant subscription's usage to its directory's customer subscription", async () => {
      const stampClient = await sandboxStampClient(entra);
      const [subscriptions, activation] = await Promise.all([stampClient.listTenantSubscriptions(), stampClient.getActivation()]);
      const found = await findStampRegistration(sandboxClient(), { activation });
      assert.ok(found.kind === 'found');
      assert.deepEqual([found.via, found.registration.name, found.registration.billingModel, found.registration.tenants.length], ['activation', 'stockholm-payg', 'PayAsYouUse', 12]);
      const billing = billingFor(subscriptions, found.registration);
      const customerOf = (directory: string) => seeded.tenants.find((t) => t.tenantId === directory)!.subscriptionId;
      const seededSubscriptions = entra.tenantSubscriptions!;
      assert.deepEqual(seededSubscriptions.map((s) => billing.get(s.subscriptionId)), [
        { kind: 'customer', customerSubscriptionId: customerOf(seededSubscriptions[0].tenantId), registrationName: 'stockholm-payg' },
        { kind: 'customer', customerSubscriptionId: customerOf(seededSubscriptions[1].tenantId), registrationName: 'stockholm-payg' },
        { kind: 'customer', customerSubscriptionId: customerOf(seededSubscriptions[2].tenantId), registrationName: 'stockholm-payg' },
        { kind: 'unregisteredDirectory', billedSubscriptionId: seeded.payAsYouUse.subscriptionId, registrationName: 'stockholm-payg' },
        { kind: 'customer', customerSubscriptionId: customerOf(seededSubscriptions[4].tenantId), registrationName: 'stockholm-payg' },
        { kind: 'customer', customerSubscriptionId: customerOf(seededSubscriptions[5].tenantId), registrationName: 'stockholm-payg' },
      ]);
      const capacity = await findStampRegistration(sandboxClient(), { activation: await (await sandboxStampClient(adfs)).getActivation() });
      assert.ok(capacity.kind === 'found');
      assert.equal(billingFor([], capacity.registration).size, 0);
      assert.deepEqual(billingFor(subscriptions.slice(0, 1), capacity.registration).get(subscriptions[0].subscriptionId),
        { kind: 'notPayAsYouUse', billingModel: 'Capacity', registrationName: 'malmo-capacity' });
    });

    it('finds it by CloudDeploymentID without an activation, says when several carry it, and when none does', async () => {
      const byCloudId = await findStampRegistration(sandboxClient(), { cloudDeploymentId: entra.cloudId.toUpperCase() });
      assert.ok(byCloudId.kind === 'found' && byCloudId.via === 'cloudDeploymentId' && byCloudId.registration.name === 'stockholm-payg');
      const twin = { ...unitState.registrations![0], name: 'stockholm-payg-2019', customerSubscriptions: [] };
      await control().replaceState({ ...unitState, registrations: [...unitState.registrations!, twin] });
      const ambiguous = await findStampRegistration(sandboxClient(), { cloudDeploymentId: entra.cloudId, subscriptionIds: [seeded.payAsYouUse.subscriptionId] });
      assert.ok(ambiguous.kind === 'ambiguous');
      assert.deepEqual(ambiguous.candidates.map((r) => r.registrationName), ['stockholm-payg', 'stockholm-payg-2019']);
      const activated = await findStampRegistration(sandboxClient(), { activation: await (await sandboxStampClient(entra)).getActivation(), cloudDeploymentId: entra.cloudId });
      assert.ok(activated.kind === 'found' && activated.via === 'activation', 'the activation settles which one');
      assert.deepEqual(await findStampRegistration(sandboxClient(), { cloudDeploymentId: '0a0b0c0d-0000-4000-8000-000000000000' }), { kind: 'notFound', cloudDeploymentId: '0a0b0c0d-0000-4000-8000-000000000000' });
      assert.deepEqual(await findStampRegistration(sandboxClient(), {}), { kind: 'notFound', cloudDeploymentId: undefined });
    });

    it('falls back to the CloudDeploymentID when the activated registration is gone', async () => {
      const activation = await (await sandboxStampClient(entra)).getActivation();
      const moved = { ...unitState.registrations![0], name: 'stockholm-payg-new' };
      await control().replaceState({ ...unitState, registrations: [moved, ...unitState.registrations!.slice(1)], stamps: [] });
      const found = await findStampRegistration(sandboxClient(), { activation, cloudDeploymentId: entra.cloudId });
      assert.ok(found.kind === 'found' && found.via === 'cloudDeploymentId' && found.registration.name === 'stockholm-payg-new');
    });
  });
});
