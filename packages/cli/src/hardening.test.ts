import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BASE_FILES, createGitFixture, fullSsrmFile, patch, writeTempRepo, type GitFixture } from '@trustops/core/testing';
import { runCli, type CliIo } from './main.js';

/** What a user sees for each hostile case: an exit status, one line on stderr, never "internal error". */
interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], cwd = process.cwd()): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: { TRUSTOPS_TODAY: '2026-11-22', TRUSTOPS_NO_CACHE: '1' }, isTty: false };
  const status = await runCli(argv, io);
  expect(stderr).not.toMatch(/internal error|This is a bug|\n\s+at /);
  return { status, stdout, stderr };
}

const PROGRAM: Record<string, string> = { ...BASE_FILES, 'controls/responsibility/ccm.yaml': fullSsrmFile() };
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('without compliance.yaml', () => {
  let dir: string;
  beforeAll(() => {
    const files = { ...PROGRAM };
    delete files['compliance.yaml'];
    const repo = writeTempRepo(files);
    dir = repo.dir;
    return repo.cleanup;
  });

  it.each([['score'], ['gaps'], ['explain', 'IAM-14'], ['packet', '--allow-findings']])('%s exits 2 with the config/missing message', async (...argv) => {
    const { status, stdout, stderr } = await run([...argv, '--repo', dir]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^trustops: compliance\.yaml is missing, so nothing is in scope \(in .*\) \[config\/missing\]\. Create compliance\.yaml/);
  });

  it('changelog exits 2 when HEAD has none', async () => {
    const fx = await createGitFixture(PROGRAM);
    cleanups.push(() => fx.cleanup());
    const base = await fx.commit('base');
    fx.write({ 'compliance.yaml': null });
    const { status, stderr } = await run(['changelog', base, '--repo', fx.dir]);
    expect(status).toBe(2);
    expect(stderr).toContain('[config/missing]');
  });

  it('check still reports it as a finding (exit 1), among the others', async () => {
    const { status, stdout } = await run(['check', '--repo', dir]);
    expect(status).toBe(1);
    expect(stdout).toContain('config/missing');
  });
});

describe('a damaged git repository: exit 3, one line naming revision, path and object', () => {
  let fx: GitFixture;
  let base: string;
  let oid: string;
  beforeAll(async () => {
    fx = await createGitFixture(PROGRAM);
    base = await fx.commit('release');
    await fx.commit('move and change', {
      'controls/iam/IAM-MFA.yaml': null,
      'controls/identity/IAM-MFA.yaml': PROGRAM['controls/iam/IAM-MFA.yaml']!,
      'policies/access-control.md': patch(PROGRAM['policies/access-control.md']!, 'reviewed quarterly', 'reviewed monthly'),
    });
    oid = (await fx.git.revparse([`${base}:policies/access-control.md`])).trim();
    rmSync(join(fx.dir, '.git/objects', oid.slice(0, 2), oid.slice(2)));
  });
  afterAll(() => fx.cleanup());

  it.each([
    ['changelog', () => ['changelog', base, 'HEAD']],
    ['check --base', () => ['check', '--base', base]],
  ])('%s', async (_name, argv) => {
    const { status, stdout, stderr } = await run([...argv(), '--repo', fx.dir]);
    expect(status).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^trustops: git cannot read policies/access-control\\.md at ${base}: object ${oid} is missing\\. .*git fsck.*\\n$`));
  });

  it('packet, against the previous release', async () => {
    await fx.git.addTag(`compliance-2026-10-01-${base.slice(0, 7)}`, );
    await fx.git.raw(['tag', '-f', `compliance-2026-10-01-${base.slice(0, 7)}`, base]);
    const { status, stderr } = await run(['packet', '--repo', fx.dir, '--out', join(fx.dir, '..', `${fx.dir.split('/').pop()}-out`)]);
    cleanups.push(() => rmSync(`${fx.dir}-out`, { recursive: true, force: true }));
    expect(status).toBe(3);
    expect(stderr).toContain(`object ${oid} is missing`);
  });
});

describe('packet faults through the CLI', () => {
  let fx: GitFixture;
  beforeAll(async () => {
    fx = await createGitFixture(PROGRAM);
    await fx.commit('program');
  });
  afterAll(() => fx.cleanup());

  it('--out inside controls/ is a usage error (exit 2), and the next check still passes', async () => {
    const { status, stderr } = await run(['packet', '--repo', fx.dir, '--out', 'controls/pkt'], fx.dir);
    expect(status).toBe(2);
    expect(stderr).toMatch(/is inside controls\/ of the repository/);
    expect((await run(['check', '--repo', fx.dir])).status).toBe(0);
  });

  it('a full disk is exit 3 with the path, and the default packet folder is never read back', async () => {
    const first = await run(['packet', '--repo', fx.dir, '--zip']);
    expect(first.status).toBe(0);
    const version = /audit packet (\S+):/.exec(first.stdout)![1]!;
    symlinkSync('/dev/full', join(fx.dir, `.audit-packet-${version}.zip.tmp-${process.pid}`));
    cleanups.push(() => rmSync(join(fx.dir, `.audit-packet-${version}.zip.tmp-${process.pid}`), { force: true }));
    const { status, stderr } = await run(['packet', '--repo', fx.dir, '--zip']);
    expect(status).toBe(3);
    expect(stderr).toBe(`trustops: cannot write ${fx.dir}: no space left on the device: free some space or choose another place (ENOSPC)\n`);
    expect((await run(['check', '--repo', fx.dir])).status).toBe(0);
  });

  it('an --out that is a file is exit 3 with the path', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'trustops-cli-')), 'file');
    writeFileSync(file, 'x');
    cleanups.push(() => rmSync(join(file, '..'), { recursive: true, force: true }));
    const { status, stderr } = await run(['packet', '--repo', fx.dir, '--out', file]);
    expect(status).toBe(3);
    expect(stderr).toContain(`cannot write ${file}: a file is in the way`);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});

describe('a reader that closes the pipe early (trustops rules | head -1)', () => {
  const ROOT = new URL('../../../', import.meta.url).pathname;
  const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

  /** The CLI from the sources in a child process, its stdout a pipe closed before it writes. */
  function closedPipe(work: string): Promise<{ status: number | null; signal: string | null; stderr: string }> {
    const entry = join(work, 'trustops-from-source.mjs');
    writeFileSync(entry, `import { main } from ${JSON.stringify(join(ROOT, 'packages/cli/src/bin.ts'))};\nawait main();\n`);
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--conditions=source', '--import', TSX, entry, 'rules', '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', reject);
      child.on('close', (status, signal) => resolve({ status, signal, stderr }));
    });
  }

  it('ends quietly with exit 0: no EPIPE stack trace', async () => {
    const work = mkdtempSync(join(tmpdir(), 'trustops-epipe-'));
    cleanups.push(() => rmSync(work, { recursive: true, force: true }));
    for (let i = 0; i < 3; i++) {
      const { status, signal, stderr } = await closedPipe(work);
      expect({ status, signal, stderr }).toEqual({ status: 0, signal: null, stderr: '' });
    }
  });
});
