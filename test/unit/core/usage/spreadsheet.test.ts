// The older CSP price list spreadsheet, written here as Excel writes one (a title above the header, dates as date
// cells, a price as a formula's result, rich text, rows of every region) from the columns that list documented.
import * as assert from 'node:assert/strict';
import { Workbook } from 'exceljs';
import { readCspPriceListWorkbook } from '../../../../src/core/usage/spreadsheet';

const header = ['Offer Name', 'Category', 'Sub-Category', 'Meter Name', 'Meter ID', 'Region', 'Unit', 'Included Quantity', 'Unit Price', 'Currency', 'Effective Date'];

async function workbookBytes(rows: unknown[][], options: { emptyFirstSheet?: boolean } = {}): Promise<Uint8Array> {
  const workbook = new Workbook();
  if (options.emptyFirstSheet) workbook.addWorksheet('Read me').addRow(['Prices are in the next sheet.']);
  const sheet = workbook.addWorksheet('Azure in CSP');
  sheet.addRow(['Azure in Global CSP price list — November 2026']);
  sheet.addRow([]);
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const october = new Date(Date.UTC(2026, 9, 1));
const rows = [
  ['Azure in CSP', 'Azure Stack Hub', 'Base VM', 'vCPU', 'fab6eb84-500b-4a09-a8ca-7358f8bbaea5', 'Azure Stack', '1 Hour', 0, 0.008, 'USD', october],
  ['Azure in CSP', 'Azure Stack Hub', 'Windows Server VM', { richText: [{ text: 'vCPU ' }, { text: 'hours' }] }, '', 'Azure\u00a0Stack Hub', '10 Hours', 0, { formula: 'B1*0', result: 0.46 }, 'USD', october],
  ['Azure in CSP', 'Azure Stack Hub', 'Storage', 'Transactions', '', 'Azure Stack Hub', '10K', 100, 0.0036, 'USD', october],
  ['Azure in CSP', 'Virtual Machines', 'Base VM', 'vCPU', 'aa6eb84f-500b-4a09-a8ca-7358f8bbaea5', 'West Europe', '1 Hour', 0, 0.5, 'USD', october],
  ['Azure in CSP', 'Azure Stack Hub', 'Blob Storage', 'Capacity', '', 'AZURE STACK', '1 GB/Month', 0, '0,006', 'USD', '10/1/2026'],
];

describe('core/usage/spreadsheet (CSP price list .xlsx)', () => {
  it('keeps the Azure Stack rows of either spelling, with their units, included quantities and dates', async () => {
    const list = await readCspPriceListWorkbook(await workbookBytes(rows), 'csp.xlsx');
    assert.equal(list.format, 'cspPriceList');
    assert.deepEqual([list.rows, list.skipped, list.problems], [5, { otherRegion: 1 }, []]);
    assert.deepEqual(list.entries.map((e) => [e.line, e.unitOfMeasure, e.unitPrice, e.tierMin, e.tierMax, e.effectiveStart]), [
      [4, '1 Hour', 0.008, 0, Infinity, october.getTime()],
      [5, '10 Hours', 0.46, 0, Infinity, october.getTime()],
      [6, '10K', 0, 0, 100, october.getTime()],
      [6, '10K', 0.0036, 100, Infinity, october.getTime()],
      [8, '1 GB/Month', 0.006, 0, Infinity, october.getTime()],
    ]);
    assert.ok(list.entries[0].meterKeys.includes('fab6eb84500b4a09a8ca7358f8bbaea5'));
    assert.ok(list.entries[1].names.includes('windows server vm vcpu hours'), list.entries[1].names.join(' | '));
    assert.ok(list.entries[1].names.includes('windows server vm'), 'the sub-category alone is a name too');
  });

  it('finds the price sheet after a sheet without one, and says so when no sheet has a Region column', async () => {
    const later = await readCspPriceListWorkbook(await workbookBytes(rows.slice(0, 1), { emptyFirstSheet: true }), 'csp.xlsx');
    assert.equal(later.entries.length, 1);
    const workbook = new Workbook();
    workbook.addWorksheet('Prices').addRow(['Product', 'Price']);
    const none = await readCspPriceListWorkbook(new Uint8Array(await workbook.xlsx.writeBuffer()), 'other.xlsx');
    assert.match(none.problems[0].message.en, /No header row with Region/);
  });

  it('rejects a file that is not a workbook', async () => {
    await assert.rejects(readCspPriceListWorkbook(new TextEncoder().encode('meter,unitPrice\r\n'), 'not.xlsx'));
  });
});
