import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRevisionPair } from '../io/git/read-revisions.js';
import { BASE_FILES, BASE_TODAY } from '../testing/base-repo.js';
import { createGitFixture, type GitFixture } from '../testing/git-fixture.js';
import { fullSsrmFile } from '../testing/temp-repo.js';
import { computeChangelog } from './changelog.js';
import { changelogVerdict, renderChangelogMarkdown } from '../render/changelog.js';
import { patch } from '../testing/patch.js';
import { RISK, RISK_FILE } from '../testing/risk-fixture.js';

const CONTROL = 'controls/iam/IAM-MFA.yaml';
const POLICY = 'policies/access-control.md';
const SSRM = 'controls/responsibility/ccm.yaml';
const control = BASE_FILES[CONTROL]!;

const fixtures: GitFixture[] = [];
afterEach(() => {
  while (fixtures.length) fixtures.pop()!.cleanup();
});

async function program(): Promise<GitFixture> {
  const fx = await createGitFixture({ ...BASE_FILES, [SSRM]: fullSsrmFile() });
  fixtures.push(fx);
  return fx;
}

async function changelogOf(fx: GitFixture, base?: string, head?: string) {
  const pair = await readRevisionPair(fx.dir, { ...(base ? { base } : {}), ...(head ? { head } : {}) });
  return { pair, ...(await computeChangelog(pair, { today: BASE_TODAY })) };
}

