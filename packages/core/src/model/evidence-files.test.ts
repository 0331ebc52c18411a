import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEvidencePath } from './evidence-files.js';

/** The general rule, written out as the format states it: the fast path for plain names must agree. */
function reference(recordFile: string, declared: string) {
  const path = declared.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[A-Za-z]:\//.test(path) || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(path)) return { outside: 'it is an absolute path' };
  const joined = posix.normalize(posix.join(posix.dirname(recordFile), path));
  if (!joined.startsWith('evidence/') || joined.split('/').includes('..')) return { outside: 'it leaves the evidence/ folder' };
  return { repoPath: joined };
}

const records = ['evidence/IAM-01/2026-q1.yaml', 'evidence/x/r.yml', 'evidence/r.yaml', 'controls/a.yaml'];
const declared = [
  'export.json',
  '.hidden.json',
  '..json',
  '...',
  ' spaced name.csv',
  'ünïcode.pdf',
  'sub/export.json',
  './export.json',
  'sub/../export.json',
  '../other/export.json',
  '../../x',
  '..',
  '.',
  '',
  '/etc/passwd',
  'C:/x.json',
  'c:x.json',
  'https://example.com/x.json',
  'a\\b.json',
  '..\\..\\x',
  'sub//double.json',
];

describe('resolveEvidencePath', () => {
  it.each(records.flatMap((r) => declared.map((d) => [r, d] as const)))('%s + %j resolves as the general rule does', (record, path) => {
    expect(resolveEvidencePath(record, path)).toEqual(reference(record, path));
  });

  it('resolves a plain name beside its record and refuses what leaves evidence/', () => {
    expect(resolveEvidencePath('evidence/IAM-01/2026-q1.yaml', 'export.json')).toEqual({ repoPath: 'evidence/IAM-01/export.json' });
    expect(resolveEvidencePath('evidence/IAM-01/2026-q1.yaml', '../../README.md')).toEqual({ outside: 'it leaves the evidence/ folder' });
    expect(resolveEvidencePath('evidence/IAM-01/2026-q1.yaml', 'C:/x')).toEqual({ outside: 'it is an absolute path' });
  });
});
