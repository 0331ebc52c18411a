import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, toCsv } from './canonical.js';
import { autoSampleSize, drawSample, sampleRank } from './sample.js';
import { previousWindow, resolveCollectWindow } from './windows.js';

describe('canonical bytes', () => {
  it('sorts keys at every level, keeps array order, drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: undefined, b: null } })).toBe('{\n  "a": {\n    "b": null,\n    "d": [\n      3,\n      1\n    ]\n  },\n  "b": 1\n}\n');
  });

  it('quotes CSV cells that need it and defuses formulas', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['=HYPERLINK("x")', 3], [null, true]])).toBe('a,b\n"x,y","say ""hi"""\n"\'=HYPERLINK(""x"")",3\n,true\n');
  });
});

describe('reproducible samples', () => {
  const keys = Array.from({ length: 200 }, (_, i) => `acme/api#${i + 1}`);

  it('ranks by SHA-256 of seed, a line break and the key, as any sha256 tool computes it', () => {
    expect(sampleRank('seed', 'acme/api#1')).toBe(createHash('sha256').update('seed\nacme/api#1').digest('hex'));
    const drawn = drawSample(keys, (k) => k, 'seed', 25);
    const byHand = [...keys].sort((a, b) => (sampleRank('seed', a) < sampleRank('seed', b) ? -1 : 1)).slice(0, 25);
    expect(drawn.map((d) => d.key)).toEqual(byHand);
  });

  it('draws the same items for the same seed whatever the order of the population, and others for another seed', () => {
    const a = drawSample(keys, (k) => k, 'seed', 25).map((d) => d.key);
    expect(drawSample([...keys].reverse(), (k) => k, 'seed', 25).map((d) => d.key)).toEqual(a);
    const b = drawSample(keys, (k) => k, 'other', 25).map((d) => d.key);
    expect(b).not.toEqual(a);
    expect(drawSample(keys.slice(0, 10), (k) => k, 'seed', 25)).toHaveLength(10);
  });

  it('sizes by frequency, never above the population', () => {
    expect([autoSampleSize('annual', 100), autoSampleSize('quarterly', 100), autoSampleSize('monthly', 100), autoSampleSize('weekly', 100), autoSampleSize('daily', 400), autoSampleSize('per-event', 400), autoSampleSize('per-event', 7)]).toEqual([1, 2, 2, 5, 20, 25, 7]);
  });
});

describe('collection windows', () => {
  it('previous: the last ended window of the item\'s frequency', () => {
    expect(previousWindow('quarterly', '2026-04-02')).toEqual({ covers: { start: '2026-01-01', end: '2026-03-31' }, label: '2026-Q1' });
    expect(previousWindow('quarterly', '2026-01-02')).toEqual({ covers: { start: '2025-10-01', end: '2025-12-31' }, label: '2025-Q4' });
    expect(previousWindow('monthly', '2026-03-02')).toEqual({ covers: { start: '2026-02-01', end: '2026-02-28' }, label: '2026-02' });
    expect(previousWindow('semiannual', '2026-08-02')).toEqual({ covers: { start: '2026-01-01', end: '2026-06-30' }, label: '2026-H1' });
    expect(previousWindow('annual', '2026-08-02')).toEqual({ covers: { start: '2025-01-01', end: '2025-12-31' }, label: '2025' });
    expect(previousWindow('per-event', '2026-08-02').label).toBe('2026-07');
  });

  it('named windows and --since/--until', () => {
    expect(resolveCollectWindow({ window: '2026-Q1' }, 'monthly', '2026-12-01')).toEqual({ covers: { start: '2026-01-01', end: '2026-03-31' }, label: '2026-Q1' });
    expect(resolveCollectWindow({ since: '2026-01-15', until: '2026-02-14' }, 'monthly', '2026-12-01')).toEqual({ covers: { start: '2026-01-15', end: '2026-02-14' }, label: '2026-01-15_2026-02-14' });
    expect(resolveCollectWindow({ window: 'last-week' }, 'monthly', '2026-12-01')).toBeUndefined();
  });
});
