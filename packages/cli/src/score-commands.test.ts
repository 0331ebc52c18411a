import { describe, expect, it } from 'vitest';
import { runCli } from './main.js';

const FIXTURE = new URL('../../core/test/fixtures/type2-program/', import.meta.url).pathname;
const SOA = new URL('../../core/test/fixtures/imports/soa-small.csv', import.meta.url).pathname;

async function run(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: FIXTURE,
    env: { TRUSTOPS_TODAY: '2026-11-22' },
    isTty: false,
  });
  return { status, stdout, stderr };
}

describe('trustops score', () => {
  it('prints the documented JSON shape', async () => {
    const r = await run(['score', '--format', 'json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      type: string;
      frameworks: Record<string, { readiness: number; groups: { id: string; readiness: number; maturity: number }[]; requirements: { id: string; status: string; reasons: unknown[] }[] }>;
    };
    expect(out.type).toBe('type2');
    expect(Object.keys(out.frameworks)).toEqual(['ccm', 'tsc', 'iso27001']);
    // (2 met + 1 inherited + 1 partial / 2) / 196: see packages/core/src/score/readiness.test.ts.
    expect(out.frameworks.ccm!.readiness).toBeCloseTo(3.5 / 196, 10);
    expect(out.frameworks.ccm!.groups.find((g) => g.id === 'IAM')).toMatchObject({ readiness: 1 / 16, maturity: 4 / 16, maturityOf: 16 });
    const iam14 = out.frameworks.ccm!.requirements.find((x) => x.id === 'IAM-14')!;
    expect(iam14.status).toBe('met');
    expect(iam14.reasons.length).toBeGreaterThan(0);
  });

  it('--framework narrows and --type1 switches the view', async () => {
    const out = JSON.parse((await run(['score', '--format', 'json', '--framework', 'ccm', '--type1'])).stdout) as {
      type: string;
      frameworks: Record<string, { readiness: number }>;
    };
    expect(out.type).toBe('type1');
    expect(Object.keys(out.frameworks)).toEqual(['ccm']);
    expect(out.frameworks.ccm!.readiness).toBeCloseTo(4 / 196, 10);
  });

  it('draws a bar per domain in text and markdown', async () => {
    const text = (await run(['score', '--framework', 'ccm'])).stdout;
    expect(text).toContain('CCM (CSA Cloud Controls Matrix 4.0.13)');
    expect(text).toMatch(/^ {2}IAM {2}█░{19} {3}6\.3% {2}maturity 0\.3 \(N=16\) {2}Identity & Access Management$/m);
    const md = (await run(['score', '--format', 'markdown'])).stdout;
    expect(md).toContain('| CCM 4.0.13 | 1.8% |');
    expect(md).toContain('### CCM by domain');
    expect(md).toContain('| IAM | Identity & Access Management | 6.3% |');
  });

  it('refuses --type1 with --type2', async () => {
    const r = await run(['score', '--type1', '--type2']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not both/);
  });
});

describe('trustops gaps', () => {
  it('lists gaps worst domain first with actions and CSA-based suggestions', async () => {
    const r = await run(['gaps']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('→ LOG-CENTRAL: evidence "retention-report" (quarterly) is missing for 2026-04-01..2026-06-30');
    expect(r.stdout).toContain('? control IAM-MFA covers CC6.1, which CSA maps to IAM-15 (No Gap): map it?');
  });

  it('reports CCM coverage of an ISO Statement of Applicability', async () => {
    const r = await run(['gaps', '--from-soa', SOA]);
    expect(r.stdout).toMatch(/of CCM already addressed \(13 addressed, \d+ partially, \d+ not, of 196\)/);
    // What it could not read comes first, with row and column.
    expect(r.stdout.startsWith('soa-small.csv:13:A  error    "A.9.9" is not an Annex A control of ISO/IEC 27001:2022\n')).toBe(true);
    // A row it could not use makes the import fail, so CI notices.
    expect(r.status).toBe(1);
  });

  it('exits 2 with a message when the import file is missing (a command line naming what is not there)', async () => {
    const r = await run(['gaps', '--from-soa', 'nope.csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('trustops: cannot read nope.csv: no such file\n');
  });
});

describe('trustops explain', () => {
  it('explains a requirement down to files and lines', async () => {
    const r = await run(['explain', 'LOG-03']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('CCM LOG-03');
    expect(r.stdout).toContain('status: partial');
    expect(r.stdout).toContain('control LOG-CENTRAL (operating, maturity 3) does not count: evidence "retention-report" (quarterly) is missing for 2026-04-01..2026-06-30 [controls/logging/LOG-CENTRAL.yaml:1]');
  });

  it('explains a control: design, operation window by window, and what it counts towards', async () => {
    const r = await run(['explain', 'IAM-MFA']);
    expect(r.stdout).toContain('operating (Type II): yes');
    expect(r.stdout).toContain('evidence mfa-policy-export (quarterly): 3 record(s), 3 in the period, 3/3 ended windows covered');
    expect(r.stdout).toContain('windows: 2026-01-01..2026-03-31 ✓ · 2026-04-01..2026-06-30 ✓ · 2026-07-01..2026-09-30 ✓ · 2026-10-01..2026-12-31 … due 2026-12-31');
    expect(r.stdout).toMatch(/- ccm IAM-14 \(met\)/);
  });

  it('exits 2 for an unknown id with a suggestion', async () => {
    const r = await run(['explain', 'IAM-MFX']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/did you mean IAM-MFA\?/);
  });
});
