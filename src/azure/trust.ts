// Where a credential or a token may go. Everything here is pure (no vscode, no network) so the extension and the
// azs-usage command line apply the same rules:
//   - a stamp's admin audience is never the Azure cloud's Resource Manager (any public or sovereign cloud's, or the
//     configured custom one), and it names the stamp: its own origin, or an Azure Stack Hub Resource Manager
//     application (`https://adminmanagement.<domain>/<id>`, `https://management.<domain>/<id>`) — real stamps name
//     their directory's or AD FS's domain there, not the admin endpoint's host, so host equality alone would refuse
//     every real stamp;
//   - what a stamp's metadata said about signing in is pinned when the user confirms it, and any later difference
//     stops the sign-in until the user confirms again (trust on first use, as SSH does with host keys);
//   - a sign-in authority other than Microsoft's public ones is used only after the user confirmed it;
//   - a request carrying a token goes only to the origin the token was asked for (originGuardPolicy);
//   - the Azure sign-in serves a stamp only when the user chose it and the stamp signs in with Entra ID at the same
//     authority, in the same directory.
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { Localized } from '../core/l10n';
import type { AzureCloud } from './clouds';
import { AzureFailure } from './errors';

export type IdentitySystem = 'entraId' | 'adfs';

/** What a stamp's `metadata/endpoints` says about signing in: the facts the user confirms and that are pinned. */
export interface StampSignInFacts {
  identitySystem: IdentitySystem;
  /** `https://login.microsoftonline.com/` (Entra ID) or `https://adfs.<domain>/adfs` (AD FS), as the stamp gives it. */
  loginEndpoint: string;
  /** The admin Resource Manager audience, e.g. `https://adminmanagement.contoso.onmicrosoft.com/<guid>`. */
  audience: string;
}

/** Why a stamp's answer is refused outright, whatever the user would confirm. */
export interface TrustRefusal {
  code: 'StampAudienceIsAzureResourceManager' | 'StampAudienceNotTheStamps';
  message: Localized;
}

/** Resource Manager hosts of the public and sovereign clouds: both audiences each accepts (`management.azure.com` and `management.core.windows.net`). */
export const azureResourceManagerHosts: readonly string[] = [
  'management.azure.com', 'management.core.windows.net',
  'management.chinacloudapi.cn', 'management.core.chinacloudapi.cn',
  'management.usgovcloudapi.net', 'management.core.usgovcloudapi.net',
  'management.microsoftazure.de', 'management.core.cloudapi.de',
];

/** Sign-in hosts of Microsoft's public and sovereign clouds; any other authority is confirmed by the user first. */
export const publicAuthorityHosts: readonly string[] = [
  'login.microsoftonline.com', 'login.windows.net', 'login.chinacloudapi.cn', 'login.microsoftonline.us', 'login.microsoftonline.de',
];

/** The labels Azure Stack Hub gives its Resource Manager applications (admin and user). */
const stampApplicationLabels = new Set(['adminmanagement', 'management']);

function parsedUrl(value: string): URL | undefined {
  try {
    return new URL(value.trim());
  } catch {
    return undefined;
  }
}

/** True when `url` is on one of Microsoft's public sign-in hosts (https only). */
export function isPublicAuthority(url: string): boolean {
  const parsed = parsedUrl(url);
  return parsed?.protocol === 'https:' && publicAuthorityHosts.includes(parsed.hostname.toLowerCase());
}

/** The origin of an authority URL, lower-case: what a confirmation is remembered by. */
export function authorityOrigin(url: string): string {
  return parsedUrl(url)?.origin.toLowerCase() ?? url.trim().toLowerCase();
}

/** True when a token for `audience` would be accepted by Azure Resource Manager: a public or sovereign cloud's, or `azureCloud`'s. */
export function isAzureResourceManagerAudience(audience: string, azureCloud?: AzureCloud): boolean {
  const parsed = parsedUrl(audience);
  if (!parsed) return false;
  if (azureResourceManagerHosts.includes(parsed.hostname.toLowerCase())) return true;
  const configured = azureCloud && parsedUrl(azureCloud.resourceManagerEndpoint);
  return configured !== undefined && configured.origin.toLowerCase() === parsed.origin.toLowerCase();
}

/** Why a token for `audience` must not be asked for and sent to the stamp at `adminEndpoint`, or undefined when it may. */
export function audienceRefusal(adminEndpoint: string, audience: string, azureCloud?: AzureCloud): TrustRefusal | undefined {
  if (isAzureResourceManagerAudience(audience, azureCloud)) {
    return {
      code: 'StampAudienceIsAzureResourceManager',
      message: {
        en: `The stamp asks for a token for Azure Resource Manager (${audience}); such a token would let it act in Azure as you. Nothing was sent.`,
        sv: `Stämpeln ber om en token för Azure Resource Manager (${audience}); med en sådan token kunde den agera i Azure som du. Inget skickades.`,
      },
    };
  }
  const parsed = parsedUrl(audience);
  const admin = parsedUrl(adminEndpoint);
  const firstLabel = parsed?.hostname.toLowerCase().split('.')[0] ?? '';
  const namesTheStamp = parsed?.protocol === 'https:' && admin !== undefined
    && (parsed.origin.toLowerCase() === admin.origin.toLowerCase() || (stampApplicationLabels.has(firstLabel) && parsed.hostname.includes('.')));
  if (namesTheStamp) return undefined;
  return {
    code: 'StampAudienceNotTheStamps',
    message: {
      en: `The stamp asks for a token for ${audience}, which is not the stamp's own Resource Manager (https://adminmanagement.<domain>/…); the token could be used elsewhere. Nothing was sent.`,
      sv: `Stämpeln ber om en token för ${audience}, som inte är stämpelns egen Resource Manager (https://adminmanagement.<domän>/…); den token kunde användas någon annanstans. Inget skickades.`,
    },
  };
}

