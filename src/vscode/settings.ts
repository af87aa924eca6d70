// Typed access to the extension's settings (`azureStackCsp.*`). Secrets never live here: see SecretStorage.
import * as vscode from 'vscode';

export const section = 'azureStackCsp';

export type CloudName = 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment' | 'Custom';
export type SignInMethod = 'microsoftAccount' | 'azureCli' | 'servicePrincipalEnvironment' | 'servicePrincipalSecret' | 'deviceCode';
export type RuleLevel = 'off' | 'hint' | 'information' | 'warning' | 'error';

/** How the extension signs in to one stamp: never with the Azure sign-in unless `azureSignIn` was chosen for it. */
export type StampSignInMethod = 'servicePrincipalSecret' | 'servicePrincipalCertificate' | 'deviceCode' | 'azureSignIn';

export const stampSignInMethods: readonly StampSignInMethod[] = ['servicePrincipalSecret', 'servicePrincipalCertificate', 'deviceCode', 'azureSignIn'];

export interface StampSignInSetting {
  method: StampSignInMethod;
  /** The stamp's service principal (application) ID; its secret or certificate is in secret storage. */
  clientId?: string;
}

/** What the stamp's metadata said when the user confirmed it (trust on first use). */
export interface PinnedStampFacts {
  identitySystem: 'entraId' | 'adfs';
  loginEndpoint: string;
  audience: string;
}

export interface StampSetting {
  name: string;
  adminEndpoint: string;
  /** The stamp's CloudDeploymentID from the privileged endpoint, when the operator entered it. */
  cloudDeploymentId?: string;
  /** The stamp's home directory (Entra ID stamps). */
  tenantId?: string;
  /** Absent for stamps added before 0.2 and never confirmed since: they are confirmed on first use. */
  pinned?: PinnedStampFacts;
  signIn?: StampSignInSetting;
}

export interface Settings {
  lintEnabled: boolean;
  lintRules: Record<string, RuleLevel>;
  liveRules: boolean;
  cloud: CloudName;
  customResourceManagerEndpoint: string;
  customAuthorityHost: string;
  customPortalUrl: string;
  signInMethod: SignInMethod;
  tenantId: string;
  clientId: string;
  subscriptions: string[];
  tenantPageSize: number;
  stamps: StampSetting[];
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration(section, scope);
  return {
    lintEnabled: config.get('lint.enable', true),
    lintRules: config.get('lint.rules', {}),
    liveRules: config.get('lint.live', true),
    cloud: config.get('cloud', 'AzureCloud'),
    customResourceManagerEndpoint: config.get('customCloud.resourceManagerEndpoint', ''),
    customAuthorityHost: config.get('customCloud.authorityHost', ''),
    customPortalUrl: config.get('customCloud.portalUrl', ''),
    signInMethod: config.get('signIn.method', 'microsoftAccount'),
    tenantId: config.get('signIn.tenantId', ''),
    clientId: config.get('signIn.clientId', ''),
    subscriptions: config.get('subscriptions', []),
    tenantPageSize: Math.min(1000, Math.max(10, config.get('tenants.pageSize', 100))),
    stamps: config.get('stamps', []),
  };
}

/** Writes one setting at the most specific level it is already set, or the user level otherwise. */
export async function updateSetting(key: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration(section);
  const inspected = config.inspect(key);
  const target = inspected?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder
    : inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}

export function affects(event: vscode.ConfigurationChangeEvent, ...keys: string[]): boolean {
  return keys.some((key) => event.affectsConfiguration(`${section}.${key}`));
}
