// Adding and removing tenants (customer subscriptions), one at a time or from a CSV, and exporting them.
// Writes need a trusted workspace, are refused up front when the registration cannot take tenants, show progress
// with cancel, and explain any Azure error with its documented code, cause and remedy.
import * as vscode from 'vscode';
import { toAzureFailure } from '../../azure/errors';
import type { Registration, RegistrationsClient, Tenant } from '../../azure/registrations';
import { errorCatalog } from '../../core/errors';
import { findPlaceholder, isGuid, repairGuid, type CustomerSubscriptionRef } from '../../core/ids';
import { pick, type Locale } from '../../core/l10n';
import { planTenantRows, readTenantRows, type PlannedRow } from '../../core/tenantsCsv';
import { toCsv } from '../../core/csv';
import type { AzureDirectory } from '../account/directory';
import type { AzureSession } from '../account/session';
import { describeFailure, failureError } from '../azureErrors';
import { UserFacingError } from '../infrastructure/commands';
import type { Logger } from '../infrastructure/logger';
import type { UserInput } from '../infrastructure/ui';
import { RegistrationNode, TenantNode, isPayAsYouUse } from '../tree/nodes';
import type { RegistrationsTreeProvider } from '../tree/provider';

export interface TenantCommandDeps {
  session: AzureSession;
  directory: AzureDirectory;
  tree: RegistrationsTreeProvider;
  ui: () => UserInput;
  log: Logger;
  locale: Locale;
}

/** At most this many tenant writes run at once when applying a CSV. */
const csvConcurrency = 4;

export function requireTrust(): void {
  if (!vscode.workspace.isTrusted) {
    throw new UserFacingError(vscode.l10n.t('This workspace is not trusted: Azure write commands are disabled. Trust the workspace to add or remove tenants.'));
  }
}

/** The registration a command acts on: the tree item it was run on, or one the user picks. */
export async function chooseRegistration(deps: TenantCommandDeps, arg: unknown, title: string): Promise<Registration> {
  if (arg instanceof RegistrationNode) return arg.registration;
  const registrations = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading registrations…') },
    () => deps.directory.allRegistrations(),
  );
  if (registrations.length === 0) throw new UserFacingError(vscode.l10n.t('No Azure Stack Hub registration was found in the selected subscriptions.'));
  const sorted = [...registrations].sort((a, b) => a.registrationName.localeCompare(b.registrationName));
  const picked = await deps.ui().pick(sorted.map((registration) => ({
    label: registration.registrationName,
    description: `${registration.billingModel ?? '?'} · ${registration.resourceGroup}`,
    detail: `CloudDeploymentID ${registration.cloudId ?? '—'} · ${registration.subscriptionId}`,
    registration,
  })), { title, placeHolder: vscode.l10n.t('Registration'), matchOnDescription: true, matchOnDetail: true });
  return picked.registration;
}

/** Refuses, before any request, a registration that cannot take tenants (CustomerSubscriptionsNotAllowed). */
function requirePayAsYouUse(registration: Registration, locale: Locale): void {
  if (isPayAsYouUse(registration)) return;
  const info = errorCatalog.CustomerSubscriptionsNotAllowed;
  throw new UserFacingError(
    vscode.l10n.t('{0} uses the {1} billing model and cannot take tenants (CustomerSubscriptionsNotAllowed). {2}',
      registration.registrationName, registration.billingModel ?? '?', pick(info.remedy, locale)),
  );
}

export function validateGuidInput(value: string, what: string): string | undefined {
  const text = value.trim();
  if (!text) return vscode.l10n.t('Enter the {0}.', what);
  if (findPlaceholder(text)) return vscode.l10n.t('"{0}" is a placeholder; enter the real {1}.', text, what);
  if (isGuid(text)) return undefined;
  const repaired = repairGuid(text);
  return repaired ? undefined : vscode.l10n.t('The {0} is a GUID like 6f1d4a52-0e3b-4c8e-9a71-2b5d8c9e0f13.', what);
}

