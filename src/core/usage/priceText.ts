// Reading the values of price files as people and spreadsheets write them (../encoding decodes their text): prices
// with a decimal comma or thousands separators, dates in ISO or US form or as spreadsheet serial numbers.

/** A field without surrounding space, non-breaking spaces made plain and typographic dashes and quotes made ASCII. */
export function cleanField(value: string | undefined): string {
  return (value ?? '').replace(/[\u00a0\u202f\u2007]/g, ' ').replace(/[\u2010-\u2015\u2212]/g, '-').replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"').trim();
}

/**
 * A number written "0.008", "0,008", "1 234,50", "1,234.50" or "$0.05"; undefined when it is none. A single comma
 * is a decimal comma unless exactly three digits follow a number that does not start with 0.
 */
export function parseNumber(value: string | number | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  let text = cleanField(value).replace(/^[^\d\-.,]+|[^\d.,]+$/g, '').replace(/[\s']/g, '');
  if (!text) return undefined;
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    text = lastComma > lastDot ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  } else if (lastComma >= 0) {
    const commas = text.split(',').length - 1;
    const thousands = commas > 1 || (/^-?[1-9]\d{0,2},\d{3}$/.test(text));
    text = thousands ? text.replace(/,/g, '') : text.replace(',', '.');
  }
  if (!/^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(text)) return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

const excelEpochMs = Date.UTC(1899, 11, 30);

/**
 * A date as milliseconds (UTC): "2026-10-01", "2026-10-01T00:00:00Z", "10/1/2026" (month first, as Partner Center
 * writes), a spreadsheet serial number or a Date. Undefined when empty or unreadable.
 */
export function parseDate(value: string | number | Date | undefined): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? excelEpochMs + Math.round(value * 86_400_000) : undefined;
  const text = cleanField(value);
  if (!text) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = iso;
    const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    if (!zone || /^z$/i.test(zone)) return local;
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.replace(/\D/g, '');
    return local - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i.exec(text);
  if (us) {
    const [, mo, d, y, h = '0', mi = '0', s = '0', half] = us;
    const hour = half ? (Number(h) % 12) + (half.toUpperCase() === 'PM' ? 12 : 0) : Number(h);
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), hour, Number(mi), Number(s));
  }
  return undefined;
}
