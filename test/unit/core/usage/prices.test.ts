import * as assert from 'node:assert/strict';
import { detectPriceFormat, readPartnerCenterPriceSheet, readResalePrices, readRetailPrices, type PriceEntry } from '../../../../src/core/usage/prices';

import { readFixture } from './priceFixtures';
const day = (text: string) => Date.parse(`${text}T00:00:00Z`);
const brief = (e: PriceEntry) => ({ price: e.unitPrice, unit: e.unitOfMeasure, tier: [e.tierMin, e.tierMax], from: e.effectiveStart, to: e.effectiveEnd });

describe('core/usage/prices', () => {
  it('reads the Partner Center Azure plan price sheet: tiers, effective dates, region inside SkuTitle, reservations left out', () => {
    const list = readPartnerCenterPriceSheet(readFixture('partner-center-azure-plan.csv'), 'partner-center-azure-plan.csv');
    assert.equal(list.rows, 11);
    assert.deepEqual(list.skipped, { reservation: 2 }, 'a reservation (P1Y) and a savings plan (1 Year)');
    assert.deepEqual(list.problems, []);
    const base = list.entries.filter((e) => e.names.includes('base vm') && e.azureStack);
    assert.deepEqual(base.map(brief), [
      { price: 0.08, unit: '10 Hours', tier: [0, Infinity], from: day('2026-01-01'), to: day('2026-10-15') },
      { price: 0.1, unit: '10 Hours', tier: [0, Infinity], from: day('2026-10-15'), to: Infinity },
    ]);
    const windows = list.entries.filter((e) => e.names.includes('windows server vm'));
    assert.deepEqual(windows.map((e) => [e.tierMin, e.tierMax, e.unitPrice]), [[0, 1000, 0.046875], [1000, Infinity, 0.0390625]]);
    const appService = list.entries.find((e) => e.meterKeys.includes('190c935e9ada48ff9ab856ea1cf9adaa'));
    assert.equal(appService?.unitOfMeasure, '1 Hour');
    const notHub = list.entries.filter((e) => e.unitPrice === 9.99 || e.unitPrice === 7.77);
    assert.deepEqual(notHub.map((e) => e.azureStack), [false, false], 'rows of West US and of Azure Stack HCI are never taken for Azure Stack Hub prices by their names');
    assert.ok(list.entries.filter((e) => !notHub.includes(e)).every((e) => e.azureStack), 'both spellings of the region are Azure Stack');
  });

  it('names what is wrong with a price sheet instead of guessing', () => {
    const missing = readPartnerCenterPriceSheet('ProductTitle,SkuTitle,UnitPrice\r\nAzure Stack Hub,Base VM,0.1\r\n', 'x.csv');
    assert.match(missing.problems[0].message.en, /lacks the columns UnitOfMeasure, Currency, MeterIds/);
    const header = readFixture('partner-center-azure-plan.csv').split('\r\n')[0];
    const bad = readPartnerCenterPriceSheet(`${header}\r\nAzure Stack Hub,P,1,Base VM - Azure Stack,Microsoft,,1 Hour,,US,USD,ten,0,,soon,,7d2a52c1-0b3e-4c4f-9a8e-1f2d3c4b5a61,,\r\n` +
      `Azure Stack Hub,P,1,Base VM - Azure Stack,Microsoft,,1 Fortnight,,US,USD,1,0,,someday,,7d2a52c1-0b3e-4c4f-9a8e-1f2d3c4b5a61,,\r\n`, 'bad.csv');
    assert.deepEqual(bad.problems.map((p) => [p.line, p.message.en]), [
      [2, 'The price "ten" is not a number.'],
      [3, 'The unit of measure "1 Fortnight" is not one this tool can convert.'],
      [3, 'The effective start "someday" is not a date.'],
    ]);
  });

  it('reads an Azure Retail Prices export: tiers from tierMinimumUnits, a later price ending the earlier one, reservations left out', () => {
    const list = readRetailPrices(readFixture('retail-prices.json'), 'retail-prices.json');
    assert.deepEqual([list.rows, list.skipped], [6, { notConsumption: 1 }]);
    const base = list.entries.filter((e) => e.meterKeys.includes('7d2a52c10b3e4c4f9a8e1f2d3c4b5a61'));
    assert.deepEqual(base.map(brief), [
      { price: 0.0125, unit: '1 Hour', tier: [0, 100], from: day('2026-01-01'), to: day('2026-11-01') },
      { price: 0.00625, unit: '1 Hour', tier: [100, Infinity], from: day('2026-01-01'), to: day('2026-11-01') },
      { price: 0.015625, unit: '1 Hour', tier: [0, Infinity], from: day('2026-11-01'), to: Infinity },
    ]);
    assert.equal(list.entries.find((e) => e.unitPrice === 0.006)?.azureStack, true, 'location "Azure Stack"');
    assert.equal(list.entries.find((e) => e.unitPrice === 0.0036)?.azureStack, false);
    assert.match(readRetailPrices('{"Items": 3}', 'x.json').problems[0].message.en, /Expected \{"Items"/);
    assert.match(readRetailPrices('{', 'x.json').problems[0].message.en, /not valid JSON/);
  });

  it('reads a resale list, in English or in a Swedish spreadsheet\'s UTF-16 with semicolons and decimal commas', () => {
    const list = readResalePrices(readFixture('resale.csv'), 'resale.csv');
    assert.equal(list.entries.length, 6);
    assert.deepEqual(list.entries.map((e) => [e.names[0], e.unitPrice, e.unitOfMeasure, e.customer ?? '']), [
      ['base vm size hours', 0.02, '1 Hour', ''],
      ['fab6eb84-500b-4a09-a8ca-7358f8bbaea5', 0.015, '1 Hour', 'contoso production'],
      ['windows vm size hours', 0.6, '10 Hours', ''],
      ['blockblobcapacity', 0.0146, '1 GB/Month', ''],
      ['tabletransactions', 0.001, '10K', ''],
      ['shared app service hours', 0.5, '', ''],
    ]);
    const swedish = readResalePrices(readFixture('resale-sv.csv'), 'resale-sv.csv');
    assert.deepEqual(swedish.problems, []);
    assert.deepEqual(swedish.entries.map((e) => [e.unitPrice, e.currency, e.measure?.size, e.customer ?? '']), [
      [0.175, 'SEK', 1, ''], [1250.5, 'SEK', 100, 'fabrikam residences'],
    ]);
  });

  it('tells the formats apart from the file name and header', () => {
    assert.equal(detectPriceFormat('prices.csv', readFixture('partner-center-azure-plan.csv')), 'partnerCenter');
    assert.equal(detectPriceFormat('mine.CSV', readFixture('resale-sv.csv')), 'resale');
    assert.equal(detectPriceFormat('retail.json'), 'retailPrices');
    assert.equal(detectPriceFormat('Azure in Global CSP price list.xlsx'), 'cspPriceList');
    assert.equal(detectPriceFormat('notes.csv', 'a,b,c\r\n'), undefined);
    assert.equal(detectPriceFormat('prices.pdf'), undefined);
  });
});
