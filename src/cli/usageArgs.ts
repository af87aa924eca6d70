// Command-line arguments of azs-usage. Anything the user gets wrong here is a UsageError (exit code 2).
import { pick, type Locale, type Localized } from '../core/l10n';
import { checkPeriod, parseUtcTime, type Period } from '../core/usage/period';
import type { Markup } from '../core/usage/pricing';
import { languages, oneOfOption, parseOptions, UsageError, usageError, wholeNumberOption } from './commandLine';

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

/** The help, in each language. */
export const usageText: Record<Locale, string> = {
  en: `Usage: azs-usage --stamp <admin endpoint> --from <date> --to <date> [options]

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
  --markup <percent>           resale = cost + percent, where no resale price is given (-100 to 1000)
  --markup <customer>=<percent>  the same for one customer (name or subscription ID); repeatable
  --meters <file>              meter mapping (JSON, schemas/meter-mapping.schema.json)
  --format csv|json            output format (default: csv)
  --out <file>                 write here instead of stdout; with --per-customer, a folder for one file per customer
  --per-customer               one file per customer (needs --out)
  --force                      replace files that exist (otherwise azs-usage refuses to)
  --parallel <n>               per-subscriber queries at a time after a gateway timeout (default 4)
  --lang en|sv                 message language (default: from LC_ALL, LC_MESSAGES or LANG, the first one set)
  --help                       show this help

Exit code: 0 written, every billed meter priced; 1 written, but some usage has no price (listed on stderr);
2 usage error (arguments, unreadable price file, a file that exists); 3 sign-in to the stamp failed or was
refused (its metadata asks for a token for Azure Resource Manager or another audience than its own: nothing is
sent); 4 the stamp failed to answer; 5 unexpected error.`,
  sv: `Användning: azs-usage --stamp <adminslutpunkt> --from <datum> --to <datum> [flaggor]

Läser en månads (eller vilken periods som helst) användning från en Azure Stack Hub-stämpel, prissätter den och
skriver fakturarader per slutkund: kvantitet, Microsofts pris och den uppskattade kostnaden, försäljningspriset och
marginalen. Loggar in på stämpeln med tjänsthuvudnamnet i AZURE_TENANT_ID, AZURE_CLIENT_ID och AZURE_CLIENT_SECRET
(AD FS-stämplar loggar in på "adfs" vad AZURE_TENANT_ID än säger). Förloppet skrivs till stderr.

Flaggor:
  --stamp <url>                stämpelns adminslutpunkt, t.ex. https://adminmanagement.local.azurestack.external
  --from <datum>               början, UTC, inräknad (2026-10-01, eller 2026-10-01T05:00Z per timme)
  --to <datum>                 slut, UTC, inte inräknat (2026-11-01)
  --granularity daily|hourly   posterna som begärs (standard: daily)
  --prices <fil>               Microsofts priser: Partner Centers prisblad (.csv), CSP-prislista (.xlsx) eller
                               export från Azure Retail Prices (.json); upprepa för flera (den första som
                               prissätter en mätare gäller)
  --resale <fil>               dina egna priser: CSV med meter, unitPrice, currency[, unit][, customer]
  --markup <procent>           försäljningspris = kostnad + procent, där inget försäljningspris anges
                               (-100 till 1000)
  --markup <kund>=<procent>    detsamma för en kund (namn eller prenumerations-ID); kan upprepas
  --meters <fil>               mätarmappning (JSON, schemas/meter-mapping.schema.json)
  --format csv|json            utdataformat (standard: csv)
  --out <fil>                  skriv hit i stället för till stdout; med --per-customer en mapp med en fil per kund
  --per-customer               en fil per kund (kräver --out)
  --force                      ersätt filer som finns (annars vägrar azs-usage)
  --parallel <n>               frågor per klientprenumeration åt gången efter en tidsgräns i gatewayen
                               (standard 4)
  --lang en|sv                 meddelandespråk (standard: från LC_ALL, LC_MESSAGES eller LANG, den första som är
                               satt)
  --help                       visa den här hjälpen

Slutkod: 0 skrivet, varje debiterad mätare prissatt; 1 skrivet, men viss användning saknar pris (listas på stderr);
2 användningsfel (argument, oläslig prisfil, en fil som finns); 3 inloggningen på stämpeln misslyckades eller
nekades (dess metadata begär en token för Azure Resource Manager eller en annan målgrupp än dess egen: inget
skickas); 4 stämpeln svarade inte; 5 oväntat fel.`,
};

