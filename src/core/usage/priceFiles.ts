// A price file as the user picks it (bytes and a name), read in whichever of the four formats it is; the extension
// and azs-usage both come through here. The spreadsheet reader is loaded only for an .xlsx.
import type { Localized } from '../l10n';
import { decodeText } from '../encoding';
import { detectPriceFormat, formatNames, readTextPriceList, skipReasons, type PriceList, type SkipReason } from './prices';

/** Microsoft's prices (what the CSP pays) or the CSP's own resale prices. */
export type PriceRole = 'microsoft' | 'resale';

export type PriceFileResult = { ok: true; list: PriceList } | { ok: false; message: Localized };

const baseName = (path: string) => path.replace(/^.*[\\/]/, '');

function refused(file: string, reason: Localized): PriceFileResult {
  return { ok: false, message: { en: `${file}: ${reason.en}`, sv: `${file}: ${reason.sv}` } };
}

export async function readPriceFile(bytes: Uint8Array, path: string, role: PriceRole): Promise<PriceFileResult> {
  const file = baseName(path);
  const isWorkbook = /\.xlsx$/i.test(file);
  const text = isWorkbook ? undefined : decodeText(bytes);
  const format = detectPriceFormat(file, text);
  if (!format) {
    return refused(file, role === 'resale'
      ? { en: 'a resale list is a CSV with the columns meter, unitPrice and currency (unit and customer optional).', sv: 'en prislista för vidareförsäljning är en CSV med kolumnerna meter, unitPrice och currency (unit och customer valfria).' }
      : { en: 'not a price list this tool reads: a Partner Center price sheet (.csv), a CSP price list (.xlsx) or an Azure Retail Prices export (.json).', sv: 'ingen prislista som verktyget läser: ett prisblad från Partner Center (.csv), en CSP-prislista (.xlsx) eller en export från Azure Retail Prices (.json).' });
  }
  if ((format === 'resale') !== (role === 'resale')) {
    return refused(file, role === 'resale'
      ? { en: `this is a ${formatNames[format].en}, not a resale list.`, sv: `det här är ${formatNames[format].sv}, ingen prislista för vidareförsäljning.` }
      : { en: 'this is a resale list: give it as the resale prices.', sv: 'det här är en prislista för vidareförsäljning: ange den som försäljningspriser.' });
  }
  let list: PriceList;
  if (format === 'cspPriceList') {
    const { readCspPriceListWorkbook } = await import('./spreadsheet.js');
    try {
      list = await readCspPriceListWorkbook(bytes, file);
    } catch (error) {
      return refused(file, { en: `not a readable .xlsx workbook (${error instanceof Error ? error.message : String(error)}).`, sv: `ingen läsbar .xlsx-arbetsbok (${error instanceof Error ? error.message : String(error)}).` });
    }
  } else list = readTextPriceList(format, text ?? '', file);
  if (list.entries.length === 0) {
    const why = list.problems[0]?.message ?? { en: 'no price in it applies to Azure Stack Hub.', sv: 'inget pris i den gäller Azure Stack Hub.' };
    return refused(file, why);
  }
  return { ok: true, list };
}

/** Every date where a price of these lists starts or ends: the report cuts its periods there. */
export function priceChangeDates(lists: PriceList[]): number[] {
  const dates = new Set<number>();
  for (const list of lists) {
    for (const entry of list.entries) {
      if (Number.isFinite(entry.effectiveStart)) dates.add(entry.effectiveStart);
      if (Number.isFinite(entry.effectiveEnd)) dates.add(entry.effectiveEnd);
    }
  }
  return [...dates];
}

/** One line per list: what was read and left out, for a log or stderr. */
export function describePriceList(list: PriceList): Localized {
  const skipped = Object.entries(list.skipped).map(([reason, count]) => ({ count, reason: skipReasons[reason as SkipReason] }));
  const en = `${list.file} (${formatNames[list.format].en}): ${list.entries.length} prices from ${list.rows} rows` +
    `${skipped.map((s) => `; ${s.count} ${s.reason.en} left out`).join('')}${list.problemCount ? `; ${list.problemCount} rows with problems` : ''}`;
  const sv = `${list.file} (${formatNames[list.format].sv}): ${list.entries.length} priser från ${list.rows} rader` +
    `${skipped.map((s) => `; ${s.count} ${s.reason.sv} utelämnade`).join('')}${list.problemCount ? `; ${list.problemCount} rader med problem` : ''}`;
  return { en, sv };
}
