// Command-line arguments of azs-usage. Anything the user gets wrong here is a UsageError (exit code 2).
import { parseArgs } from 'node:util';
import { toLocale, type Locale } from '../core/l10n';
import { checkPeriod, parseUtcTime, type Period } from '../core/usage/period';
import type { Markup } from '../core/usage/pricing';
import { environmentLocale, UsageError } from './args';

export interface UsageCliOptions {
  stamp: string;
  period: Period;
  prices: string[];
  resale: string | undefined;
  markup: Markup;
  meters: string | undefined;
  format: 'csv' | 'json';
  out: string | undefined;
  perCustomer: boolean;
  force: boolean;
  parallel: number;
  locale: Locale;
  help: boolean;
}

export const exitCodes = {
  done: 0,
  unpriced: 1,
  usage: 2,
  signIn: 3,
  stamp: 4,
  unexpected: 5,
} as const;

export const usageText = `Usage: azs-usage --stamp <admin endpoint> --from <date> --to <date> [options]

Reads a month (or any period) of usage from an Azure Stack Hub stamp, prices it and writes invoice lines per end
customer: quantity, Microsoft's price and the estimated cost, the resale price and the margin. Signs in to the stamp
with the service principal in AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (AD FS stamps sign in to
"adfs" whatever AZURE_TENANT_ID says). Progress goes to stderr.

Options:
  --stamp <url>                the stamp's admin endpoint, e.g. https://adminmanagement.local.azurestack.external
  --from <date>                start, UTC, included (2026-10-01, or 2026-10-01T05:00Z for hourly)
  --to <date>                  end, UTC, not included (2026-11-01)
  --granularity daily|hourly   the records asked for (default: daily)
  --prices <file>              Microsoft's prices: Partner Center price sheet (.csv), CSP price list (.xlsx) or
                               Azure Retail Prices export (.json); repeat for several (the first that prices a
                               meter wins)
  --resale <file>              your own prices: CSV with meter, unitPrice, currency[, unit][, customer]
  --markup <percent>           resale = cost + percent, where no resale price is given
  --markup <customer>=<percent>  the same for one customer (name or subscription ID); repeatable
  --meters <file>              meter mapping (JSON, schemas/meter-mapping.schema.json)
  --format csv|json            output format (default: csv)
  --out <file>                 write here instead of stdout; with --per-customer, a folder for one file per customer
  --per-customer               one file per customer (needs --out)
  --force                      replace files that exist (otherwise azs-usage refuses to)
  --parallel <n>               per-subscriber queries at a time after a gateway timeout (default 4)
  --lang en|sv                 message language (default: from LANG)
  --help                       show this help

Exit code: 0 written, every billed meter priced; 1 written, but some usage has no price (listed on stderr);
2 usage error (arguments, unreadable price file, a file that exists); 3 sign-in to the stamp failed or was
refused (its metadata asks for a token for Azure Resource Manager or another audience than its own: nothing is
sent); 4 the stamp failed to answer; 5 unexpected error.`;

function requiredText(value: string | undefined, name: string): string {
  if (!value?.trim()) throw new UsageError(`--${name} is required`);
  return value.trim();
}

function readMarkup(values: string[]): Markup {
  const markup: Markup = { customers: [] };
  for (const value of values) {
    const match = /^(?:(.+)=)?\s*(-?\d+(?:[.,]\d+)?)\s*%?\s*$/.exec(value);
    if (!match) throw new UsageError(`--markup takes a percent or customer=percent, not "${value}"`);
    const percent = Number(match[2].replace(',', '.'));
    if (match[1] === undefined) markup.all = percent;
    else markup.customers!.push({ customer: match[1].trim(), percent });
  }
  return markup;
}

function readPeriod(from: string, to: string, granularity: string, now: Date): Period {
  if (granularity !== 'daily' && granularity !== 'hourly') throw new UsageError(`--granularity must be daily or hourly, not "${granularity}"`);
  const start = parseUtcTime(from);
  const end = parseUtcTime(to);
  if (!start) throw new UsageError(`--from is not a UTC date or time: "${from}"`);
  if (!end) throw new UsageError(`--to is not a UTC date or time: "${to}"`);
  const period: Period = { start, end, granularity };
  const problem = checkPeriod(period, now);
  if (problem) throw new UsageError(`--${problem.field === 'start' ? 'from' : 'to'}: ${problem.message.en}`);
  return period;
}

export function parseUsageCommandLine(argv: string[], env: NodeJS.ProcessEnv, now = new Date()): UsageCliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        stamp: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, granularity: { type: 'string' },
        prices: { type: 'string', multiple: true }, resale: { type: 'string' }, markup: { type: 'string', multiple: true },
        meters: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, 'per-customer': { type: 'boolean' },
        force: { type: 'boolean' }, parallel: { type: 'string' }, lang: { type: 'string' }, help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'sv') throw new UsageError(`--lang must be en or sv, not "${values.lang}"`);
  const locale = values.lang ? toLocale(values.lang) : environmentLocale(env);
  const base = { prices: values.prices ?? [], resale: values.resale, meters: values.meters, locale, help: Boolean(values.help) };
  if (values.help) {
    return { ...base, stamp: '', period: { start: now, end: now, granularity: 'daily' }, markup: {}, format: 'csv', out: undefined, perCustomer: false, force: false, parallel: 4 };
  }
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new UsageError(`--format must be csv or json, not "${format}"`);
  const parallel = Number(values.parallel ?? 4);
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 32) throw new UsageError('--parallel must be a whole number from 1 to 32');
  if (values['per-customer'] && !values.out) throw new UsageError('--per-customer needs --out <folder>');
  return {
    ...base,
    stamp: requiredText(values.stamp, 'stamp'),
    period: readPeriod(requiredText(values.from, 'from'), requiredText(values.to, 'to'), values.granularity ?? 'daily', now),
    markup: readMarkup(values.markup ?? []),
    format, out: values.out, perCustomer: Boolean(values['per-customer']), force: Boolean(values.force), parallel,
  };
}
