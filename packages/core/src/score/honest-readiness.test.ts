import { describe, expect, it } from 'vitest';
import { TrustopsError } from '../model/errors.js';
import { assess } from '../pipeline/assess.js';
import { preparePacket } from '../pipeline/packet.js';
import { renderExplainControl } from '../render/explain.js';
import { renderScoreMarkdown, renderScoreText } from '../render/score.js';
import { BASE_FILES, BASE_TODAY, sha256Of } from '../testing/base-repo.js';
import { createInMemoryRepo, mergeFiles, type FileOverrides } from '../testing/in-memory-repo.js';
import { patch } from '../testing/patch.js';
import { fullSsrmFile } from '../testing/temp-repo.js';
import type { ReadinessReport, RequirementResult } from './readiness.js';

// Each case below is the base repository (packages/core/src/testing/base-repo.ts: IAM-MFA operating with
// quarterly records for Q1..Q3 2026, AWS carrying DCS-01 with its fall report and a bridge letter, a 2026
// Type II period, checked on 2026-11-22) with one thing changed, and the status an auditor would give.
const CONTROL = 'controls/iam/IAM-MFA.yaml';
const SSRM = 'controls/responsibility/ccm.yaml';
const AWS = 'controls/vendors/aws.yaml';
const Q1 = 'evidence/IAM-MFA/2026-Q1.yaml';
const Q2 = 'evidence/IAM-MFA/2026-Q2.yaml';
const Q3 = 'evidence/IAM-MFA/2026-Q3.yaml';
const control = BASE_FILES[CONTROL]!;

async function readinessOf(files: FileOverrides, today = BASE_TODAY): Promise<ReadinessReport> {
  return (await assess(createInMemoryRepo(mergeFiles(BASE_FILES, files)), { today })).readiness;
}

function requirement(report: ReadinessReport, key: 'ccm' | 'tsc' | 'iso27001', id: string): RequirementResult {
  const r = report.frameworks[key]?.requirements.find((x) => x.id === id);
  if (!r) throw new Error(`${key} ${id} not scored`);
  return r;
}

