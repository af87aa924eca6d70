// Price lists, each read into the same entries: Partner Center's Azure plan price sheet (CSV), the older CSP price
// list spreadsheet (rows from an .xlsx, read elsewhere), an Azure Retail Prices API export (JSON) and the CSP's own
// resale list (CSV). An entry knows the meter IDs and names it prices, its unit of measure, tier and effective dates.
import { parseCsv } from '../csv';
import type { Localized } from '../l10n';
import { nameKey } from './meterBilling';
import { meterKey } from './meters';
import { cleanField, parseDate, parseNumber } from './priceText';
import { parseUnitOfMeasure, type Measure } from './units';

export type PriceFormat = 'partnerCenter' | 'cspPriceList' | 'retailPrices' | 'resale';

export interface PriceEntry {
  format: PriceFormat;
  file: string;
  /** 1-based row (CSV, spreadsheet) or item (JSON) it came from. */
  line: number;
  /** meterKey() of each meter ID the row names. */
  meterKeys: string[];
  /** nameKey() of each name the row goes by (meter, SKU, product; with and without the region). */
  names: string[];
  /** Its region is Azure Stack ("Azure Stack" or "Azure Stack Hub"). */
  azureStack: boolean;
  unitOfMeasure: string;
  measure: Measure | undefined;
  currency: string;
  unitPrice: number;
  /** In units of `unitOfMeasure`, per month and meter: from `tierMin` (inclusive) to `tierMax` (exclusive). */
  tierMin: number;
  tierMax: number;
  /** Milliseconds (UTC); -Infinity / Infinity when open. The end is exclusive. */
  effectiveStart: number;
  effectiveEnd: number;
  /** Resale lists only: nameKey() of the customer the price is for. */
  customer?: string;
}

export type SkipReason = 'otherRegion' | 'reservation' | 'notConsumption' | 'noPrice';

export const skipReasons: Record<SkipReason, Localized> = {
  otherRegion: { en: 'rows of other regions than Azure Stack', sv: 'rader för andra regioner än Azure Stack' },
  reservation: { en: 'reservation or savings-plan rows (a term, not usage)', sv: 'rader för reservationer eller sparplaner (en löptid, inte användning)' },
  notConsumption: { en: 'items that are not consumption prices', sv: 'poster som inte är förbrukningspriser' },
  noPrice: { en: 'rows without a price', sv: 'rader utan pris' },
};

export interface PriceProblem {
  line: number;
  message: Localized;
}

export interface PriceList {
  format: PriceFormat;
  file: string;
  entries: PriceEntry[];
  /** Data rows (or items) read. */
  rows: number;
  skipped: Partial<Record<SkipReason, number>>;
  /** The first problems (at most `maxProblems`); `problemCount` counts them all. */
  problems: PriceProblem[];
  problemCount: number;
}

export const formatNames: Record<PriceFormat, Localized> = {
  partnerCenter: { en: 'Partner Center Azure plan price sheet', sv: 'Partner Centers prisblad för Azure-planen' },
  cspPriceList: { en: 'CSP price list spreadsheet', sv: 'CSP-prislista (kalkylblad)' },
  retailPrices: { en: 'Azure Retail Prices export', sv: 'Export från Azure Retail Prices' },
  resale: { en: 'own resale price list', sv: 'egen prislista för vidareförsäljning' },
};

const maxProblems = 50;

/** Column names compared without case, spaces, dashes or underscores. */
const columnKey = (name: string) => cleanField(name).toLowerCase().replace(/[^a-z0-9]/g, '');

const regionWords = /\b(?:azure\s*stack(?:\s*hub)?)\b/gi;
/** "Azure Stack" or "Azure Stack Hub" in a product, SKU or region text; Azure Stack HCI is another product. */
const mentionsAzureStack = (text: string) => /azure\s*stack(?!\s*hci)/i.test(text);
const isAzureStackRegion = (text: string) => /^azure\s*stack(?:\s*hub)?$/i.test(cleanField(text).replace(/\s+/g, ' '));

