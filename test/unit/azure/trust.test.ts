// Where credentials and tokens may go (src/azure/trust.ts): the rules on their own, then against the emulator's
// hostile stamps (test/fixtures/emulator/hostile-stamps.json), reading from the emulator's request log what reached
// them — never the Azure service principal's secret, never a token for the Azure emulator's Resource Manager.
import * as assert from 'node:assert/strict';
import { bearerTokenAuthenticationPolicy, createDefaultHttpClient, createPipelineFromOptions, createPipelineRequest } from '@azure/core-rest-pipeline';
import { publicClouds } from '../../../src/azure/clouds';
import { checkSignIn, createCredentialFactory } from '../../../src/azure/credentials';
import { discoverStamp, readStampMetadata, signInTenant, StampClient, stampEndpoints } from '../../../src/azure/stamps';
import {
  audienceRefusal, azureSignInCanServeStamp, isAzureResourceManagerAudience, isPublicAuthority, loginEndpointExpected, originGuardPolicy, pinChanges,
  type StampSignInFacts,
} from '../../../src/azure/trust';
import { rawRequest } from '../../emulator/client';
import type { LoggedRequest } from '../../emulator/requestLog';
import { armToken, control, hostileStamps, requireEmulator, stampEndpoint, unitState } from '../emulatorHelpers';
import { emulatorCloud, failureOf, sandboxSignIn, stampPrincipal } from './sandbox';

const adfsFacts = (loginEndpoint: string, audience = 'https://adminmanagement.adfs.contoso.local/0b6f2a4e-0000-4000-8000-000000000001'): StampSignInFacts =>
  ({ identitySystem: 'adfs', loginEndpoint, audience });

