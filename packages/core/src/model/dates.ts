import type { Frequency } from '../schemas/types.js';

/** Dates are ISO strings (YYYY-MM-DD) throughout: they compare as text and never meet a time zone. */
export type IsoDate = string;

/** Today's date in UTC, for the IO layer; the core always receives the date it should use. */
export function todayUtc(now: Date = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The length of one period of a frequency; undefined for per-event (no schedule). */
export function frequencyPeriod(frequency: Frequency): { days: number } | { months: number } | undefined {
  switch (frequency) {
    case 'continuous':
    case 'daily':
      return { days: 1 };
    case 'weekly':
      return { days: 7 };
    case 'monthly':
      return { months: 1 };
    case 'quarterly':
      return { months: 3 };
    case 'semiannual':
      return { months: 6 };
    case 'annual':
      return { months: 12 };
    case 'per-event':
      return undefined;
  }
}

/** The date one period of `frequency` after `date`; undefined for per-event. */
export function addFrequency(date: IsoDate, frequency: Frequency): IsoDate | undefined {
  const period = frequencyPeriod(frequency);
  if (!period) return undefined;
  return 'days' in period ? addDays(date, period.days) : addMonths(date, period.months);
}
