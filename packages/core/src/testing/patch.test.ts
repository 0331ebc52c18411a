import { describe, expect, it } from 'vitest';
import { patch } from './patch.js';

describe('patch (the tests\' text-patch helper)', () => {
  it('replaces the first occurrence of a string, or every match of a /g pattern', () => {
    expect(patch('a b a', 'a', 'x')).toBe('x b a');
    expect(patch('a b a', /a/g, 'x')).toBe('x b x');
  });

  it('throws when the search text is absent, so a test cannot pass by changing nothing', () => {
    expect(() => patch('status: operating', 'status: planned', 'status: retired')).toThrow(/does not occur/);
    expect(() => patch('abc', /z+/g, 'y')).toThrow(/does not occur/);
  });
});
