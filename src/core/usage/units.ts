// Units of measure, so a price per "10 Hours" or "1 GB/Month" can be applied to a stamp's vCore hours or GB × hours.
// Every unit reduces to a size in one of four base measures; two units convert when they share the measure.

/** item × hours (vCore hours, VM hours, IP hours, disk months), GB × hours, GB (transferred), or a plain count. */
export type Dimension = 'itemHours' | 'gbHours' | 'gb' | 'count';

export interface Measure {
  dimension: Dimension;
  /** How many base units (one item-hour, one GB-hour, one GB, one) a quantity of 1 stands for. */
  size: number;
}

/** Months are 730 hours (8,760 hours a year ÷ 12), as Azure's monthly prices assume. */
export const hoursPerMonth = 730;

const perPart: Record<string, number> = { hour: 1, hr: 1, day: 24, month: hoursPerMonth, mo: hoursPerMonth };
const scale: Record<string, number> = { k: 1_000, m: 1_000_000 };
const dataUnits: Record<string, number> = { mb: 1 / 1024, gb: 1, gib: 1, tb: 1024, tib: 1024 };
const countWords = /^(?:transactions?|operations?|requests?|units?|count|executions?|calls?|certificates?|messages?|ips?|ip addresses|)$/;
const timeWords: Record<string, number> = { hour: 1, hours: 1, hr: 1, hrs: 1, day: 24, days: 24, month: hoursPerMonth, months: hoursPerMonth };

function leadingNumber(text: string): { value: number; rest: string } {
  const match = /^(\d+(?:\.\d+)?)\s*([km])?\b\s*/.exec(text);
  if (!match) return { value: 1, rest: text };
  return { value: Number(match[1]) * (match[2] ? scale[match[2]] : 1), rest: text.slice(match[0].length) };
}

/**
 * A unit of measure as price lists write it — "1 Hour", "10 Hours", "1 GB/Month", "1/Month", "10K", "10,000
 * Transactions", "1 GB" — or undefined when it is none of those.
 */
export function parseUnitOfMeasure(text: string): Measure | undefined {
  const normal = text.toLowerCase().replace(/[\u00a0\u202f]/g, ' ').replace(/(\d)[, ](?=\d{3}\b)/g, '$1').replace(/\s+/g, ' ').trim();
  if (!normal) return undefined;
  const [amountPart, perText] = normal.split(/\s*\/\s*|\s+per\s+/, 2);
  const { value, rest } = leadingNumber(amountPart);
  const per = perText === undefined ? undefined : perPart[perText.replace(/s$/, '')];
  if (perText !== undefined && per === undefined) return undefined;
  const word = rest.trim();
  if (word in dataUnits) {
    return per === undefined ? { dimension: 'gb', size: value * dataUnits[word] } : { dimension: 'gbHours', size: value * dataUnits[word] * per };
  }
  if (word in timeWords && per === undefined) return { dimension: 'itemHours', size: value * timeWords[word] };
  const timed = /^(?:vcpu|vcore|virtual core|core|vm|disk|ip)s? (hours?|hrs?)$/.exec(word);
  if (timed && per === undefined) return { dimension: 'itemHours', size: value };
  if (!countWords.test(word)) return undefined;
  return per === undefined ? { dimension: 'count', size: value } : { dimension: 'itemHours', size: value * per };
}

/**
 * How many of `to` one `from` is: the factor that turns a quantity in `from` into one in `to` (a price per `to`
 * times quantity × factor is the cost), or undefined when they measure different things.
 */
export function conversionFactor(from: Measure, to: Measure): number | undefined {
  return from.dimension === to.dimension ? from.size / to.size : undefined;
}
