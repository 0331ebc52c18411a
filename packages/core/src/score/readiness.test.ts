import { readdirSync, readFileSync, statSync } from 'node:fs';
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
import { createInMemoryRepo, mergeFiles, type FileOverrides } from '../testing/in-memory-repo.js';
import { patch } from '../testing/patch.js';

// Scenario: test/fixtures/type2-program, a SOC 2 Type II program in its fourth quarter. Every expected
// number below is worked out by hand from those files; the comments show the arithmetic.
const FIXTURE_URL = new URL('../../test/fixtures/type2-program/', import.meta.url);
const FIXTURE = FIXTURE_URL.pathname;

const AWS = 'controls/vendors/aws.yaml';

function fixtureText(path: string): string {
  return readFileSync(new URL(path, FIXTURE_URL), 'utf8');
}

/** The fixture scored as of `today`, read from disk, or in memory with some files changed. */
async function score(today: string, type?: ReportType, overrides?: FileOverrides): Promise<ReadinessReport> {
  const disk = await readRepo(FIXTURE, { cache: false });
  const repo = overrides ? createInMemoryRepo(mergeFiles(readFixture(), overrides)) : disk;
  const model = loadRepo(repo.files);
  const evidenceFiles = await collectEvidenceFacts(model.evidence, repo.evidence);
  return computeReadiness(model, resolveScope(model.config?.data), { today, evidenceFiles, ...(type ? { type } : {}) });
}

/** Every file of the fixture by repo path, for in-memory variants. */
function readFixture(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(new URL(rel, FIXTURE_URL))) {
      const path = `${rel}${name}`;
      if (statSync(new URL(path, FIXTURE_URL)).isDirectory()) walk(`${path}/`);
      else out[path] = fixtureText(path);
    }
  };
  walk('');
  return out;
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

  it('DCS-01 is inherited from AWS while its reports and bridge letter cover the period so far', async () => {
    const now = requirement(await score('2026-11-22'), 'ccm', 'DCS-01');
    expect(now.status).toBe('inherited');
    // The fall report (2025-10-01..2026-09-30, reviewed 2026-10-25) vouches until 2027-09-30; with the spring
    // report and the bridge letter (2026-10-01..2026-12-31) nothing of 2026-01-01..2026-11-22 is uncovered.
    expect(now.reasons).toContainEqual(
      expect.objectContaining({ kind: 'vendor', vendor: 'aws', attestation: 'soc2-type2', until: '2027-09-30', current: true, reviewedOn: '2026-10-25', file: 'controls/vendors/aws.yaml', line: 10 }),
    );
    expect(now.reasons.find((r) => r.kind === 'vendor')).not.toHaveProperty('coverageGaps');
  });

  it('DCS-01 is partial while no bridge letter covers 2026-10-01 onwards, and once every attestation lapses', async () => {
    const noLetter = requirement(await score('2026-11-22', undefined, { [AWS]: patch(fixtureText(AWS), /  # And a bridge letter[\s\S]*$/, '') }), 'ccm', 'DCS-01');
    expect(noLetter.status).toBe('partial');
    expect(noLetter.reasons).toContainEqual(expect.objectContaining({ kind: 'vendor', current: true, coverageGaps: [{ start: '2026-10-01', end: '2026-11-22' }] }));
    // 2027-10-15: the period is covered, but the fall report's 12 months ended on 2027-09-30.
    const later = requirement(await score('2027-10-15'), 'ccm', 'DCS-01');
    expect(later.status).toBe('partial');
    expect(later.reasons).toContainEqual(expect.objectContaining({ kind: 'vendor', current: false, note: expect.stringMatching(/^no current attestation we reviewed/) }));
  });

  it('a customer-owned control with documented customer responsibilities is met; an exclusion stays excluded', async () => {
    const report = await score('2026-11-22');
    expect(requirement(report, 'ccm', 'DSP-17').status).toBe('met');
    expect(requirement(report, 'ccm', 'DCS-07')).toMatchObject({
      status: 'excluded',
      reasons: [{ kind: 'exclusion', reason: 'No facilities of our own; all hosting is AWS.', file: 'compliance.yaml', line: 16 }],
    });
    // CEK-10's only control is planned: a plan earns nothing, so it is a gap (not half of one).
    expect(requirement(report, 'ccm', 'CEK-10').status).toBe('gap');
    expect(requirement(report, 'ccm', 'A&A-01').status).toBe('gap');
  });

  it('computes CCM readiness by the documented formula', async () => {
    const ccm = (await score('2026-11-22')).frameworks.ccm!;
    // met: IAM-14, DSP-17; inherited: DCS-01; partial: LOG-03; excluded: DCS-07; gap: the other 192 (CEK-10,
    // whose only control is planned, among them).
    expect(ccm.counts).toEqual({ met: 2, inherited: 1, partial: 1, gap: 192, excluded: 1 });
    // (met + inherited + partial / 2) / (197 - excluded) = (2 + 1 + 0.5) / 196
    expect(ccm.readiness).toBeCloseTo(3.5 / 196, 10);
    const iam = ccm.groups.find((g) => g.id === 'IAM')!;
    // IAM has 16 controls, one met: 1/16. Maturity: IAM-14 at 4, the other 15 at 0: 4/16, over N = 16.
    expect(iam.readiness).toBeCloseTo(1 / 16, 10);
    expect(iam.maturity).toBeCloseTo(4 / 16, 10);
    expect(iam.maturityOf).toBe(16);
    const log = ccm.groups.find((g) => g.id === 'LOG')!;
    // LOG has 13 controls, LOG-03 partial: 0.5/13; LOG-CENTRAL counts at maturity 3: 3/13.
    expect(log.readiness).toBeCloseTo(0.5 / 13, 10);
    expect(log.maturity).toBeCloseTo(3 / 13, 10);
  });

  it('Type I counts designed controls without looking at evidence', async () => {
    const ccm = (await score('2026-11-22', 'type1')).frameworks.ccm!;
    expect(requirement({ frameworks: { ccm } } as ReadinessReport, 'ccm', 'LOG-03').status).toBe('met');
    // met: IAM-14, LOG-03, DSP-17; inherited DCS-01; CEK-10 (planned) is a gap: (3 + 1) / 196
    expect(ccm.readiness).toBeCloseTo(4 / 196, 10);
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
    // min_readiness ccm 0.5 against 3.5/196 = 1.8%.
    expect(findings.filter((f) => f.ruleId === 'readiness/below-threshold')).toEqual([
      expect.objectContaining({ file: 'compliance.yaml', line: 19, column: 25, message: "ccm readiness is 1.8% (type2), below the gate's 50.0%" }),
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