/** The names a row goes by, each also without the region words ("Base VM - Azure Stack" → "base vm"). */
function namesOf(...parts: (string | undefined)[]): string[] {
  const names = new Set<string>();
  for (const part of parts) {
    const text = cleanField(part);
    if (!text) continue;
    names.add(nameKey(text));
    const bare = nameKey(text.replace(regionWords, ' ').replace(/^[\s\-–,:()]+|[\s\-–,:()]+$/g, '').replace(/\(\s*\)/g, ''));
    if (bare) names.add(bare);
  }
  return [...names];
}

const guid = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/gi;
const meterKeysIn = (text: string | undefined) => [...new Set((cleanField(text).match(guid) ?? []).map(meterKey))];

class ListBuilder {
  readonly list: PriceList;

  constructor(format: PriceFormat, file: string) {
    this.list = { format, file, entries: [], rows: 0, skipped: {}, problems: [], problemCount: 0 };
  }

  skip(reason: SkipReason): void {
    this.list.skipped[reason] = (this.list.skipped[reason] ?? 0) + 1;
  }

  problem(line: number, message: Localized): void {
    this.list.problemCount++;
    if (this.list.problems.length < maxProblems) this.list.problems.push({ line, message });
  }

  /** Adds an entry when its price and unit read; names the row's problem otherwise. */
  add(line: number, fields: Omit<PriceEntry, 'format' | 'file' | 'line' | 'unitPrice' | 'measure' | 'tierMin' | 'tierMax' | 'effectiveStart' | 'effectiveEnd'> & {
    unitPrice: string | number | undefined; tierMin?: string | number; tierMax?: string | number;
    effectiveStart?: string | number | Date; effectiveEnd?: string | number | Date;
  }): void {
    const unitPrice = parseNumber(fields.unitPrice);
    if (unitPrice === undefined) {
      if (cleanField(String(fields.unitPrice ?? '')) === '') this.skip('noPrice');
      else this.problem(line, { en: `The price "${String(fields.unitPrice)}" is not a number.`, sv: `Priset "${String(fields.unitPrice)}" är inget tal.` });
      return;
    }
    const measure = fields.unitOfMeasure ? parseUnitOfMeasure(fields.unitOfMeasure) : undefined;
    if (fields.unitOfMeasure && !measure) {
      this.problem(line, { en: `The unit of measure "${fields.unitOfMeasure}" is not one this tool can convert.`, sv: `Måttenheten "${fields.unitOfMeasure}" kan inte räknas om.` });
    }
    const dateOf = (value: string | number | Date | undefined, what: Localized, open: number) => {
      if (value === undefined || (typeof value === 'string' && !cleanField(value))) return open;
      const parsed = parseDate(value);
      if (parsed === undefined) this.problem(line, { en: `${what.en} "${String(value)}" is not a date.`, sv: `${what.sv} "${String(value)}" är inget datum.` });
      return parsed ?? open;
    };
    const { tierMin, tierMax, effectiveStart, effectiveEnd, ...rest } = fields;
    this.list.entries.push({
      ...rest, format: this.list.format, file: this.list.file, line, unitPrice, measure, currency: cleanField(fields.currency).toUpperCase(),
      tierMin: parseNumber(tierMin) ?? 0, tierMax: parseNumber(tierMax) ?? Infinity,
      effectiveStart: dateOf(effectiveStart, { en: 'The effective start', sv: 'Giltighetsstarten' }, -Infinity),
      effectiveEnd: dateOf(effectiveEnd, { en: 'The effective end', sv: 'Giltighetsslutet' }, Infinity),
    });
  }

