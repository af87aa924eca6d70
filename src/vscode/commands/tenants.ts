// Adding and removing tenants (customer subscriptions), one at a time or from a CSV, and exporting them.
// Writes need a trusted workspace, are refused up front when the registration cannot take tenants, show progress
// with cancel, and explain any Azure error with its documented code, cause and remedy. They never surprise: an add
// reads first and replaces a customer's directory only when the user chooses to, a removal defaults to keeping the
// tenant and offers Undo, and no export or result file is replaced without asking.
import * as vscode from 'vscode';
import { toAzureFailure } from '../../azure/errors';
import type { Registration, RegistrationsClient, Tenant } from '../../azure/registrations';
import { allowsTenants } from '../../core/azureStack';
import { errorCatalog } from '../../core/errors';
import { findPlaceholder, isGuid, repairGuid, type CustomerSubscriptionRef } from '../../core/ids';
import { pick, type Locale } from '../../core/l10n';
import { decideAdd } from '../../core/tenantAdd';
import { planTenantRows, readTenantRows, type PlannedRow } from '../../core/tenantsCsv';
import { toCsv } from '../../core/csv';
import type { AzureDirectory } from '../account/directory';
import type { AzureSession } from '../account/session';
import type { CustomerNames } from '../customers';
import { describeFailure, failureError } from '../azureErrors';
import { runWithErrorHandling, UserFacingError } from '../infrastructure/commands';
import type { Logger } from '../infrastructure/logger';
import { announceOutputFile, chooseOutputFile, freeOutputFile, writeOutputFile } from '../infrastructure/outputFiles';
import { byCount } from '../infrastructure/plural';
import type { Review } from '../infrastructure/reviewPanel';
import type { UserInput } from '../infrastructure/ui';
import { RegistrationNode, TenantNode } from '../tree/azureNodes';
import type { TreeNode } from '../tree/nodes';
import { revealAndSelect, type RegistrationsTreeProvider } from '../tree/provider';
import { decodeText } from '../../core/encoding';

export interface TenantCommandDeps {
  session: AzureSession;
  directory: AzureDirectory;
  tree: RegistrationsTreeProvider;
  view: () => vscode.TreeView<TreeNode> | undefined;
  /** Who the customers are: an import's labels name them, an export writes their names. */
  customers: CustomerNames;
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

/** Why a registration cannot take tenants, in a picker; undefined when it can. */
function whyNoTenants(registration: Registration): string | undefined {
  if (allowsTenants(registration.billingModel)) return undefined;
  return vscode.l10n.t('Takes no tenants: {0} registrations cannot (only PayAsYouUse registrations can).', registration.billingModel ?? '?');
}

/**
 * The registration a command acts on: the tree item it was run on, or one the user picks. For commands that add
 * tenants (`addsTenants`), registrations that cannot take them are listed last, with the reason, and cannot be picked.
 */
export async function chooseRegistration(deps: TenantCommandDeps, arg: unknown, title: string, addsTenants = false): Promise<Registration> {
  if (arg instanceof RegistrationNode) return arg.registration;
  const registrations = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading registrations…') },
    () => deps.directory.allRegistrations(),
  );
  if (registrations.length === 0) throw new UserFacingError(vscode.l10n.t('No Azure Stack Hub registration was found in the selected subscriptions.'));
  const items = registrations.map((registration) => ({
    label: registration.registrationName,
    description: `${registration.billingModel ?? '?'} · ${registration.resourceGroup}`,
    detail: `CloudDeploymentID ${registration.cloudId ?? '—'} · ${registration.subscriptionId}`,
    unavailable: addsTenants ? whyNoTenants(registration) : undefined,
    registration,
  }));
  items.sort((a, b) => Number(!!a.unavailable) - Number(!!b.unavailable) || a.label.localeCompare(b.label));
  const picked = await deps.ui().pick(items, { title, placeHolder: vscode.l10n.t('Registration'), matchOnDescription: true, matchOnDetail: true });
  return picked.registration;
}