async function askGuid(ui: UserInput, title: string, what: string, prompt: string): Promise<string> {
  const value = await ui.input({ title, prompt, placeHolder: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', validateInput: (v) => validateGuidInput(v, what) });
  return repairGuid(value) ?? value.trim();
}

/** An Azure call whose failure reaches the user explained (documented code, cause, remedy); a refused sign-in is noted. */
function explained<T>(deps: TenantCommandDeps, work: Thenable<T>): Promise<T> {
  return Promise.resolve(work).catch((error: unknown) => {
    const failure = toAzureFailure(error);
    deps.session.noteFailure(failure);
    throw failureError(failure, deps.locale);
  });
}

/** Runs an Azure call with a cancellable notification; cancel aborts the request. */
function withCancellableProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return work(controller.signal);
  });
}

function tenantRef(registration: Registration, customerSubscriptionId: string): CustomerSubscriptionRef {
  const { subscriptionId, resourceGroup, registrationName } = registration;
  return { subscriptionId, resourceGroup, registrationName, customerSubscriptionId };
}

export async function addTenant(deps: TenantCommandDeps, arg?: unknown): Promise<Tenant> {
  requireTrust();
  const client = deps.session.requireClient();
  const title = vscode.l10n.t('Add Tenant to Registration');
  const registration = await chooseRegistration(deps, arg, title);
  requirePayAsYouUse(registration, deps.locale);
  const ui = deps.ui();
  const customerSubscriptionId = await askGuid(ui, title, vscode.l10n.t('customer subscription ID'),
    vscode.l10n.t("The end customer's Azure subscription ID (added to {0})", registration.registrationName));
  const tenantId = await askGuid(ui, title, vscode.l10n.t('tenant (directory) ID'), vscode.l10n.t("The customer's directory (tenant) ID in Microsoft Entra ID"));
  const result = await explained(deps, withCancellableProgress(vscode.l10n.t('Adding tenant {0} to {1}…', customerSubscriptionId, registration.registrationName),
    (abortSignal) => client.addTenant(tenantRef(registration, customerSubscriptionId), tenantId, { abortSignal })));
  deps.log.info(`added tenant ${customerSubscriptionId} (directory ${tenantId}) to ${registration.id}`);
  deps.tree.reloadTenants(registration.id);
  const note = result.confirmedAfter ? ` ${vscode.l10n.t('(The first answer was lost; a check confirmed the tenant is there.)')}` : '';
  void ui.notify('info', vscode.l10n.t('Added tenant {0} to {1}.', customerSubscriptionId, registration.registrationName) + note);
  return result.tenant;
}

export async function removeTenant(deps: TenantCommandDeps, arg?: unknown): Promise<boolean> {
  requireTrust();
  const client = deps.session.requireClient();
  const ui = deps.ui();
  let tenant: CustomerSubscriptionRef;
  let registrationId: string;
  if (arg instanceof TenantNode) {
    tenant = arg.tenant;
    registrationId = arg.parent.registration.id;
  } else {
    const title = vscode.l10n.t('Remove Tenant');
    const registration = await chooseRegistration(deps, arg, title);
    tenant = tenantRef(registration, await askGuid(ui, title, vscode.l10n.t('customer subscription ID'), vscode.l10n.t('The customer subscription to remove from {0}', registration.registrationName)));
    registrationId = registration.id;
  }
  const remove = vscode.l10n.t('Remove');
  const confirmed = await ui.confirm(
    vscode.l10n.t('Remove tenant {0} from registration {1}?', tenant.customerSubscriptionId, tenant.registrationName),
    vscode.l10n.t("Usage of this customer is then billed to the registration's own subscription until the tenant is added again."),
    remove,
  );
  if (!confirmed) return false;
  await explained(deps, withCancellableProgress(vscode.l10n.t('Removing tenant {0} from {1}…', tenant.customerSubscriptionId, tenant.registrationName),
    (abortSignal) => client.removeTenant(tenant, { abortSignal })));
  deps.log.info(`removed tenant ${tenant.customerSubscriptionId} from ${registrationId}`);
  deps.tree.reloadTenants(registrationId);
  void ui.notify('info', vscode.l10n.t('Removed tenant {0} from {1}.', tenant.customerSubscriptionId, tenant.registrationName));
  return true;
}

