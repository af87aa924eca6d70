// Which cloud a name or a host stands for: Azure's own clouds, or an Azure Stack Hub stamp's. Shared by the readers
// that follow a script's active environment (PowerShell) or cloud (Azure CLI).
import { UNKNOWN } from '../ids';
import type { Value } from '../facts';

export type Destination = 'stamp' | 'azure' | 'unknown';

/** Clouds Az and the Azure CLI know out of the box; AzureStackAdmin/AzureStackUser are the names the stamp's docs register. */
export const azureEnvironments = /^(?:AzureCloud|AzureChinaCloud|AzureUSGovernment|AzureGermanCloud)$/i;
export const stampEnvironments = /^(?:AzureStackAdmin|AzureStackUser)$/i;
/** Azure Resource Manager in each Azure cloud. */
export const azureHosts = /^management\.(?:azure\.com|usgovcloudapi\.net|chinacloudapi\.cn|microsoftazure\.de)$/i;
/** A stamp's own Resource Manager: `adminmanagement.<region>.<fqdn>`, or any host of the ASDK's default domain. */
export const stampHosts = /^adminmanagement\.|\.azurestack\.external$/i;
/** What names a call on a registration: customerSubscriptions belong to Microsoft.AzureStack registrations only. */
export const registrationTarget = /Microsoft\.AzureStack\/registrations|\/customerSubscriptions\b/i;

/** The host a URL names, in lower case and without its port; undefined when the text does not show it. */
export function hostOf(url: Pick<Value, 'text'>): string | undefined {
  const match = /^\s*https?:\/\/([^/?#\s]+)/i.exec(url.text);
  return match && !match[1].includes(UNKNOWN) ? match[1].replace(/:\d+$/, '').toLowerCase() : undefined;
}

/** Where a cloud or environment name sends calls, given the names the script registers itself (custom clouds: stamps). */
export function destinationOfName(name: string, registered: ReadonlySet<string>): Destination {
  if (azureEnvironments.test(name)) return 'azure';
  if (stampEnvironments.test(name) || registered.has(name.toLowerCase())) return 'stamp';
  return 'unknown';
}

/** Where a URL's host sends a call, given the Resource Manager hosts of the clouds the script registers. */
export function destinationOfHost(host: string, registeredHosts: ReadonlySet<string>): 'stamp' | 'azure' | undefined {
  if (azureHosts.test(host)) return 'azure';
  return stampHosts.test(host) || registeredHosts.has(host) ? 'stamp' : undefined;
}