const messages = {
  required: { en: '--{option} is required', sv: '--{option} måste anges' },
  markup: { en: '--markup takes a percent or customer=percent, not "{value}"', sv: '--markup tar en procentsats eller kund=procentsats, inte "{value}"' },
  markupBelow: { en: '--markup "{value}": below -100 % a resale price would be negative', sv: '--markup "{value}": under -100 % blir ett försäljningspris negativt' },
  markupAbove: {
    en: '--markup "{value}": at most {max} % (a resale price {times} times the cost)',
    sv: '--markup "{value}": högst {max} % (ett försäljningspris {times} gånger kostnaden)',
  },
  notTime: { en: '--{option} is not a UTC date or time: "{value}"', sv: '--{option} är inget datum eller klockslag i UTC: "{value}"' },
  perCustomer: { en: '--per-customer needs --out <folder>', sv: '--per-customer kräver --out <mapp>' },
} satisfies Record<string, Localized>;

function requiredText(value: string | undefined, option: string, locale: Locale): string {
  if (!value?.trim()) throw usageError(messages.required, locale, { option });
  return value.trim();
}

/**
 * The highest markup taken: a resale price 11 times the cost. Past it a value is a slip (`2000` for 20.00 %), and a
 * few hundred digits make the prices Infinity.
 */
export const maxMarkupPercent = 1000;

function readMarkup(values: string[], locale: Locale): Markup {
  const markup: Markup = { customers: [] };
  for (const value of values) {
    const match = /^(?:(.+)=)?\s*(-?\d+(?:[.,]\d+)?)\s*%?\s*$/.exec(value);
    if (!match) throw usageError(messages.markup, locale, { value });
    const percent = Number(match[2].replace(',', '.'));
    if (percent < -100) throw usageError(messages.markupBelow, locale, { value });
    if (!(percent <= maxMarkupPercent)) throw usageError(messages.markupAbove, locale, { value, max: maxMarkupPercent, times: 1 + maxMarkupPercent / 100 });
    if (match[1] === undefined) markup.all = percent;
    else markup.customers!.push({ customer: match[1].trim(), percent });
  }
  return markup;
}

function readPeriod(from: string, to: string, granularityValue: string | undefined, now: Date, locale: Locale): Period {
  const granularity = oneOfOption('granularity', granularityValue, ['daily', 'hourly'], locale) ?? 'daily';
  const start = parseUtcTime(from);
  const end = parseUtcTime(to);
  if (!start) throw usageError(messages.notTime, locale, { option: 'from', value: from });
  if (!end) throw usageError(messages.notTime, locale, { option: 'to', value: to });
  const period: Period = { start, end, granularity };
  const problem = checkPeriod(period, now);
  if (problem) throw new UsageError(`--${problem.field === 'start' ? 'from' : 'to'}: ${pick(problem.message, locale)}`);
  return period;
}

/** The options of a command line, or a UsageError in `locale` (commandLineLocale). */
export function parseUsageCommandLine(argv: string[], locale: Locale, now = new Date()): UsageCliOptions {
  const { values } = parseOptions(argv, {
    stamp: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, granularity: { type: 'string' },
    prices: { type: 'string', multiple: true }, resale: { type: 'string' }, markup: { type: 'string', multiple: true },
    meters: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, 'per-customer': { type: 'boolean' },
    force: { type: 'boolean' }, parallel: { type: 'string' }, lang: { type: 'string' }, help: { type: 'boolean' },
  }, false, locale);
  oneOfOption('lang', values.lang, languages, locale);
  const base = { prices: values.prices ?? [], resale: values.resale, meters: values.meters, locale, help: Boolean(values.help) };
  if (values.help) {
    return { ...base, stamp: '', period: { start: now, end: now, granularity: 'daily' }, markup: {}, format: 'csv', out: undefined, perCustomer: false, force: false, parallel: 4 };
  }
  const format = oneOfOption('format', values.format, ['csv', 'json'], locale) ?? 'csv';
  const parallel = wholeNumberOption('parallel', values.parallel, 1, 32, locale) ?? 4;
  if (values['per-customer'] && !values.out) throw usageError(messages.perCustomer, locale);
  return {
    ...base,
    stamp: requiredText(values.stamp, 'stamp', locale),
    period: readPeriod(requiredText(values.from, 'from', locale), requiredText(values.to, 'to', locale), values.granularity, now, locale),
    markup: readMarkup(values.markup ?? [], locale),
    format, out: values.out, perCustomer: Boolean(values['per-customer']), force: Boolean(values.force), parallel,
  };
}