describe('azure/trust: where credentials and tokens may go', () => {
  describe('the rules', () => {
    const admin = 'https://adminmanagement.local.azurestack.external';

    it("refuses Azure Resource Manager's audience of every public and sovereign cloud, and of the configured one", () => {
      for (const audience of [
        'https://management.azure.com/', 'https://management.core.windows.net/', 'https://MANAGEMENT.AZURE.COM', 'https://management.azure.com/anything/',
        'https://management.chinacloudapi.cn', 'https://management.core.chinacloudapi.cn/', 'https://management.usgovcloudapi.net',
        'https://management.core.usgovcloudapi.net/', 'https://management.microsoftazure.de', 'https://management.core.cloudapi.de/',
      ]) {
        assert.equal(audienceRefusal(admin, audience)?.code, 'StampAudienceIsAzureResourceManager', audience);
      }
      const custom = { ...publicClouds.AzureCloud, name: 'Custom' as const, resourceManagerEndpoint: 'https://management.contoso.example:8443' };
      assert.ok(isAzureResourceManagerAudience('https://management.contoso.example:8443/', custom));
      assert.ok(!isAzureResourceManagerAudience('https://management.contoso.example/', custom), 'another port is another origin');
      assert.match(audienceRefusal(admin, 'https://management.azure.com/')?.message.sv ?? '', /Inget skickades/);
    });

    it("takes the stamp's own Resource Manager applications and origin, and refuses every other audience", () => {
      for (const audience of [
        'https://adminmanagement.contoso.onmicrosoft.com/2d5a9b87-0000-4000-8000-000000000001',
        'https://adminmanagement.adfs.azurestack.local/0b6f2a4e-0000-4000-8000-000000000001',
        'https://management.adfs.azurestack.local/tenant',
        `${admin}/`,
      ]) assert.equal(audienceRefusal(admin, audience), undefined, audience);
      for (const audience of ['https://graph.microsoft.com/', 'https://vault.azure.net', 'https://collector.example/x', 'https://adminmanagement/x', 'http://adminmanagement.x.example/1', 'not a url']) {
        assert.equal(audienceRefusal(admin, audience)?.code, 'StampAudienceNotTheStamps', audience);
      }
    });

    it('tells Microsoft sign-in hosts from every other authority', () => {
      for (const host of ['https://login.microsoftonline.com/', 'https://login.windows.net', 'https://login.chinacloudapi.cn/', 'https://login.microsoftonline.us']) assert.ok(isPublicAuthority(host), host);
      for (const host of ['https://adfs.local.azurestack.external/adfs', 'https://127.0.0.1:4443', 'http://login.microsoftonline.com', 'https://login.microsoftonline.com.evil.example']) assert.ok(!isPublicAuthority(host), host);
    });

    it('expects AD FS on the stamp\'s domain and Entra ID at Microsoft or the configured cloud, and flags anything else', () => {
      assert.ok(loginEndpointExpected(admin, adfsFacts('https://adfs.local.azurestack.external/adfs')));
      assert.ok(!loginEndpointExpected(admin, adfsFacts('https://adfs.collector.example/adfs')));
      assert.ok(loginEndpointExpected('https://127.0.0.1:4443', adfsFacts('https://127.0.0.1:4443/adfs')));
      assert.ok(!loginEndpointExpected('https://127.0.0.1:4443', adfsFacts('https://127.0.0.1:5443/adfs')), 'an address names one site per port');
      const entra = (loginEndpoint: string): StampSignInFacts => ({ identitySystem: 'entraId', loginEndpoint, audience: 'https://adminmanagement.contoso.onmicrosoft.com/1' });
      assert.ok(loginEndpointExpected(admin, entra('https://login.microsoftonline.com/')));
      assert.ok(!loginEndpointExpected(admin, entra('https://login.collector.example/')));
      const custom = { ...publicClouds.AzureCloud, name: 'Custom' as const, authorityHost: 'https://login.contoso.example' };
      assert.ok(loginEndpointExpected(admin, entra('https://login.contoso.example/'), custom));
    });

    it('finds what changed since the pin, ignoring the case of the host and trailing slashes', () => {
      const pinned = adfsFacts('https://adfs.local.azurestack.external/adfs');
      assert.deepEqual(pinChanges(pinned, { ...pinned, loginEndpoint: 'https://ADFS.local.azurestack.external/adfs/' }), []);
      assert.deepEqual(pinChanges(pinned, { identitySystem: 'entraId', loginEndpoint: 'https://login.microsoftonline.com/', audience: pinned.audience }).map((c) => c.fact),
        ['identitySystem', 'loginEndpoint']);
      assert.deepEqual(pinChanges(pinned, { ...pinned, audience: 'https://adminmanagement.adfs.contoso.local/other' }),
        [{ fact: 'audience', pinned: pinned.audience, now: 'https://adminmanagement.adfs.contoso.local/other' }]);
    });

    it('offers the Azure sign-in only for an Entra ID stamp at the same authority, in the same directory', () => {
      const azure = { cloud: publicClouds.AzureCloud, directory: '6f1d4a52-0e3b-4c8e-9a71-2b5d8c9e0f13' };
      const facts: StampSignInFacts = { identitySystem: 'entraId', loginEndpoint: 'https://login.microsoftonline.com/', audience: 'https://adminmanagement.contoso.onmicrosoft.com/1' };
      assert.ok(azureSignInCanServeStamp({ facts, directory: '6F1D4A52-0E3B-4C8E-9A71-2B5D8C9E0F13' }, azure));
      assert.ok(!azureSignInCanServeStamp({ facts, directory: '0a0b0c0d-0000-4000-8000-000000000000' }, azure), 'another directory');
      assert.ok(!azureSignInCanServeStamp({ facts, directory: undefined }, azure));
      assert.ok(!azureSignInCanServeStamp({ facts, directory: azure.directory }, { ...azure, directory: undefined }));
      assert.ok(!azureSignInCanServeStamp({ facts: { ...facts, loginEndpoint: 'https://login.collector.example/' }, directory: azure.directory }, azure), 'another authority');
      assert.ok(!azureSignInCanServeStamp({ facts: adfsFacts('https://login.microsoftonline.com/adfs'), directory: azure.directory }, azure), 'AD FS');
    });
  });

  describe('hostile stamps against the emulator', function () {
    this.timeout(30_000);
    const address = requireEmulator();
    const cloud = emulatorCloud();
    const hostile = Object.values(hostileStamps);

    beforeEach(async () => {
      await control().reset();
      await control().replaceState({ ...unitState, stamps: [...unitState.stamps ?? [], ...hostile] });
    });
    after(() => control().reset());

    /** What reached the hostile stamps: every request to them, with the kinds of credential it carried. */
    const reachedHostile = async () => (await control().requests()).filter((r) => hostile.some((s) => s.name === r.stamp));
    const carried = (log: LoggedRequest[]) => [...new Set(log.flatMap((r) => r.carried ?? []))].sort();

    it("the request log sees the Azure secret and an ARM token wherever they arrive (so its silence below means something)", async () => {
      const collector = await stampEndpoint('collector');
      await rawRequest(collector, {
        method: 'POST', path: '/adfs/oauth2/token', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: address.clientId, client_secret: address.clientSecret, scope: 'x/.default' }).toString(),
      });
      await rawRequest(collector, { path: '/subscriptions?api-version=2016-06-01', headers: { Authorization: `Bearer ${await armToken()}` } });
      const log = await reachedHostile();
      assert.deepEqual(log.map((r) => [r.method, r.path, r.status, r.carried]), [
        ['POST', '/adfs/oauth2/token', 400, ['azureSecret']],
        ['GET', '/subscriptions', 401, ['armToken']],
      ], 'the collector refuses the Azure principal and the ARM token, and the log names both');
    });

    it("refuses a stamp that asks for Azure Resource Manager's audience: only its metadata was read", async () => {
      const endpoint = await stampEndpoint('arm-audience');
      const refused = await failureOf(discoverStamp(endpoint, { azureCloud: cloud }));
      assert.deepEqual([refused.kind, refused.code], ['untrusted', 'StampAudienceIsAzureResourceManager']);
      assert.match(refused.documented?.cause.en ?? '', new RegExp(`token for Azure Resource Manager \\(${address.url}/\\)`));
      // A client built from that answer anyway (a bug, a hand-edited pin) refuses before any request.
      const answer = readStampMetadata(endpoint, { authentication: { loginEndpoint: `${endpoint}/adfs`, audiences: [`${address.url}/`] } })!;
      const { clientId, clientSecret } = await stampPrincipal('arm-audience');
      const credentials = createCredentialFactory({ method: 'servicePrincipal', tenantId: 'adfs', clientId, clientSecret }, answer.cloud);
      assert.throws(() => new StampClient({ stamp: answer, credentials, azureCloud: cloud }), /StampAudienceIsAzureResourceManager/);
      const log = await control().requests();
      assert.deepEqual(log.map((r) => `${r.method} ${r.path} ${r.stamp ?? 'arm'}`), ['GET /metadata/endpoints arm-audience']);
      assert.deepEqual(carried(log), []);
    });

    it('signs in to a stamp whose login endpoint is foreign only with that stamp\'s own credentials: the collector never sees Azure\'s', async () => {
      const endpoint = await stampEndpoint('rogue-login');
      const stamp = await discoverStamp(endpoint, { azureCloud: cloud });
      assert.equal(stamp.loginEndpoint, `${await stampEndpoint('collector')}/adfs`);
      assert.ok(!loginEndpointExpected(endpoint, stamp, cloud), 'the user is warned before confirming it');
      // The Azure sign-in has a token already: it must not travel.
      assert.ok((await checkSignIn(createCredentialFactory(sandboxSignIn(), cloud), cloud)).ok);
      const tenant = signInTenant(stamp, undefined);
      assert.ok(tenant.ok);
      const { clientId, clientSecret } = await stampPrincipal('rogue-login');
      const client = new StampClient({ stamp, credentials: createCredentialFactory({ method: 'servicePrincipal', tenantId: tenant.tenantId, clientId, clientSecret }, stamp.cloud), azureCloud: cloud });
      assert.equal((await failureOf(client.listAdminSubscriptions())).kind, 'notSignedIn', 'the collector does not know the rogue stamp\'s principal');
      const log = await reachedHostile();
      assert.deepEqual(carried(log.filter((r) => r.stamp === 'collector')), ['clientSecret'], 'only the secret the user gave for this stamp');
      assert.ok(!carried(log).includes('azureSecret') && !carried(log).includes('armToken'));
    });

    it('sees every difference from the pin after the stamp changed its metadata, having sent nothing but the metadata requests', async () => {
      const endpoint = await stampEndpoint('shifting');
      const pinned = await discoverStamp(endpoint, { azureCloud: cloud });
      const changed = { ...hostileStamps.shifting, metadata: { loginEndpoint: '{stamp:collector}/adfs', audience: 'https://adminmanagement.collector.example/0c011ec7-0000-4000-8000-0000000a0d00' } };
      await control().replaceState({ ...unitState, stamps: [...unitState.stamps ?? [], ...hostile.filter((s) => s.name !== 'shifting'), changed] });
      const now = await discoverStamp(endpoint, { azureCloud: cloud });
      assert.deepEqual(pinChanges(pinned, now).map((c) => [c.fact, c.now]), [
        ['loginEndpoint', `${await stampEndpoint('collector')}/adfs`],
        ['audience', 'https://adminmanagement.collector.example/0c011ec7-0000-4000-8000-0000000a0d00'],
      ]);
      // Built from the pin, the client still asks for the confirmed audience at the confirmed login endpoint.
      assert.deepEqual([stampEndpoints(endpoint, pinned).cloud.armScope, stampEndpoints(endpoint, pinned).cloud.authorityHost],
        [`${hostileStamps.shifting.audience}/.default`, `${endpoint}/adfs`]);
      const log = await control().requests();
      assert.deepEqual(log.map((r) => `${r.method} ${r.path} ${r.stamp}`), ['GET /metadata/endpoints shifting', 'GET /metadata/endpoints shifting']);
    });

    it('never sends a request that carries a token to another origin than the one it was asked for', async () => {
      const endpoint = await stampEndpoint('shifting');
      const stamp = await discoverStamp(endpoint, { azureCloud: cloud });
      const { clientId, clientSecret } = await stampPrincipal('shifting');
      const pipeline = createPipelineFromOptions({ retryOptions: { maxRetries: 0 } });
      const credential = createCredentialFactory({ method: 'servicePrincipal', tenantId: 'adfs', clientId, clientSecret }, stamp.cloud)({ renew: false });
      pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: [stamp.cloud.armScope] }), { phase: 'Sign' });
      pipeline.addPolicy(originGuardPolicy(endpoint), { afterPhase: 'Sign' });
      const toArm = createPipelineRequest({ url: `${address.url}/subscriptions?api-version=2022-12-01` });
      const refused = await pipeline.sendRequest(createDefaultHttpClient(), toArm).then(() => undefined, (error: unknown) => error as { code?: string });
      assert.equal(refused?.code, 'RequestToAnotherHost');
      const toStamp = await pipeline.sendRequest(createDefaultHttpClient(), createPipelineRequest({ url: `${endpoint}/subscriptions?api-version=2016-06-01` }));
      assert.equal(toStamp.status, 200, 'the same pipeline reaches its own stamp');
      const log = await control().requests();
      assert.deepEqual(log.filter((r) => r.stamp === undefined).map((r) => r.path), [], 'nothing reached the Azure emulator');
    });
  });
});
