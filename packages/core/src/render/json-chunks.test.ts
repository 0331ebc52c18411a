import { describe, expect, it } from 'vitest';
import { batchChunks, stringifyJsonChunks } from './json-chunks.js';

const values: [string, unknown][] = [
  ['a scalar', 42],
  ['a string with a newline and quotes', 'line 1\nline "2"\u2028'],
  ['null', null],
  ['empty containers', { a: [], b: {}, c: [[]], d: [{}] }],
  ['undefined, functions and symbols', { a: undefined, b: () => 1, c: Symbol('x'), d: [undefined, () => 1, Symbol('y'), 1] }],
  ['only undefined properties', { a: undefined }],
  ['deep nesting', { a: { b: { c: { d: [1, { e: 'f\ng' }] } } }, list: [[1, [2, [3]]], { x: { y: { z: [] } } }] }],
  ['a date and other toJSON', { when: new Date(Date.UTC(2026, 11, 1)), custom: { toJSON: () => ({ replaced: true }) } }],
  ['unicode keys and numbers', { 'ключ "1"': -0.5, '\u0000': 1e21, nan: Number.NaN }],
  ['an array at the top', [{ id: 'A&A-01', reasons: [{ file: 'controls/a.yaml', line: 3 }] }, null, 'x']],
];

describe('stringifyJsonChunks', () => {
  it.each(values)('joins to exactly what JSON.stringify(value, null, 2) writes: %s', (_name, value) => {
    for (const depth of [0, 1, 2, 3, 6]) {
      expect([...stringifyJsonChunks(value, depth)].join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
    }
  });

  it('yields an array of the second level item by item', () => {
    const chunks = [...stringifyJsonChunks({ controls: [{ id: 1 }, { id: 2 }, { id: 3 }] }, 2)];
    expect(chunks.filter((c) => c.includes('"id"'))).toEqual(['{\n      "id": 1\n    }', '{\n      "id": 2\n    }', '{\n      "id": 3\n    }']);
  });
});

describe('batchChunks', () => {
  it('joins pieces into batches of at least the size asked, keeping every character in order', () => {
    const pieces = Array.from({ length: 1000 }, (_, i) => `${i},`);
    const batches = [...batchChunks(pieces, 100)];
    expect(batches.join('')).toBe(pieces.join(''));
    expect(batches.slice(0, -1).every((b) => b.length >= 100)).toBe(true);
    expect(batches.length).toBeLessThan(pieces.length / 10);
  });

  it('yields nothing for nothing', () => {
    expect([...batchChunks([])]).toEqual([]);
  });
});
