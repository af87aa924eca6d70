// The older CSP price list comes as an .xlsx workbook. ExcelJS (MIT) streams its rows, so a price list of every
// Azure region need not be held whole; only the Azure Stack rows are kept. This module is the only one that loads
// ExcelJS, and the build puts it in a bundle of its own (dist/spreadsheet.js), loaded when a spreadsheet is imported.
import { Readable } from 'node:stream';
import { stream } from 'exceljs';
import { CspPriceListReader, type Cell, type PriceList } from './prices';

/** A cell's value as the price list reader takes it: rich text, formulas and links reduced to what they show. */
function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  const object = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
  if (Array.isArray(object.richText)) return object.richText.map((part) => part.text).join('');
  if ('result' in object) return cellValue(object.result);
  if (typeof object.text === 'string') return object.text;
  return undefined;
}

/** Reads the first sheet that has a header row with Region and a price column; rejects when the file is no workbook. */
export async function readCspPriceListWorkbook(bytes: Uint8Array, file: string): Promise<PriceList> {
  const workbook = new stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  let first: PriceList | undefined;
  for await (const worksheet of workbook) {
    const reader = new CspPriceListReader(file);
    for await (const row of worksheet) {
      // row.values is 1-based: index 0 is always empty.
      reader.addRow((row.values as unknown[]).slice(1).map(cellValue), row.number);
    }
    const list = reader.finish();
    if (list.rows > 0 || list.entries.length > 0) return list;
    first ??= list;
  }
  return first ?? new CspPriceListReader(file).finish();
}
