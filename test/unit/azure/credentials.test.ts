// Each sign-in method against the emulator's identity endpoints, through @azure/identity.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSignIn, createCredentialFactory, SessionCredential, tokenExpiry, type DeviceCodePrompt, type SignIn } from '../../../src/azure/credentials';
import { discoverStamp } from '../../../src/azure/stamps';
import { control, requireEmulator, seeded, seededStamps, stampEndpoint, unitState } from '../emulatorHelpers';
import { emulatorCloud, sandboxClient, sandboxSignIn } from './sandbox';

/** A self-signed RSA certificate with its key, as one PEM text (what a service principal's certificate file holds). */
function certificatePem(): { pem: string; certificate: string } {
  const dir = mkdtempSync(join(tmpdir(), 'azs-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=stamp principal'], { stdio: 'ignore' });
    const certificate = readFileSync(join(dir, 'cert.pem'), 'utf8');
    return { pem: `${readFileSync(join(dir, 'key.pem'), 'utf8')}${certificate}`, certificate };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('azure/credentials against the emulator', function () {
  this.timeout(30_000);
  const address = requireEmulator();
  const cloud = emulatorCloud();
  const check = (signIn: SignIn) => checkSignIn(createCredentialFactory(signIn, cloud), cloud);

  beforeEach(() => control().reset());

  it('signs in as a service principal from the environment, with the authority host of the cloud', async () => {
    const env = { AZURE_TENANT_ID: address.tenantId, AZURE_CLIENT_ID: address.clientId, AZURE_CLIENT_SECRET: address.clientSecret };
    const result = await check({ method: 'servicePrincipalEnvironment', env });
    assert.ok(result.ok && result.expiresOnTimestamp > Date.now() + 30 * 60_000, JSON.stringify(result));
    const log = await control().requests();
    assert.deepEqual(log.map((r) => `${r.method} ${r.path}`), [
      `GET /${address.tenantId}/v2.0/.well-known/openid-configuration`,
      `POST /${address.tenantId}/oauth2/v2.0/token`,
    ]);
  });

  it('names the missing environment variables instead of throwing', async () => {
    const result = await check({ method: 'servicePrincipalEnvironment', tenantId: address.tenantId, env: { AZURE_CLIENT_ID: address.clientId } });
    assert.ok(!result.ok);
    assert.equal(result.failure.kind, 'notSignedIn');
    assert.equal(result.failure.serviceMessage, 'Set AZURE_CLIENT_SECRET to sign in with a service principal from the environment.');
    assert.deepEqual(await control().requests(), []);
  });

  it('reports a wrong secret and an impossible tenant ID as "not signed in"', async () => {
    const wrongSecret = await check({ ...sandboxSignIn(), clientSecret: 'not-the-secret' } as SignIn);
    assert.ok(!wrongSecret.ok);
    assert.equal(wrongSecret.failure.kind, 'notSignedIn');
    assert.match(wrongSecret.failure.serviceMessage ?? '', /AADSTS7000215/, wrongSecret.failure.serviceMessage);
    const badTenant = await check({ method: 'servicePrincipal', tenantId: 'contoso tenant/..', clientId: address.clientId, clientSecret: address.clientSecret });
    assert.ok(!badTenant.ok);
    assert.equal(badTenant.failure.kind, 'notSignedIn');
  });

  it('signs in with a device code, showing the code and page to the user once', async () => {
    const prompts: DeviceCodePrompt[] = [];
    const client = sandboxClient({ signIn: { method: 'deviceCode', tenantId: address.tenantId, prompt: (info) => prompts.push(info) } });
    assert.equal((await client.getRegistration(seeded.capacity)).billingModel, 'Capacity');
    await client.getRegistration(seeded.development);
    assert.equal(prompts.length, 1);
    assert.equal(prompts[0].verificationUri, `${address.url}/devicelogin`);
    assert.match(prompts[0].message, new RegExp(`enter the code ${prompts[0].userCode} `));
  });

  it("signs in to a stamp's AD FS with the stamp principal's certificate, and is refused with another", async () => {
    const own = certificatePem();
    const other = certificatePem();
    const clientId = '0ce27000-0000-4000-8000-0000000c11e0';
    const adfs = { ...seededStamps.adfs, servicePrincipal: { clientId, certificate: own.certificate } };
    await control().replaceState({ ...unitState, stamps: [seededStamps.entraId, adfs] });
    const stamp = await discoverStamp(await stampEndpoint(adfs.name));
    const withCertificate = (pem: string) => checkSignIn(createCredentialFactory({ method: 'servicePrincipalCertificate', tenantId: 'adfs', clientId, certificate: pem }, stamp.cloud), stamp.cloud);
    const signedIn = await withCertificate(own.pem);
    assert.ok(signedIn.ok, JSON.stringify(signedIn));
    const refused = await withCertificate(other.pem);
    assert.ok(!refused.ok && refused.failure.kind === 'notSignedIn' && /AADSTS700027/.test(refused.failure.serviceMessage ?? ''), JSON.stringify(refused));
    const posts = (await control().requests()).filter((r) => r.method === 'POST');
    assert.deepEqual(posts.map((r) => [r.stamp, r.status, r.carried]), [[adfs.name, 200, ['clientAssertion']], [adfs.name, 401, ['clientAssertion']]]);
  });

  it("signs in to a stamp's AD FS with a device code, showing the code once", async () => {
    const stamp = await discoverStamp(await stampEndpoint(seededStamps.adfs.name));
    const prompts: DeviceCodePrompt[] = [];
    const signedIn = await checkSignIn(createCredentialFactory({ method: 'deviceCode', tenantId: 'adfs', prompt: (info) => prompts.push(info) }, stamp.cloud), stamp.cloud);
    assert.ok(signedIn.ok, JSON.stringify(signedIn));
    assert.equal(prompts.length, 1);
    const posts = (await control().requests()).filter((r) => r.method === 'POST').map((r) => [r.path, r.stamp]);
    assert.deepEqual(posts, [['/adfs/oauth2/devicecode', seededStamps.adfs.name], ['/adfs/oauth2/token', seededStamps.adfs.name]]);
  });

  describe('VS Code session adapter', () => {
    /** A stand-in for VS Code's Microsoft account: real emulator tokens, recording what it was asked. */
    function session() {
      const calls: { scopes: string[]; renew: boolean }[] = [];
      const tokens = createCredentialFactory(sandboxSignIn(), cloud);
      const source = async (scopes: string[], options: { renew: boolean }) => {
        calls.push({ scopes, renew: options.renew });
        return (await tokens({ renew: options.renew }).getToken(scopes))?.token;
      };
      return { calls, source };
    }

    it('reads the expiry from the JWT the session gives and calls ARM with it', async () => {
      const { calls, source } = session();
      const token = await new SessionCredential(source).getToken(cloud.armScope);
      const expiry = tokenExpiry(token.token);
      assert.ok(expiry && Math.abs(token.expiresOnTimestamp - expiry) < 1 && expiry > Date.now());
      const client = sandboxClient({ signIn: { method: 'vscode', session: source } });
      assert.equal((await client.listRegistrations(seeded.development.subscriptionId)).length, 1);
      assert.deepEqual(calls.map((c) => c.scopes), [[cloud.armScope], [cloud.armScope]]);
    });

    it('asks the session for a new token once after ARM refused the old one', async () => {
      const { calls, source } = session();
      const client = sandboxClient({ signIn: { method: 'vscode', session: source } });
      await client.listSubscriptions();
      await control().expireTokens();
      await client.listSubscriptions();
      assert.deepEqual(calls.map((c) => c.renew), [false, true]);
    });

    it('is "not signed in" when the session has no account', async () => {
      const result = await check({ method: 'vscode', session: () => Promise.resolve(undefined) });
      assert.ok(!result.ok);
      assert.deepEqual([result.failure.kind, result.failure.serviceMessage], ['notSignedIn', 'Not signed in to a Microsoft account in VS Code.']);
    });
  });

  it('tokenExpiry reads exp from a JWT and nothing from other text', () => {
    const payload = Buffer.from(JSON.stringify({ exp: 1_900_000_000 })).toString('base64url');
    assert.equal(tokenExpiry(`e30.${payload}.sig`), 1_900_000_000_000);
    for (const text of ['', 'opaque-token', 'a.%%%.c', `e30.${Buffer.from('{"exp":"soon"}').toString('base64url')}.c`]) {
      assert.equal(tokenExpiry(text), undefined, text);
    }
  });
});
