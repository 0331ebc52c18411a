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

/** A span of whole days, both ends included. */
export interface DateRange {
  start: IsoDate;
  end: IsoDate;
}

/** Sorted, overlapping or adjacent ranges joined. */
export function mergeRanges(ranges: readonly DateRange[]): DateRange[] {
  const sorted = ranges.filter((r) => r.start <= r.end).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: DateRange[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.start <= addDays(last.end, 1)) {
      if (r.end > last.end) last.end = r.end;
    } else {
      out.push({ ...r });
    }
  }
  return out;
}

/** The days of `range` that none of `covers` includes, as ranges. */
export function subtractRanges(range: DateRange, covers: readonly DateRange[]): DateRange[] {
  if (range.start > range.end) return [];
  const gaps: DateRange[] = [];
  let cursor = range.start;
  for (const c of mergeRanges(covers)) {
    if (c.end < cursor) continue;
    if (c.start > range.end) break;
    if (c.start > cursor) gaps.push({ start: cursor, end: addDays(c.start, -1) < range.end ? addDays(c.start, -1) : range.end });
    cursor = addDays(c.end, 1);
    if (cursor > range.end) return gaps;
  }
  if (cursor <= range.end) gaps.push({ start: cursor, end: range.end });
  return gaps;
}

/** true when the two ranges share at least one day. */
export function overlaps(a: DateRange, b: DateRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** "2026-01-01..2026-03-31" */
export function rangeText(r: DateRange): string {
  return `${r.start}..${r.end}`;
}
