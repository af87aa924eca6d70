// The reporting period a usage query asks for. The service wants UTC times on hour (hourly) or midnight (daily)
// boundaries, the end after the start and not in the future; checking here saves a round trip and explains why.
import type { Localized } from '../l10n';

export type Granularity = 'daily' | 'hourly';

export interface Period {
  start: Date;
  end: Date;
  granularity: Granularity;
}

export type PeriodProblem = { field: 'start' | 'end'; message: Localized };

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

function stepMs(granularity: Granularity): number {
  return granularity === 'daily' ? dayMs : hourMs;
}

/** Reads "2026-11-01", "2026-11-01T05:00", "2026-11-01 05:00Z" or a full ISO time, always as UTC. */
export function parseUtcTime(text: string): Date | undefined {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(?:Z|[+-]00:?00)?\s*$/i.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = ''] = match;
  // A fraction of a second is kept (at least 1 ms when it is not zero), so that a period's boundary check sees it.
  const ms = /[1-9]/.test(fraction) ? Math.max(1, Math.floor(Number(`0.${fraction}`) * 1000)) : 0;
  // Set field by field: Date.UTC takes the years 0–99 for 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), ms);
  // A date past its month's end (2026-02-30) rolls over into the next; a real calendar date survives the round trip.
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  return date;
}

export function floorTo(time: Date, granularity: Granularity): Date {
  const step = stepMs(granularity);
  return new Date(Math.floor(time.getTime() / step) * step);
}

/** `YYYY-MM-DDTHH:mm:ssZ`, as the service expects in reportedStartTime/reportedEndTime. */
export function formatUtc(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const boundary: Record<Granularity, Localized> = {
  daily: { en: 'Daily reports start and end at midnight UTC (for example 2026-11-01).', sv: 'Dagsrapporter börjar och slutar vid midnatt UTC (till exempel 2026-11-01).' },
  hourly: { en: 'Hourly reports start and end on a whole UTC hour (for example 2026-11-01T05:00Z).', sv: 'Timrapporter börjar och slutar på en hel timme UTC (till exempel 2026-11-01T05:00Z).' },
};

/** The first thing wrong with the period, or undefined when the service will accept it. */
export function checkPeriod(period: Period, now: Date): PeriodProblem | undefined {
  const step = stepMs(period.granularity);
  if (period.start.getTime() % step !== 0) return { field: 'start', message: boundary[period.granularity] };
  if (period.end.getTime() % step !== 0) return { field: 'end', message: boundary[period.granularity] };
  if (period.end <= period.start) {
    return { field: 'end', message: { en: 'The end must come after the start.', sv: 'Slutet måste komma efter början.' } };
  }
  if (period.end > floorTo(now, period.granularity)) {
    return {
      field: 'end',
      message: {
        en: 'The end cannot be in the future or inside the current period: the stamp has not finished processing it (RequestEndTimeIsInFuture).',
        sv: 'Slutet kan inte ligga i framtiden eller inom den pågående perioden: stämpeln har inte bearbetat den färdigt (RequestEndTimeIsInFuture).',
      },
    };
  }
  return undefined;
}

/**
 * Where a report's rows are cut into periods: every UTC month start inside the period (invoices are monthly) and
 * every date inside it where a price changes, so each row has one price.
 */
export function periodBoundaries(period: Pick<Period, 'start' | 'end'>, priceChanges: Iterable<number> = []): number[] {
  const start = period.start.getTime();
  const end = period.end.getTime();
  const cuts = new Set<number>();
  for (let month = Date.UTC(period.start.getUTCFullYear(), period.start.getUTCMonth() + 1, 1); month < end; ) {
    cuts.add(month);
    const date = new Date(month);
    month = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  }
  for (const change of priceChanges) if (change > start && change < end) cuts.add(change);
  return [...cuts].sort((a, b) => a - b);
}
