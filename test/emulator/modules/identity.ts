// Sign-in: the Microsoft identity platform's OpenID metadata, token and device-code endpoints for one tenant
// (what @azure/identity's ClientSecretCredential, ClientCertificateCredential and DeviceCodeCredential call), and the
// AD FS flavour plus ARM's `/metadata/endpoints` that the Azure CLI uses to register a custom cloud.
// Who may sign in where: the sandbox service principal in its own directory and at the ARM emulator's AD FS; each
// stamp's own service principal in the stamp's directory (Entra ID) or at the stamp's AD FS. Anyone else is refused,
// as a real directory refuses an application it does not know.
import { constants, randomUUID, verify, X509Certificate } from 'node:crypto';
import type { EmulatorContext } from '../context';
import type { EmulatorRequest, Reply, RouteModule } from '../router';

const deviceCodeGrant = 'urn:ietf:params:oauth:grant-type:device_code';

/** An error in the identity platform's shape (not ARM's). */
function oauthError(status: number, error: string, description: string, code: number): Reply {
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description}`,
      error_codes: [code],
      timestamp: new Date().toISOString(),
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
    },
  };
}

function openIdConfiguration(issuer: string, endpoints: string): Reply {
  return {
    status: 200,
    body: {
      issuer,
      authorization_endpoint: `${endpoints}/authorize`,
      token_endpoint: `${endpoints}/token`,
      device_authorization_endpoint: `${endpoints}/devicecode`,
      end_session_endpoint: `${endpoints}/logout`,
      jwks_uri: `${issuer}/discovery/keys`,
      response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      grant_types_supported: ['client_credentials', deviceCodeGrant],
      tenant_region_scope: 'WW',
      cloud_instance_name: 'azs-emulator',
    },
  };
}

/** The sandbox's own directory, and the home directory of each Entra ID stamp: the sandbox principal is in all of them. */
function directoryOf(tenant: string, context: EmulatorContext): string | undefined {
  const wanted = tenant.toLowerCase();
  const stampDirectories = context.store.stamps().filter((s) => s.identitySystem === 'entraId').map((s) => s.directoryTenantId);
  return [context.store.signIn.tenantId, ...stampDirectories].find((directory) => directory.toLowerCase() === wanted);
}

function knownTenant(tenant: string, context: EmulatorContext): boolean {
  return directoryOf(tenant, context) !== undefined || /^(organizations|common)$/i.test(tenant);
}

function unknownTenant(tenant: string): Reply {
  return oauthError(400, 'invalid_request', `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID.`, 90002);
}

/** The resource a scope such as `https://host/.default` asks for: `https://host`. */
function audienceOf(scopeOrResource: string | null): string {
  const first = (scopeOrResource ?? '').split(' ').find((s) => s && !/^(openid|profile|offline_access|email)$/.test(s)) ?? '';
  return first.replace(/\/\.default$/, '');
}

function tokenReply(context: EmulatorContext, grant: { audience: string; issuer: string; clientId: string; tenantId?: string }, extra: object = {}): Reply {
  const lifetimeSeconds = context.store.signIn.tokenLifetimeSeconds;
  const { token } = context.tokens.issue({ ...grant, tenantId: grant.tenantId ?? context.store.signIn.tenantId, lifetimeSeconds });
  return {
    status: 200,
    body: { token_type: 'Bearer', expires_in: lifetimeSeconds, ext_expires_in: lifetimeSeconds, access_token: token, ...extra },
  };
}

/** An application an endpoint knows: its ID, and the secret or certificate it proves itself with. */
interface KnownPrincipal {
  clientId: string;
  clientSecret: string;
  certificate?: string;
}

/**
 * The applications a token endpoint knows: for an Entra ID directory, the sandbox principal in its own directory and
 * the principal of each Entra ID stamp in that stamp's; for AD FS, the stamp's own principal (or, at the ARM
 * emulator's AD FS, the sandbox's).
 */
