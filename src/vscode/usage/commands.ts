// Add, sign in to and remove stamps — adding shows how the stamp signs in for the user to confirm and takes its own
// credentials (stampSignIn.ts) — and the usage report: pick a stamp, a granularity and a period (checked as the
// stamp would check it), stream the usage with progress and cancel (per tenant subscription when the stamp's gateway
// gives up on all at once), and show it per end customer, meter and period with the Azure subscription each one is
// billed to and, with price lists imported, what it costs and what it is resold for.
import * as vscode from 'vscode';
import { toAzureFailure } from '../../azure/errors';
import { isGuid } from '../../core/ids';
import { pick, type Locale } from '../../core/l10n';
import { UsageAggregator, aggregatedUsage } from '../../core/usage/aggregate';
import { checkPeriod, floorTo, formatUtc, parseUtcTime, periodBoundaries, type Granularity, type Period } from '../../core/usage/period';
import { priceChangeDates } from '../../core/usage/priceFiles';
import { priceReport } from '../../core/usage/pricing';
import { buildReport, type UsageReport } from '../../core/usage/report';
import { failureError } from '../azureErrors';
import type { AuthorityConfirmations } from '../account/authorities';
import type { AzureSession } from '../account/session';
import { isCancellation, runWithErrorHandling, UserFacingError } from '../infrastructure/commands';
import type { Logger } from '../infrastructure/logger';
import { UserCancelledError, type UserInput } from '../infrastructure/ui';
import { readSettings, updateSetting, type StampSetting } from '../settings';
import type { RegistrationsTreeProvider } from '../tree/provider';
import type { PriceSources } from './prices';
import { exportInvoices, exportReport, showUsageReport, type ReportViewDeps, type ShownReport } from './reportView';
import { factsOf, sameStamp, saveStamp } from './stampSignIn';
import { StampNode } from '../tree/stampNodes';
import type { StampService } from './stamps';

export interface UsageCommandDeps {
  stamps: StampService;
  prices: PriceSources;
  session: AzureSession;
  authorities: AuthorityConfirmations;
  tree: RegistrationsTreeProvider;
  ui: () => UserInput;
  log: Logger;
  locale: Locale;
  extensionUri: vscode.Uri;
}

export async function addStamp(deps: UsageCommandDeps): Promise<StampSetting> {
  const ui = deps.ui();
  const title = vscode.l10n.t('Add Azure Stack Hub Stamp');
  const { parseAdminEndpoint, discoverStamp } = await import('../../azure/sdk.js');
  const endpoint = await ui.input({
    title, prompt: vscode.l10n.t("The stamp's administrator Resource Manager endpoint"), placeHolder: 'https://adminmanagement.local.azurestack.external',
    validateInput: (value) => {
      const parsed = parseAdminEndpoint(value);
      return parsed.ok ? undefined : pick(parsed.message, deps.locale);
    },
  });
  const adminEndpoint = (parseAdminEndpoint(endpoint) as { ok: true; url: string }).url;
  const endpoints = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading how to sign in to {0}…', adminEndpoint) },
    () => discoverStamp(adminEndpoint, { azureCloud: deps.session.configuredCloud() })).then(undefined, (error: unknown) => { throw failureError(toAzureFailure(error), deps.locale); });
  // What the stamp said is shown before anything else happens; declining leaves no trace.
  if (!await deps.stamps.signIn.confirmFacts(new URL(adminEndpoint).host, endpoints)) throw new UserCancelledError();
  const name = await ui.input({
    title, prompt: vscode.l10n.t('A name for the stamp'), value: new URL(adminEndpoint).hostname.replace(/^adminmanagement\./, ''),
    validateInput: (value) => (!value.trim() ? vscode.l10n.t('Enter a name.')
      : deps.stamps.stamps().some((s) => s.name.toLowerCase() === value.trim().toLowerCase()) ? vscode.l10n.t('A stamp named {0} exists already.', value.trim()) : undefined),
  });
  const guidOrEmpty = (required: boolean) => (value: string) => ((!value.trim() && !required) || isGuid(value.trim()) ? undefined : vscode.l10n.t('Enter a GUID such as 6f1d4a52-0e3b-4c8e-9a71-2b5d8c9e0f13.'));
  const tenantId = endpoints.identitySystem === 'entraId'
    ? (await ui.input({ title, prompt: vscode.l10n.t('The directory (tenant) ID the stamp is registered in (Microsoft Entra ID)'), validateInput: guidOrEmpty(true) })).trim()
    : undefined;
  const cloudDeploymentId = (await ui.input({
    title, prompt: vscode.l10n.t("Optional: the stamp's CloudDeploymentID (CloudID from Get-AzureStackStampInformation), to find its registration"),
    validateInput: guidOrEmpty(false),
  })).trim();
  const unsaved: StampSetting = {
    name: name.trim(), adminEndpoint, ...(tenantId ? { tenantId } : {}), ...(cloudDeploymentId ? { cloudDeploymentId } : {}), pinned: factsOf(endpoints),
  };
  const signIn = await deps.stamps.signIn.chooseSignIn(unsaved, endpoints);
  await deps.authorities.remember(endpoints.loginEndpoint);
  const setting = await saveStamp({ ...unsaved, signIn });
  deps.tree.refresh();
  void ui.notify('info', vscode.l10n.t('Added stamp {0} ({1} sign-in).', setting.name, endpoints.identitySystem === 'adfs' ? 'AD FS' : 'Microsoft Entra ID'));
  return setting;
}

