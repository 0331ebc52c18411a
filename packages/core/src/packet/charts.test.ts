import { describe, expect, it } from 'vitest';
import { readinessOf } from '../score/readiness.js';
import { describeCounts, describeMaturity, SEGMENTS, stackSegments } from './charts.js';

const counts = { met: 12, inherited: 3, partial: 4, gap: 1, excluded: 5 };

describe('stacked readiness bars', () => {
  it('draws met, inherited, partial and gap in that order, each as wide as its share, excluded left out', () => {
    // 20 counted requirements on a 400-unit bar: 20 units each.
    expect(stackSegments(counts, 400).map(({ status, count, x, width }) => ({ status, count, x, width }))).toEqual([
      { status: 'met', count: 12, x: 0, width: 240 },
      { status: 'inherited', count: 3, x: 240, width: 60 },
      { status: 'partial', count: 4, x: 300, width: 80 },
      { status: 'gap', count: 1, x: 380, width: 20 },
    ]);
  });

  it('leaves out empty segments and always fills the bar exactly, whatever the rounding', () => {
    const segments = stackSegments({ met: 1, inherited: 0, partial: 1, gap: 1, excluded: 0 }, 100);
    expect(segments.map((s) => s.status)).toEqual(['met', 'partial', 'gap']);
    expect(segments.map((s) => s.x)).toEqual([0, 33.3, 66.7]);
    expect(segments.reduce((sum, s) => Math.round((sum + s.width) * 10) / 10, 0)).toBe(100);
    expect(stackSegments({ met: 0, inherited: 0, partial: 0, gap: 0, excluded: 4 }, 100)).toEqual([]);
  });

  it('draws inherited in a colour of its own, each with contrast of at least 4.5:1 on white', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    expect(new Set(SEGMENTS.map((s) => s.color)).size).toBe(4);
    for (const s of SEGMENTS) expect(1.05 / (luminance(s.color) + 0.05)).toBeGreaterThanOrEqual(4.5);
  });

  it('says what a bar shows in words, and maturity as mean (N=...)', () => {
    // (12 + 3 + 4/2) / 20 = 85%.
    expect(describeCounts(counts, readinessOf(counts))).toBe('12 met · 3 inherited · 4 partial · 1 gap — 85.0%');
    expect(describeCounts({ met: 0, inherited: 0, partial: 0, gap: 0, excluded: 2 }, null)).toBe('0 met · 0 inherited · 0 partial · 0 gap — n/a (all excluded)');
    expect(describeMaturity({ maturity: 2.25, maturityOf: 12 })).toBe('2.3 (N=12)');
    expect(describeMaturity({ maturity: null, maturityOf: 0 })).toBe('n/a (N=0)');
  });
});
