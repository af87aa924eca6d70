// Sign in and out, choose the cloud, choose which subscriptions the view shows.
import * as vscode from 'vscode';
import { cloudNames, customCloud } from '../../azure/clouds';
import { pick, type Locale } from '../../core/l10n';
import type { AzureDirectory } from '../account/directory';
import type { AzureSession } from '../account/session';
import type { UserInput } from '../infrastructure/ui';
import { readSettings, updateSetting } from '../settings';

export interface AccountCommandDeps {
  session: AzureSession;
  directory: AzureDirectory;
  ui: () => UserInput;
  locale: Locale;
}

export async function signIn(deps: AccountCommandDeps): Promise<boolean> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Signing in to Azure…') }, () => deps.session.signIn(true));
}

export async function signOut(deps: AccountCommandDeps): Promise<void> {
  await deps.session.signOut();
  deps.directory.invalidate();
}

const cloudLabels = (): Record<string, string> => ({
  AzureCloud: vscode.l10n.t('Azure (global)'),
  AzureChinaCloud: vscode.l10n.t('Azure operated by 21Vianet (China)'),
  AzureUSGovernment: vscode.l10n.t('Azure Government (US)'),
  Custom: vscode.l10n.t('Custom cloud (your own endpoints, e.g. the local emulator)'),
});

export async function selectCloud(deps: AccountCommandDeps): Promise<string> {
  const ui = deps.ui();
  const current = readSettings();
  const chosen = await ui.pick(cloudNames.map((name) => ({ label: name, description: cloudLabels()[name], picked: name === current.cloud })),
    { title: vscode.l10n.t('Select Cloud'), placeHolder: vscode.l10n.t('The cloud that holds your registrations') });
  if (chosen.label === 'Custom') {
    const validUrl = (setting: string) => (value: string) => {
      const result = customCloud({ resourceManagerEndpoint: setting === 'arm' ? value : 'https://x', authorityHost: setting === 'arm' ? 'https://x' : value });
      return result.ok ? undefined : pick(result.message, deps.locale);
    };
    const arm = await ui.input({ title: vscode.l10n.t('Resource Manager endpoint'), value: current.customResourceManagerEndpoint, placeHolder: 'https://management.contoso.example/', validateInput: validUrl('arm') });
    const authority = await ui.input({ title: vscode.l10n.t('Sign-in authority host'), value: current.customAuthorityHost, placeHolder: 'https://login.contoso.example/', validateInput: validUrl('authority') });
    await updateSetting('customCloud.resourceManagerEndpoint', arm.trim());
    await updateSetting('customCloud.authorityHost', authority.trim());
  }
  await updateSetting('cloud', chosen.label);
  return chosen.label;
}

export async function selectSubscriptions(deps: AccountCommandDeps): Promise<string[]> {
  deps.session.requireClient();
  const selected = new Set(readSettings().subscriptions.map((id) => id.toLowerCase()));
  const all = await deps.directory.allSubscriptions();
  const picked = await deps.ui().pickMany(all.map((s) => ({
    label: s.displayName, description: s.subscriptionId, picked: selected.size === 0 || selected.has(s.subscriptionId.toLowerCase()), subscriptionId: s.subscriptionId,
  })), { title: vscode.l10n.t('Subscriptions to show in the Registrations view'), matchOnDescription: true });
  // Everything picked is the same as no filter: new subscriptions then appear without another visit here.
  const ids = picked.length === all.length ? [] : picked.map((p) => p.subscriptionId);
  await updateSetting('subscriptions', ids);
  return ids;
}