  /** Fills open tier tops from the next tier, and open ends from the next effective start of the same price. */
  finish(): PriceList {
    const groups = new Map<string, PriceEntry[]>();
    for (const entry of this.list.entries) {
      const key = `${entry.meterKeys.join(',')}|${entry.names.join(',')}|${entry.currency}|${entry.customer ?? ''}`;
      const group = groups.get(key);
      if (group) group.push(entry);
      else groups.set(key, [entry]);
    }
    for (const entries of groups.values()) {
      const byStart = [...new Set(entries.map((e) => e.effectiveStart))].sort((a, b) => a - b);
      for (const entry of entries) {
        const tiers = entries.filter((e) => e.effectiveStart === entry.effectiveStart && e.tierMin > entry.tierMin);
        if (entry.tierMax === Infinity && tiers.length) entry.tierMax = Math.min(...tiers.map((e) => e.tierMin));
        const next = byStart.find((start) => start > entry.effectiveStart);
        if (entry.effectiveEnd === Infinity && next !== undefined) entry.effectiveEnd = next;
      }
    }
    return this.list;
  }
}

/** Reads a header row into a lookup: the value of the first of `names` present, for a data row. */
function columns(header: string[]) {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = columnKey(name);
    if (key && !index.has(key)) index.set(key, i);
  });
  const find = (...names: string[]) => names.map(columnKey).map((n) => index.get(n)).find((i) => i !== undefined);
  return {
    has: (...names: string[]) => find(...names) !== undefined,
    get: <T>(row: T[], ...names: string[]): T | undefined => {
      const i = find(...names);
      return i === undefined ? undefined : row[i];
    },
  };
}

const missingColumns = (missing: string[]): Localized => ({
  en: `The header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`,
  sv: `Rubrikraden saknar kolumn${missing.length > 1 ? 'erna' : 'en'} ${missing.join(', ')}.`,
});

/** A CSV price file's data rows and column lookup, or undefined (with the problem noted) when its header lacks a column. */
function csvTable(text: string, builder: ListBuilder, required: string[]) {
  const [header, ...records] = parseCsv(text);
  const column = columns(header?.fields ?? []);
  const missing = required.filter((name) => !column.has(name));
  if (header && !missing.length) return { column, records };
  builder.problem(header?.line ?? 1, missingColumns(missing));
  return undefined;
}

/** Partner Center's Azure plan price sheet (CSV): tiers, effective dates, the region inside SkuTitle. */
export function readPartnerCenterPriceSheet(text: string, file: string): PriceList {
  const builder = new ListBuilder('partnerCenter', file);
  const table = csvTable(text, builder, ['UnitPrice', 'UnitOfMeasure', 'Currency', 'MeterIds']);
  if (!table) return builder.finish();
  const { column, records } = table;
  for (const { line, fields } of records) {
    builder.list.rows++;
    // Reservations and savings plans are bought for years (P1Y, P3Y, "1 Year"); usage prices have no such term.
    if (/^P\d+Y$|year/i.test(cleanField(column.get(fields, 'TermDuration')))) {
      builder.skip('reservation');
      continue;
    }
    const product = column.get(fields, 'ProductTitle');
    const sku = column.get(fields, 'SkuTitle');
    const region = `${product ?? ''} ${sku ?? ''} ${column.get(fields, 'Tags') ?? ''}`;
    builder.add(line, {
      meterKeys: meterKeysIn(column.get(fields, 'MeterIds')),
      names: namesOf(sku, product, product && sku ? `${product} ${sku}` : undefined, column.get(fields, 'SkuDescription')),
      azureStack: mentionsAzureStack(region),
      unitOfMeasure: cleanField(column.get(fields, 'UnitOfMeasure')),
      currency: column.get(fields, 'Currency') ?? '',
      unitPrice: column.get(fields, 'UnitPrice'),
      tierMin: column.get(fields, 'PricingTierRangeMin'),
      tierMax: column.get(fields, 'PricingTierRangeMax'),
      effectiveStart: column.get(fields, 'EffectiveStartDate'),
      effectiveEnd: column.get(fields, 'EffectiveEndDate'),
    });
  }
  return builder.finish();
}

