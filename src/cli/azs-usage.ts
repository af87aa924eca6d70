// azs-usage: the monthly billing run without an editor. Signs in to a stamp with the stamp's own service principal
// (from the environment), streams a period of usage (per subscriber when the gateway gives up on the whole), prices
// it and writes invoice lines per customer as CSV or JSON. Progress and problems go to stderr; exit codes: the help
// (usageArgs.ts).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isAzureFailure, toAzureFailure, type AzureFailure } from '../azure/errors';
import { createCredentialFactory } from '../azure/credentials';
import { discoverStamp, parseAdminEndpoint, signInTenant, StampClient } from '../azure/stamps';
import { fetchAllUsage, type AllUsageProgress } from '../azure/usage';
import { pick, type Locale, type Localized } from '../core/l10n';
import { UsageAggregator, aggregatedUsage } from '../core/usage/aggregate';
import { customerFileName, invoiceCsv, invoiceJson, invoicesByCustomer, type PricingNotes } from '../core/usage/invoice';
import { MeterBook, readMeterMapping, type MeterMappingEntry } from '../core/usage/meterBilling';
import { periodBoundaries } from '../core/usage/period';
import { describePriceList, priceChangeDates, readPriceFile, type PriceRole } from '../core/usage/priceFiles';
import type { PriceList } from '../core/usage/prices';
import { priceReport, type PricingSummary } from '../core/usage/pricing';
import { decodeText } from '../core/encoding';
import { buildReport, type UsageReport } from '../core/usage/report';
import { UsageError, commandLineLocale } from './commandLine';
import { checkOutput, readNamedFile, writeNamedFile } from './namedFile';
import { exitCodes, parseUsageCommandLine, usageText, type UsageCliOptions } from './usageArgs';

/** A run that ends early with an exit code and a message for stderr. */
class Stop extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

const say = (text: string) => process.stderr.write(`azs-usage: ${text}\n`);

function failureText(failure: AzureFailure, locale: Locale): string {
  const documented = failure.documented ? ` ${pick(failure.documented.cause, locale)} ${pick(failure.documented.remedy, locale)}` : '';
  return `${failure.code}${failure.status ? ` (${failure.status})` : ''}: ${failure.serviceMessage ?? ''}${documented}`.trim();
}

/**
 * A stamp failure as the exit code says: sign-in refused (3) — by the stamp, or by us when the stamp's metadata asks
 * for a token for Azure Resource Manager or another audience than its own (src/azure/trust.ts; nothing is sent) — or
 * the stamp itself (4).
 */
function stampStop(error: unknown, locale: Locale): Stop {
  const failure = toAzureFailure(error);
  return new Stop(failure.kind === 'notSignedIn' || failure.kind === 'untrusted' ? exitCodes.signIn : exitCodes.stamp, failureText(failure, locale));
}

async function readPrices(paths: string[], role: PriceRole, locale: Locale): Promise<PriceList[]> {
  const lists: PriceList[] = [];
  for (const path of paths) {
    const result = await readPriceFile(readNamedFile(path, locale), path, role);
    if (!result.ok) throw new Stop(exitCodes.usage, pick(result.message, locale));
    say(pick(describePriceList(result.list), locale));
    for (const problem of result.list.problems) say(`${result.list.file}:${problem.line}: ${pick(problem.message, locale)}`);
    lists.push(result.list);
  }
  return lists;
}

function readMapping(path: string | undefined, locale: Locale): MeterMappingEntry[] {
  if (!path) return [];
  const { entries, problems } = readMeterMapping(decodeText(readNamedFile(path, locale)));
  if (problems.length) throw new Stop(exitCodes.usage, problems.map((p) => `${path}${p.at ? ` ${p.at}` : ''}: ${pick(p.message, locale)}`).join('\n'));
  return entries;
}

/** What is written, and where; refuses to replace a file unless --force, before any usage is read. */
function outputs(options: UsageCliOptions, report: UsageReport, pricing: PricingSummary, notes: PricingNotes): { path: string | undefined; text: string }[] {
  const write = (rows: PricingSummary['rows'], only?: ReturnType<typeof invoicesByCustomer>) =>
    (options.format === 'csv' ? invoiceCsv(rows) : invoiceJson(report, pricing, notes, only));
  if (!options.perCustomer) return [{ path: options.out, text: write(pricing.rows) }];
  return invoicesByCustomer(pricing).map((invoice) => ({
    path: join(options.out!, customerFileName(invoice.customer, report.period.start, options.format)),
    text: write(invoice.rows, [invoice]),
  }));
}

function checkNotThere(paths: (string | undefined)[], force: boolean, locale: Locale): void {
  const there = paths.filter((path): path is string => path !== undefined && existsSync(path));
  const exists = { en: '{paths} exists already: give --force to replace it, or another --out', sv: '{paths} finns redan: ange --force för att ersätta, eller en annan --out' };
  if (there.length && !force) throw new Stop(exitCodes.usage, pick(exists, locale, { paths: there.join(', ') }));
}

function progressLine(locale: Locale): (progress: AllUsageProgress) => void {
  let last = 0;
  return (progress) => {
    if (Date.now() - last < 2000) return;
    last = Date.now();
    const records = progress.records.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-US');
    say(progress.mode === 'all'
      ? pick({ en: '{records} records in {pages} pages', sv: '{records} poster på {pages} sidor' }, locale, { records, pages: progress.pages })
      : pick({ en: '{records} records, {done} of {all} tenant subscriptions', sv: '{records} poster, {done} av {all} klientprenumerationer' }, locale,
        { records, done: progress.subscribersDone, all: progress.subscribers }));
  };
}

