import * as assert from 'node:assert/strict';
import { decodeText } from '../../../../src/core/encoding';
import { parseDate, parseNumber } from '../../../../src/core/usage/priceText';

describe('core/usage/priceText', () => {
  it('reads numbers with a decimal point or comma and any thousands separator', () => {
    const cases: [string | number, number | undefined][] = [
      ['0.008', 0.008], ['0,008', 0.008], ['1,234.50', 1234.5], ['1.234,50', 1234.5], ['1\u00a0250,50', 1250.5], ['1,234', 1234],
      ['12,5', 12.5], ['$0.05', 0.05], ['\u22120.5', -0.5], [' 7 ', 7], [3, 3], ['', undefined], ['n/a', undefined], ['1.2.3', undefined],
    ];
    for (const [text, expected] of cases) assert.equal(parseNumber(text), expected, String(text));
  });

  it('reads dates in ISO and US form and as spreadsheet serial numbers, always as UTC', () => {
    const october = Date.UTC(2026, 9, 15);
    assert.equal(parseDate('2026-10-15'), october);
    assert.equal(parseDate('2026-10-15T00:00:00Z'), october);
    assert.equal(parseDate('2026-10-15T02:00:00+02:00'), october);
    assert.equal(parseDate('10/15/2026'), october);
    assert.equal(parseDate('10/15/2026 12:00:00 AM'), october);
    assert.equal(parseDate(46310), october);
    assert.equal(parseDate(new Date(october)), october);
    assert.equal(parseDate('15 octobre'), undefined);
    assert.equal(parseDate(''), undefined);
  });

  it('decodes UTF-8 with or without a BOM and UTF-16 with or without one', () => {
    const text = 'meter;unitPrice\r\nBase VM Size Hours;0,5\r\n';
    const utf16 = Buffer.from(text, 'utf16le');
    assert.equal(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text)])), text);
    assert.equal(decodeText(Buffer.from(text)), text);
    assert.equal(decodeText(new Uint8Array([0xff, 0xfe, ...utf16])), text);
    assert.equal(decodeText(utf16), text);
  });
});