/** An Azure Retail Prices API answer (`{"Items": [...]}`, or the items alone); tiers from tierMinimumUnits. */
export function readRetailPrices(text: string, file: string): PriceList {
  const builder = new ListBuilder('retailPrices', file);
  let body: unknown;
  try {
    body = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    builder.problem(1, { en: 'The file is not valid JSON.', sv: 'Filen är inte giltig JSON.' });
    return builder.finish();
  }
  const fields = (body ?? {}) as { Items?: unknown; items?: unknown };
  const items = Array.isArray(body) ? body : Array.isArray(fields.Items) ? fields.Items : Array.isArray(fields.items) ? fields.items : undefined;
  if (!items) {
    builder.problem(1, { en: 'Expected {"Items": [ … ]} as the Azure Retail Prices API answers.', sv: 'Förväntade {"Items": [ … ]} som Azure Retail Prices API svarar.' });
    return builder.finish();
  }
  items.forEach((item: unknown, i) => {
    builder.list.rows++;
    const value = (item ?? {}) as Record<string, unknown>;
    const textOf = (key: string) => (typeof value[key] === 'string' ? value[key] : typeof value[key] === 'number' ? String(value[key]) : undefined);
    const type = textOf('type');
    if (type && !/^consumption$/i.test(type)) {
      builder.skip('notConsumption');
      return;
    }
    const region = `${textOf('armRegionName') ?? ''} ${textOf('location') ?? ''}`;
    builder.add(i + 1, {
      meterKeys: meterKeysIn(textOf('meterId')),
      names: namesOf(textOf('meterName'), textOf('skuName'), textOf('productName'), `${textOf('productName') ?? ''} ${textOf('skuName') ?? ''}`),
      azureStack: mentionsAzureStack(region),
      unitOfMeasure: cleanField(textOf('unitOfMeasure')),
      currency: textOf('currencyCode') ?? '',
      unitPrice: typeof value.unitPrice === 'number' ? value.unitPrice : textOf('unitPrice') ?? textOf('retailPrice'),
      tierMin: textOf('tierMinimumUnits'),
      effectiveStart: textOf('effectiveStartDate'),
      effectiveEnd: textOf('effectiveEndDate'),
    });
  });
  return builder.finish();
}

/** The CSP's own prices: `meter` (local ID or name), `unitPrice`, `currency`, optional `unit` and `customer`. */
export function readResalePrices(text: string, file: string): PriceList {
  const builder = new ListBuilder('resale', file);
  const table = csvTable(text, builder, ['meter', 'unitPrice', 'currency']);
  if (!table) return builder.finish();
  const { column, records } = table;
  for (const { line, fields } of records) {
    builder.list.rows++;
    const meter = cleanField(column.get(fields, 'meter'));
    if (!meter) {
      builder.problem(line, { en: 'The row names no meter.', sv: 'Raden anger ingen mätare.' });
      continue;
    }
    const customer = cleanField(column.get(fields, 'customer'));
    builder.add(line, {
      meterKeys: meterKeysIn(meter), names: [nameKey(meter)], azureStack: true,
      unitOfMeasure: cleanField(column.get(fields, 'unit')), currency: column.get(fields, 'currency') ?? '',
      unitPrice: column.get(fields, 'unitPrice'), ...(customer ? { customer: nameKey(customer) } : {}),
      effectiveStart: column.get(fields, 'effectiveStart', 'effectiveStartDate'), effectiveEnd: column.get(fields, 'effectiveEnd', 'effectiveEndDate'),
    });
  }
  return builder.finish();
}

/** A spreadsheet cell as the reader hands it over. */
export type Cell = string | number | Date | boolean | undefined;

const cellText = (cell: Cell) => (cell instanceof Date ? cell.toISOString() : cell === undefined ? '' : String(cell));

