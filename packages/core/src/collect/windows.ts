import { addDays, addMonths, type IsoDate } from '../model/dates.js';
import type { Frequency } from '../schemas/types.js';
import type { DateRange } from '../model/dates.js';
import { parseWindow } from '../scaffold/evidence-record.js';

export interface CollectWindow {
  covers: DateRange;
  /** How the window is named in file names: 2026-Q1, 2026-03, 2026-H1, 2026, or START_END. */
  label: string;
}

/**
 * The last window of an evidence item's frequency that ended before `today`: the previous month for
 * monthly items (and for items without calendar windows: continuous, daily, weekly, per-event, whose
 * evidence a monthly schedule collects), the previous quarter, half or year for the others.
 */
export function previousWindow(every: Frequency, today: IsoDate): CollectWindow {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const months = every === 'quarterly' ? 3 : every === 'semiannual' ? 6 : every === 'annual' ? 12 : 1;
  // The window containing today starts at the first month of its block; the previous one ended the day before.
  const currentStart = `${year}-${String(Math.floor((month - 1) / months) * months + 1).padStart(2, '0')}-01`;
  const start = addMonths(currentStart, -months);
  const end = addDays(currentStart, -1);
  const y = start.slice(0, 4);
  const m = Number(start.slice(5, 7));
  const label = months === 12 ? y : months === 6 ? `${y}-H${m === 1 ? 1 : 2}` : months === 3 ? `${y}-Q${(m - 1) / 3 + 1}` : start.slice(0, 7);
  return { covers: { start, end }, label };
}

/**
 * The window of a collection: `--window` (2026-Q1, 2026-03, 2026-H1, 2026 or `previous`: the last ended
 * window of the item's frequency) or `--since`/`--until` dates. Undefined when the label is none of these.
 */
export function resolveCollectWindow(options: { window?: string; since?: IsoDate; until?: IsoDate }, every: Frequency, today: IsoDate): CollectWindow | undefined {
  if (options.window === 'previous') return previousWindow(every, today);
  if (options.window !== undefined) {
    const covers = parseWindow(options.window);
    return covers ? { covers, label: options.window } : undefined;
  }
  if (options.since !== undefined && options.until !== undefined) return { covers: { start: options.since, end: options.until }, label: `${options.since}_${options.until}` };
  return undefined;
}
