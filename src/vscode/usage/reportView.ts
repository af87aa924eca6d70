// The usage report panel: a themed webview with per-customer cards and charts and a sortable table, plus CSV/JSON
// export, and — with price lists — Microsoft's price, the cost, the resale price and the margin per row, totals per
// customer and per billed Azure subscription, and invoice exports.
import * as vscode from 'vscode';
import type { Locale } from '../../core/l10n';
import { billedSubscriptionOf } from '../../core/usage/billing';
import { customerFileName, invoiceCsv, invoiceJson, invoicesByCustomer } from '../../core/usage/invoice';
import { rowTexts, totalsText } from '../../core/usage/format';
import { priceReport, type MoneyTotal, type PricingInputs, type PricingSummary } from '../../core/usage/pricing';
import { describeBilling, reportToCsv, reportToJson, type UsageReport } from '../../core/usage/report';
import { hoursPerMonth } from '../../core/usage/units';
import { announceOutputFile, chooseOutputFiles, freeOutputFile, writeOutputFile } from '../infrastructure/outputFiles';
import type { UserInput } from '../infrastructure/ui';
import { importPriceList, type PriceSources } from './prices';

export interface ReportViewDeps {
  extensionUri: vscode.Uri;
  locale: Locale;
  ui: () => UserInput;
  prices: PriceSources;
}

/** The report priced with what was loaded; `any` is false when there was no price list nor markup to price with. */
export interface PricedReport {
  pricing: PricingSummary;
  inputs: PricingInputs;
  any: boolean;
}

/** The panel's content, kept for the test API: what the page was given to render. */
export interface ShownReport {
  stampName: string;
  report: UsageReport;
  /** Replaced when a price list is imported from the page. */
  priced: PricedReport;
  panel: vscode.WebviewPanel;
  /** Resolves when the page has drawn the report, with how many customer cards, table rows and priced rows it shows. */
  rendered: Promise<RenderedCounts>;
  /** Fires each time the page draws again (after an import). */
  onRendered: vscode.Event<RenderedCounts>;
  /** Prices the report again with the price lists, mapping and markups as they are now, and redraws it. */
  reprice(): Promise<void>;
  /** What the page was sent last, texts as it shows them. */
  page(): PageReport;
}

