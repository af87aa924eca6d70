// One @azure/identity credential per sign-in method, made by a factory that can "renew": after ARM rejects a token,
// a new credential instance gets a fresh token, since MSAL (and the pipeline) cache the old one per instance.
import {
  AzureCliCredential, ClientCertificateCredential, ClientSecretCredential, CredentialUnavailableError, DeviceCodeCredential,
  type AccessToken, type GetTokenOptions, type TokenCredential,
} from '@azure/identity';
import type { AzureCloud } from './clouds';
import { toAzureFailure, type AzureFailure } from './errors';

export type SignInMethod = 'vscode' | 'azureCli' | 'servicePrincipalEnvironment' | 'servicePrincipal' | 'servicePrincipalCertificate' | 'deviceCode';

export const signInMethods: readonly SignInMethod[] = ['vscode', 'azureCli', 'servicePrincipalEnvironment', 'servicePrincipal', 'servicePrincipalCertificate', 'deviceCode'];

export interface DeviceCodePrompt {
  /** The identity platform's sentence: open this page and enter this code. */
  message: string;
  userCode: string;
  verificationUri: string;
}

/** A token from VS Code's Microsoft account session: the access token string (its JWT expiry is read), or undefined when signed out. */
export type SessionToken = string | AccessToken | undefined;

/** Filled by the VS Code layer; `renew` asks for a new session rather than the cached one. */
export type SessionTokenSource = (scopes: string[], options: { renew: boolean; abortSignal?: GetTokenOptions['abortSignal'] }) => Promise<SessionToken>;

export type SignIn =
  | { method: 'vscode'; session: SessionTokenSource }
  | { method: 'azureCli'; tenantId?: string }
  /** AZURE_TENANT_ID (unless `tenantId` is given), AZURE_CLIENT_ID and AZURE_CLIENT_SECRET from `env` (default: this process). */
  | { method: 'servicePrincipalEnvironment'; tenantId?: string; env?: Record<string, string | undefined> }
  | { method: 'servicePrincipal'; tenantId: string; clientId: string; clientSecret: string }
  /** `certificate`: PEM text holding the private key and the certificate. */
  | { method: 'servicePrincipalCertificate'; tenantId: string; clientId: string; certificate: string }
  | { method: 'deviceCode'; tenantId?: string; clientId?: string; prompt: (info: DeviceCodePrompt) => void };

/** The credential to use; `renew: true` after ARM rejected a token makes a new one that bypasses token caches. */
export type CredentialFactory = (options: { renew: boolean }) => TokenCredential;

const sessionTokenFallbackMs = 5 * 60_000;

/** The `exp` of a JWT access token in milliseconds, or undefined when the token is not a readable JWT. */
export function tokenExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Adapts VS Code's Microsoft account session (through a function the VS Code layer provides) to a TokenCredential. */
export class SessionCredential implements TokenCredential {
  private renewPending: boolean;

  constructor(private readonly source: SessionTokenSource, renew = false) {
    this.renewPending = renew;
  }

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    const renew = this.renewPending;
    this.renewPending = false;
    const token = await this.source(Array.isArray(scopes) ? scopes : [scopes], { renew, abortSignal: options?.abortSignal });
    if (token === undefined) throw new CredentialUnavailableError('Not signed in to a Microsoft account in VS Code.');
    if (typeof token !== 'string') return token;
    return { token, expiresOnTimestamp: tokenExpiry(token) ?? Date.now() + sessionTokenFallbackMs };
  }
}

/** A credential that cannot sign in, and says why, when the method's inputs are missing. */
class UnavailableCredential implements TokenCredential {
  constructor(private readonly reason: string) {}

  getToken(): Promise<AccessToken> {
    return Promise.reject(new CredentialUnavailableError(this.reason));
  }
}

function environmentCredential(signIn: Extract<SignIn, { method: 'servicePrincipalEnvironment' }>, cloud: AzureCloud): TokenCredential {
  const env = signIn.env ?? process.env;
  const values = { AZURE_TENANT_ID: signIn.tenantId ?? env.AZURE_TENANT_ID, AZURE_CLIENT_ID: env.AZURE_CLIENT_ID, AZURE_CLIENT_SECRET: env.AZURE_CLIENT_SECRET };
  const missing = Object.entries(values).filter(([, value]) => !value).map(([name]) => name);
  if (missing.length) return new UnavailableCredential(`Set ${missing.join(', ')} to sign in with a service principal from the environment.`);
  return secretCredential(values.AZURE_TENANT_ID!, values.AZURE_CLIENT_ID!, values.AZURE_CLIENT_SECRET!, cloud);
}

function secretCredential(tenantId: string, clientId: string, clientSecret: string, cloud: AzureCloud): TokenCredential {
  return new ClientSecretCredential(tenantId, clientId, clientSecret, {
    authorityHost: cloud.authorityHost,
    disableInstanceDiscovery: cloud.disableInstanceDiscovery,
  });
}

function createCredential(signIn: SignIn, cloud: AzureCloud, renew: boolean): TokenCredential {
  switch (signIn.method) {
    case 'vscode':
      return new SessionCredential(signIn.session, renew);
    case 'azureCli':
      return new AzureCliCredential({ tenantId: signIn.tenantId });
    case 'servicePrincipalEnvironment':
      return environmentCredential(signIn, cloud);
    case 'servicePrincipal':
      return secretCredential(signIn.tenantId, signIn.clientId, signIn.clientSecret, cloud);
    case 'servicePrincipalCertificate':
      return new ClientCertificateCredential(signIn.tenantId, signIn.clientId, { certificate: signIn.certificate }, {
        authorityHost: cloud.authorityHost,
        disableInstanceDiscovery: cloud.disableInstanceDiscovery,
      });
    case 'deviceCode':
      return new DeviceCodeCredential({
        tenantId: signIn.tenantId,
        clientId: signIn.clientId,
        authorityHost: cloud.authorityHost,
        disableInstanceDiscovery: cloud.disableInstanceDiscovery,
        userPromptCallback: (info) => signIn.prompt({ message: info.message, userCode: info.userCode, verificationUri: info.verificationUri }),
      });
  }
}

/** A factory that hands out one credential until asked to renew it (so a device-code sign-in prompts once). */
export function createCredentialFactory(signIn: SignIn, cloud: AzureCloud): CredentialFactory {
  let current: TokenCredential | undefined;
  return ({ renew }) => {
    if (!current || renew) {
      try {
        current = createCredential(signIn, cloud, renew);
      } catch (error) {
        // @azure/identity refuses some inputs in its constructors, e.g. a tenant ID with characters no tenant has.
        current = new UnavailableCredential(error instanceof Error ? error.message : String(error));
      }
    }
    return current;
  };
}

export type SignInCheck = { ok: true; expiresOnTimestamp: number } | { ok: false; failure: AzureFailure };

/** Gets a token for ARM to learn whether the sign-in works (for a status bar); never throws. */
export async function checkSignIn(factory: CredentialFactory, cloud: AzureCloud, options: { abortSignal?: AbortSignal } = {}): Promise<SignInCheck> {
  try {
    const token = await factory({ renew: false }).getToken(cloud.armScope, { abortSignal: options.abortSignal });
    if (!token) throw new CredentialUnavailableError('The sign-in gave no token.');
    return { ok: true, expiresOnTimestamp: token.expiresOnTimestamp };
  } catch (error) {
    return { ok: false, failure: toAzureFailure(error) };
  }
}