export async function removeStamp(deps: UsageCommandDeps, node?: unknown): Promise<boolean> {
  const stamp = node instanceof StampNode ? node.setting : await chooseStamp(deps, vscode.l10n.t('Remove Stamp'));
  const answer = await deps.ui().askDestructive({
    message: vscode.l10n.t('Remove stamp {0} from the list?', stamp.name),
    detail: vscode.l10n.t('Nothing changes on the stamp or in Azure. Its secret or certificate is deleted from VS Code secret storage.'),
    safe: vscode.l10n.t('Keep Stamp'),
    destructive: vscode.l10n.t('Remove Stamp'),
  });
  if (answer !== 'destructive') return false;
  await deps.stamps.forgetStamp(stamp, true);
  await updateSetting('stamps', readSettings().stamps.filter((s) => !sameStamp(s, stamp)));
  deps.tree.refresh();
  return true;
}

/**
 * Signs in to a stamp anew: confirms its sign-in when that is due, asks for its credentials when it has none, and
 * gets a token to show they work; when the stamp refuses them, offers to enter them again.
 */
export async function signInToStamp(deps: UsageCommandDeps, node?: unknown): Promise<boolean> {
  let stamp = node instanceof StampNode ? node.setting : await chooseStamp(deps, vscode.l10n.t('Sign In to Stamp'));
  const { checkSignIn } = await import('../../azure/sdk.js');
  for (;;) {
    await deps.stamps.forgetStamp(stamp);
    const connection = await deps.stamps.connect(stamp, true).catch((error: unknown) => { throw asUserError(error, deps.locale); });
    const check = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing in to stamp {0}…', connection.setting.name) },
      () => checkSignIn(connection.credentials, connection.endpoints.cloud));
    stamp = connection.setting;
    if (check.ok) {
      deps.tree.refresh();
      void deps.ui().notify('info', vscode.l10n.t('Signed in to stamp {0}.', stamp.name));
      return true;
    }
    const again = vscode.l10n.t('Enter Credentials Again');
    const message = check.failure.serviceMessage ?? check.failure.code;
    deps.log.warn(`stamp ${stamp.name}: sign-in failed: ${check.failure.code}: ${message}`);
    if (!await deps.ui().confirm(vscode.l10n.t('Stamp {0} did not accept the sign-in', stamp.name), message, again)) return false;
    await deps.stamps.forgetStamp(stamp, true);
    stamp = await saveStamp({ ...stamp, signIn: undefined });
  }
}

