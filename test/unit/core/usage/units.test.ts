import * as assert from 'node:assert/strict';
import { findMeter } from '../../../../src/core/usage/meters';
import { conversionFactor, hoursPerMonth, parseUnitOfMeasure } from '../../../../src/core/usage/units';

const unitOf = (id: string) => findMeter(id)!.unit.measure;
const baseVm = 'FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5';
const blockBlob = '09F8879E-87E9-4305-A572-4B7BE209F857';
const tableTransactions = 'B9FF3CD0-28AA-4762-84BB-FF8FBAEA6A90';

describe('core/usage/units', () => {
  it('reads the units of measure price lists write', () => {
    const cases: [string, ReturnType<typeof parseUnitOfMeasure>][] = [
      ['1 Hour', { dimension: 'itemHours', size: 1 }],
      ['10 Hours', { dimension: 'itemHours', size: 10 }],
      ['100\u00a0Hours', { dimension: 'itemHours', size: 100 }],
      ['1/Hour', { dimension: 'itemHours', size: 1 }],
      ['1/Month', { dimension: 'itemHours', size: hoursPerMonth }],
      ['1/Day', { dimension: 'itemHours', size: 24 }],
      ['1 GB/Month', { dimension: 'gbHours', size: hoursPerMonth }],
      ['1 GB per month', { dimension: 'gbHours', size: hoursPerMonth }],
      ['1 TB/Month', { dimension: 'gbHours', size: 1024 * hoursPerMonth }],
      ['1 GB/Hour', { dimension: 'gbHours', size: 1 }],
      ['1 GB', { dimension: 'gb', size: 1 }],
      ['10K', { dimension: 'count', size: 10_000 }],
      ['10K Transactions', { dimension: 'count', size: 10_000 }],
      ['10,000 Transactions', { dimension: 'count', size: 10_000 }],
      ['1M', { dimension: 'count', size: 1_000_000 }],
      ['1 vCPU Hour', { dimension: 'itemHours', size: 1 }],
      ['1', { dimension: 'count', size: 1 }],
    ];
    for (const [text, expected] of cases) assert.deepEqual(parseUnitOfMeasure(text), expected, text);
    for (const text of ['', 'per fortnight', '1 Widget/Hour', '5 Parsecs']) assert.equal(parseUnitOfMeasure(text), undefined, text);
  });

  it('converts the stamp\'s quantities to a price list\'s unit, and refuses units that measure other things', () => {
    // vCore hours priced per 10 hours: 25 vCore hours are 2.5 price units.
    assert.equal(25 * conversionFactor(unitOf(baseVm), parseUnitOfMeasure('10 Hours')!)!, 2.5);
    // GB × hours priced per GB-month: 730 GB-hours are one GB for a month.
    assert.equal(1460 * conversionFactor(unitOf(blockBlob), parseUnitOfMeasure('1 GB/Month')!)!, 2);
    // The stamp counts table transactions in 10,000s: 3 of them are 3 × "10K".
    assert.equal(3 * conversionFactor(unitOf(tableTransactions), parseUnitOfMeasure('10K')!)!, 3);
    assert.equal(conversionFactor(unitOf(baseVm), parseUnitOfMeasure('1 GB/Month')!), undefined);
  });
});
