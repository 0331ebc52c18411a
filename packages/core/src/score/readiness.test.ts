import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkRepo } from '../pipeline/check.js';
import { collectEvidenceFacts } from '../pipeline/evidence-facts.js';
import { loadRepo } from '../load/load-repo.js';
import { readRepo } from '../io/read-repo.js';
import { resolveScope } from '../model/scope.js';
import { computeGaps } from './gaps.js';
import { computeReadiness, type ReadinessReport, type RequirementResult } from './readiness.js';
import type { ReportType } from './assess-controls.js';

// Scenario: test/fixtures/type2-program, a SOC 2 Type II program in its fourth quarter. Every expected
// number below is worked out by hand from those files; the comments show the arithmetic.
const FIXTURE = new URL('../../test/fixtures/type2-program/', import.meta.url).pathname;

async function score(today: string, type?: ReportType): Promise<ReadinessReport> {
  const repo = await readRepo(FIXTURE);
  const model = loadRepo(repo.files);
  const evidenceFiles = await collectEvidenceFacts(model.evidence, repo.evidence);
  return computeReadiness(model, resolveScope(model.config?.data), { today, evidenceFiles, ...(type ? { type } : {}) });
}

function requirement(report: ReadinessReport, key: 'ccm' | 'tsc' | 'iso27001', id: string): RequirementResult {
  const r = report.frameworks[key]?.requirements.find((x) => x.id === id);
  if (!r) throw new Error(`${key} ${id} not scored`);
  return r;
}

describe('readiness of the Type II fixture on 2026-11-22', () => {
  it('IAM-14 is met: IAM-MFA operates with evidence for Q1, Q2 and Q3, and carries out POL-ACCESS', async () => {
    const r = requirement(await score('2026-11-22'), 'ccm', 'IAM-14');
    expect(r.status).toBe('met');
    expect(r.reasons).toContainEqual(expect.objectContaining({ kind: 'ssrm', ownership: 'shared-csp-csc', file: 'controls/responsibility/ccm.yaml', line: 3 }));
    expect(r.reasons).toContainEqual(
      expect.objectContaining({ kind: 'control', control: 'IAM-MFA', counts: true, operating: true, maturity: 4, file: 'controls/iam/IAM-MFA.yaml', line: 1 }),
    );
    expect(r.maturity).toBe(4);
  });

  it('LOG-03 is partial: LOG-CENTRAL has no record for Q2 (2026-04-01..2026-06-30)', async () => {
    const report = await score('2026-11-22');
    const r = requirement(report, 'ccm', 'LOG-03');
    expect(r.status).toBe('partial');
    const reason = r.reasons.find((x) => x.kind === 'control');
    expect(reason).toMatchObject({ control: 'LOG-CENTRAL', counts: false, designed: true, operating: false });
    expect(reason && 'issues' in reason ? reason.issues : []).toEqual(['evidence "retention-report" (quarterly) is missing for 2026-04-01..2026-06-30']);
    // Claimed maturity 4 is not backed by evidence on schedule: it counts as 3.
    expect(report.controls.get('LOG-CENTRAL')).toMatchObject({ declaredMaturity: 4, effectiveMaturity: 3, maturitySupported: false });
  });

  it('DCS-01 is inherited from AWS while its SOC 2 report is current, and partial once it lapses', async () => {
    const now = requirement(await score('2026-11-22'), 'ccm', 'DCS-01');
    expect(now.status).toBe('inherited');
    // The report's period ended 2026-03-31: it vouches until 2027-03-31; we reviewed it on 2026-05-04.
    expect(now.reasons).toContainEqual(
      expect.objectContaining({ kind: 'vendor', vendor: 'aws', attestation: 'soc2-type2', until: '2027-03-31', current: true, reviewedOn: '2026-05-04', file: 'controls/vendors/aws.yaml', line: 6 }),
    );
    const later = requirement(await score('2027-04-15'), 'ccm', 'DCS-01');
    expect(later.status).toBe('partial');
    expect(later.reasons).toContainEqual(expect.objectContaining({ kind: 'vendor', current: false, note: 'soc2-type2 lapsed on 2027-03-31' }));
  });

  it('a customer-owned control with documented customer responsibilities is met; an exclusion stays excluded', async () => {
    const report = await score('2026-11-22');
    expect(requirement(report, 'ccm', 'DSP-17').status).toBe('met');
    expect(requirement(report, 'ccm', 'DCS-07')).toMatchObject({
      status: 'excluded',
      reasons: [{ kind: 'exclusion', reason: 'No facilities of our own; all hosting is AWS.', file: 'compliance.yaml', line: 16 }],
    });
    expect(requirement(report, 'ccm', 'CEK-10').status).toBe('partial'); // planned control
    expect(requirement(report, 'ccm', 'A&A-01').status).toBe('gap');
  });

  it('computes CCM readiness by the documented formula', async () => {
    const ccm = (await score('2026-11-22')).frameworks.ccm!;
    // met: IAM-14, DSP-17; inherited: DCS-01; partial: LOG-03, CEK-10; excluded: DCS-07; gap: the other 191.
    expect(ccm.counts).toEqual({ met: 2, inherited: 1, partial: 2, gap: 191, excluded: 1 });
    // (met + inherited + partial / 2) / (197 - excluded) = (2 + 1 + 1) / 196
    expect(ccm.readiness).toBeCloseTo(4 / 196, 10);
    const iam = ccm.groups.find((g) => g.id === 'IAM')!;
    // IAM has 16 controls, one met: 1/16. Maturity: IAM-14 at 4, the other 15 at 0: 4/16.
    expect(iam.readiness).toBeCloseTo(1 / 16, 10);
    expect(iam.maturity).toBeCloseTo(4 / 16, 10);
    const log = ccm.groups.find((g) => g.id === 'LOG')!;
    // LOG has 13 controls, LOG-03 partial: 0.5/13; LOG-CENTRAL counts at maturity 3: 3/13.
    expect(log.readiness).toBeCloseTo(0.5 / 13, 10);
    expect(log.maturity).toBeCloseTo(3 / 13, 10);
  });

  it('Type I counts designed controls without looking at evidence', async () => {
    const ccm = (await score('2026-11-22', 'type1')).frameworks.ccm!;
    expect(requirement({ frameworks: { ccm } } as ReadinessReport, 'ccm', 'LOG-03').status).toBe('met');
    // met: IAM-14, LOG-03, DSP-17; inherited DCS-01; partial CEK-10: (3 + 1 + 0.5) / 196
    expect(ccm.readiness).toBeCloseTo(4.5 / 196, 10);
  });

  it('scores only the selected TSC categories', async () => {
    const tsc = (await score('2026-11-22')).frameworks.tsc!;
    expect(tsc.requirements).toHaveLength(33);
    expect(requirement({ frameworks: { tsc } } as ReadinessReport, 'tsc', 'CC6.1').status).toBe('met');
    expect(requirement({ frameworks: { tsc } } as ReadinessReport, 'tsc', 'CC7.2').status).toBe('partial');
  });
});

