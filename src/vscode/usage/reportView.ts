// The usage report panel: a themed webview with per-customer cards and charts and a sortable table, plus CSV/JSON
// export and help for finding Azure Stack prices in Partner Center.
import * as vscode from 'vscode';
import type { Locale } from '../../core/l10n';
import { billedSubscriptionOf } from '../../core/usage/billing';
import { describeBilling, reportToCsv, reportToJson, type UsageReport } from '../../core/usage/report';
import { announceOutputFile, freeOutputFile, writeOutputFile } from '../infrastructure/outputFiles';
import type { UserInput } from '../infrastructure/ui';

export interface ReportViewDeps {
  extensionUri: vscode.Uri;
  locale: Locale;
  ui: () => UserInput;
}

/** The panel's content, kept for the test API: what the page was given to render. */
export interface ShownReport {
  stampName: string;
  report: UsageReport;
  panel: vscode.WebviewPanel;
  /** Resolves when the page has drawn the report, with how many customer cards and table rows it shows. */
  rendered: Promise<{ customers: number; rows: number }>;
}

const partnerCenterHelpUrl = 'https://learn.microsoft.com/azure-stack/operator/azure-stack-usage-reporting';

function nonce(): string {
  return Array.from({ length: 32 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 62)]).join('');
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'usage', file));
  const scriptNonce = nonce();
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${scriptNonce}'; img-src ${webview.cspSource} data:;">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('report.css').toString()}">
<title>${title.replace(/[<&>"]/g, '')}</title>
</head>
<body><main id="root" aria-live="polite"></main><script nonce="${scriptNonce}" src="${media('report.js').toString()}"></script></body>
</html>`;
}

function labels(stampName: string, report: UsageReport): Record<string, string> {
  const granularity = report.period.granularity === 'daily' ? vscode.l10n.t('daily') : vscode.l10n.t('hourly');
  return {
    title: vscode.l10n.t('Usage on {0}', stampName),
    subtitle: vscode.l10n.t('{0} to {1} (UTC), {2}, {3} records', report.period.start.slice(0, 16).replace('T', ' '),
      report.period.end.slice(0, 16).replace('T', ' '), granularity, report.records.toLocaleString(vscode.env.language)),
    exportCsv: vscode.l10n.t('Export CSV'),
    exportJson: vscode.l10n.t('Export JSON'),
    priceHelp: vscode.l10n.t('Find prices in Partner Center'),
    customer: vscode.l10n.t('Customer'),
    meter: vscode.l10n.t('Meter'),
    quantity: vscode.l10n.t('Quantity'),
    unit: vscode.l10n.t('Unit'),
    billedTo: vscode.l10n.t('Billed to Azure subscription'),
    vCoreHours: vscode.l10n.t('vCore hours'),
    chartLabel: vscode.l10n.t('vCore hours per day for'),
    noVmUsage: vscode.l10n.t('No VM usage in this period'),
    noUsage: vscode.l10n.t('The stamp reported no usage for this period.'),
    unknownMeter: vscode.l10n.t('Meter not in the catalogue: shown by its ID'),
    tableLabel: vscode.l10n.t('Usage per customer and meter'),
    skipped: vscode.l10n.t('{0} records were not valid usage records and were left out; see the log.', report.skippedRecords),
  };
}

/** The report as the page renders it: billing already put into words. */
function forPage(report: UsageReport, locale: Locale) {
  return {
    ...report,
    rows: report.rows.map((row) => ({ ...row, billedTo: billedSubscriptionOf(row.billing) ?? '', billingText: describeBilling(row.billing, locale) })),
    customers: report.customers.map((c) => ({ ...c, billingText: describeBilling(c.billing, locale) })),
  };
}

export async function exportReport(report: UsageReport, format: 'csv' | 'json', deps: ReportViewDeps, stampName: string): Promise<vscode.Uri> {
  const day = report.period.start.slice(0, 10);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const fileName = `usage-${stampName.replace(/[^\w.-]+/g, '_')}-${day}.${format}`;
  const ui = deps.ui();
  const target = await ui.saveUri({
    title: format === 'csv' ? vscode.l10n.t('Export usage as CSV') : vscode.l10n.t('Export usage as JSON'),
    defaultUri: folder ? await freeOutputFile(vscode.Uri.joinPath(folder, fileName)) : undefined,
    filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
  });
  const text = format === 'csv' ? reportToCsv(report, deps.locale) : reportToJson(report);
  const written = await writeOutputFile(ui, target, text);
  void announceOutputFile(ui, 'info', vscode.l10n.t('Usage exported to {0}.', vscode.workspace.asRelativePath(written)), written);
  return written;
}

export function showUsageReport(stampName: string, report: UsageReport, deps: ReportViewDeps, onError: (error: unknown) => void): ShownReport {
  const title = vscode.l10n.t('Usage: {0}', stampName);
  const panel = vscode.window.createWebviewPanel('azureStackCsp.usageReport', title, vscode.ViewColumn.Active, {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'media', 'usage')],
  });
  panel.webview.html = html(panel.webview, deps.extensionUri, title);
  const post = () => panel.webview.postMessage({ type: 'report', report: forPage(report, deps.locale), labels: labels(stampName, report), locale: vscode.env.language });
  let markRendered: (counts: { customers: number; rows: number }) => void = () => undefined;
  const rendered = new Promise<{ customers: number; rows: number }>((resolve) => { markRendered = resolve; });
  panel.webview.onDidReceiveMessage((message: { type?: string; format?: string; customers?: number; rows?: number }) => {
    const handle = async () => {
      if (message.type === 'ready') await post();
      if (message.type === 'rendered') markRendered({ customers: message.customers ?? 0, rows: message.rows ?? 0 });
      if (message.type === 'export' && (message.format === 'csv' || message.format === 'json')) await exportReport(report, message.format, deps, stampName);
      if (message.type === 'priceHelp') await showPriceHelp(deps);
    };
    handle().catch(onError);
  });
  return { stampName, report, panel, rendered };
}

export async function showPriceHelp(deps: ReportViewDeps): Promise<void> {
  const open = vscode.l10n.t('Open Microsoft docs');
  const choice = await deps.ui().notify('info', vscode.l10n.t(
    'Azure Stack Hub prices are in Partner Center: Dashboard → Pricing and offers → Usage-based services → Current → download the "Azure in Global CSP price list" and filter Region = Azure Stack. VMs are billed by vCore hours, one rate for every VM size.'), open);
  if (choice === open) await vscode.env.openExternal(vscode.Uri.parse(partnerCenterHelpUrl));
}