export interface RenderedCounts {
  customers: number;
  rows: number;
  pricedRows: number;
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

function labels(stampName: string, report: UsageReport, priced: PricedReport): Record<string, string> {
  const granularity = report.period.granularity === 'daily' ? vscode.l10n.t('daily') : vscode.l10n.t('hourly');
  const { pricing } = priced;
  const currencies = pricing.currencies.join(', ');
  return {
    title: vscode.l10n.t('Usage on {0}', stampName),
    subtitle: vscode.l10n.t('{0} to {1} (UTC), {2}, {3} records', report.period.start.slice(0, 16).replace('T', ' '),
      report.period.end.slice(0, 16).replace('T', ' '), granularity, report.records.toLocaleString(vscode.env.language)),
    exportCsv: vscode.l10n.t('Export CSV'),
    exportJson: vscode.l10n.t('Export JSON'),
    exportInvoicesCsv: vscode.l10n.t('Invoices (CSV)'),
    exportInvoicesJson: vscode.l10n.t('Invoices (JSON)'),
    importPrices: vscode.l10n.t('Import price list…'),
    priceHelp: vscode.l10n.t('Find prices in Partner Center'),
    customer: vscode.l10n.t('Customer'),
    meter: vscode.l10n.t('Meter'),
    period: vscode.l10n.t('Period'),
    quantity: vscode.l10n.t('Quantity'),
    unit: vscode.l10n.t('Unit'),
    billedTo: vscode.l10n.t('Billed to Azure subscription'),
    microsoftPrice: vscode.l10n.t("Microsoft's price"),
    cost: vscode.l10n.t('Estimated cost'),
    resale: vscode.l10n.t('Resale'),
    margin: vscode.l10n.t('Margin'),
    notBilled: vscode.l10n.t('not billed by Microsoft'),
    noPrice: vscode.l10n.t('no price'),
    unknownMeterPrice: vscode.l10n.t('unknown meter'),
    unitMismatch: vscode.l10n.t('unit does not convert'),
    markup: vscode.l10n.t('markup'),
    customerPrice: vscode.l10n.t("customer's price"),
    tiered: vscode.l10n.t('tiered'),
    vCoreHours: vscode.l10n.t('vCore hours'),
    chartLabel: vscode.l10n.t('vCore hours per day for'),
    noVmUsage: vscode.l10n.t('No VM usage in this period'),
    noUsage: vscode.l10n.t('The stamp reported no usage for this period.'),
    unknownMeter: vscode.l10n.t('Meter not in the catalogue: shown by its ID'),
    tableLabel: vscode.l10n.t('Usage per customer, meter and period'),
    subscriptionsLabel: vscode.l10n.t('Totals per billed Azure subscription'),
    customersHeading: vscode.l10n.t('customers'),
    notSignedIn: vscode.l10n.t('(not known: sign in to Azure)'),
    totalLabel: vscode.l10n.t('Total'),
    skipped: vscode.l10n.t('{0} records were not valid usage records and were left out; see the log.', report.skippedRecords),
    noPrices: vscode.l10n.t('No price list yet: import Partner Center\'s price sheet, the CSP price list spreadsheet, a Retail Prices export or your own resale list to see costs and margins.'),
    pricingNote: vscode.l10n.t('Amounts in {0}, estimated from the imported price lists. Each line is rounded to the currency\'s smallest unit (half away from zero); totals add the rounded lines. GB × hours are converted to GB-months at {1} hours a month. Tiered prices count the total per billed Azure subscription, meter and period; each customer gets its share.',
      currencies || '—', hoursPerMonth),
    unpriced: vscode.l10n.t('No price for {0} rows of usage that Microsoft bills or of a meter nobody knows: {1}.', pricing.unpriced.rows,
      pricing.unpriced.meters.map((m) => m.meterName).join(', ')),
    priceChanges: vscode.l10n.t('{0} prices change inside a period of this report; run the report again to split its periods at those dates.', pricing.priceChanges.length),
  };
}

/** The report as the page renders it: billing put into words, prices beside each row, amounts and dates written in `language`. */
export function forPage(report: UsageReport, priced: PricedReport, locale: Locale, language: string) {
  const { pricing } = priced;
  const digits = pricing.roundingDigits;
  const totals = (sums: MoneyTotal[]) => ({ cost: totalsText(sums, 'cost', digits, language), resale: totalsText(sums, 'resale', digits, language), margin: totalsText(sums, 'margin', digits, language) });
  return {
    ...report,
    rows: pricing.rows.map((row) => ({
      ...row, billedTo: billedSubscriptionOf(row.billing) ?? '', billingText: describeBilling(row.billing, locale), text: rowTexts(row, digits, language),
    })),
    customers: report.customers.map((c) => {
      const sums = pricing.customers.find((t) => t.subscriptionId.toLowerCase() === c.subscriptionId.toLowerCase())?.totals ?? [];
      return { ...c, billingText: describeBilling(c.billing, locale), hasTotals: sums.length > 0, totals: totals(sums) };
    }),
    pricing: {
      any: priced.any, totals: totals(pricing.totals), hasTotals: pricing.totals.length > 0, unpricedRows: pricing.unpriced.rows, priceChanges: pricing.priceChanges.length,
      billedSubscriptions: pricing.billedSubscriptions.map((s) => ({ billedSubscriptionId: s.billedSubscriptionId, customers: s.customers, totals: totals(s.totals) })),
    },
  };
}

export type PageReport = ReturnType<typeof forPage>;

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

/**
 * Invoice lines as CSV or JSON: one file for every customer (a save dialog), or one file per customer in a folder.
 * Neither replaces a file without asking (infrastructure/outputFiles: the default saves beside it).
 */
export async function exportInvoices(run: Pick<ShownReport, 'report' | 'priced' | 'stampName'>, format: 'csv' | 'json', perCustomer: boolean | undefined, deps: ReportViewDeps): Promise<vscode.Uri[]> {
  const ui = deps.ui();
  const { report, priced: { pricing, inputs } } = run;
  const notes = { stamp: run.stampName, priceLists: inputs.microsoft, resaleLists: inputs.resale };
  const split = perCustomer ?? (await ui.pick([
    { label: vscode.l10n.t('One file'), description: vscode.l10n.t('every customer, with grand totals'), value: false },
    { label: vscode.l10n.t('One file per customer'), description: vscode.l10n.t('into a folder you choose'), value: true },
  ], { title: vscode.l10n.t('Export Invoices') })).value;
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!split) {
    const fileName = `invoices-${run.stampName.replace(/[^\w.-]+/g, '_')}-${report.period.start.slice(0, 7)}.${format}`;
    const target = await ui.saveUri({
      title: vscode.l10n.t('Export invoices'),
      defaultUri: workspace ? await freeOutputFile(vscode.Uri.joinPath(workspace, fileName)) : undefined,
      filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
    });
    const written = await writeOutputFile(ui, target, format === 'csv' ? invoiceCsv(pricing.rows) : invoiceJson(report, pricing, notes));
    void announceOutputFile(ui, 'info', vscode.l10n.t('Invoices exported to {0}.', vscode.workspace.asRelativePath(written)), written);
    return [written];
  }
  const folder = await ui.openUri({ title: vscode.l10n.t('Folder for the invoice files'), canSelectFolders: true, canSelectFiles: false, openLabel: vscode.l10n.t('Export Here') });
  const invoices = invoicesByCustomer(pricing);
  const targets = await chooseOutputFiles(ui, invoices.map((invoice) => vscode.Uri.joinPath(folder, customerFileName(invoice.customer, report.period.start, format))));
  const written: vscode.Uri[] = [];
  for (const [i, invoice] of invoices.entries()) {
    written.push(await writeOutputFile(ui, targets[i], format === 'csv' ? invoiceCsv(invoice.rows) : invoiceJson(report, pricing, notes, [invoice])));
  }
  if (written.length) void announceOutputFile(ui, 'info', vscode.l10n.t('{0} invoice files exported to {1}.', written.length, vscode.workspace.asRelativePath(folder)), written[0]);
  return written;
}