async function fetchReport(options: UsageCliOptions, lists: PriceList[]): Promise<UsageReport> {
  const { locale } = options;
  const endpoint = parseAdminEndpoint(options.stamp);
  if (!endpoint.ok) throw new Stop(exitCodes.usage, `--stamp: ${pick(endpoint.message, locale)}`);
  // Discovery and the client refuse a stamp whose audience is Azure Resource Manager's or not its own, and the client
  // sends its token to the stamp's origin only: the stamp's credentials never serve anything else.
  const stamp = await discoverStamp(endpoint.url).catch((error: unknown) => { throw stampStop(error, locale); });
  const tenant = signInTenant(stamp, process.env.AZURE_TENANT_ID);
  if (!tenant.ok) throw new Stop(exitCodes.signIn, pick(tenant.message, locale));
  const credentials = createCredentialFactory({ method: 'servicePrincipalEnvironment', tenantId: tenant.tenantId }, stamp.cloud);
  let client: StampClient;
  try {
    client = new StampClient({ stamp, credentials, userAgentPrefix: 'azs-usage' });
  } catch (error) {
    throw stampStop(error, locale);
  }
  const aggregator = new UsageAggregator({ boundaries: periodBoundaries(options.period, priceChangeDates(lists)) });
  say(pick({ en: 'reading usage of {stamp} from {from} to {to} ({granularity})', sv: 'läser användning för {stamp} från {from} till {to} ({granularity})' }, locale,
    { stamp: endpoint.url, from: options.period.start.toISOString(), to: options.period.end.toISOString(), granularity: options.period.granularity }));
  const [, subscriptions] = await Promise.all([
    fetchAllUsage(client, options.period, aggregator, {
      parallel: options.parallel,
      onProgress: progressLine(locale),
      onFallback: (failure) => say(pick({ en: 'the stamp gave up on all subscriptions at once ({code}): asking per tenant subscription', sv: 'stämpeln gav upp om alla prenumerationer på en gång ({code}): frågar per klientprenumeration' }, locale, { code: failure.code })),
    }),
    client.listTenantSubscriptions(),
  ]).catch((error: unknown) => { throw stampStop(error, locale); });
  const usage = aggregatedUsage(aggregator);
  say(pick({ en: '{records} records read ({skipped} not usage records, left out)', sv: '{records} poster lästa ({skipped} var inga användningsposter och utelämnades)' }, locale,
    { records: usage.records, skipped: usage.skipped }));
  return buildReport(usage, subscriptions, new Map(), options.period, locale);
}

function summary(pricing: PricingSummary, locale: Locale): void {
  for (const total of pricing.totals) {
    say(pick({ en: 'total {currency}: cost {cost}, resale {resale}, margin {margin}', sv: 'summa {currency}: kostnad {cost}, försäljning {resale}, marginal {margin}' }, locale, { ...total }));
  }
  for (const meter of pricing.unpriced.meters) {
    const reason: Localized = { en: 'no price', sv: 'inget pris' };
    say(`${pick(reason, locale)} (${meter.reason}): ${meter.meterName} ${meter.meterId}, ${meter.quantity} ${meter.unit}`);
  }
}

async function run(options: UsageCliOptions): Promise<number> {
  const { locale } = options;
  const book = new MeterBook(readMapping(options.meters, locale));
  const microsoft = await readPrices(options.prices, 'microsoft', locale);
  const resale = await readPrices(options.resale ? [options.resale] : [], 'resale', locale);
  if (!options.perCustomer) checkNotThere([options.out], options.force, locale);
  if (options.out) checkOutput(options.out, options.perCustomer, locale);
  const report = await fetchReport(options, [...microsoft, ...resale]);
  const pricing = priceReport(report, { book, microsoft, resale, markup: options.markup });
  const files = outputs(options, report, pricing, { stamp: options.stamp, priceLists: microsoft, resaleLists: resale });
  checkNotThere(files.map((f) => f.path), options.force, locale);
  if (options.perCustomer) mkdirSync(options.out!, { recursive: true });
  for (const file of files) {
    if (file.path === undefined) process.stdout.write(file.text);
    else writeNamedFile(file.path, file.text, locale);
  }
  if (options.out) say(pick({ en: '{count} file(s) written to {out}', sv: '{count} fil(er) skrivna till {out}' }, locale, { count: files.length, out: options.out }));
  summary(pricing, locale);
  return pricing.unpriced.rows > 0 ? exitCodes.unpriced : exitCodes.done;
}

async function main(argv: string[]): Promise<number> {
  const locale = commandLineLocale(argv, process.env);
  let options: UsageCliOptions;
  try {
    options = parseUsageCommandLine(argv, locale);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`azs-usage: ${error.message}\n\n${usageText[locale]}\n`);
    return exitCodes.usage;
  }
  if (options.help) {
    process.stdout.write(`${usageText[locale]}\n`);
    return exitCodes.done;
  }
  try {
    return await run(options);
  } catch (error) {
    if (error instanceof Stop) {
      say(error.message);
      return error.code;
    }
    // A file an option names that cannot be read or written (namedFile.ts).
    if (error instanceof UsageError) {
      say(error.message);
      return exitCodes.usage;
    }
    if (isAzureFailure(error)) {
      const stop = stampStop(error, options.locale);
      say(stop.message);
      return stop.code;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    say(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exitCode = exitCodes.unexpected;
  },
);
