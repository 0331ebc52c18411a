import { describe, expect, it } from 'vitest';
import { dueWindows, mergeRanges, uncoveredWindows } from './windows.js';

const year = { start: '2026-01-01', end: '2026-12-31' };

describe('dueWindows', () => {
  it('cuts a year into the quarters that have ended', () => {
    expect(dueWindows(year, 'quarterly', '2026-11-22')).toEqual([
      { start: '2026-01-01', end: '2026-03-31' },
      { start: '2026-04-01', end: '2026-06-30' },
      { start: '2026-07-01', end: '2026-09-30' },
    ]);
  });

  it('counts a window as due only after its last day', () => {
    expect(dueWindows(year, 'quarterly', '2026-03-31')).toEqual([]);
    expect(dueWindows(year, 'quarterly', '2026-04-01')).toHaveLength(1);
  });

  it('handles months of different lengths', () => {
    const months = dueWindows(year, 'monthly', '2026-11-22');
    expect(months).toHaveLength(10);
    expect(months[1]).toEqual({ start: '2026-02-01', end: '2026-02-28' });
  });

  it('cuts the last window at the period end', () => {
    expect(dueWindows({ start: '2026-01-15', end: '2026-05-31' }, 'quarterly', '2027-01-01')).toEqual([
      { start: '2026-01-15', end: '2026-04-14' },
      { start: '2026-04-15', end: '2026-05-31' },
    ]);
  });

  it('has no windows for per-event evidence', () => {
    expect(dueWindows(year, 'per-event', '2027-01-01')).toEqual([]);
  });
});

describe('uncoveredWindows', () => {
  const quarters = dueWindows(year, 'quarterly', '2026-11-22');

  it('finds the quarter no record covers', () => {
    const covers = [
      { start: '2026-01-01', end: '2026-03-31' },
      { start: '2026-07-01', end: '2026-09-30' },
    ];
    expect(uncoveredWindows(quarters, covers)).toEqual([{ start: '2026-04-01', end: '2026-06-30' }]);
  });

  it('accepts one record covering several windows, or several records sharing one', () => {
    expect(uncoveredWindows(quarters, [{ start: '2026-01-01', end: '2026-09-30' }])).toEqual([]);
    expect(
      uncoveredWindows(quarters, [
        { start: '2026-01-01', end: '2026-02-15' },
        { start: '2026-02-16', end: '2026-06-30' },
        { start: '2026-07-01', end: '2026-09-30' },
      ]),
    ).toEqual([]);
  });

  it('does not accept a record that covers only part of a window', () => {
    expect(uncoveredWindows(quarters.slice(0, 1), [{ start: '2026-01-01', end: '2026-03-30' }])).toHaveLength(1);
  });
});

describe('mergeRanges', () => {
  it('joins overlapping and adjacent ranges', () => {
    expect(
      mergeRanges([
        { start: '2026-03-01', end: '2026-03-31' },
        { start: '2026-01-01', end: '2026-01-31' },
        { start: '2026-02-01', end: '2026-02-10' },
      ]),
    ).toEqual([
      { start: '2026-01-01', end: '2026-02-10' },
      { start: '2026-03-01', end: '2026-03-31' },
    ]);
  });
});