async function allTenants(client: RegistrationsClient, registration: Registration, abortSignal: AbortSignal, onPage?: (count: number) => void): Promise<Tenant[]> {
  const tenants: Tenant[] = [];
  for await (const tenant of client.listTenants(registration, { abortSignal })) {
    tenants.push(tenant);
    if (tenants.length % 100 === 0) onPage?.(tenants.length);
  }
  return tenants;
}

export async function exportTenants(deps: TenantCommandDeps, arg?: unknown): Promise<vscode.Uri> {
  const client = deps.session.requireClient();
  const registration = await chooseRegistration(deps, arg, vscode.l10n.t('Export Tenants to CSV'));
  const tenants = await explained(deps, vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, cancellable: true,
    title: vscode.l10n.t('Reading the tenants of {0}…', registration.registrationName) }, (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return allTenants(client, registration, controller.signal, (count) => progress.report({ message: vscode.l10n.t('{0} so far', count) }));
  }));
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await deps.ui().saveUri({
    title: vscode.l10n.t('Export Tenants to CSV'),
    defaultUri: folder ? vscode.Uri.joinPath(folder, `tenants-${registration.registrationName}.csv`) : undefined,
    filters: { CSV: ['csv'] },
  });
  const text = toCsv(['customerSubscriptionId', 'tenantId', 'label'], tenants.map((t) => [t.customerSubscriptionId, t.tenantId ?? '', '']));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void deps.ui().notify('info', vscode.l10n.t('Exported {0} tenants of {1} to {2}.', tenants.length, registration.registrationName, vscode.workspace.asRelativePath(target)));
  return target;
}

export interface CsvRunResult {
  planned: PlannedRow[];
  added: number;
  failed: number;
  resultFile: vscode.Uri;
}