/** A failure as the command boundary shows it: our own messages as they are, Azure's explained. */
function asUserError(error: unknown, locale: Locale): unknown {
  return error instanceof UserFacingError || isCancellation(error) ? error : failureError(toAzureFailure(error), locale);
}

async function chooseStamp(deps: UsageCommandDeps, title: string): Promise<StampSetting> {
  const stamps = deps.stamps.stamps();
  if (stamps.length === 0) throw new UserFacingError(vscode.l10n.t('No stamp yet: add one with "Add Azure Stack Hub Stamp".'));
  if (stamps.length === 1) return stamps[0];
  return (await deps.ui().pick(stamps.map((s) => ({ label: s.name, description: s.adminEndpoint, stamp: s })), { title })).stamp;
}

/** Defaults a person would most often want: last month (daily), or the last 24 whole hours (hourly). */
function defaultPeriod(granularity: Granularity, now: Date): { start: Date; end: Date } {
  if (granularity === 'hourly') {
    const end = floorTo(now, 'hourly');
    return { start: new Date(end.getTime() - 24 * 3_600_000), end };
  }
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return { start: new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1)), end };
}

async function askPeriod(deps: UsageCommandDeps): Promise<Period> {
  const ui = deps.ui();
  const title = vscode.l10n.t('Usage Report');
  const granularity = (await ui.pick([
    { label: vscode.l10n.t('Daily'), description: vscode.l10n.t('one value per UTC day'), value: 'daily' as const },
    { label: vscode.l10n.t('Hourly'), description: vscode.l10n.t('one value per UTC hour'), value: 'hourly' as const },
  ], { title, placeHolder: vscode.l10n.t('Granularity') })).value;
  const now = new Date();
  const defaults = defaultPeriod(granularity, now);
  const show = (date: Date) => (granularity === 'daily' ? date.toISOString().slice(0, 10) : formatUtc(date));
  const check = (field: 'start' | 'end', start: Date | undefined, end: Date | undefined, value: string) => {
    if (!parseUtcTime(value)) return vscode.l10n.t('Enter a UTC date such as 2026-11-01, or a time such as 2026-11-01T05:00Z.');
    if (!start || !end) return undefined;
    const problem = checkPeriod({ start, end, granularity }, now);
    return problem?.field === field ? pick(problem.message, deps.locale) : undefined;
  };
  const startText = await ui.input({
    title, prompt: vscode.l10n.t('Start (UTC, included)'), value: show(defaults.start),
    validateInput: (value) => check('start', parseUtcTime(value), defaults.end, value),
  });
  const start = parseUtcTime(startText)!;
  const endText = await ui.input({
    title, prompt: vscode.l10n.t('End (UTC, not included)'), value: show(defaults.end),
    validateInput: (value) => check('end', start, parseUtcTime(value), value),
  });
  return { start, end: parseUtcTime(endText)!, granularity };
}

export interface ReportRun extends ShownReport {
  period: Period;
}

