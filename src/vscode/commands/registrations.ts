// Commands on registrations and tenants that only read: copy IDs, open in the portal, and find the registration
// that belongs to a stamp by its CloudDeploymentID.
import * as vscode from 'vscode';
import { portalResourceUrl } from '../../azure/clouds';
import type { Registration } from '../../azure/registrations';
import { isGuid, repairGuid } from '../../core/ids';
import { UserFacingError } from '../infrastructure/commands';
import { byCount } from '../infrastructure/plural';
import { RegistrationNode, TenantNode } from '../tree/azureNodes';
import { revealAndSelect } from '../tree/provider';
import { chooseRegistration, validateGuidInput, type TenantCommandDeps } from './tenants';

async function copy(text: string, what: string): Promise<string> {
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}: {1}', what, text), 4000);
  return text;
}

export function copyResourceId(deps: TenantCommandDeps, arg: unknown): Promise<string> {
  if (arg instanceof TenantNode) return copy(arg.tenant.id, vscode.l10n.t('resource ID'));
  if (arg instanceof RegistrationNode) return copy(arg.registration.id, vscode.l10n.t('resource ID'));
  return chooseRegistration(deps, arg, vscode.l10n.t('Copy Resource ID')).then((r) => copy(r.id, vscode.l10n.t('resource ID')));
}

export async function copyCloudDeploymentId(deps: TenantCommandDeps, arg: unknown): Promise<string> {
  const registration = await chooseRegistration(deps, arg, vscode.l10n.t('Copy CloudDeploymentID'));
  if (!registration.cloudId) throw new UserFacingError(vscode.l10n.t('{0} has no CloudDeploymentID (cloudId) in Azure.', registration.registrationName));
  return copy(registration.cloudId, 'CloudDeploymentID');
}

export async function copyTenantId(arg: unknown): Promise<string> {
  if (!(arg instanceof TenantNode)) throw new UserFacingError(vscode.l10n.t('Run this command on a tenant in the Registrations view.'));
  if (!arg.tenant.tenantId) throw new UserFacingError(vscode.l10n.t('Azure returned no tenant ID for {0}.', arg.tenant.customerSubscriptionId));
  return copy(arg.tenant.tenantId, vscode.l10n.t('tenant ID'));
}

export async function openInPortal(deps: TenantCommandDeps, arg: unknown): Promise<string> {
  const state = deps.session.state;
  if (state.kind !== 'signedIn') throw new UserFacingError(vscode.l10n.t('Sign in to Azure first (Azure Stack Hub CSP: Sign In).'));
  const id = arg instanceof TenantNode ? arg.parent.registration.id : (await chooseRegistration(deps, arg, vscode.l10n.t('Open in Portal'))).id;
  const url = portalResourceUrl(state.cloud, id);
  if (!url) throw new UserFacingError(vscode.l10n.t('This cloud has no portal address; set azureStackCsp.customCloud.portalUrl.'));
  await vscode.env.openExternal(vscode.Uri.parse(url));
  return url;
}

/** Searches every selected subscription for registrations whose cloudId matches, and reveals the match. */
export async function findByCloudDeploymentId(deps: TenantCommandDeps, value?: unknown): Promise<Registration | undefined> {
  const state = deps.session.state;
  if (state.kind !== 'signedIn') throw new UserFacingError(vscode.l10n.t('Sign in to Azure first (Azure Stack Hub CSP: Sign In).'));
  const ui = deps.ui();
  const entered = typeof value === 'string' && isGuid(value.trim()) ? value.trim() : await ui.input({
    title: vscode.l10n.t('Find Registration by CloudDeploymentID'),
    prompt: vscode.l10n.t("The stamp's CloudDeploymentID (CloudID from Get-AzureStackStampInformation on the privileged endpoint)"),
    validateInput: (v) => validateGuidInput(v, 'CloudDeploymentID'),
  });
  const cloudId = (repairGuid(entered) ?? entered.trim()).toLowerCase();
  const { subscriptions, matches } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Searching registrations for CloudDeploymentID {0}…', cloudId) },
    async () => {
      const subs = await deps.directory.subscriptions();
      const found = (await deps.directory.allRegistrations()).filter((r) => r.cloudId?.toLowerCase() === cloudId);
      return { subscriptions: subs, matches: found };
    },
  );
  if (matches.length === 0) {
    void ui.notify('warning', byCount(subscriptions.length, vscode.l10n.t('No registration in the selected subscription has CloudDeploymentID {0}.', cloudId),
      vscode.l10n.t('No registration in the {0} selected subscriptions has CloudDeploymentID {1}.', subscriptions.length, cloudId)));
    return undefined;
  }
  let match = matches[0];
  if (matches.length > 1) {
    void ui.notify('warning', vscode.l10n.t('{0} registrations have CloudDeploymentID {1}: the stamp was registered more than once. Pick the one you use.', matches.length, cloudId));
    match = (await ui.pick(matches.map((r) => ({ label: r.registrationName, description: `${r.billingModel ?? '?'} · ${r.resourceGroup} · ${r.subscriptionId}`, registration: r })),
      { title: vscode.l10n.t('Registrations with CloudDeploymentID {0}', cloudId) })).registration;
  }
  const view = deps.view();
  const node = await deps.tree.registrationNode(match);
  if (view && node) await revealAndSelect(view, node);
  return match;
}