describe('Type II findings of the fixture', () => {
  it('report exactly the control and window without evidence, and the unsupported maturity claim', async () => {
    const repo = await readRepo(FIXTURE);
    const { findings } = await checkRepo(repo, { today: '2026-11-22' });
    expect(findings.filter((f) => f.ruleId === 'evidence/missing-window')).toEqual([
      expect.objectContaining({
        file: 'controls/logging/LOG-CENTRAL.yaml',
        line: 17,
        message: 'evidence "retention-report" of LOG-CENTRAL (quarterly) is missing for 2026-04-01..2026-06-30 of the period 2026-01-01..2026-12-31',
      }),
    ]);
    expect(findings.filter((f) => f.ruleId === 'maturity/unsupported-claim')).toEqual([
      expect.objectContaining({ file: 'controls/logging/LOG-CENTRAL.yaml', line: 8, severity: 'warning' }),
    ]);
    // min_readiness ccm 0.5 against 4/196 = 2.0%.
    expect(findings.filter((f) => f.ruleId === 'readiness/below-threshold')).toEqual([
      expect.objectContaining({ file: 'compliance.yaml', line: 19, column: 25, message: "ccm readiness is 2.0% (type2), below the gate's 50.0%" }),
    ]);
  });
});

describe('gap analysis', () => {
  it('lists what is not met worst group first, with what would close it', async () => {
    const repo = await readRepo(FIXTURE);
    const model = loadRepo(repo.files);
    const report = await score('2026-11-22');
    const gaps = computeGaps(model, report);
    const readiness = gaps.map((g) => g.readiness ?? 1);
    expect(readiness).toEqual([...readiness].sort((a, b) => a - b));
    const log03 = gaps.flatMap((g) => g.items).find((i) => i.framework === 'ccm' && i.id === 'LOG-03')!;
    expect(log03.actions).toEqual([
      'LOG-CENTRAL: evidence "retention-report" (quarterly) is missing for 2026-04-01..2026-06-30 (controls/logging/LOG-CENTRAL.yaml:1)',
    ]);
  });

  it('suggests mapping a control that already covers an equivalent requirement per CSA', async () => {
    const repo = await readRepo(FIXTURE);
    const model = loadRepo(repo.files);
    const gaps = computeGaps(model, await score('2026-11-22'));
    // IAM-MFA maps CC6.1; CSA maps IAM-15 (No Gap) to CC6.1 and CC6.2.
    const iam15 = gaps.flatMap((g) => g.items).find((i) => i.framework === 'ccm' && i.id === 'IAM-15')!;
    expect(iam15.status).toBe('gap');
    expect(iam15.suggestions).toContainEqual(
      expect.objectContaining({ control: 'IAM-MFA', via: 'CC6.1', text: 'control IAM-MFA covers CC6.1, which CSA maps to IAM-15 (No Gap): map it?' }),
    );
  });
});

describe('inheritance through CSA mappings', () => {
  it('does not inherit a criterion through a partial ("Partial Gap") mapping', async () => {
    const report = await score('2026-11-22');
    // CSA maps only DCS-01 to CC3.3, but not as an equivalent: it stays a gap.
    const raw = parse(readFileSync(new URL('../../../frameworks/data/map-ccm-v4-to-tsc-2017.yaml', import.meta.url), 'utf8')) as {
      mappings: { ccm: string; relationship: string; targets: string[] }[];
    };
    expect(raw.mappings.find((m) => m.ccm === 'DCS-01')?.relationship).not.toBe('equivalent-to');
    expect(requirement(report, 'tsc', 'CC3.3').status).toBe('gap');
  });
});