function principalsAt(context: EmulatorContext, directory: string | undefined, adfs: boolean): KnownPrincipal[] {
  const sandbox = context.store.signIn;
  if (adfs) {
    const stamp = context.stampName === undefined ? undefined : context.store.stamp(context.stampName);
    return stamp ? [stamp.principal] : [sandbox];
  }
  const wanted = directory?.toLowerCase();
  const stamps = context.store.stamps().filter((s) => s.identitySystem === 'entraId' && s.directoryTenantId.toLowerCase() === wanted).map((s) => s.principal);
  return wanted === undefined || wanted === sandbox.tenantId.toLowerCase() ? [sandbox, ...stamps] : stamps;
}

const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** True when `assertion` is a JWT for `clientId`, unexpired, signed (RS256 or PS256) with the key of `certificatePem`. */
function validAssertion(assertion: string, clientId: string, certificatePem: string): boolean {
  const [header, payload, signature] = assertion.split('.');
  if (!header || !payload || !signature) return false;
  try {
    const { alg } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: string; sub?: string; exp?: number };
    if (claims.iss?.toLowerCase() !== clientId.toLowerCase() || claims.sub?.toLowerCase() !== clientId.toLowerCase()) return false;
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return false;
    if (alg !== 'PS256' && alg !== 'RS256') return false;
    const key = new X509Certificate(certificatePem).publicKey;
    const padding = alg === 'PS256' ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO } : {};
    return verify('sha256', Buffer.from(`${header}.${payload}`), { key, ...padding }, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/** A client-credential grant: a principal the endpoint knows, with its secret or a client assertion signed by its certificate. */
function clientCredentials(form: URLSearchParams, context: EmulatorContext, issuer: string, directory: { tenantId: string | undefined; adfs: boolean }): Reply {
  const givenClient = form.get('client_id') ?? '';
  const principal = principalsAt(context, directory.tenantId, directory.adfs).find((p) => p.clientId.toLowerCase() === givenClient.toLowerCase());
  if (!principal) {
    return oauthError(400, 'unauthorized_client', `Application with identifier '${givenClient}' was not found in the directory.`, 700016);
  }
  const assertion = form.get('client_assertion_type') === assertionType ? form.get('client_assertion') : null;
  if (assertion !== null) {
    if (!principal.certificate || !validAssertion(assertion, principal.clientId, principal.certificate)) {
      return oauthError(401, 'invalid_client', `The client assertion of application '${principal.clientId}' is not signed by a certificate registered for it.`, 700027);
    }
  } else if (form.get('client_secret') !== principal.clientSecret) {
    return oauthError(401, 'invalid_client', `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${principal.clientId}'.`, 7000215);
  }
  return tokenReply(context, { audience: audienceOf(form.get('scope') ?? form.get('resource')), issuer, clientId: principal.clientId, tenantId: directory.tenantId });
}

/** Device code flow: the emulated user approves at once, so the first poll gets a token. */
function deviceCodeToken(form: URLSearchParams, context: EmulatorContext, issuer: string): Reply {
  const claims = context.tokens.signedClaims(form.get('device_code') ?? '');
  if (!claims || claims.use !== 'device_code' || typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) {
    return oauthError(400, 'expired_token', 'The device code is invalid or has expired.', 70019);
  }
  const clientId = String(claims.client_id);
  const tenantId = context.store.signIn.tenantId;
  const userId = '6b0e1a9d-3c57-4f28-8e14-92d7a5c3f061';
  const now = Math.floor(Date.now() / 1000);
  const idToken = context.tokens.sign({
    aud: clientId, iss: issuer, tid: tenantId, oid: userId, sub: userId, iat: now, nbf: now, exp: now + 3600, ver: '2.0',
    name: 'Sandbox CSP Administrator', preferred_username: 'csp.admin@sandbox.example',
  });
  const clientInfo = Buffer.from(JSON.stringify({ uid: userId, utid: tenantId })).toString('base64url');
  return tokenReply(context, { audience: audienceOf(String(claims.scope)), issuer, clientId },
    { scope: String(claims.scope), id_token: idToken, client_info: clientInfo });
}

/** The token endpoint; `tenant` is the directory in its path (none for AD FS). */
function token(request: EmulatorRequest, context: EmulatorContext, issuer: string, tenant?: string): Reply {
  const form = request.form ?? new URLSearchParams();
  switch (form.get('grant_type')) {
    case 'client_credentials':
      return clientCredentials(form, context, issuer, { tenantId: tenant === undefined ? undefined : directoryOf(tenant, context), adfs: tenant === undefined });
    case deviceCodeGrant:
    case 'device_code': // what MSAL sends
      return deviceCodeToken(form, context, issuer);
    default:
      return oauthError(400, 'unsupported_grant_type', `The grant type '${form.get('grant_type')}' is not supported by the emulator.`, 70003);
  }
}

function deviceCode(request: EmulatorRequest, context: EmulatorContext): Reply {
  const form = request.form ?? new URLSearchParams();
  const userCode = randomUUID().slice(0, 9).toUpperCase().replace('-', '');
  const deviceCodeToken = context.tokens.sign({
    use: 'device_code', client_id: form.get('client_id'), scope: form.get('scope'), exp: Math.floor(Date.now() / 1000) + 900,
  });
  const verificationUri = `${context.url}/devicelogin`;
  return {
    status: 200,
    body: {
      user_code: userCode,
      device_code: deviceCodeToken,
      verification_uri: verificationUri,
      expires_in: 900,
      interval: 1,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
    },
  };
}

const entraIssuer = (context: EmulatorContext, tenant: string) => `${context.url}/${tenant}/v2.0`;
const adfsIssuer = (context: EmulatorContext) => `${context.url}/adfs`;

function withTenant(handle: (request: EmulatorRequest, context: EmulatorContext, tenant: string) => Reply) {
  return (request: EmulatorRequest, context: EmulatorContext): Reply => {
    const tenant = request.params.tenant;
    return knownTenant(tenant, context) ? handle(request, context, tenant) : unknownTenant(tenant);
  };
}

/** AD FS's OpenID metadata and token endpoint, for the ARM emulator (Azure CLI) and for AD FS stamps (their own origin). */
export const adfsMetadata = (_request: EmulatorRequest, context: EmulatorContext): Reply =>
  openIdConfiguration(adfsIssuer(context), `${context.url}/adfs/oauth2`);

export const adfsToken = (request: EmulatorRequest, context: EmulatorContext): Reply => token(request, context, adfsIssuer(context));

export const adfsDeviceCode = (request: EmulatorRequest, context: EmulatorContext): Reply => deviceCode(request, context);

export const identityModule: RouteModule = {
  name: 'identity',
  routes: [
    {
      method: 'GET', path: '/{tenant}/v2.0/.well-known/openid-configuration',
      handle: withTenant((_request, context, tenant) =>
        openIdConfiguration(entraIssuer(context, tenant), `${context.url}/${tenant}/oauth2/v2.0`)),
    },
    {
      method: 'POST', path: '/{tenant}/oauth2/v2.0/token',
      handle: withTenant((request, context, tenant) => token(request, context, entraIssuer(context, tenant), tenant)),
    },
    {
      method: 'POST', path: '/{tenant}/oauth2/v2.0/devicecode',
      handle: withTenant((request, context) => deviceCode(request, context)),
    },
    {
      method: 'GET', path: '/common/discovery/instance',
      handle: (_request, context) => ({
        status: 200,
        body: {
          tenant_discovery_endpoint: `${context.url}/${context.store.signIn.tenantId}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: new URL(context.url).host, preferred_cache: new URL(context.url).host, aliases: [new URL(context.url).host] }],
        },
      }),
    },
    { method: 'GET', path: '/adfs/.well-known/openid-configuration', handle: adfsMetadata },
    { method: 'GET', path: '/adfs/adfs/.well-known/openid-configuration', handle: adfsMetadata },
    { method: 'POST', path: '/adfs/oauth2/token', handle: adfsToken },
    { method: 'POST', path: '/adfs/oauth2/devicecode', handle: adfsDeviceCode },
    {
      method: 'GET', path: '/metadata/endpoints', apiVersions: ['2015-01-01'], resourceType: 'metadata/endpoints',
      handle: (_request, context) => ({
        status: 200,
        body: {
          galleryEndpoint: `${context.url}/gallery/`,
          graphEndpoint: `${context.url}/graph/`,
          portalEndpoint: `${context.url}/portal/`,
          authentication: { loginEndpoint: `${context.url}/adfs`, audiences: [`${context.url}/`] },
        },
      }),
    },
  ],
};