export async function usageReport(deps: UsageCommandDeps, node?: unknown, onShown?: (run: ReportRun) => void): Promise<ReportRun> {
  const stamp = node instanceof StampNode ? node.setting : await chooseStamp(deps, vscode.l10n.t('Usage Report'));
  const period = await askPeriod(deps);
  const prices = await deps.prices.load();
  if (prices.problems.length) void deps.ui().notify('warning', vscode.l10n.t('{0} problems with the price lists or the meter mapping; the report is priced without what could not be read. See the log.', prices.problems.length));
  const connection = await deps.stamps.connect(stamp, true).catch((error: unknown) => { throw asUserError(error, deps.locale); });
  const { fetchAllUsage } = await import('../../azure/sdk.js');
  const report = await vscode.window.withProgress({
    location: vscode.ProgressLocation.Notification, cancellable: true, title: vscode.l10n.t('Reading usage of {0}…', stamp.name),
  }, async (progress, token): Promise<UsageReport> => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const aggregator = new UsageAggregator({ boundaries: periodBoundaries(period, priceChangeDates([...prices.inputs.microsoft, ...prices.inputs.resale])) });
    const records = (count: number) => count.toLocaleString(vscode.env.language);
    const [, billing] = await Promise.all([
      fetchAllUsage(connection.client, period, aggregator, {
        abortSignal: controller.signal,
        onFallback: (failure) => deps.log.warn(`${stamp.name}: the unfiltered usage query failed at the gateway (${failure.code}); asking per tenant subscription`),
        onProgress: (p) => progress.report({
          message: p.mode === 'all' ? vscode.l10n.t('{0} records in {1} pages', records(p.records), p.pages)
            : vscode.l10n.t('{0} records; {1} of {2} tenant subscriptions (the stamp timed out on all at once)', records(p.records), p.subscribersDone, p.subscribers),
        }),
      }),
      deps.stamps.billing(connection, { abortSignal: controller.signal }),
    ]);
    const usage = aggregatedUsage(aggregator);
    if (usage.skipped > 0) deps.log.warn(`${stamp.name}: ${usage.skipped} usage records were not valid and were left out`);
    deps.log.info(`${stamp.name}: ${usage.records} usage records into ${usage.cells.length} customer × meter cells`);
    return buildReport(usage, billing.subscriptions, billing.billing, period, deps.locale);
  }).then(undefined, (error: unknown) => { throw failureError(toAzureFailure(error), deps.locale); });
  const viewDeps: ReportViewDeps = { extensionUri: deps.extensionUri, locale: deps.locale, ui: deps.ui, prices: deps.prices };
  const priced = { pricing: priceReport(report, prices.inputs), inputs: prices.inputs, any: prices.any };
  // What the page asks for (an export) fails like a command: explained, logged, and quiet when the user cancelled.
  const shown = showUsageReport(stamp.name, report, priced, viewDeps, (error) => void runWithErrorHandling('azureStackCsp.usageReport (page)', deps, () => { throw error; }));
  const run = { ...shown, period };
  onShown?.(run);
  return run;
}

/** Exports the report shown last as CSV or JSON (the page's buttons do the same). */
export async function exportUsage(deps: UsageCommandDeps, run: ReportRun | undefined, format?: unknown): Promise<vscode.Uri> {
  if (!run) throw new UserFacingError(vscode.l10n.t('Run a usage report first (Azure Stack Hub CSP: Usage Report).'));
  const chosen = format === 'csv' || format === 'json' ? format : (await deps.ui().pick([
    { label: 'CSV', description: vscode.l10n.t('one row per customer and meter, for spreadsheets'), value: 'csv' as const },
    { label: 'JSON', description: vscode.l10n.t('the whole report, for scripts'), value: 'json' as const },
  ], { title: vscode.l10n.t('Export Usage Report') })).value;
  return exportReport(run.report, chosen, { extensionUri: deps.extensionUri, locale: deps.locale, ui: deps.ui, prices: deps.prices }, run.stampName);
}

/** Exports the invoice lines of the report shown last (the page's buttons do the same). */
export async function exportInvoicesCommand(deps: UsageCommandDeps, run: ReportRun | undefined, format?: unknown, perCustomer?: unknown): Promise<vscode.Uri[]> {
  if (!run) throw new UserFacingError(vscode.l10n.t('Run a usage report first (Azure Stack Hub CSP: Usage Report).'));
  const chosen = format === 'csv' || format === 'json' ? format : (await deps.ui().pick([
    { label: 'CSV', description: vscode.l10n.t('invoice lines with documented columns, for spreadsheets and billing systems'), value: 'csv' as const },
    { label: 'JSON', description: vscode.l10n.t('lines grouped per customer with totals, for scripts'), value: 'json' as const },
  ], { title: vscode.l10n.t('Export Invoices') })).value;
  return exportInvoices(run, chosen, typeof perCustomer === 'boolean' ? perCustomer : undefined, { extensionUri: deps.extensionUri, locale: deps.locale, ui: deps.ui, prices: deps.prices });
}
