import { addDays, addMonths, mergeRanges, type DateRange } from '../model/dates.js';
import type { EvidenceItemState } from '../score/assess-controls.js';
import type { ExceptionAssessment } from '../score/records.js';

/**
 * What the packet says about deviations and evidence windows, for the site and summary.pdf alike: the
 * order an auditor reads deviations in, their status in words, and windows named as people name them.
 */

const SEVERITY_RANK: Readonly<Record<ExceptionAssessment['severity'], number>> = { high: 0, medium: 1, low: 2 };

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Open high-severity deviations first (they keep their requirements partial), then by severity, control,
 * window and the record that states them, so that the list is the same on every build.
 */
export function sortDeviations(exceptions: readonly ExceptionAssessment[]): ExceptionAssessment[] {
  const urgent = (x: ExceptionAssessment) => (x.open && x.severity === 'high' ? 0 : 1);
  return [...exceptions].sort(
    (a, b) =>
      urgent(a) - urgent(b) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      compareText(a.control, b.control) ||
      compareText(a.window.start, b.window.start) ||
      compareText(a.window.end, b.window.end) ||
      compareText(a.file, b.file) ||
      a.line - b.line,
  );
}

/** "open", "open (remediation due 2026-12-15)" or "remediated 2026-04-03". */
export function deviationStatus(x: ExceptionAssessment): string {
  if (!x.open) return `remediated ${x.remediatedOn}`;
  return x.remediatedOn ? `open (remediation due ${x.remediatedOn})` : 'open';
}

/** A stable anchor for a deviation: the record and the line that state it. */
export function deviationAnchor(x: Pick<ExceptionAssessment, 'file' | 'line'>): string {
  return `deviation-${x.file.replace(/[^A-Za-z0-9_-]+/g, '-')}-${x.line}`;
}

/** Counts for a one-line summary: all, open, open and high. */
export function countDeviations(exceptions: readonly ExceptionAssessment[]): { total: number; open: number; openHigh: number } {
  return {
    total: exceptions.length,
    open: exceptions.filter((x) => x.open).length,
    openHigh: exceptions.filter((x) => x.open && x.severity === 'high').length,
  };
}

const QUARTER_STARTS: Readonly<Record<string, string>> = { '01': 'Q1', '04': 'Q2', '07': 'Q3', '10': 'Q4' };

/**
 * A window as people name it: "2026" (a calendar year), "2026-H1" (a calendar half), "2026-Q1" (a calendar
 * quarter), "2026-03" (a calendar month), "2026-05-04" (one day); any other range as "start..end" (a window
 * cut at the period's end, a period that does not start on the 1st).
 */
export function windowLabel(w: DateRange): string {
  if (w.start === w.end) return w.start;
  const match = /^(\d{4})-(\d{2})-01$/.exec(w.start);
  if (!match) return `${w.start}..${w.end}`;
  const [, year, month] = match as unknown as [string, string, string];
  const endsAfter = (months: number) => addDays(addMonths(w.start, months), -1) === w.end;
  if (month === '01' && endsAfter(12)) return year;
  if ((month === '01' || month === '07') && endsAfter(6)) return `${year}-H${month === '01' ? 1 : 2}`;
  if (QUARTER_STARTS[month] && endsAfter(3)) return `${year}-${QUARTER_STARTS[month]}`;
  if (endsAfter(1)) return `${year}-${month}`;
  return `${w.start}..${w.end}`;
}

/** Beyond this many windows (daily and weekly items) the row is summarized: counts and the missing ranges. */
const WINDOWS_LISTED_ONE_BY_ONE = 24;

export interface WindowMark {
  label: string;
  state: EvidenceItemState['windows'][number]['state'];
  /** "✓", "✗" or "due 2026-12-31". */
  mark: string;
  records: string[];
}

/** Every window of an item with its mark, in order: "2026-Q1 ✓", "2026-Q2 ✗", "2026-Q4 due 2026-12-31". */
export function windowMarks(item: Pick<EvidenceItemState, 'windows'>): WindowMark[] {
  return item.windows.map((w) => ({
    label: windowLabel(w),
    state: w.state,
    mark: w.state === 'covered' ? '✓' : w.state === 'missing' ? '✗' : `due ${w.end}`,
    records: [...w.records],
  }));
}

/**
 * The windows of an item in one line of text. Up to 24 windows: each with its mark; more (a daily item has
 * a window a day): how many are covered, the missing ones merged into ranges, and the one due.
 */
export function windowsLine(item: Pick<EvidenceItemState, 'windows'>): string {
  if (item.windows.length <= WINDOWS_LISTED_ONE_BY_ONE) return windowMarks(item).map((m) => `${m.label} ${m.mark}`).join(' · ');
  const covered = item.windows.filter((w) => w.state === 'covered').length;
  const missing = mergeRanges(item.windows.filter((w) => w.state === 'missing'));
  const open = item.windows.filter((w) => w.state === 'open');
  return [
    `${item.windows.length} windows: ${covered} covered ✓`,
    ...(missing.length ? [`missing ✗ ${missing.map((r) => (r.start === r.end ? r.start : `${r.start}..${r.end}`)).join(', ')}`] : []),
    ...open.map((w) => `${windowLabel(w)} due ${w.end}`),
  ].join(' · ');
}