export function showUsageReport(stampName: string, report: UsageReport, priced: PricedReport, deps: ReportViewDeps, onError: (error: unknown) => void): ShownReport {
  const title = vscode.l10n.t('Usage: {0}', stampName);
  const panel = vscode.window.createWebviewPanel('azureStackCsp.usageReport', title, vscode.ViewColumn.Active, {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'media', 'usage')],
  });
  panel.webview.html = html(panel.webview, deps.extensionUri, title);
  const renderedEmitter = new vscode.EventEmitter<RenderedCounts>();
  panel.onDidDispose(() => renderedEmitter.dispose());
  const page = () => forPage(report, shown.priced, deps.locale, vscode.env.language);
  const post = () => panel.webview.postMessage({ type: 'report', report: page(), labels: labels(stampName, report, shown.priced), locale: vscode.env.language });
  const shown: ShownReport = {
    stampName, report, priced, panel, onRendered: renderedEmitter.event, page,
    rendered: new Promise<RenderedCounts>((resolve) => { const once = renderedEmitter.event((counts) => { once.dispose(); resolve(counts); }); }),
    reprice: async () => {
      const loaded = await deps.prices.load();
      shown.priced = { pricing: priceReport(report, loaded.inputs), inputs: loaded.inputs, any: loaded.any };
      await post();
    },
  };
  panel.webview.onDidReceiveMessage((message: { type?: string; format?: string } & Partial<RenderedCounts>) => {
    const handle = async () => {
      if (message.type === 'ready') await post();
      if (message.type === 'rendered') renderedEmitter.fire({ customers: message.customers ?? 0, rows: message.rows ?? 0, pricedRows: message.pricedRows ?? 0 });
      if (message.type === 'export' && (message.format === 'csv' || message.format === 'json')) await exportReport(report, message.format, deps, stampName);
      if (message.type === 'exportInvoices' && (message.format === 'csv' || message.format === 'json')) await exportInvoices(shown, message.format, undefined, deps);
      if (message.type === 'importPrices') {
        await importPriceList(deps.prices, deps.ui());
        await shown.reprice();
      }
      if (message.type === 'priceHelp') await showPriceHelp(deps);
    };
    handle().catch(onError);
  });
  return shown;
}

export async function showPriceHelp(deps: Pick<ReportViewDeps, 'ui'>): Promise<void> {
  const open = vscode.l10n.t('Open Microsoft docs');
  const choice = await deps.ui().notify('info', vscode.l10n.t(
    'Azure Stack Hub prices are in Partner Center: Dashboard → Pricing and offers → Usage-based services → Current → download the "Azure in Global CSP price list" and filter Region = Azure Stack. VMs are billed by vCore hours, one rate for every VM size.'), open);
  if (choice === open) await vscode.env.openExternal(vscode.Uri.parse(partnerCenterHelpUrl));
}