describe('changelog between two commits', () => {
  it('reports a weakened control with before and after, and the requirement that lost its last control', async () => {
    const fx = await program();
    const base = await fx.commit('tag me');
    await fx.commit('weaken MFA', {
      [CONTROL]: patch(patch(patch(patch(control, 'status: operating', 'status: implemented'), 'maturity: 4', 'maturity: 3'), '  ccm: [IAM-14]\n', ''), 'automation: automated', 'automation: manual'),
    });
    const { changelog } = await changelogOf(fx, base, 'HEAD');
    expect(changelog.controls).toEqual([
      expect.objectContaining({
        id: 'IAM-MFA',
        kind: 'changed',
        file: CONTROL,
        status: { before: 'operating', after: 'implemented' },
        maturity: { before: 4, after: 3 },
        automation: { before: 'automated', after: 'manual' },
        maps: { ccm: { added: [], removed: ['IAM-14'] } },
        weakened: ['status operating → implemented', 'maturity 4 → 3', 'automation automated → manual', 'ccm mapping removed: IAM-14'],
      }),
    ]);
    expect(changelog.coverage).toEqual([
      { framework: 'ccm', id: 'IAM-14', title: 'Strong Authentication', change: 'lost', before: ['IAM-MFA'], after: [] },
    ]);
    const ccm = changelog.readiness.find((r) => r.framework === 'ccm')!;
    expect(ccm.after!).toBeLessThan(ccm.before!);
    expect(changelogVerdict(changelog)).toMatch(/^readiness CCM \d+\.\d% → \d+\.\d% \(-\d+\.\d\), TSC .* · 1 requirement lost coverage · 1 control weakened$/);
  });

  it('reports added, removed and moved controls, SSRM, vendor, policy and evidence changes', async () => {
    const fx = await program();
    const base = await fx.commit('base');
    const newRecord = patch(patch(patch(BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!, /2026-Q1/g, '2026-Q4'), '2026-01-01', '2026-10-01'), /2026-03-31/g, '2026-12-31');
    await fx.commit('many changes', {
      [CONTROL]: null,
      'controls/identity/IAM-MFA.yaml': control,
      'controls/log/LOG-CENTRAL.yaml': patch(patch(control, /IAM-MFA/g, 'LOG-CENTRAL'), 'IAM-14', 'LOG-03'),
      [SSRM]: patch(fullSsrmFile(), 'IAM-14: { ownership: shared-csp-csc', 'IAM-14: { ownership: csp-owned'),
      'controls/vendors/aws.yaml': patch(BASE_FILES['controls/vendors/aws.yaml']!, '    expires: 2027-11-07', '    expires: 2028-11-07'),
      [POLICY]: patch(patch(patch(BASE_FILES[POLICY]!, 'version: 2.1.0', 'version: 2.2.0'), 'effective: 2026-01-15', 'effective: 2026-11-01'), 'reviewed quarterly', 'reviewed monthly'),
      'evidence/IAM-MFA/2026-Q4.yaml': newRecord,
      'evidence/IAM-MFA/2026-Q4-okta-policy.json': '{"q4":true}\n',
    });
    const { changelog } = await changelogOf(fx, base, 'HEAD');
    expect(changelog.controls.map((c) => [c.id, c.kind, c.oldFile ?? c.file])).toEqual([
      ['IAM-MFA', 'moved', CONTROL],
      ['LOG-CENTRAL', 'added', 'controls/log/LOG-CENTRAL.yaml'],
    ]);
    expect(changelog.ssrm).toEqual([
      { id: 'IAM-14', kind: 'changed', ownership: { before: 'shared-csp-csc', after: 'csp-owned' }, vendor: { before: undefined, after: undefined }, file: SSRM, line: expect.any(Number) },
    ]);
    expect(changelog.vendors).toEqual([
      { id: 'aws', kind: 'changed', file: 'controls/vendors/aws.yaml', attestations: { added: ['iso27001 expires 2028-11-07'], removed: ['iso27001 expires 2027-11-07'] } },
    ]);
    expect(changelog.policies).toEqual([
      expect.objectContaining({ id: 'POL-ACCESS', kind: 'changed', version: { before: '2.1.0', after: '2.2.0' }, effective: { before: '2026-01-15', after: '2026-11-01' }, textChanged: true, fieldsChanged: ['effective'] }),
    ]);
    expect(changelog.evidenceAdded).toEqual([
      { file: 'evidence/IAM-MFA/2026-Q4.yaml', control: 'IAM-MFA', evidence: 'mfa-policy-export', covers: { start: '2026-10-01', end: '2026-12-31' }, collectedOn: '2026-12-31' },
    ]);
    expect(changelog.coverage).toContainEqual(expect.objectContaining({ framework: 'ccm', id: 'LOG-03', change: 'gained', after: ['LOG-CENTRAL'] }));
    expect(changelog.evidenceRewritten).toEqual([]);

    const md = renderChangelogMarkdown(changelog, { linkBase: 'https://github.com/acme/program/blob/abc/' });
    expect(md.split('\n')[0]).toBe(`**Compliance impact:** ${changelogVerdict(changelog)}`);
    expect(md).toContain('- [LOG-CENTRAL](https://github.com/acme/program/blob/abc/controls/log/LOG-CENTRAL.yaml#L1) Phishing-resistant MFA for all workforce access: **added**');
    expect(md).toContain('### Requirements newly covered');
    expect(md).toContain('version 2.1.0 → 2.2.0, effective 2026-11-01; text changed; fields: effective');
  });

  it('reports risks of the register added, re-rated, re-treated and removed, from files under risks/', async () => {
    const fx = await program();
    const base = await fx.commit('register', { [RISK_FILE]: RISK, 'risks/R-002.yaml': patch(RISK, 'id: R-001', 'id: R-002') });
    await fx.commit('review the register', {
      [RISK_FILE]: patch(patch(patch(RISK, 'residual: { likelihood: 2, impact: 4 }', 'residual: { likelihood: 1, impact: 4 }'), 'last_reviewed: 2026-10-05', 'last_reviewed: 2026-11-02'), 'treatment: mitigate', 'treatment: mitigate\nacceptance: { by: CISO, on: 2026-11-02, until: 2027-11-01 }'),
      'risks/R-002.yaml': null,
      'risks/R-003.yaml': patch(patch(RISK, 'id: R-001', 'id: R-003'), 'controls: [IAM-MFA]', 'controls: [IAM-MFA, LOG-CENTRAL]'),
    });
    const { changelog, pair } = await changelogOf(fx, base, 'HEAD');
    // git sees R-003 as R-002 renamed (their texts are alike); either way the register's files are read.
    expect(pair.changes.map((c) => [c.oldPath, c.path].filter(Boolean).join(' -> '))).toEqual([RISK_FILE, 'risks/R-002.yaml -> risks/R-003.yaml']);
    expect(changelog.risks).toEqual([
      {
        id: 'R-001',
        kind: 'changed',
        file: RISK_FILE,
        line: 1,
        title: 'Workforce account takeover through phishing',
        residual: { before: 8, after: 4 },
        treatment: { before: 'mitigate', after: 'mitigate' },
        acceptance: { before: undefined, after: 'by CISO on 2026-11-02 until 2027-11-01' },
        lastReviewed: { before: '2026-10-05', after: '2026-11-02' },
      },
      expect.objectContaining({ id: 'R-002', kind: 'removed', file: 'risks/R-002.yaml' }),
      expect.objectContaining({ id: 'R-003', kind: 'added', controls: { added: ['IAM-MFA', 'LOG-CENTRAL'], removed: [] } }),
    ]);
    const md = renderChangelogMarkdown(changelog);
    expect(md).toContain('### Risks');
    expect(md).toContain('- [R-001](risks/R-001.yaml#L1) Workforce account takeover through phishing: **changed**; residual 8 → 4; acceptance – → by CISO on 2026-11-02 until 2027-11-01; reviewed 2026-11-02');
    expect(md).toContain('- ~~R-002~~ Workforce account takeover through phishing: **removed**');
    expect(md).toContain('- [R-003](risks/R-003.yaml#L1) Workforce account takeover through phishing: **added**; residual 8, mitigate; controls \\+IAM-MFA \\+LOG-CENTRAL');
  });

  it('defaults BASE to the latest release tag and HEAD to the work tree', async () => {
    const fx = await program();
    await fx.git.addTag('compliance-2026-11-01-aaaaaaa');
    await fx.commit('after the release', { [CONTROL]: patch(control, 'owner: security-engineering', 'owner: it-operations') });
    fx.write({ [CONTROL]: patch(control, 'owner: security-engineering', 'owner: grc') });
    const { pair, changelog } = await changelogOf(fx);
    expect(pair.base.label).toBe('compliance-2026-11-01-aaaaaaa');
    expect(pair.baseReason).toMatch(/latest release tag/);
    expect(pair.head.label).toBe('work tree');
    expect(changelog.controls[0]!.owner).toEqual({ before: 'security-engineering', after: 'grc' });
  });

  it('reads only what changed: BASE reuses HEAD for every other file', async () => {
    const fx = await program();
    const base = await fx.commit('base');
    await fx.commit('one change', { [CONTROL]: patch(control, 'maturity: 4', 'maturity: 5') });
    const pair = await readRevisionPair(fx.dir, { base, head: 'HEAD' });
    expect(pair.changes).toEqual([{ status: 'modified', path: CONTROL }]);
    const { base: loadedBase, head } = await computeChangelog(pair, { today: BASE_TODAY });
    // Unchanged files share their parsed data between the two models.
    const aws = 'controls/vendors/aws.yaml';
    expect(loadedBase.model.parsed.get(aws)!.pruned).toBe(head.model.parsed.get(aws)!.pruned);
    expect(loadedBase.model.vendors.find((v) => v.source.file === aws)!.data).toBe(head.model.vendors.find((v) => v.source.file === aws)!.data);
    expect(loadedBase.model.parsed.get(CONTROL)!.pruned).not.toBe(head.model.parsed.get(CONTROL)!.pruned);
  });

  it('explains how to fetch history in a shallow clone without BASE', async () => {
    const fx = await program();
    await fx.commit('second', { [CONTROL]: patch(control, 'maturity: 4', 'maturity: 5') });
    await fx.commit('third', { [CONTROL]: patch(control, 'maturity: 4', 'maturity: 3') });
    const clone = mkdtempSync(join(tmpdir(), 'trustops-shallow-'));
    try {
      execFileSync('git', ['clone', '--quiet', '--depth=1', `file://${fx.dir}`, clone]);
      await expect(readRevisionPair(clone, {})).rejects.toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining('fetch-depth: 0') });
      await expect(readRevisionPair(clone, { base: 'HEAD~2' })).rejects.toMatchObject({ message: expect.stringContaining('shallow clone') });
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
