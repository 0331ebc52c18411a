import { describe, expect, it } from 'vitest';
import type { ExceptionAssessment } from '../score/records.js';
import { deviationAnchor, deviationStatus, sortDeviations, windowLabel, windowsLine } from './deviations.js';

function deviation(control: string, severity: ExceptionAssessment['severity'], start: string, open: boolean, line = 10): ExceptionAssessment {
  return {
    control,
    evidence: 'e',
    file: `evidence/${control}/${start}.yaml`,
    line,
    description: `${control} ${severity} ${start}`,
    severity,
    window: { start, end: start },
    ...(open ? {} : { remediatedOn: '2026-10-01' }),
    open,
  };
}

describe('deviations', () => {
  it('puts open high-severity ones first, then by severity, control and window', () => {
    const list = [
      deviation('B', 'low', '2026-02-01', true),
      deviation('B', 'high', '2026-03-01', false),
      deviation('A', 'medium', '2026-05-01', true),
      deviation('C', 'high', '2026-01-01', true),
      deviation('A', 'medium', '2026-04-01', false),
      deviation('A', 'high', '2026-06-01', true),
    ];
    expect(sortDeviations(list).map((x) => x.description)).toEqual([
      'A high 2026-06-01',
      'C high 2026-01-01',
      'B high 2026-03-01',
      'A medium 2026-04-01',
      'A medium 2026-05-01',
      'B low 2026-02-01',
    ]);
  });

  it('says whether each is open or remediated, and anchors it by record and line', () => {
    expect(deviationStatus(deviation('A', 'low', '2026-01-01', false))).toBe('remediated 2026-10-01');
    expect(deviationStatus(deviation('A', 'low', '2026-01-01', true))).toBe('open');
    expect(deviationStatus({ ...deviation('A', 'low', '2026-01-01', true), remediatedOn: '2026-12-15' })).toBe('open (remediation due 2026-12-15)');
    expect(deviationAnchor({ file: 'evidence/A&B/2026 Q1.yaml', line: 7 })).toBe('deviation-evidence-A-B-2026-Q1-yaml-7');
  });
});

describe('window labels', () => {
  it.each([
    ['2026-01-01', '2026-12-31', '2026'],
    ['2026-07-01', '2026-12-31', '2026-H2'],
    ['2026-01-01', '2026-03-31', '2026-Q1'],
    ['2026-10-01', '2026-12-31', '2026-Q4'],
    ['2024-02-01', '2024-02-29', '2024-02'],
    ['2026-02-01', '2026-04-30', '2026-02-01..2026-04-30'], // three months, not a calendar quarter
    ['2026-03-15', '2026-06-14', '2026-03-15..2026-06-14'],
    ['2026-10-01', '2026-11-30', '2026-10-01..2026-11-30'], // cut at the period's end
    ['2026-05-04', '2026-05-04', '2026-05-04'],
  ])('%s..%s is %s', (start, end, label) => {
    expect(windowLabel({ start, end })).toBe(label);
  });

  it('lists up to 24 windows one by one with their marks, and summarizes daily ones', () => {
    expect(
      windowsLine({
        windows: [
          { start: '2026-01-01', end: '2026-03-31', state: 'covered', records: ['a.yaml'] },
          { start: '2026-04-01', end: '2026-06-30', state: 'missing', records: [] },
          { start: '2026-07-01', end: '2026-09-30', state: 'covered', records: ['b.yaml'] },
          { start: '2026-10-01', end: '2026-12-31', state: 'open', records: [] },
        ],
      }),
    ).toBe('2026-Q1 ✓ · 2026-Q2 ✗ · 2026-Q3 ✓ · 2026-Q4 due 2026-12-31');
    const days = Array.from({ length: 31 }, (_, i) => {
      const day = `2026-01-${String(i + 1).padStart(2, '0')}`;
      return { start: day, end: day, state: (i === 30 ? 'open' : i >= 4 && i <= 6 ? 'missing' : i === 20 ? 'missing' : 'covered') as 'open' | 'missing' | 'covered', records: [] };
    });
    expect(windowsLine({ windows: days })).toBe('31 windows: 26 covered ✓ · missing ✗ 2026-01-05..2026-01-07, 2026-01-21 · 2026-01-31 due 2026-01-31');
  });
});