/**
 * The older CSP price list (rows of its first sheet with a Region column), fed one row at a time so a large
 * workbook need not be held as a whole; only rows whose Region is "Azure Stack" or "Azure Stack Hub" are kept.
 */
export class CspPriceListReader {
  private readonly builder: ListBuilder;
  private column: ReturnType<typeof columns> | undefined;
  private line = 0;

  constructor(file: string) {
    this.builder = new ListBuilder('cspPriceList', file);
  }

  /** The header is the first row with a Region and a price column; `line` is the row's number when rows are skipped. */
  addRow(cells: Cell[], line = this.line + 1): void {
    this.line = line;
    if (!this.column) {
      const candidate = columns(cells.map(cellText));
      if (candidate.has('Region', 'Meter Region') && candidate.has('Unit Price', 'List Price', 'Price')) this.column = candidate;
      return;
    }
    if (cells.every((c) => cellText(c).trim() === '')) return;
    const column = this.column;
    this.builder.list.rows++;
    const get = (...names: string[]) => column.get(cells, ...names);
    if (!isAzureStackRegion(cellText(get('Region', 'Meter Region')))) {
      this.builder.skip('otherRegion');
      return;
    }
    const name = cellText(get('Meter Name', 'Resource Name', 'Resource', 'Name'));
    const subcategory = cellText(get('Sub-Category', 'Subcategory', 'Meter Sub-Category'));
    const category = cellText(get('Category', 'Meter Category', 'Service'));
    const price = get('Unit Price', 'List Price', 'Price');
    const included = parseNumber(get('Included Quantity') as string | number | undefined) ?? 0;
    const base = {
      meterKeys: meterKeysIn(cellText(get('Meter ID', 'MeterId', 'Resource ID', 'ResourceId', 'Resource GUID', 'Meter GUID'))),
      names: namesOf(name, subcategory, `${subcategory} ${name}`, `${category} ${subcategory} ${name}`),
      azureStack: true,
      unitOfMeasure: cleanField(cellText(get('Unit', 'Unit of Measure', 'UnitOfMeasure'))),
      currency: cellText(get('Currency', 'Currency Code')) || 'USD',
      effectiveStart: get('Effective Date', 'Effective Start Date', 'EffectiveStartDate') as string | number | Date | undefined,
    };
    // An included quantity is free: a zero-price tier below it.
    if (included > 0) this.builder.add(this.line, { ...base, unitPrice: 0, tierMin: 0, tierMax: included });
    this.builder.add(this.line, { ...base, unitPrice: price as string | number | undefined, tierMin: included });
  }

  finish(): PriceList {
    if (!this.column) this.builder.problem(1, { en: 'No header row with Region and a price column in the first sheet.', sv: 'Ingen rubrikrad med Region och en priskolumn i första bladet.' });
    return this.builder.finish();
  }
}

/** The format a price file is in, from its name and (for CSV) its header row; undefined when it is none of them. */
export function detectPriceFormat(fileName: string, text?: string): PriceFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'cspPriceList';
  if (lower.endsWith('.json')) return 'retailPrices';
  if (!lower.endsWith('.csv') && !lower.endsWith('.txt')) return undefined;
  const header = text === undefined ? [] : (parseCsv(text.slice(0, 4096).split(/\r?\n|\r/)[0] ?? '')[0]?.fields ?? []);
  const column = columns(header);
  if (column.has('UnitOfMeasure') && column.has('MeterIds')) return 'partnerCenter';
  if (column.has('meter') && column.has('unitPrice')) return 'resale';
  return undefined;
}

/** Reads a text price file in the given format (not the spreadsheet: see spreadsheet.ts). */
export function readTextPriceList(format: Exclude<PriceFormat, 'cspPriceList'>, text: string, file: string): PriceList {
  switch (format) {
    case 'partnerCenter': return readPartnerCenterPriceSheet(text, file);
    case 'retailPrices': return readRetailPrices(text, file);
    case 'resale': return readResalePrices(text, file);
  }
}