function planSummary(plan: PlannedRow[], registration: Registration, locale: Locale): string {
  const lines = [
    `# ${vscode.l10n.t('Dry run: add tenants to {0}', registration.registrationName)}`, '',
    `${vscode.l10n.t('Registration')}: \`${registration.id}\``, '',
    '| # | customerSubscriptionId | tenantId | label | action |', '|---|---|---|---|---|',
  ];
  for (const row of plan) {
    const action = row.action === 'add' ? vscode.l10n.t('will be added (PUT)')
      : row.action === 'skip' ? vscode.l10n.t('already present: skipped') : `${vscode.l10n.t('not sent')}: ${pick(row.problem, locale)}`;
    lines.push(`| ${row.line} | ${row.customerSubscriptionId} | ${row.tenantId} | ${row.label} | ${action} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `work` over the items with at most `limit` at once, stopping early when the signal aborts. */
async function inParallel<T>(items: T[], limit: number, signal: AbortSignal, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal.aborted) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function addTenantsFromCsv(deps: TenantCommandDeps, arg?: unknown, csvFile?: unknown): Promise<CsvRunResult | undefined> {
  requireTrust();
  const client = deps.session.requireClient();
  const ui = deps.ui();
  const title = vscode.l10n.t('Add Tenants from CSV');
  const file = csvFile instanceof vscode.Uri ? csvFile : await ui.openUri({ title, filters: { CSV: ['csv', 'txt'] }, openLabel: vscode.l10n.t('Read tenants') });
  const rows = readTenantRows(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
  if (rows.length === 0) throw new UserFacingError(vscode.l10n.t('{0} has no rows. Expected: customer subscription ID, tenant ID, optional label.', vscode.workspace.asRelativePath(file)));
  const registration = await chooseRegistration(deps, arg, title);
  requirePayAsYouUse(registration, deps.locale);
  const present = await explained(deps, withCancellableProgress(vscode.l10n.t('Reading the tenants of {0}…', registration.registrationName),
    (signal) => allTenants(client, registration, signal)));
  const plan = planTenantRows(rows, new Map(present.map((t) => [t.customerSubscriptionId.toLowerCase(), t.tenantId])));
  const toAdd = plan.filter((row) => row.action === 'add');
  const summary = await vscode.workspace.openTextDocument({ language: 'markdown', content: planSummary(plan, registration, deps.locale) });
  await vscode.window.showTextDocument(summary, { preview: true });
  const counts = { skipped: plan.filter((r) => r.action === 'skip').length, invalid: plan.filter((r) => r.action === 'invalid').length };
  if (toAdd.length === 0) {
    void ui.notify('info', vscode.l10n.t('Nothing to add: {0} already present, {1} not valid.', counts.skipped, counts.invalid));
    return undefined;
  }
  const add = vscode.l10n.t('Add {0} Tenants', toAdd.length);
  const confirmed = await ui.confirm(
    vscode.l10n.t('Add {0} tenants to {1}?', toAdd.length, registration.registrationName),
    vscode.l10n.t('{0} rows are already present and {1} are not valid; they are not sent. The dry run is open beside this dialog.', counts.skipped, counts.invalid),
    add,
  );
  if (!confirmed) return undefined;
  const outcomes = new Map<number, { outcome: string; code: string; message: string }>();
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    await inParallel(toAdd, csvConcurrency, controller.signal, async (row) => {
      try {
        await client.addTenant(tenantRef(registration, row.customerSubscriptionId), row.tenantId, { abortSignal: controller.signal });
        outcomes.set(row.line, { outcome: 'added', code: '', message: '' });
      } catch (error) {
        const failure = toAzureFailure(error);
        const { summary } = describeFailure(failure, deps.locale);
        outcomes.set(row.line, { outcome: failure.kind === 'cancelled' ? 'cancelled' : 'failed', code: failure.code, message: summary });
      }
      progress.report({ increment: 100 / toAdd.length, message: vscode.l10n.t('{0} of {1}', outcomes.size, toAdd.length) });
    });
  });
  const resultFile = file.with({ path: file.path.replace(/(\.[^./]+)?$/, '.results.csv') });
  const resultRows = plan.map((row) => {
    const done = outcomes.get(row.line);
    const outcome = row.action === 'add' ? (done ?? { outcome: 'not sent (cancelled)', code: '', message: '' })
      : row.action === 'skip' ? { outcome: 'skipped: already present', code: '', message: '' }
        : { outcome: 'invalid', code: '', message: pick(row.problem, deps.locale) };
    return [row.line, row.customerSubscriptionId, row.tenantId, row.label, outcome.outcome, outcome.code, outcome.message];
  });
  await vscode.workspace.fs.writeFile(resultFile, new TextEncoder().encode(
    toCsv(['line', 'customerSubscriptionId', 'tenantId', 'label', 'outcome', 'errorCode', 'message'], resultRows)));
  const added = [...outcomes.values()].filter((o) => o.outcome === 'added').length;
  const failed = [...outcomes.values()].filter((o) => o.outcome === 'failed').length;
  deps.log.info(`CSV ${file.fsPath}: ${added} added, ${failed} failed, ${counts.skipped} skipped, ${counts.invalid} invalid (results in ${resultFile.fsPath})`);
  deps.tree.reloadTenants(registration.id);
  const open = vscode.l10n.t('Open Results');
  void ui.notify(failed ? 'warning' : 'info', vscode.l10n.t('{0} tenants added, {1} failed, {2} skipped, {3} not valid. Results: {4}',
    added, failed, counts.skipped, counts.invalid, vscode.workspace.asRelativePath(resultFile)), open).then(async (choice) => {
    if (choice === open) await vscode.window.showTextDocument(resultFile);
  });
  return { planned: plan, added, failed, resultFile };
}

