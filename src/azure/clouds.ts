// The Azure clouds a registration can live in: the three public ones and a custom one (an ARM endpoint and an
// authority host, e.g. the local emulator). Each knows its portal and the token scope for ARM (`<arm>/.default`;
// sovereign clouds need both the endpoint and the scope set, or the SDK asks for a public-cloud token).
import type { Localized } from '../core/l10n';

export type CloudName = 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment' | 'Custom';

export const cloudNames: readonly CloudName[] = ['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment', 'Custom'];

export interface AzureCloud {
  readonly name: CloudName;
  /** `https://management.azure.com`, without a trailing slash. */
  readonly resourceManagerEndpoint: string;
  /** Where sign-in happens: `https://login.microsoftonline.com`, without a trailing slash. */
  readonly authorityHost: string;
  /** The Azure portal of the cloud, when it has one. */
  readonly portalUrl: string | undefined;
  /** The scope of a token for ARM: `<resourceManagerEndpoint>/.default`. */
  readonly armScope: string;
  /** Custom clouds skip the identity platform's instance discovery, which knows only Microsoft's hosts. */
  readonly disableInstanceDiscovery: boolean;
}

function cloud(name: CloudName, resourceManagerEndpoint: string, authorityHost: string, portalUrl: string | undefined): AzureCloud {
  return {
    name, resourceManagerEndpoint, authorityHost, portalUrl,
    armScope: `${resourceManagerEndpoint}/.default`,
    disableInstanceDiscovery: name === 'Custom',
  };
}

export const publicClouds = {
  AzureCloud: cloud('AzureCloud', 'https://management.azure.com', 'https://login.microsoftonline.com', 'https://portal.azure.com'),
  AzureChinaCloud: cloud('AzureChinaCloud', 'https://management.chinacloudapi.cn', 'https://login.chinacloudapi.cn', 'https://portal.azure.cn'),
  AzureUSGovernment: cloud('AzureUSGovernment', 'https://management.usgovcloudapi.net', 'https://login.microsoftonline.us', 'https://portal.azure.us'),
} as const satisfies Record<Exclude<CloudName, 'Custom'>, AzureCloud>;

export interface CloudSettings {
  cloud?: string;
  resourceManagerEndpoint?: string;
  authorityHost?: string;
  portalUrl?: string;
}

export type CloudResult = { ok: true; cloud: AzureCloud } | { ok: false; setting: string; message: Localized };

export function isCloudName(value: unknown): value is CloudName {
  return typeof value === 'string' && (cloudNames as readonly string[]).includes(value);
}

export type EndpointResult = { ok: true; url: string } | { ok: false; setting: string; message: Localized };

/** An https URL without its trailing slashes, or why the text is not one (`missing`: what to say when it is empty). */
export function httpsEndpoint(setting: string, value: string | undefined, missing?: Localized): EndpointResult {
  if (!value?.trim()) {
    return { ok: false, setting, message: missing ?? { en: `A custom cloud needs ${setting}.`, sv: `Ett anpassat moln behöver ${setting}.` } };
  }
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    return { ok: false, setting, message: { en: `${setting} is not a URL: ${value}`, sv: `${setting} är ingen URL: ${value}` } };
  }
  if (parsed.protocol !== 'https:' || parsed.search || parsed.hash) {
    return { ok: false, setting, message: { en: `${setting} must be an https URL without query: ${value}`, sv: `${setting} måste vara en https-URL utan frågedel: ${value}` } };
  }
  return { ok: true, url: parsed.toString().replace(/\/+$/, '') };
}

/** A custom cloud from its endpoints; the portal is optional. */
export function customCloud(settings: Omit<CloudSettings, 'cloud'>): CloudResult {
  const arm = httpsEndpoint('resourceManagerEndpoint', settings.resourceManagerEndpoint);
  if (!arm.ok) return arm;
  const authority = httpsEndpoint('authorityHost', settings.authorityHost);
  if (!authority.ok) return authority;
  const portal = settings.portalUrl?.trim() ? httpsEndpoint('portalUrl', settings.portalUrl) : undefined;
  if (portal && !portal.ok) return portal;
  return { ok: true, cloud: cloud('Custom', arm.url, authority.url, portal?.url) };
}

/** The cloud the settings choose (AzureCloud when none is named). */
export function resolveCloud(settings: CloudSettings): CloudResult {
  const name = settings.cloud?.trim() || 'AzureCloud';
  if (!isCloudName(name)) {
    return {
      ok: false, setting: 'cloud',
      message: { en: `Unknown cloud "${name}"; use one of ${cloudNames.join(', ')}.`, sv: `Okänt moln "${name}"; använd ett av ${cloudNames.join(', ')}.` },
    };
  }
  return name === 'Custom' ? customCloud(settings) : { ok: true, cloud: publicClouds[name] };
}

/** The portal page of a resource, e.g. a registration, or undefined when the cloud has no portal. */
export function portalResourceUrl(cloud: AzureCloud, resourceId: string, tenantId?: string): string | undefined {
  if (!cloud.portalUrl) return undefined;
  const id = `/${resourceId.replace(/^\/+/, '')}`;
  return `${cloud.portalUrl}/#@${tenantId ?? ''}/resource${id}`;
}
