// Typed access to the extension's settings (`azureStackCsp.*`). Secrets never live here: see SecretStorage.
import * as vscode from 'vscode';

export const section = 'azureStackCsp';

export type CloudName = 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment' | 'Custom';
export type SignInMethod = 'microsoftAccount' | 'azureCli' | 'servicePrincipalEnvironment' | 'servicePrincipalSecret' | 'deviceCode';
export type RuleLevel = 'off' | 'hint' | 'information' | 'warning' | 'error';

export interface StampSetting {
  name: string;
  adminEndpoint: string;
  /** The stamp's CloudDeploymentID from the privileged endpoint, when the operator entered it. */
  cloudDeploymentId?: string;
  tenantId?: string;
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
