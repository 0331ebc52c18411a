import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BASE_FILES, patch, RISK_BASE, writeTempRepo } from '@trustops/core/testing';
import { runCli } from './main.js';

// The example program at the repository root, as of its snapshot date.
const root = new URL('../../../', import.meta.url).pathname;
let example: string;
beforeAll(() => {
  example = mkdtempSync(join(tmpdir(), 'trustops-audit-'));
  for (const part of ['compliance.yaml', 'controls', 'policies', 'evidence', 'risks']) cpSync(join(root, part), join(example, part), { recursive: true });
});
afterAll(() => rmSync(example, { recursive: true, force: true }));

async function run(argv: string[], cwd = example): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: { TRUSTOPS_TODAY: '2026-12-01' }, isTty: false });
  return { status, stdout, stderr };
}

const PHYSICAL = ['7.3', '7.4', '7.6', '7.10', '7.11', '7.13'];

describe('trustops soa on the example program', () => {
  it('lists the 93 Annex A controls; the six physical ones are excluded with the reasons of compliance.yaml', async () => {
    const r = await run(['soa', '--format', 'json']);
    expect(r.status).toBe(0);
    const soa = JSON.parse(r.stdout) as { rows: { id: string; applicable: boolean; justification: string; implementation: string }[]; counts: Record<string, number> };
    expect(soa.rows).toHaveLength(93);
    const config = parse(readFileSync(join(example, 'compliance.yaml'), 'utf8')) as { exclusions: { framework: string; id: string; reason: string }[] };
    const reasons = new Map(config.exclusions.filter((e) => e.framework === 'iso27001').map((e) => [e.id, e.reason]));
    expect([...reasons.keys()].sort()).toEqual([...PHYSICAL].sort());
    expect(soa.rows.filter((x) => !x.applicable).map((x) => [x.id, x.justification, x.implementation])).toEqual(PHYSICAL.map((id) => [id, reasons.get(id), 'not applicable']));
    expect(soa.counts).toMatchObject({ applicable: 87, excluded: 6 });
  });

  it('the six are no longer gaps: excluded in the score, absent from gaps', async () => {
    const score = JSON.parse((await run(['score', '--format', 'json', '--framework', 'iso27001'])).stdout) as { frameworks: { iso27001: { requirements: { id: string; status: string }[] } } };
    for (const id of PHYSICAL) expect(score.frameworks.iso27001.requirements.find((x) => x.id === id)!.status).toBe('excluded');
    const gaps = JSON.parse((await run(['gaps', '--format', 'json'])).stdout) as { groups: { framework: string; items: { id: string }[] }[] };
    const isoGaps = gaps.groups.filter((g) => g.framework === 'iso27001').flatMap((g) => g.items.map((i) => i.id));
    expect(isoGaps.filter((id) => PHYSICAL.includes(id))).toEqual([]);
  });

  it('clause 6.1.3 is met through the risk register, 9.2 through the internal-audit control', async () => {
    const risk = (await run(['explain', '6.1.3'])).stdout;
    expect(risk).toMatch(/^ISO 27001 clause 6\.1\.3 Information security risk treatment\n {2}group: clauses ISMS clauses 4-10\n {2}status: met\n/);
    expect(risk).toContain('- the risk register (22 risks) counts: every risk reviewed on schedule and treated [risks/R-001.yaml:2]');
    const audit = (await run(['explain', 'clause 9.2'])).stdout;
    expect(audit.match(/status: met/g)).toHaveLength(2);
    expect(audit).toContain('- control AA-INTERNAL-AUDIT (operating, maturity 3) counts [controls/audit/AA-INTERNAL-AUDIT.yaml:2]');
  });

  it('prints text, CSV (readable by gaps --from-soa) and Markdown', async () => {
    const text = (await run(['soa'])).stdout;
    expect(text.split('\n').slice(0, 3)[2]).toBe('93 Annex A controls: 87 applicable, 6 excluded; 67 implemented, 18 partially implemented, 2 not implemented');
    expect(text).toMatch(/^7\.4 {3}EXCLUDED {3}not applicable {8}Physical security monitoring$/m);
    const csv = (await run(['soa', '--format', 'csv', '--output', 'soa.csv'])).status;
    expect(csv).toBe(0);
    const back = await run(['gaps', '--from-soa', 'soa.csv', '--format', 'json']);
    // 197 CCM controls less the two compliance.yaml excludes.
    expect(JSON.parse(back.stdout)).toMatchObject({ source: 'iso27001', total: 195, findings: [] });
    expect((await run(['soa', '--format', 'markdown'])).stdout).toContain('| 7.4 | Physical security monitoring | **no** | not applicable |');
  });
});

