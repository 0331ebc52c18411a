import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_FILES, fullSsrmFile, writeTempRepo } from '@trustops/core/testing';
import { runCli, type CliIo } from './main.js';
import { patch } from '@trustops/core/testing';

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], options: { cwd?: string; env?: Record<string, string>; isTty?: boolean } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: options.cwd ?? process.cwd(),
    env: { TRUSTOPS_TODAY: '2026-11-22', ...options.env },
    isTty: options.isTty ?? false,
  };
  const status = await runCli(argv, io);
  return { status, stdout, stderr };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function passingRepo(overrides: Record<string, string> = {}): string {
  const { dir, cleanup } = writeTempRepo({ ...BASE_FILES, 'controls/responsibility/ccm.yaml': fullSsrmFile(), ...overrides });
  cleanups.push(cleanup);
  return dir;
}

describe('trustops (top level)', () => {
  it('--version prints the version and exits 0', async () => {
    const r = await run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('--help lists the commands and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('check');
  });

  it('exits 2 on an unknown command, with a suggestion', async () => {
    const r = await run(['chek']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Did you mean check/i);
  });

  it('exits 2 with help when no command is given', async () => {
    const r = await run([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('Usage: trustops');
  });
});

describe('trustops check', () => {
  it('exits 0 on a clean repository and says so', async () => {
    const r = await run(['check', '--repo', passingRepo()]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^✔ no problems/);
    expect(r.status).toBe(0);
  });

  it('takes --repo relative to the working directory', async () => {
    const dir = passingRepo();
    const r = await run(['check', '--repo', '.'], { cwd: dir });
    expect(r.status).toBe(0);
  });

  it('exits 1 with mapping/unmapped-control at the file and line when a control loses its maps', async () => {
    const control = patch(BASE_FILES['controls/iam/IAM-MFA.yaml']!, /maps:\n(  .*\n)+/, '');
    const r = await run(['check', '--repo', passingRepo({ 'controls/iam/IAM-MFA.yaml': control }), '--format', 'json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: { ruleId: string; file: string; line: number }[]; summary: { passed: boolean } };
    expect(out.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'mapping/unmapped-control', file: 'controls/iam/IAM-MFA.yaml', line: 1 }),
    );
    expect(out.summary.passed).toBe(false);
  });

  it('warnings pass with fail_on: error and fail with fail_on: warning', async () => {
    const overdue = { 'policies/access-control.md': patch(BASE_FILES['policies/access-control.md']!, 'last_reviewed: 2026-01-10', 'last_reviewed: 2024-01-10') };
    expect((await run(['check', '--repo', passingRepo(overdue)])).status).toBe(0);
    const strict = { ...overdue, 'compliance.yaml': patch(BASE_FILES['compliance.yaml']!, 'fail_on: error', 'fail_on: warning') };
    const r = await run(['check', '--repo', passingRepo(strict)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('policy/review-overdue');
  });

  it('--today moves the clock for expiry rules', async () => {
    const r = await run(['check', '--repo', passingRepo(), '--today', '2029-01-01', '--format', 'json']);
    const ids = (JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    expect(ids).toContain('vendor/attestation-expired');
    expect(ids).toContain('policy/review-overdue');
  });

  it('writes --output to a file and prints a summary line on stderr', async () => {
    const dir = passingRepo();
    const r = await run(['check', '--repo', dir, '--format', 'sarif', '--output', 'report.sarif'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/passed/);
    expect((JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8')) as { version: string }).version).toBe('2.1.0');
  });

  it('prints GitHub annotations with --format github', async () => {
    const control = patch(BASE_FILES['controls/iam/IAM-MFA.yaml']!, 'status: operating', 'status: operatin');
    const r = await run(['check', '--repo', passingRepo({ 'controls/iam/IAM-MFA.yaml': control }), '--format', 'github']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=controls\/iam\/IAM-MFA\.yaml,line=6,col=9,title=schema\/invalid::/m);
  });

  it('exits 2 for an unknown --format', async () => {
    const r = await run(['check', '--format', 'xml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/xml.*is invalid|Allowed choices/i);
  });

  it('exits 2 for a repository folder that does not exist', async () => {
    const r = await run(['check', '--repo', '/nonexistent/trustops-repo']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('trustops: repository folder not found: /nonexistent/trustops-repo\n');
  });

  it('exits 2 for a malformed --today', async () => {
    const r = await run(['check', '--repo', passingRepo(), '--today', '2026-02-30']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--today must be a date/);
  });

  it('exits 3 without a stack trace when the report cannot be written', async () => {
    // --output creates missing folders; a file where a folder must be is what stops it.
    const dir = passingRepo();
    const r = await run(['check', '--repo', dir, '--output', 'compliance.yaml/out.json'], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^trustops: cannot write compliance.yaml\/out.json: E(EXIST|NOTDIR)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('colours text output only on a terminal without NO_COLOR', async () => {
    const control = patch(BASE_FILES['controls/iam/IAM-MFA.yaml']!, 'status: operating', 'status: operatin');
    const dir = passingRepo({ 'controls/iam/IAM-MFA.yaml': control });
    expect((await run(['check', '--repo', dir], { isTty: true })).stdout).toContain('\u001b[');
    expect((await run(['check', '--repo', dir], { isTty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });
});

describe('trustops rules', () => {
  it('lists every rule with its default severity', async () => {
    const r = await run(['rules', '--format', 'json']);
    const list = JSON.parse(r.stdout) as { id: string; severity: string }[];
    expect(list.map((x) => x.id)).toContain('mapping/unmapped-control');
    expect(list.find((x) => x.id === 'policy/review-overdue')?.severity).toBe('warning');
  });
});
