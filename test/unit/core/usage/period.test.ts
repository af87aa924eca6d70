import * as assert from 'node:assert/strict';
import { checkPeriod, formatUtc, parseUtcTime } from '../../../../src/core/usage/period';

const now = new Date('2026-11-27T14:35:00Z');
const at = (text: string) => new Date(text);

describe('core/usage/period', () => {
  it('reads dates and times as UTC, and refuses impossible ones', () => {
    assert.equal(parseUtcTime('2026-11-01')?.toISOString(), '2026-11-01T00:00:00.000Z');
    assert.equal(parseUtcTime('2026-11-01T05:00Z')?.toISOString(), '2026-11-01T05:00:00.000Z');
    assert.equal(parseUtcTime('2026-11-01 05:00')?.toISOString(), '2026-11-01T05:00:00.000Z');
    assert.equal(parseUtcTime('2026-02-30'), undefined);
    assert.equal(parseUtcTime('2026-11-01T24:00'), undefined);
    assert.equal(parseUtcTime('2026-11-01T05:60'), undefined);
    assert.equal(parseUtcTime('2026-11-01T05:00:60Z'), undefined, 'not 05:01, as Date.UTC rolls it over');
    assert.equal(parseUtcTime('2026-11-01T05:00:59Z')?.toISOString(), '2026-11-01T05:00:59.000Z');
    assert.equal(parseUtcTime('yesterday'), undefined);
    assert.equal(parseUtcTime('0050-01-01')?.toISOString(), '0050-01-01T00:00:00.000Z', 'not 1950, as Date.UTC takes it');
    assert.equal(parseUtcTime('2026-11-01T05:00:00.999Z')?.toISOString(), '2026-11-01T05:00:00.999Z');
    assert.equal(parseUtcTime('2026-11-01T05:00:00.0001Z')?.toISOString(), '2026-11-01T05:00:00.001Z', 'a fraction is never dropped');
    assert.equal(parseUtcTime('2026-11-01T05:00:00.000Z')?.toISOString(), '2026-11-01T05:00:00.000Z');
    assert.equal(formatUtc(at('2026-11-01T05:00:00Z')), '2026-11-01T05:00:00Z');
  });

  it('accepts whole days up to today and whole hours up to the current hour', () => {
    assert.equal(checkPeriod({ start: at('2026-11-01T00:00Z'), end: at('2026-11-27T00:00Z'), granularity: 'daily' }, now), undefined);
    assert.equal(checkPeriod({ start: at('2026-11-27T10:00Z'), end: at('2026-11-27T14:00Z'), granularity: 'hourly' }, now), undefined);
  });

  it('names the field and the reason when the service would refuse', () => {
    assert.equal(checkPeriod({ start: at('2026-11-01T05:00Z'), end: at('2026-11-02T00:00Z'), granularity: 'daily' }, now)?.field, 'start');
    assert.match(checkPeriod({ start: at('2026-11-01T00:00Z'), end: at('2026-11-01T05:30Z'), granularity: 'hourly' }, now)?.message.en ?? '', /whole UTC hour/);
    assert.match(checkPeriod({ start: at('2026-11-02T00:00Z'), end: at('2026-11-01T00:00Z'), granularity: 'daily' }, now)?.message.en ?? '', /after the start/);
    assert.match(checkPeriod({ start: at('2026-11-01T00:00Z'), end: at('2026-11-28T00:00Z'), granularity: 'daily' }, now)?.message.en ?? '', /RequestEndTimeIsInFuture/);
    assert.equal(checkPeriod({ start: at('2026-11-27T10:00Z'), end: at('2026-11-27T15:00Z'), granularity: 'hourly' }, now)?.field, 'end');
  });
});
