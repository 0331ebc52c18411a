import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { EvidenceRequest } from '../scaffold/evidence-record.js';
import { parseWindow } from '../scaffold/evidence-record.js';
import { writeTempRepo } from '../testing/temp-repo.js';
import { addEvidence } from './add-evidence.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function repo(files: Record<string, string>): string {
  const { dir, cleanup } = writeTempRepo(files);
  cleanups.push(cleanup);
  return dir;
}

const REQUEST: EvidenceRequest = {
  control: 'IAM-MFA',
  item: 'mfa-policy-export',
  covers: { start: '2026-01-01', end: '2026-03-31' },
  label: '2026-Q1',
  collectedOn: '2026-04-02',
  today: '2026-12-01',
};
const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

describe('parseWindow', () => {
  it('reads years, halves, quarters and months, and nothing else', () => {
    expect(parseWindow('2026')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(parseWindow('2026-H2')).toEqual({ start: '2026-07-01', end: '2026-12-31' });
    expect(parseWindow('2026-Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(parseWindow('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    for (const bad of ['2026-Q5', '2026-13', '2026-H3', '26', '2026-1', 'Q1']) expect(parseWindow(bad), bad).toBeUndefined();
  });
});

describe('addEvidence', () => {
  it('stores what the redaction step returns, and records the digest of what is stored', async () => {
    const dir = repo({ 'export.json': '{"token":"s3cr3t","mfa":"required"}\n' });
    const redact = (bytes: Uint8Array) => new TextEncoder().encode(new TextDecoder().decode(bytes).replace(/"token":"[^"]*"/, '"token":"[REDACTED]"'));
    const added = await addEvidence(dir, { files: [join(dir, 'export.json')], request: REQUEST, schemaDir: 'node_modules/@trustops/cli/schemas', redact });
    const stored = readFileSync(join(dir, 'evidence/IAM-MFA/2026-Q1-export.json'), 'utf8');
    expect(stored).toBe('{"token":"[REDACTED]","mfa":"required"}\n');
    const record = parse(readFileSync(join(dir, added.record), 'utf8')) as { files: { path: string; sha256: string }[] };
    expect(record.files).toEqual([{ path: '2026-Q1-export.json', sha256: sha256(stored) }]);
  });

  it('records a file already in the control\'s folder where it is, and copies the others byte for byte', async () => {
    const dir = repo({ 'evidence/IAM-MFA/raw/q1.csv': 'user,mfa\nann,yes\n', 'exports/policy.json': '{}\n' });
    const added = await addEvidence(dir, {
      files: [join(dir, 'evidence/IAM-MFA/raw/q1.csv'), join(dir, 'exports/policy.json')],
      request: REQUEST,
      schemaDir: 'node_modules/@trustops/cli/schemas',
    });
    expect(added.files.map((f) => [f.path, f.copied])).toEqual([
      ['evidence/IAM-MFA/raw/q1.csv', false],
      ['evidence/IAM-MFA/2026-Q1-policy.json', true],
    ]);
    const record = parse(added.text) as { files: { path: string; sha256: string }[] };
    expect(record.files).toEqual([
      { path: 'raw/q1.csv', sha256: sha256('user,mfa\nann,yes\n') },
      { path: '2026-Q1-policy.json', sha256: sha256('{}\n') },
    ]);
    expect(readFileSync(join(dir, 'evidence/IAM-MFA/2026-Q1-policy.json'), 'utf8')).toBe('{}\n');
  });

  it('dry run: computes the record, writes nothing', async () => {
    const dir = repo({ 'export.json': 'x\n' });
    const added = await addEvidence(dir, { files: [join(dir, 'export.json')], request: REQUEST, schemaDir: 's', dryRun: true });
    expect(added.written).toBe(false);
    expect(added.text).toContain(`sha256: ${sha256('x\n')}`);
    expect(existsSync(join(dir, 'evidence'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['export.json']);
  });
});