/** Refuses, before any request, a registration that cannot take tenants (CustomerSubscriptionsNotAllowed). */
function requireTenantsAllowed(registration: Registration, locale: Locale): void {
  if (allowsTenants(registration.billingModel)) return;
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

type AddOutcome =
  | { kind: 'added'; tenant: Tenant; confirmedAfterLoss: boolean }
  | { kind: 'replaced'; tenant: Tenant; confirmedAfterLoss: boolean; previousTenantId: string }
  | { kind: 'present'; tenant: Tenant }
  | { kind: 'kept' };

/**
 * Adds a customer subscription after reading what the registration holds. Already there with this directory: nothing
 * is sent. There with another: a modal names both directories, and only an explicit Replace sends the PUT.
 */
async function addReadingFirst(deps: TenantCommandDeps, registration: Registration, customerSubscriptionId: string, tenantId: string): Promise<AddOutcome> {
  const client = deps.session.requireClient();
  const ref = tenantRef(registration, customerSubscriptionId);
  const present = await explained(deps, withCancellableProgress(vscode.l10n.t('Reading tenant {0} of {1}…', customerSubscriptionId, registration.registrationName),
    (abortSignal) => client.findTenant(ref, { abortSignal })));
  const decision = decideAdd(present, tenantId);
  if (present && decision.kind === 'present') return { kind: 'present', tenant: present };
  if (decision.kind === 'otherDirectory') {
    const answer = await deps.ui().askDestructive({
      message: vscode.l10n.t('Customer subscription {0} is already in {1}, with directory {2}.', customerSubscriptionId, registration.registrationName, decision.presentTenantId),
      detail: vscode.l10n.t("Replacing it with directory {0} moves the customer's usage billing to that directory.", tenantId),
      safe: vscode.l10n.t('Keep Current Directory'),
      destructive: vscode.l10n.t('Replace Directory'),
    });
    if (answer !== 'destructive') return { kind: 'kept' };
  }
  const result = await explained(deps, withCancellableProgress(vscode.l10n.t('Adding tenant {0} to {1}…', customerSubscriptionId, registration.registrationName),
    (abortSignal) => client.addTenant(ref, tenantId, { abortSignal })));
  deps.tree.reload(registration.id);
  const written = { tenant: result.tenant, confirmedAfterLoss: !!result.confirmedAfter };
  if (decision.kind === 'otherDirectory') {
    deps.log.info(`replaced directory ${decision.presentTenantId} of tenant ${customerSubscriptionId} with ${tenantId} in ${registration.id}`);
    return { kind: 'replaced', previousTenantId: decision.presentTenantId, ...written };
  }
  deps.log.info(`added tenant ${customerSubscriptionId} (directory ${tenantId}) to ${registration.id}`);
  return { kind: 'added', ...written };
}

export async function addTenant(deps: TenantCommandDeps, arg?: unknown): Promise<Tenant | undefined> {
  requireTrust();
  deps.session.requireClient(); // signed in, before any prompt
  const title = vscode.l10n.t('Add Tenant to Registration');
  const registration = await chooseRegistration(deps, arg, title, true);
  requireTenantsAllowed(registration, deps.locale);
  const ui = deps.ui();
  const customerSubscriptionId = await askGuid(ui, title, vscode.l10n.t('customer subscription ID'),
    vscode.l10n.t("The end customer's Azure subscription ID (added to {0})", registration.registrationName));
  const tenantId = await askGuid(ui, title, vscode.l10n.t('tenant (directory) ID'), vscode.l10n.t("The customer's directory (tenant) ID in Microsoft Entra ID"));
  const outcome = await addReadingFirst(deps, registration, customerSubscriptionId, tenantId);
  if (outcome.kind === 'kept') return undefined;
  await revealTenant(deps, registration, outcome.tenant);
  if (outcome.kind === 'present') {
    void ui.notify('info', vscode.l10n.t('Tenant {0} is already in {1} with directory {2}: nothing was sent.',
      customerSubscriptionId, registration.registrationName, outcome.tenant.tenantId ?? '—'));
    return outcome.tenant;
  }
  const note = outcome.confirmedAfterLoss ? ` ${vscode.l10n.t('(The first answer was lost; a check confirmed the tenant is there.)')}` : '';
  const done = outcome.kind === 'replaced'
    ? vscode.l10n.t('Replaced the directory of tenant {0} in {1}: {2} → {3}.', customerSubscriptionId, registration.registrationName, outcome.previousTenantId, tenantId)
    : vscode.l10n.t('Added tenant {0} to {1}.', customerSubscriptionId, registration.registrationName);
  void ui.notify('info', done + note);
  return outcome.tenant;
}

/**
 * Shows a tenant just added in the view, selected, so the user sees where it went. The add has happened whatever
 * becomes of this, so a view that cannot show it (a filter hides it, the view was refreshed) is only logged.
 */
async function revealTenant(deps: TenantCommandDeps, registration: Registration, tenant: Tenant): Promise<void> {
  try {
    const view = deps.view();
    const node = view && await deps.tree.tenantNode(registration, tenant);
    if (view && node && !await revealAndSelect(view, node)) deps.log.trace(`tenant ${tenant.customerSubscriptionId} not revealed: the view did not select it`);
  } catch (error) {
    deps.log.trace(`tenant ${tenant.customerSubscriptionId} not revealed: ${String(error)}`);
  }
}

/** The tenant to remove, with the registration it is in: the tree item, or a registration and ID the user gives. */
async function chooseTenant(deps: TenantCommandDeps, arg: unknown): Promise<{ registration: Registration; customerSubscriptionId: string }> {
  if (arg instanceof TenantNode) return { registration: arg.parent.registration, customerSubscriptionId: arg.tenant.customerSubscriptionId };
  const title = vscode.l10n.t('Remove Tenant');
  const registration = await chooseRegistration(deps, arg, title);
  const customerSubscriptionId = await askGuid(deps.ui(), title, vscode.l10n.t('customer subscription ID'),
    vscode.l10n.t('The customer subscription to remove from {0}', registration.registrationName));
  return { registration, customerSubscriptionId };
}

export async function removeTenant(deps: TenantCommandDeps, arg?: unknown): Promise<boolean> {
  requireTrust();
  const client = deps.session.requireClient();
  const ui = deps.ui();
  const { registration, customerSubscriptionId } = await chooseTenant(deps, arg);
  const ref = tenantRef(registration, customerSubscriptionId);
  // Read first: the confirmation names the directory, and Undo puts back exactly that one.
  const present = await explained(deps, withCancellableProgress(vscode.l10n.t('Reading tenant {0} of {1}…', customerSubscriptionId, registration.registrationName),
    (abortSignal) => client.findTenant(ref, { abortSignal })));
  if (!present) {
    deps.tree.reload(registration.id);
    void ui.notify('info', vscode.l10n.t('Tenant {0} is not in {1}: nothing was sent.', customerSubscriptionId, registration.registrationName));
    return false;
  }
  const answer = await ui.askDestructive({
    message: vscode.l10n.t('Remove tenant {0} from registration {1}?', customerSubscriptionId, registration.registrationName),
    detail: vscode.l10n.t("Its directory is {0}. Usage of this customer is then billed to the registration's own subscription until the tenant is added again.",
      present.tenantId ?? '—'),
    safe: vscode.l10n.t('Keep Tenant'),
    destructive: vscode.l10n.t('Remove Tenant'),
  });
  if (answer !== 'destructive') return false;
  await explained(deps, withCancellableProgress(vscode.l10n.t('Removing tenant {0} from {1}…', customerSubscriptionId, registration.registrationName),
    (abortSignal) => client.removeTenant(ref, { abortSignal })));
  deps.log.info(`removed tenant ${customerSubscriptionId} (directory ${present.tenantId ?? 'unknown'}) from ${registration.id}`);
  deps.tree.reload(registration.id);
  const removed = vscode.l10n.t('Removed tenant {0} from {1}.', customerSubscriptionId, registration.registrationName);
  const { tenantId } = present;
  if (!tenantId) {
    void ui.notify('info', removed);
    return true;
  }
  const undo = vscode.l10n.t('Undo');
  void ui.notify('info', removed, undo).then((choice) => {
    if (choice === undo) void runWithErrorHandling('azureStackCsp.removeTenant (undo)', deps, () => undoRemoval(deps, registration, customerSubscriptionId, tenantId));
  });
  return true;
}

/** Puts a removed tenant back with the directory it had, reading first like any add. */
async function undoRemoval(deps: TenantCommandDeps, registration: Registration, customerSubscriptionId: string, tenantId: string): Promise<void> {
  const outcome = await addReadingFirst(deps, registration, customerSubscriptionId, tenantId);
  if (outcome.kind === 'kept') return;
  await revealTenant(deps, registration, outcome.tenant);
  void deps.ui().notify('info', vscode.l10n.t('Restored tenant {0} to {1} with directory {2}.', customerSubscriptionId, registration.registrationName, outcome.tenant.tenantId ?? tenantId));
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
  const ui = deps.ui();
  const target = await ui.saveUri({
    title: vscode.l10n.t('Export Tenants to CSV'),
    defaultUri: folder ? await freeOutputFile(vscode.Uri.joinPath(folder, `tenants-${registration.registrationName}.csv`)) : undefined,
    filters: { CSV: ['csv'] },
  });
  const text = toCsv(['customerSubscriptionId', 'tenantId', 'label'],
    tenants.map((t) => [t.customerSubscriptionId, t.tenantId ?? '', deps.customers.lookup(t.customerSubscriptionId, t.tenantId)?.name ?? '']));
  const written = await writeOutputFile(ui, target, text);
  const path = vscode.workspace.asRelativePath(written);
  void announceOutputFile(ui, 'info', byCount(tenants.length, vscode.l10n.t('Exported 1 tenant of {0} to {1}.', registration.registrationName, path),
    vscode.l10n.t('Exported {0} tenants of {1} to {2}.', tenants.length, registration.registrationName, path)), written);
  return written;
}

export interface CsvRunResult {
  planned: PlannedRow[];
  added: number;
  failed: number;
  resultFile: vscode.Uri;
}

/** How many rows of a plan are sent, skipped and refused. */
interface PlanCounts {
  add: number;
  skipped: number;
  invalid: number;
}

function alreadyPresent(count: number): string {
  return byCount(count, vscode.l10n.t('1 row is already present'), vscode.l10n.t('{0} rows are already present', count));
}

function notValid(count: number): string {
  return byCount(count, vscode.l10n.t('1 row is not valid'), vscode.l10n.t('{0} rows are not valid', count));
}

/** The dry run of a CSV: every row with what will happen to it, and the button that sends the rows to add. */
function planReview(file: vscode.Uri, plan: PlannedRow[], registration: Registration, counts: PlanCounts, locale: Locale): Review {
  const willAdd = byCount(counts.add, vscode.l10n.t('1 tenant will be added'), vscode.l10n.t('{0} tenants will be added', counts.add));
  return {
    title: vscode.l10n.t('Dry run: add tenants to {0}', registration.registrationName),
    summary: vscode.l10n.t('{0}; {1} and {2}: they are not sent.', willAdd, alreadyPresent(counts.skipped), notValid(counts.invalid)),
    details: [vscode.l10n.t('From {0}', vscode.workspace.asRelativePath(file)), vscode.l10n.t('Registration: {0}', registration.id)],
    columns: [vscode.l10n.t('Line'), vscode.l10n.t('Customer subscription'), vscode.l10n.t('Directory (tenant)'), vscode.l10n.t('Label'), vscode.l10n.t('What happens')],
    rows: plan.map((row) => ({
      cells: [String(row.line), row.customerSubscriptionId, row.tenantId, row.label, row.action === 'add' ? vscode.l10n.t('will be added (PUT)')
        : row.action === 'skip' ? vscode.l10n.t('already present: skipped') : `${vscode.l10n.t('not sent')}: ${pick(row.problem, locale)}`],
      outcome: row.action === 'add' ? 'send' : row.action,
    })),
    action: counts.add > 0 ? byCount(counts.add, vscode.l10n.t('Add 1 Tenant'), vscode.l10n.t('Add {0} Tenants', counts.add)) : undefined,
  };
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
  const rows = readTenantRows(decodeText(await vscode.workspace.fs.readFile(file)));
  deps.customers.noteCsv(file, rows);
  if (rows.length === 0) throw new UserFacingError(vscode.l10n.t('{0} has no rows. Expected: customer subscription ID, tenant ID, optional label.', vscode.workspace.asRelativePath(file)));
  const registration = await chooseRegistration(deps, arg, title, true);
  requireTenantsAllowed(registration, deps.locale);
  const present = await explained(deps, withCancellableProgress(vscode.l10n.t('Reading the tenants of {0}…', registration.registrationName),
    (signal) => allTenants(client, registration, signal)));
  const plan = planTenantRows(rows, new Map(present.map((t) => [t.customerSubscriptionId.toLowerCase(), t.tenantId])));
  const toAdd = plan.filter((row) => row.action === 'add');
  const counts = { add: toAdd.length, skipped: plan.filter((r) => r.action === 'skip').length, invalid: plan.filter((r) => r.action === 'invalid').length };
  const confirmed = await ui.review(planReview(file, plan, registration, counts, deps.locale));
  if (toAdd.length === 0) {
    void ui.notify('info', vscode.l10n.t('Nothing to add: {0} and {1}.', alreadyPresent(counts.skipped), notValid(counts.invalid)));
    return undefined;
  }
  if (!confirmed) return undefined;
  // Settled before anything is sent: declining to replace an earlier run's results then loses nothing.
  const resultTarget = await chooseOutputFile(ui, file.with({ path: file.path.replace(/(\.[^./]+)?$/, '.results.csv') }));
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
  const resultRows = plan.map((row) => {
    const done = outcomes.get(row.line);
    const outcome = row.action === 'add' ? (done ?? { outcome: 'not sent (cancelled)', code: '', message: '' })
      : row.action === 'skip' ? { outcome: 'skipped: already present', code: '', message: '' }
        : { outcome: 'invalid', code: '', message: pick(row.problem, deps.locale) };
    return [row.line, row.customerSubscriptionId, row.tenantId, row.label, outcome.outcome, outcome.code, outcome.message];
  });
  const resultFile = await writeOutputFile(ui, resultTarget,
    toCsv(['line', 'customerSubscriptionId', 'tenantId', 'label', 'outcome', 'errorCode', 'message'], resultRows));
  const added = [...outcomes.values()].filter((o) => o.outcome === 'added').length;
  const failed = [...outcomes.values()].filter((o) => o.outcome === 'failed').length;
  deps.log.info(`CSV ${file.fsPath}: ${added} added, ${failed} failed, ${counts.skipped} skipped, ${counts.invalid} invalid (results in ${resultFile.fsPath})`);
  deps.tree.reload(registration.id);
  const addedText = byCount(added, vscode.l10n.t('1 tenant added'), vscode.l10n.t('{0} tenants added', added));
  const invalidText = byCount(counts.invalid, vscode.l10n.t('1 not valid'), vscode.l10n.t('{0} not valid', counts.invalid));
  void announceOutputFile(ui, failed ? 'warning' : 'info', vscode.l10n.t('{0}, {1} failed, {2} skipped, {3}. Results: {4}',
    addedText, failed, counts.skipped, invalidText, vscode.workspace.asRelativePath(resultFile)), resultFile);
  return { planned: plan, added, failed, resultFile };
}

