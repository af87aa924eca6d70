import * as assert from 'node:assert/strict';
import { moneyText, periodText, unitPriceText } from '../../../../src/core/usage/format';

/** Intl separates with no-break spaces; written plainly here for reading. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('core/usage/format', () => {
  it('writes amounts and prices as English and Swedish readers expect', () => {
    assert.equal(moneyText(1234.5, 'USD', 'en'), '$1,234.50');
    assert.equal(plain(moneyText(1234.5, 'USD', 'sv')), '1 234,50 US$');
    assert.equal(plain(moneyText(-82.07, 'SEK', 'sv')), '−82,07 kr');
    assert.equal(moneyText(1235, 'JPY', 'en', 0), '¥1,235');
    assert.equal(moneyText(2, 'XYZ1', 'en'), '2.00 XYZ1', 'a code Intl does not know');
    assert.equal(moneyText(undefined, 'USD', 'en'), '');
    assert.equal(unitPriceText(0.0625, 'USD', 'en'), '$0.0625');
    assert.equal(plain(unitPriceText(0.175, 'SEK', 'sv')), '0,175 kr');
  });

  it('writes a period as the days it covers', () => {
    assert.equal(periodText('2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 'en'), 'Oct 1, 2026 – Oct 31, 2026');
    assert.equal(plain(periodText('2026-10-15T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 'sv')), '15 okt. 2026 – 31 okt. 2026');
  });
});
