// Amounts, prices and dates of a priced report in the reader's language ("1 234,50 US$" in Swedish, "$1,234.50" in
// English): the report page shows these texts, so the extension decides the formats and tests can read them.
import type { MoneyTotal, PricedRow } from './pricing';

/** An amount in `currency` with the minor-unit digits it was rounded to; a code Intl does not know is written after it. */
export function moneyText(amount: number | undefined, currency: string, language: string, digits = 2): string {
  if (amount === undefined || !currency) return '';
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount)} ${currency}`;
  }
}

/** A unit price keeps its own precision (up to six decimals), e.g. "$0.0625". */
export function unitPriceText(price: number, currency: string, language: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency, maximumFractionDigits: 6 }).format(price);
  } catch {
    return `${new Intl.NumberFormat(language, { maximumFractionDigits: 6 }).format(price)} ${currency}`;
  }
}

const dayFormat = (language: string) => new Intl.DateTimeFormat(language, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });

/** A row's period as the days it covers, its exclusive end shown as the last day: "Oct 1, 2026 – Oct 31, 2026". */
export function periodText(start: string, endExclusive: string, language: string): string {
  const format = dayFormat(language);
  return `${format.format(new Date(start))} – ${format.format(new Date(Date.parse(endExclusive) - 1))}`;
}

/** Totals in several currencies, joined: "$12.00 + €3.50". */
export function totalsText(totals: MoneyTotal[], key: 'cost' | 'resale' | 'margin', digits: Record<string, number>, language: string): string {
  return totals.map((t) => moneyText(t[key], t.currency, language, digits[t.currency])).join(' + ');
}

/** The texts the page shows for a priced row. */
export function rowTexts(row: PricedRow, digits: Record<string, number>, language: string) {
  const money = (amount: number | undefined) => moneyText(amount, row.currency, language, digits[row.currency] ?? 2);
  const cost = row.costStatus;
  const resale = row.resaleStatus;
  return {
    period: periodText(row.periodStart, row.periodEnd, language),
    unitPrice: cost.kind === 'priced' ? unitPriceText(cost.unitPrice, cost.currency, language) : '',
    resaleUnitPrice: resale.kind === 'list' ? unitPriceText(resale.unitPrice, resale.currency, language) : '',
    cost: money(row.cost),
    resale: money(row.resale),
    margin: money(row.margin),
  };
}
