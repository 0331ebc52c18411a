import { describe, expect, it } from 'vitest';
import { assess } from '../pipeline/assess.js';
import { computeGaps } from './gaps.js';
import { renderExplain } from '../render/explain.js';
import { BASE_FILES, BASE_TODAY } from '../testing/base-repo.js';
import { createInMemoryRepo, mergeFiles, type FileOverrides } from '../testing/in-memory-repo.js';
import { patch } from '../testing/patch.js';
import { RISK, RISK_BASE, RISK_FILE } from '../testing/risk-fixture.js';

const CONTROL = 'controls/iam/IAM-MFA.yaml';
const POLICY = 'policies/access-control.md';
const control = BASE_FILES[CONTROL]!;
const policy = BASE_FILES[POLICY]!;

async function assessWith(files: FileOverrides, today = BASE_TODAY) {
  return assess(createInMemoryRepo(mergeFiles(BASE_FILES, { ...RISK_BASE, ...files })), { today });
}
const clause = (a: Awaited<ReturnType<typeof assessWith>>, id: string) => a.readiness.frameworks.iso27001!.requirements.find((r) => r.id === id)!;

describe('ISMS clauses 4-10 as requirements of ISO 27001', () => {
  it('are 30 requirements of a group of their own after Annex A, in the framework, its counts and the gate', async () => {
    const a = await assessWith({});
    const iso = a.readiness.frameworks.iso27001!;
    expect(iso.requirements).toHaveLength(93 + 30);
    expect(iso.groups.map((g) => g.id)).toEqual(['5', '6', '7', '8', 'clauses']);
    const group = iso.groups.find((g) => g.id === 'clauses')!;
    // The register (R-001, reviewed on schedule) meets 6.1.2, 6.1.3, 8.2 and 8.3; nothing maps the other 26.
    expect(group.counts).toEqual({ met: 4, partial: 0, gap: 26, inherited: 0, excluded: 0 });
    expect(iso.counts.met).toBe(iso.requirements.filter((r) => r.status === 'met').length);
  });

  it('6.1.3 is met through a current risk register, and no longer once a risk review is overdue', async () => {
    const a = await assessWith({});
    expect(clause(a, 'clause 6.1.3')).toMatchObject({
      status: 'met',
      maturity: 3,
      reasons: [{ kind: 'risk-register', risks: 1, file: RISK_FILE, line: 1, counts: true, issues: [] }],
    });
    const overdue = await assessWith({}, '2027-01-06');
    expect(clause(overdue, 'clause 6.1.3')).toMatchObject({ status: 'partial', maturity: 1 });
    expect(clause(overdue, 'clause 6.1.3').reasons[0]).toMatchObject({ counts: false, issues: ['R-001: its quarterly review was due on 2027-01-05 (last reviewed 2026-10-05)'] });
    // Without a register nothing meets it.
    const none = await assess(createInMemoryRepo(mergeFiles(BASE_FILES)), { today: BASE_TODAY });
    expect(clause(none, 'clause 6.1.3')).toMatchObject({ status: 'gap', reasons: [{ kind: 'no-control', note: 'no control, policy or risk register maps to clause 6.1.3' }] });
  });

  it('a control mapped to "clause 9.2" (or "9.2") meets both internal-audit clauses, in the Type II view only when it operates', async () => {
    const a = await assessWith({ [CONTROL]: patch(control, 'iso27001: ["5.17", "8.5"]', 'iso27001: ["5.17", "8.5", "9.2"]') });
    expect(clause(a, 'clause 9.2.1').status).toBe('met');
    expect(clause(a, 'clause 9.2.2').status).toBe('met');
    // Q3 missing: the control does not operate, so the clauses are partial.
    const missing = await assessWith({ [CONTROL]: patch(control, 'iso27001: ["5.17", "8.5"]', 'iso27001: ["5.17", "8.5", "clause 9.2"]'), 'evidence/IAM-MFA/2026-Q3.yaml': null });
    expect(clause(missing, 'clause 9.2.1').status).toBe('partial');
    expect(renderExplain(missing.readiness, '9.2')).toMatch(/^ISO 27001 clause 9\.2\.1 Internal audit: general\n  group: clauses ISMS clauses 4-10\n  status: partial\n/);
  });

  it('a policy mapped to a clause meets it while in force and reviewed; Annex A ids of policies still count for nothing', async () => {
    const mapped = patch(policy, 'maps: { tsc: [CC5.3, CC6.1], ccm: [IAM-01] }', 'maps: { tsc: [CC5.3, CC6.1], ccm: [IAM-01], iso27001: ["clause 5.2", "5.1"] }');
    const a = await assessWith({ [POLICY]: mapped });
    expect(clause(a, 'clause 5.2')).toMatchObject({ status: 'met', maturity: 2, reasons: [{ kind: 'policy', policy: 'POL-ACCESS', counts: true }] });
    expect(a.readiness.frameworks.iso27001!.requirements.find((r) => r.id === '5.1')!.status).toBe('gap');
    const late = await assessWith({ [POLICY]: mapped }, '2027-01-11');
    expect(clause(late, 'clause 5.2')).toMatchObject({ status: 'partial', reasons: [{ kind: 'policy', counts: false, issues: ['its annual review was due on 2027-01-10'] }] });
  });

  it('8.2 is Annex A; the clause is "clause 8.2", and explain shows both', async () => {
    const a = await assessWith({});
    const text = renderExplain(a.readiness, '8.2')!;
    expect(text).toContain('ISO 27001 8.2 Privileged access rights');
    expect(text).toContain('ISO 27001 clause 8.2 Information security risk assessment');
  });

  it('an ISMS clause cannot be excluded: the exclusion is not honoured, and gaps says how to meet it', async () => {
    const config = patch(RISK_BASE['compliance.yaml']!, 'exclusions:\n', 'exclusions:\n  - { framework: iso27001, id: "clause 7.1", reason: "Resources are not tracked for the ISMS." }\n');
    const a = await assessWith({ 'compliance.yaml': config });
    expect(clause(a, 'clause 7.1').status).toBe('gap');
    const item = computeGaps(a.model, a.readiness).find((g) => g.id === 'clauses')!.items.find((i) => i.id === 'clause 7.1')!;
    expect(item.actions).toEqual(['map a control or a policy to clause 7.1 (maps: { iso27001: ["clause 7.1"] }); an ISMS clause cannot be excluded']);
  });

  it('the register does not count while a risk is mitigated by nothing in place', async () => {
    const a = await assessWith({ [RISK_FILE]: patch(RISK, 'controls: [IAM-MFA]\n', '') });
    expect(clause(a, 'clause 8.3').reasons[0]).toMatchObject({ kind: 'risk-register', counts: false, issues: ['R-001: it is to be mitigated, but no control treats it'] });
  });

  it('the register does not count while a risk is described or owned by a placeholder (what trustops init writes)', async () => {
    const a = await assessWith({ [RISK_FILE]: patch(patch(RISK, 'owner: ciso', 'owner: TODO'), /^description: .*$/m, 'description: "TODO: how it happens"') });
    expect(clause(a, 'clause 6.1.2')).toMatchObject({ status: 'partial' });
    expect(clause(a, 'clause 6.1.2').reasons[0]).toMatchObject({ kind: 'risk-register', counts: false, issues: ['R-001: its description is a placeholder (TODO)', 'R-001: its owner is a placeholder (TODO)'] });
  });
});