describe('trustops due', () => {
  it('on the example, lists the overdue items first and what falls due by the end of the year', async () => {
    const r = await run(['due', '--format', 'json']);
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as { until: string; items: { due: string; overdue: boolean; kind: string; subject: string }[] };
    expect(list.until).toBe('2026-12-31');
    expect(list.items[0]).toMatchObject({ due: '2026-03-31', overdue: true, kind: 'evidence', subject: 'CCC-EMERGENCY-CHANGE' });
    expect(list.items).toContainEqual(expect.objectContaining({ due: '2026-07-01', overdue: true, kind: 'vendor-coverage', subject: 'datadog' }));
    expect(list.items).toContainEqual(expect.objectContaining({ due: '2026-12-31', overdue: false, kind: 'risk-acceptance', subject: 'R-014' }));
    expect(list.items.every((i) => i.overdue || i.due <= '2026-12-31')).toBe(true);
  });

  it('on a fixture with a fixed --today, with hand-computed due dates, --within in days, weeks and months', async () => {
    const files = {
      ...BASE_FILES,
      ...RISK_BASE,
      'policies/access-control.md': patch(patch(BASE_FILES['policies/access-control.md']!, 'last_reviewed: 2026-01-10', 'last_reviewed: 2026-08-31'), 'review_every: annual', 'review_every: quarterly'),
    };
    const { dir, cleanup } = writeTempRepo(files);
    try {
      // Today 2026-12-05: POL-ACCESS was due 2026-11-30 (2026-08-31 + a quarter); IAM-MFA's Q4 window is due
      // 2026-12-31; R-001 (reviewed 2026-10-05, quarterly) is due 2027-01-05.
      const lines = async (within: string) =>
        (await run(['due', '--repo', dir, '--today', '2026-12-05', '--within', within], dir)).stdout.split('\n').filter((l) => /^(OVERDUE|due) /.test(l));
      expect(await lines('30d')).toEqual([
        'OVERDUE 2026-11-30  policy review    POL-ACCESS: quarterly review of POL-ACCESS Access Control Policy (last reviewed 2026-08-31)',
        'due     2026-12-31  evidence         IAM-MFA: mfa-policy-export (quarterly) for 2026-10-01..2026-12-31',
      ]);
      expect((await lines('31d')).at(-1)).toBe('due     2027-01-05  risk review      R-001: quarterly review of R-001 Workforce account takeover through phishing (last reviewed 2026-10-05)');
      // 4 weeks reach 2027-01-02, a month reaches 2027-01-05 (the review's day itself).
      expect(await lines('4w')).toHaveLength(2);
      expect(await lines('1m')).toHaveLength(3);
      const bad = await run(['due', '--repo', dir, '--within', 'soon'], dir);
      expect(bad).toMatchObject({ status: 2, stderr: expect.stringMatching(/--within must be a number of days, weeks or months/) });
    } finally {
      cleanup();
    }
  });
});

describe('trustops soa without ISO 27001', () => {
  it('says how to put it in scope', async () => {
    const { dir, cleanup } = writeTempRepo({ ...BASE_FILES, 'compliance.yaml': patch(BASE_FILES['compliance.yaml']!, '  iso27001:\n    version: "2022"\n', '') });
    try {
      writeFileSync(join(dir, 'README.md'), 'x');
      expect(await run(['soa', '--repo', dir], dir)).toMatchObject({ status: 2, stderr: expect.stringContaining('add iso27001 under frameworks:') });
    } finally {
      cleanup();
    }
  });
});