/** The refusal as an AzureFailure, for callers that report every failure one way. */
export function refusalFailure(refusal: TrustRefusal): AzureFailure {
  return new AzureFailure({
    kind: 'untrusted', code: refusal.code, transient: false, serviceMessage: refusal.message.en,
    documented: {
      code: refusal.code, status: 0, cause: refusal.message,
      remedy: {
        en: "Check the stamp's admin endpoint with its operator; if the stamp was changed on purpose, add it again.",
        sv: 'Kontrollera stämpelns administrativa slutpunkt med dess operatör; om stämpeln ändrats avsiktligt, lägg till den igen.',
      },
    },
  });
}

/** A URL for comparing: lower-case scheme and host, no trailing slashes; the text as it is when it is no URL. */
function comparable(value: string): string {
  const parsed = parsedUrl(value);
  if (!parsed) return value.trim();
  return `${parsed.origin.toLowerCase()}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
}

export type StampFact = keyof StampSignInFacts;

export interface FactChange {
  fact: StampFact;
  pinned: string;
  now: string;
}

/** What differs between the pinned facts and a later answer (case of scheme and host and trailing slashes aside). */
export function pinChanges(pinned: StampSignInFacts, now: StampSignInFacts): FactChange[] {
  const facts: StampFact[] = ['identitySystem', 'loginEndpoint', 'audience'];
  return facts.filter((fact) => comparable(pinned[fact]) !== comparable(now[fact])).map((fact) => ({ fact, pinned: pinned[fact], now: now[fact] }));
}

/** Hosts that are an address or a single label: only the same host and port count as the same site. */
const isAddressOrSingleLabel = (host: string) => /^[\d.]+$/.test(host) || host.startsWith('[') || !host.includes('.');

/** The site of a URL: its domain without the first label (adminmanagement.x and adfs.x share x), or host and port for addresses. */
function siteOf(url: URL): string {
  const host = url.hostname.toLowerCase();
  return isAddressOrSingleLabel(host) ? url.host.toLowerCase() : host.split('.').slice(1).join('.');
}

/**
 * True when the login endpoint is where a stamp of its identity system signs in: an AD FS on the stamp's own site
 * (`adfs.<domain>` beside `adminmanagement.<domain>`), or, for Entra ID, Microsoft's public sign-in or the authority
 * of the Azure cloud the user configured. Anything else is shown to the user as a warning before they confirm.
 */
export function loginEndpointExpected(adminEndpoint: string, facts: StampSignInFacts, azureCloud?: AzureCloud): boolean {
  const login = parsedUrl(facts.loginEndpoint);
  const admin = parsedUrl(adminEndpoint);
  if (!login || !admin) return false;
  if (facts.identitySystem === 'adfs') return siteOf(login) === siteOf(admin);
  return isPublicAuthority(facts.loginEndpoint) || (azureCloud !== undefined && authorityOrigin(azureCloud.authorityHost) === login.origin.toLowerCase());
}

/**
 * True when the Azure sign-in may be offered for a stamp: it signs in with Entra ID at the Azure cloud's authority
 * and in the directory the Azure sign-in uses. Even then it is used only when the user chooses it.
 */
export function azureSignInCanServeStamp(stamp: { facts: StampSignInFacts; directory: string | undefined }, azure: { cloud: AzureCloud; directory: string | undefined }): boolean {
  const sameDirectory = stamp.directory !== undefined && azure.directory !== undefined && stamp.directory.trim().toLowerCase() === azure.directory.trim().toLowerCase();
  return stamp.facts.identitySystem === 'entraId' && sameDirectory && authorityOrigin(stamp.facts.loginEndpoint) === authorityOrigin(azure.cloud.authorityHost);
}

export const originGuardPolicyName = 'azsOriginGuardPolicy';

/**
 * A pipeline policy, placed after the one that signs requests: a request to any origin but `origin` (a redirect, a
 * link in an answer, a bug) fails before it is sent, so a token asked for one host never reaches another.
 */
export function originGuardPolicy(origin: string): PipelinePolicy {
  const allowed = authorityOrigin(origin);
  return {
    name: originGuardPolicyName,
    sendRequest(request, next) {
      const target = authorityOrigin(request.url);
      if (target !== allowed) {
        return Promise.reject(new AzureFailure({
          kind: 'untrusted', code: 'RequestToAnotherHost', transient: false,
          serviceMessage: `A request to ${target} was stopped: this client's token is for ${allowed} only.`,
        }));
      }
      return next(request);
    },
  };
}
