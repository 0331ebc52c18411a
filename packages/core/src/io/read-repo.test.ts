import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRepo } from '../pipeline/check.js';
import type { Finding } from '../model/findings.js';
import { readRepo } from './read-repo.js';
import { BASE_FILES, BASE_TODAY, sha256Of } from '../testing/base-repo.js';
import { fullSsrmFile, writeTempRepo } from '../testing/temp-repo.js';
import { patch } from '../testing/patch.js';

const cleanups: (() => void)[] = [];
const errorsOf = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function tempRepo(extra: Record<string, string> = {}): string {
  const { dir, cleanup } = writeTempRepo({ ...BASE_FILES, 'controls/responsibility/ccm.yaml': fullSsrmFile(), ...extra });
  cleanups.push(cleanup);
  return dir;
}

describe('readRepo (disk)', () => {
  it('reads the format files and nothing else', async () => {
    const dir = tempRepo({ 'README.md': '# hello\n', 'policies/README.md': 'about policies\n', 'evidence/IAM-MFA/raw/export.yaml': 'not: a record\n' });
    const repo = await readRepo(dir);
    expect(repo.files.map((f) => f.path).sort()).toEqual([
      'compliance.yaml',
      'controls/iam/IAM-MFA.yaml',
      'controls/responsibility/ccm.yaml',
      'controls/vendors/aws.yaml',
      'evidence/IAM-MFA/2026-Q1.yaml',
      'evidence/IAM-MFA/2026-Q2.yaml',
      'evidence/IAM-MFA/2026-Q3.yaml',
      'policies/access-control.md',
    ]);
    const result = await checkRepo(repo, { today: BASE_TODAY });
    expect(result.findings).toEqual([]);
  });

  it('hashes evidence files from disk', async () => {
    const dir = tempRepo();
    writeFileSync(join(dir, 'evidence/IAM-MFA/2026-Q1-okta-policy.json'), 'tampered\n');
    const result = await checkRepo(await readRepo(dir), { today: BASE_TODAY });
    expect(errorsOf(result.findings).map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(['evidence/hash-mismatch evidence/IAM-MFA/2026-Q1.yaml:8']);
    // The tampered record no longer proves its quarter.
    expect(result.findings.map((f) => f.ruleId)).toContain('evidence/missing-window');
  });

  it('reports a link that leads outside evidence/ and never reads through it', async () => {
    const dir = tempRepo();
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'top secret\n');
    const record = patch(patch(BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!, /path: .*/, 'path: linked.txt'), /sha256: .*/, `sha256: ${sha256Of('top secret\n')}`);
    writeFileSync(join(dir, 'evidence/IAM-MFA/2026-Q1.yaml'), record);
    symlinkSync(secret, join(dir, 'evidence/IAM-MFA/linked.txt'));
    const result = await checkRepo(await readRepo(dir), { today: BASE_TODAY });
    expect(errorsOf(result.findings).map((f) => [f.ruleId, f.line, f.message])).toEqual([
      ['evidence/outside-repo', 7, 'evidence path "linked.txt" is refused: it is a link to a file outside evidence/'],
    ]);
  });

  it('accepts a link that stays inside evidence/', async () => {
    const dir = tempRepo();
    mkdirSync(join(dir, 'evidence/shared'), { recursive: true });
    writeFileSync(join(dir, 'evidence/shared/policy.json'), BASE_FILES['evidence/IAM-MFA/2026-Q1-okta-policy.json']!);
    const target = join(dir, 'evidence/IAM-MFA/2026-Q1-okta-policy.json');
    const { rmSync } = await import('node:fs');
    rmSync(target);
    symlinkSync(join(dir, 'evidence/shared/policy.json'), target);
    const result = await checkRepo(await readRepo(dir), { today: BASE_TODAY });
    expect(result.findings).toEqual([]);
  });

  it('refuses artefacts of a record folder linked from evidence/ to elsewhere in the repository', async () => {
    const dir = tempRepo();
    mkdirSync(join(dir, 'elsewhere/IAM-MFA'), { recursive: true });
    writeFileSync(join(dir, 'elsewhere/IAM-MFA/2026-Q1.yaml'), BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!);
    writeFileSync(join(dir, 'elsewhere/IAM-MFA/2026-Q1-okta-policy.json'), BASE_FILES['evidence/IAM-MFA/2026-Q1-okta-policy.json']!);
    symlinkSync(join(dir, 'elsewhere/IAM-MFA'), join(dir, 'evidence/IAM-LINKED'));
    const result = await checkRepo(await readRepo(dir), { today: BASE_TODAY });
    expect(errorsOf(result.findings).map((f) => [f.ruleId, f.file, f.message])).toEqual([
      ['evidence/outside-repo', 'evidence/IAM-LINKED/2026-Q1.yaml', 'evidence path "2026-Q1-okta-policy.json" is refused: it is a link to a file outside evidence/'],
    ]);
  });

  it('reads artefacts the walk saw without asking the disk about them again, and deeper ones as before', async () => {
    const dir = tempRepo();
    const content = BASE_FILES['evidence/IAM-MFA/2026-Q1-okta-policy.json']!;
    mkdirSync(join(dir, 'evidence/IAM-MFA/raw'), { recursive: true });
    const deep = '{"signOnPolicy":"webauthn-required","exportedAt":"2026-06-30","copy":"deep"}\n';
    writeFileSync(join(dir, 'evidence/IAM-MFA/raw/deep.json'), deep);
    writeFileSync(join(dir, 'evidence/IAM-MFA/2026-Q2.yaml'), patch(BASE_FILES['evidence/IAM-MFA/2026-Q2.yaml']!, /path: .*/, 'path: raw/deep.json').replace(/sha256: .*/, `sha256: ${sha256Of(deep)}`));
    const repo = await readRepo(dir);
    const paths = ['evidence/IAM-MFA/2026-Q1-okta-policy.json', 'evidence/IAM-MFA/raw/deep.json', 'evidence/IAM-MFA/none.json'];
    const digests = async () => Promise.all(paths.map(async (p) => repo.evidence.inspect(p).then((f) => (f.kind === 'file' ? f.sha256 : f.kind))));
    expect(await digests()).toEqual([sha256Of(content), sha256Of(deep), 'missing']);
    // Asked again (the walk's fast way is taken once per file): the same answers.
    expect(await digests()).toEqual([sha256Of(content), sha256Of(deep), 'missing']);
    expect((await checkRepo(repo, { today: BASE_TODAY })).findings).toEqual([]);
  });

  it('answers for a FIFO in a record folder without waiting on it: not a file', async () => {
    const dir = tempRepo();
    // A FIFO opened for reading blocks until a writer comes: the quick way opens without waiting.
    execFileSync('mkfifo', [join(dir, 'evidence/IAM-MFA/pipe.json')]);
    writeFileSync(join(dir, 'evidence/IAM-MFA/2026-Q1.yaml'), patch(BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!, /path: .*/, 'path: pipe.json'));
    const result = await checkRepo(await readRepo(dir), { today: BASE_TODAY });
    expect(errorsOf(result.findings).map((f) => [f.ruleId, f.message])).toEqual([['evidence/missing-file', 'evidence/IAM-MFA/pipe.json is not a file']]);
  });

  it('reports a directory where a file should be', async () => {
    const dir = tempRepo();
    mkdirSync(join(dir, 'evidence/IAM-MFA/folder'));
    writeFileSync(join(dir, 'evidence/IAM-MFA/2026-Q1.yaml'), patch(BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!, /path: .*/, 'path: folder'));
    const result = await checkRepo(await readRepo(dir), { today: BASE_TODAY });
    expect(errorsOf(result.findings).map((f) => [f.ruleId, f.message])).toEqual([['evidence/missing-file', 'evidence/IAM-MFA/folder is not a file']]);
  });

  it('follows a linked control file inside the repository, and reports one that leads out', async () => {
    const dir = tempRepo();
    writeFileSync(join(dir, 'shared.yaml'), 'id: SHARED\n');
    symlinkSync(join(dir, 'shared.yaml'), join(dir, 'controls/iam/SHARED.yaml'));
    const { dir: elsewhere, cleanup } = writeTempRepo({ 'outside.yaml': 'id: OUTSIDE\n' });
    cleanups.push(cleanup);
    symlinkSync(join(elsewhere, 'outside.yaml'), join(dir, 'controls/iam/OUTSIDE.yaml'));
    const repo = await readRepo(dir);
    expect(repo.files.find((f) => f.path === 'controls/iam/SHARED.yaml')?.text).toBe('id: SHARED\n');
    expect(repo.files.find((f) => f.path === 'controls/iam/OUTSIDE.yaml')).toEqual({ path: 'controls/iam/OUTSIDE.yaml', text: '', link: { problem: 'outside', target: join(elsewhere, 'outside.yaml') } });
  });

  it('throws REPO_NOT_FOUND for a missing folder', async () => {
    await expect(readRepo('/nonexistent/trustops')).rejects.toMatchObject({ code: 'REPO_NOT_FOUND' });
  });
});
