import { afterEach, describe, expect, it } from 'vitest';
import { BASE_FILES, createGitFixture, fullSsrmFile, type GitFixture } from '@trustops/core/testing';
import { runCli } from './main.js';
import { patch } from '@trustops/core/testing';

const CONTROL = 'controls/iam/IAM-MFA.yaml';
const fixtures: GitFixture[] = [];
afterEach(() => {
  while (fixtures.length) fixtures.pop()!.cleanup();
});

async function run(dir: string, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, env: { TRUSTOPS_TODAY: '2026-11-22' }, isTty: false });
  return { status, stdout, stderr };
}

async function program() {
  const fx = await createGitFixture({ ...BASE_FILES, 'controls/responsibility/ccm.yaml': fullSsrmFile() });
  fixtures.push(fx);
  return fx;
}

describe('trustops changelog', () => {
  it('prints the verdict first, then sections, between two revisions', async () => {
    const fx = await program();
    const base = await fx.commit('base');
    await fx.commit('drop a mapping', { [CONTROL]: patch(BASE_FILES[CONTROL]!, '  ccm: [IAM-14]\n', '') });
    const r = await run(fx.dir, ['changelog', base, 'HEAD']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^\*\*Compliance impact:\*\* readiness CCM .* · 1 requirement lost coverage · 1 control weakened$/);
    expect(r.stdout).toContain('### Requirements that lost their last control');
    expect(r.stdout).toContain('- CCM **IAM-14** Strong Authentication: was covered by IAM-MFA');
  });

  it('prints JSON for machines', async () => {
    const fx = await program();
    const base = await fx.commit('base');
    fx.write({ [CONTROL]: patch(BASE_FILES[CONTROL]!, 'owner: security-engineering', 'owner: grc') });
    const out = JSON.parse((await run(fx.dir, ['changelog', base, '--format', 'json'])).stdout) as { verdict: string; controls: { id: string; owner: unknown }[] };
    expect(out.controls).toEqual([expect.objectContaining({ id: 'IAM-MFA', owner: { before: 'security-engineering', after: 'grc' } })]);
    expect(out.verdict).toMatch(/^readiness CCM/);
  });

  it('exits 2 with a clear message for an unknown revision', async () => {
    const fx = await program();
    const r = await run(fx.dir, ['changelog', 'no-such-tag']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^trustops: unknown revision "no-such-tag"/);
  });
});

describe('trustops check --base', () => {
  it('fails on rewritten evidence and warns on a weakened control until acknowledged', async () => {
    const fx = await program();
    const base = await fx.commit('base');
    fx.write({ [CONTROL]: patch(BASE_FILES[CONTROL]!, 'maturity: 4', 'maturity: 3') });
    const warned = await run(fx.dir, ['check', '--base', base, '--format', 'json']);
    expect(warned.status).toBe(0);
    expect((JSON.parse(warned.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toEqual(['control/weakened']);
    const acknowledged = await run(fx.dir, ['check', '--base', base, '--acknowledge', 'IAM-MFA', '--format', 'json']);
    expect((JSON.parse(acknowledged.stdout) as { findings: unknown[] }).findings).toEqual([]);
    fx.write({ 'evidence/IAM-MFA/2026-Q1-okta-policy.json': 'edited\n' });
    const failed = await run(fx.dir, ['check', '--base', base, '--acknowledge', 'IAM-MFA']);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('evidence/rewritten');
    expect(failed.stdout).toContain('evidence/hash-mismatch');
  });
});
