import { addDays, addFrequency, type IsoDate } from '../model/dates.js';
import type { Frequency } from '../schemas/types.js';

export interface DateRange {
  start: IsoDate;
  end: IsoDate;
}

/**
 * The collection windows of an observation period for a frequency: consecutive ranges from the period's
 * start, each one period of `frequency` long, the last cut at the period's end. Only windows that have
 * ended before `today` are due. per-event has no windows (nothing to schedule).
 */
export function dueWindows(period: DateRange, frequency: Frequency, today: IsoDate): DateRange[] {
  const windows: DateRange[] = [];
  let start = period.start;
  while (start <= period.end) {
    const next = addFrequency(start, frequency);
    if (!next) return [];
    const end = addDays(next, -1) < period.end ? addDays(next, -1) : period.end;
    if (end >= today) break;
    windows.push({ start, end });
    start = next;
  }
  return windows;
}

/**
 * Windows not fully covered by the union of `covers` ranges: a record may show a whole window, or several
 * records may share one.
 */
export function uncoveredWindows(windows: readonly DateRange[], covers: readonly DateRange[]): DateRange[] {
  const merged = mergeRanges(covers);
  return windows.filter((w) => !merged.some((r) => r.start <= w.start && r.end >= w.end));
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