describe('honest readiness', () => {
  it('the base repository: IAM-14 met, DCS-01 inherited', async () => {
    const report = await readinessOf({});
    expect(requirement(report, 'ccm', 'IAM-14').status).toBe('met');
    expect(requirement(report, 'ccm', 'DCS-01').status).toBe('inherited');
  });

  it('an annual item whose only record predates the period is not yet evidenced: not operating', async () => {
    const annual = patch(control, '    every: quarterly', '    every: annual');
    const record2025 = patch(patch(BASE_FILES[Q1]!, 'start: 2026-01-01, end: 2026-03-31', 'start: 2025-01-01, end: 2025-12-31'), 'collected_on: 2026-03-31', 'collected_on: 2026-01-05');
    const report = await readinessOf({ [CONTROL]: annual, [Q1]: record2025, [Q2]: null, [Q3]: null });
    const mfa = report.controls.get('IAM-MFA')!;
    // The 2026 window is open (due 2026-12-31): nothing has ended, yet nothing shows any of 2026 either.
    expect(mfa.evidence[0]).toMatchObject({ records: 1, recordsInPeriod: 0, missingWindows: [], openWindows: [{ start: '2026-01-01', end: '2026-12-31' }] });
    expect(mfa.operating).toBe(false);
    expect(mfa.operationIssues).toEqual(['evidence "mfa-policy-export" (annual) is not yet evidenced: no record shows any of the observation period']);
    // Designed but not operating: partial, not met.
    expect(requirement(report, 'ccm', 'IAM-14').status).toBe('partial');
  });

  it('a record collected before the end of what it covers covers nothing', async () => {
    const report = await readinessOf({ [Q1]: patch(BASE_FILES[Q1]!, 'collected_on: 2026-03-31', 'collected_on: 2026-02-01') });
    const item = report.controls.get('IAM-MFA')!.evidence[0]!;
    expect(item.missingWindows).toEqual([{ start: '2026-01-01', end: '2026-03-31' }]);
    expect(item.ignoredRecords).toEqual([
      { file: Q1, line: 4, why: 'it covers up to 2026-03-31 but was collected on 2026-02-01: it cannot show time that had not happened' },
    ]);
    expect(requirement(report, 'ccm', 'IAM-14').status).toBe('partial');
  });

  it('a record dated after the check covers nothing', async () => {
    const report = await readinessOf({ [Q3]: patch(BASE_FILES[Q3]!, 'collected_on: 2026-09-30', 'collected_on: 2026-12-01') });
    expect(report.controls.get('IAM-MFA')!.evidence[0]!.missingWindows).toEqual([{ start: '2026-07-01', end: '2026-09-30' }]);
  });

  it('a file shown for Q2 and again for Q3 covers Q2 only; unchanged_snapshot says it is on purpose', async () => {
    const q2File = BASE_FILES['evidence/IAM-MFA/2026-Q2-okta-policy.json']!;
    const reused = patch(patch(BASE_FILES[Q3]!, 'path: 2026-Q3-okta-policy.json', 'path: 2026-Q2-okta-policy.json'), /sha256: [0-9a-f]{64}/, `sha256: ${sha256Of(q2File)}`);
    const report = await readinessOf({ [Q3]: reused });
    expect(report.controls.get('IAM-MFA')!.evidence[0]!.missingWindows).toEqual([{ start: '2026-07-01', end: '2026-09-30' }]);
    expect(report.records.find((r) => r.file === Q3)).toMatchObject({ verifies: true, counts: false, reusedFrom: { file: Q2, line: 4 } });
    const snapshot = await readinessOf({ [Q3]: `${reused}unchanged_snapshot: true\n` });
    expect(snapshot.controls.get('IAM-MFA')!.evidence[0]!.missingWindows).toEqual([]);
  });

  it('CC8.1 is partial while one of its two controls does not operate, met once both do', async () => {
    const change = `id: CCC-EMERGENCY
title: Emergency changes are reviewed after the fact
description: Every emergency change is reviewed by a second engineer within two working days.
owner: platform
status: implemented
policies: [POL-ACCESS]
maps:
  tsc: [CC8.1]
evidence:
  - id: emergency-log
    every: quarterly
`;
    const mfaCc81 = patch(control, 'tsc: [CC6.1, CC6.6]', 'tsc: [CC6.1, CC6.6, CC8.1]');
    const report = await readinessOf({ [CONTROL]: mfaCc81, 'controls/change/CCC-EMERGENCY.yaml': change });
    const cc81 = requirement(report, 'tsc', 'CC8.1');
    expect(cc81.status).toBe('partial');
    expect(cc81.reasons.filter((r) => r.kind === 'control').map((r) => r.kind === 'control' && [r.control, r.counts])).toEqual([
      ['CCC-EMERGENCY', false],
      ['IAM-MFA', true],
    ]);
    // The reason names why the other control does not count.
    const why = cc81.reasons.find((r) => r.kind === 'control' && r.control === 'CCC-EMERGENCY');
    expect(why?.kind === 'control' && why.issues).toContain('status is implemented, not operating');
    const alone = await readinessOf({ [CONTROL]: mfaCc81 });
    expect(requirement(alone, 'tsc', 'CC8.1').status).toBe('met');
  });

  it('a requirement whose only control is planned is a gap and earns nothing', async () => {
    const report = await readinessOf({ [CONTROL]: patch(control, 'status: operating', 'status: planned') });
    const iam14 = requirement(report, 'ccm', 'IAM-14');
    expect(iam14.status).toBe('gap');
    const iam = report.frameworks.ccm!.groups.find((g) => g.id === 'IAM')!;
    // IAM: 16 requirements, none met or partial.
    expect(iam.counts).toMatchObject({ met: 0, partial: 0, gap: 16 });
    expect(iam.readiness).toBe(0);
  });

  it('a requirement is as mature as its least mature control; a group shows the N its mean is over', async () => {
    const second = patch(patch(control, 'id: IAM-MFA', 'id: IAM-MFA-ADMINS'), 'maturity: 4', 'maturity: 2');
    const report = await readinessOf({ 'controls/iam/IAM-MFA-ADMINS.yaml': second });
    expect(requirement(report, 'ccm', 'IAM-14').maturity).toBe(2);
    const iam = report.frameworks.ccm!.groups.find((g) => g.id === 'IAM')!;
    expect(iam).toMatchObject({ maturity: 2 / 16, maturityOf: 16 });
  });

  it('a vendor report ending before the period ends leaves DCS-01 partial until a bridge letter is added', async () => {
    const withoutLetter = patch(BASE_FILES[AWS]!, /  - type: bridge-letter\n[\s\S]*$/, '');
    const report = await readinessOf({ [AWS]: withoutLetter });
    const dcs01 = requirement(report, 'ccm', 'DCS-01');
    expect(dcs01.status).toBe('partial');
    expect(dcs01.reasons).toContainEqual(expect.objectContaining({ kind: 'vendor', vendor: 'aws', current: true, coverageGaps: [{ start: '2026-10-01', end: '2026-11-22' }] }));
    expect(requirement(await readinessOf({}), 'ccm', 'DCS-01').status).toBe('inherited');
  });

  it('csc: TODO meets nothing, and the packet refuses to publish a CAIQ that carries it', async () => {
    const dsp17 = `${BASE_FILES[SSRM]!}  DSP-17:\n    ownership: csc-owned\n    csc: TODO\n`;
    const report = await readinessOf({ [SSRM]: dsp17 });
    expect(requirement(report, 'ccm', 'DSP-17').status).toBe('gap');
    const documented = await readinessOf({ [SSRM]: patch(dsp17, 'csc: TODO', 'csc: Customers classify the data they upload.') });
    expect(requirement(documented, 'ccm', 'DSP-17').status).toBe('met');
    // The packet needs a program without error findings: every CCM control assigned, DSP-17 to customers.
    const full = patch(fullSsrmFile(), /^  DSP-17: .*$/m, '  DSP-17: { ownership: csc-owned, csc: TODO }');
    const repo = createInMemoryRepo(mergeFiles(BASE_FILES, { [SSRM]: full }));
    const meta = { commit: 'a'.repeat(40), version: 'v', createdAt: '2026-11-22T12:00:00Z', toolVersion: '0' };
    await expect(preparePacket(repo, { meta })).rejects.toThrow(TrustopsError);
    await expect(preparePacket(repo, { meta })).rejects.toThrow(/the CAIQ would carry \d+ placeholder text\(s\) \(first: DSP-17\.1, the SSRM's csc text for DSP-17: TODO\)/);
    const built = await preparePacket(repo, { meta, allowFindings: true });
    expect(built.meta.caiqPlaceholders).toBeGreaterThan(0);
  });

  it('a placeholder csp text caps a met requirement at partial', async () => {
    const report = await readinessOf({ [SSRM]: patch(BASE_FILES[SSRM]!, 'csp: We enforce WebAuthn MFA for all workforce access (control IAM-MFA).', 'csp: "TBD"') });
    const iam14 = requirement(report, 'ccm', 'IAM-14');
    expect(iam14.status).toBe('partial');
    expect(iam14.reasons).toContainEqual(expect.objectContaining({ kind: 'placeholder', field: 'csp', why: 'TBD' }));
  });

  it('an exclusion whose reason is a placeholder excludes nothing', async () => {
    const todo = patch(BASE_FILES['compliance.yaml']!, 'reason: "No facilities of our own; all hosting is AWS."', 'reason: "TODO: explain why DCS-07 does not apply"');
    expect(requirement(await readinessOf({}), 'ccm', 'DCS-07').status).toBe('excluded');
    expect(requirement(await readinessOf({ 'compliance.yaml': todo }), 'ccm', 'DCS-07').status).toBe('gap');
  });

  it('a Type I program has an as-of date and shows no windows, late starts or Type II lines', async () => {
    const type1 = patch(patch(BASE_FILES['compliance.yaml']!, 'report: type2', 'report: type1'), '    period: { start: 2026-01-01, end: 2026-12-31 }\n', '    as_of: 2026-06-30\n');
    const report = await readinessOf({ 'compliance.yaml': type1 });
    expect(report).toMatchObject({ type: 'type1', asOf: '2026-06-30' });
    expect(report.period).toBeUndefined();
    const mfa = report.controls.get('IAM-MFA')!;
    expect(mfa.evidence[0]!.windows).toEqual([]);
    expect(mfa.lateStart).toBeUndefined();
    expect(mfa.operationIssues).toEqual([]);
    for (const text of [renderScoreText(report), renderScoreMarkdown(report), renderExplainControl(report, 'IAM-MFA')!]) {
      expect(text).not.toMatch(/observation period|Type II|operating \(|windows:|late start/);
    }
    expect(renderScoreText(report)).toContain('Type I view: controls designed and implemented · as of 2026-06-30');
    // As of 2026-06-30, a control implemented on 2026-07-01 is not designed yet.
    const late = await readinessOf({ 'compliance.yaml': type1, [CONTROL]: patch(control, 'implemented_on: 2025-11-03', 'implemented_on: 2026-07-01') });
    expect(late.controls.get('IAM-MFA')!.designIssues).toEqual(['implemented on 2026-07-01, after 2026-06-30']);
    expect(requirement(late, 'ccm', 'IAM-14').status).toBe('partial');
  });

  it('a nil-population record (nothing happened in the window) covers its window', async () => {
    const nil = `control: IAM-MFA
evidence: mfa-policy-export
collected_on: 2026-07-02
covers: { start: 2026-04-01, end: 2026-06-30 }
collected_by: GRC Lead
population: { size: 0, source: "Okta system log query for sign-on policy changes in Q2: no events" }
`;
    const report = await readinessOf({ [Q2]: nil, 'evidence/IAM-MFA/2026-Q2-okta-policy.json': null });
    expect(report.records.find((r) => r.file === Q2)).toMatchObject({ nilPopulation: true, verifies: true, counts: true });
    expect(report.controls.get('IAM-MFA')!.operating).toBe(true);
    // Without the population, a record without files shows nothing.
    const bare = await readinessOf({ [Q2]: patch(nil, /population: .*\n/, ''), 'evidence/IAM-MFA/2026-Q2-okta-policy.json': null });
    expect(bare.controls.get('IAM-MFA')!.evidence[0]!.missingWindows).toEqual([{ start: '2026-04-01', end: '2026-06-30' }]);
  });

  it('an unremediated high exception makes the requirement partial; remediated, it is listed but the control operates', async () => {
    const exception = (remediated: string) =>
      `${BASE_FILES[Q2]!}exceptions:\n  - description: Two admin accounts signed in without WebAuthn for 3 days\n    severity: high\n${remediated}`;
    const open = await readinessOf({ [Q2]: exception('') });
    expect(open.exceptions).toEqual([expect.objectContaining({ control: 'IAM-MFA', file: Q2, line: 10, severity: 'high', open: true, window: { start: '2026-04-01', end: '2026-06-30' } })]);
    expect(open.controls.get('IAM-MFA')!.operating).toBe(false);
    expect(requirement(open, 'ccm', 'IAM-14').status).toBe('partial');
    const closed = await readinessOf({ [Q2]: exception('    remediated_on: 2026-07-15\n') });
    expect(closed.exceptions[0]).toMatchObject({ open: false, remediatedOn: '2026-07-15' });
    expect(requirement(closed, 'ccm', 'IAM-14').status).toBe('met');
  });
});
