import type { CrosswalkRow } from '@trustops/frameworks';
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../load/source-files.js';
import { renderMigrationReport } from '../render/migration-report.js';
import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { migrateProgram, type Migration } from './migrate-program.js';

const SSRM = 'controls/responsibility/ccm.yaml';
const CONTROL = 'controls/iam/IAM-MFA.yaml';
const POLICY = 'policies/access-control.md';

function filesOf(overrides: Record<string, string | null> = {}): SourceFile[] {
  const all: Record<string, string | null> = { ...BASE_FILES, ...overrides };
  return Object.entries(all).flatMap(([path, text]) => (text === null ? [] : [{ path, text }]));
}

function migrated(overrides: Record<string, string | null> = {}, options: Partial<Parameters<typeof migrateProgram>[1]> = {}): Migration {
  const result = migrateProgram(filesOf(overrides), { ccm: '4.1', ...options });
  if (result.refused) throw new Error(result.message);
  return result;
}

const after = (m: Migration, path: string) => m.files.find((f) => f.path === path)?.after;

describe('migrateProgram on a small program', () => {
  it('renumbers SSRM keys, control and policy maps and exclusions in one pass, and records the version', () => {
    const m = migrated({
      [CONTROL]: patch(BASE_FILES[CONTROL]!, 'ccm: [IAM-14]', 'ccm: [IAM-14, IAM-15, IAM-16]'),
      [POLICY]: patch(BASE_FILES[POLICY]!, 'ccm: [IAM-01]', 'ccm: [IAM-01, IVS-01]'),
    });
    expect(m.from).toBe('4.0.13');
    expect(m.to).toBe('4.1');
    // Never chained: IAM-15 → IAM-14 and IAM-14 → IAM-13 in the same list are both right.
    expect(after(m, CONTROL)).toBe(patch(BASE_FILES[CONTROL]!, 'ccm: [IAM-14]', 'ccm: [IAM-13, IAM-14, IAM-15]'));
    expect(after(m, POLICY)).toBe(patch(BASE_FILES[POLICY]!, 'ccm: [IAM-01]', 'ccm: [IAM-01, I&S-01]'));
    expect(after(m, 'compliance.yaml')).toBe(patch(patch(BASE_FILES['compliance.yaml']!, 'version: "4.0.13"', 'version: "4.1"'), 'id: DCS-07', 'id: DCS-08'));
    const ssrm = after(m, SSRM)!;
    expect(ssrm.startsWith('framework: ccm\nversion: "4.1"\nassignments:\n  IAM-13:\n    ownership: shared-csp-csc\n')).toBe(true);
    expect(ssrm).toContain('\n  DCS-02:\n    ownership: third-party-outsourced\n    vendor: aws\n');
    expect(m.versionRecorded).toEqual([SSRM]);
    expect(m.renumbered.map((r) => `${r.from}>${r.to.join('+')}`)).toEqual(['DCS-01>DCS-02', 'DCS-07>DCS-08', 'IAM-14>IAM-13', 'IAM-15>IAM-14', 'IAM-16>IAM-15', 'IVS-01>I&S-01']);
    expect(m.renumbered.find((r) => r.from === 'IAM-14')!.refs).toEqual([
      { file: CONTROL, line: 14, owner: 'control IAM-MFA' },
      { file: SSRM, line: 3, owner: 'the SSRM' },
    ]);
    expect(m.renumbered.find((r) => r.from === 'IVS-01')!.refs).toEqual([{ file: POLICY, line: 10, owner: 'policy POL-ACCESS' }]);
  });

  it('a second run changes nothing', () => {
    const first = migrated();
    const again = migrateProgram(
      filesOf(Object.fromEntries(first.files.map((f) => [f.path, f.after]))),
      { ccm: '4.1' },
    );
    expect(again).toMatchObject({ refused: false, files: [], renumbered: [], added: [] });
  });

  it('removes what names a removed control and keeps the SSRM text in the report', () => {
    const m = migrated({
      [CONTROL]: patch(BASE_FILES[CONTROL]!, 'ccm: [IAM-14]', 'ccm: [IAM-12, IAM-14]'),
      [SSRM]: `${BASE_FILES[SSRM]}  IAM-12:  # Safeguard Logs Integrity\n    ownership: csp-owned\n    csp: Log files are validated.\n`,
    });
    expect(after(m, CONTROL)).toContain('ccm: [IAM-13]');
    expect(after(m, SSRM)).not.toContain('Safeguard');
    expect(m.removed).toEqual([
      {
        id: 'IAM-12',
        title: 'Safeguard Logs Integrity',
        note: expect.stringMatching(/^removed: CSA says CCM v4\.1 removed one IAM control/),
        refs: [
          { file: CONTROL, line: 14, owner: 'control IAM-MFA' },
          { file: SSRM, line: 11, owner: 'the SSRM' },
        ],
        texts: [{ file: SSRM, text: '  IAM-12:  # Safeguard Logs Integrity\n    ownership: csp-owned\n    csp: Log files are validated.' }],
      },
    ]);
    const report = renderMigrationReport(m);
    expect(report).toContain('- **IAM-12** Safeguard Logs Integrity has no successor in CCM 4.1');
    expect(report).toContain('    csp: Log files are validated.');
  });

  it('writes a placeholder entry for each new in-scope control, in catalog order and in its neighbours\' style', () => {
    const m = migrated({ [SSRM]: 'framework: ccm\nassignments:\n  AIS-07: { ownership: csp-owned, csp: "We fix findings." }\n  BCR-01: { ownership: csp-owned, csp: "We plan." }\n' });
    expect(m.added.map((a) => a.id)).toEqual(['AIS-08', 'DCS-01', 'DCS-17', 'DCS-18', 'LOG-08', 'SEF-07', 'SEF-09', 'STA-01', 'STA-09', 'TVM-04', 'TVM-10']);
    const lines = after(m, SSRM)!.split('\n');
    // AIS-08 goes after AIS-07 (no later AIS entry); the others after the last entry, as nothing of their domain is there.
    expect(lines[3]).toBe('  AIS-07: { ownership: csp-owned, csp: "We fix findings." }');
    expect(lines[4]).toBe(
      '  AIS-08: { ownership: shared-csp-csc, csp: "TODO: how we meet AIS-08 (API Security), new in CCM 4.1; CSA\'s typical SAAS ownership: Shared", csc: "TODO: what customers do for AIS-08 (API Security)" }  # API Security (new in CCM 4.1; CSA\'s typical SAAS ownership: Shared)',
    );
    expect(lines[5]).toBe('  BCR-01: { ownership: csp-owned, csp: "We plan." }');
    expect(lines[6]).toMatch(/^ {2}DCS-01: \{ ownership: csp-owned, csp: "TODO: how we meet DCS-01 /);
    expect(m.added[0]).toMatchObject({ file: SSRM, line: 5, ownership: 'shared-csp-csc', typical: 'Shared', serviceModel: 'saas' });
  });

  it('goes before the first later entry of its domain, fields indented as its neighbour\'s', () => {
    const m = migrated({ [SSRM]: 'framework: ccm\nassignments:\n  # --- DCS ---\n  DCS-01:\n      ownership: csp-owned\n      csp: We do.\n' });
    // v4.0 DCS-01 became DCS-02; the new DCS-01 goes between the section comment and it.
    const text = after(m, SSRM)!;
    expect(text.slice(0, text.indexOf('  DCS-02:') + '  DCS-02:\n      ownership: csp-owned\n      csp: We do.\n'.length)).toBe(
      'framework: ccm\nversion: "4.1"\nassignments:\n  # --- DCS ---\n' +
        '  DCS-01:  # Physical and Environmental Security Policy and Procedures (new in CCM 4.1; CSA\'s typical SAAS ownership: CSP-Owned)\n' +
        '      ownership: csp-owned\n' +
        '      csp: "TODO: how we meet DCS-01 (Physical and Environmental Security Policy and Procedures), new in CCM 4.1; CSA\'s typical SAAS ownership: CSP-Owned"\n' +
        '  DCS-02:\n      ownership: csp-owned\n      csp: We do.\n',
    );
    // DCS-17 and DCS-18 follow the last DCS entry.
    expect(text.indexOf('  DCS-17:')).toBeGreaterThan(text.indexOf('  DCS-02:'));
  });

  it('leaves excluded and, with lite, non-Lite new controls without an entry', () => {
    const config = patch(patch(BASE_FILES['compliance.yaml']!, 'version: "4.0.13"', 'version: "4.0.13"\n    lite: true'), 'id: DCS-07', 'id: STA-01');
    const m = migrated({ 'compliance.yaml': config });
    // v4.0 STA-01 is v4.1 STA-02: the exclusion follows it, and the new STA-01 (CCM-Lite) is in scope.
    expect(after(m, 'compliance.yaml')).toContain('id: STA-02');
    expect(m.added.map((a) => a.id)).toEqual(['AIS-08', 'LOG-08', 'SEF-07', 'STA-01', 'TVM-10']);
    const withoutLite = migrated({ 'compliance.yaml': patch(BASE_FILES['compliance.yaml']!, 'id: DCS-07', 'id: AIS-08') }, { from: '4.1' });
    expect(withoutLite.added).toEqual([]);
  });

  it('folds ids that a crosswalk merges, and splits list items a crosswalk splits (CSA has neither; a crosswalk of the test\'s own)', () => {
    const rows: CrosswalkRow[] = [
      { from: 'IAM-14', to: ['IAM-13'], change: 'renumbered', basis: 'test' },
      { from: 'IAM-15', to: ['IAM-13'], change: 'renumbered', basis: 'test' },
      { from: 'IAM-01', to: ['IAM-01', 'IAM-02'], change: 'renumbered', basis: 'test' },
      { from: 'DCS-01', to: ['DCS-02'], change: 'renumbered', basis: 'test' },
    ];
    const m = migrated(
      {
        [CONTROL]: patch(BASE_FILES[CONTROL]!, 'ccm: [IAM-14]', 'ccm: [IAM-14, IAM-15, IAM-01]'),
        [SSRM]: `${BASE_FILES[SSRM]}  IAM-15:\n    ownership: csp-owned\n    csp: Passwords are managed.\n`,
      },
      { crosswalk: rows },
    );
    expect(after(m, CONTROL)).toContain('ccm: [IAM-13, IAM-01, IAM-02]');
    expect(m.merged).toEqual([
      { id: 'IAM-15', into: 'IAM-13', ref: { file: CONTROL, line: 14, owner: 'control IAM-MFA' } },
      { id: 'IAM-15', into: 'IAM-13', ref: { file: SSRM, line: 11, owner: 'the SSRM' }, text: '  IAM-15:\n    ownership: csp-owned\n    csp: Passwords are managed.' },
    ]);
    expect(after(m, SSRM)).not.toContain('Passwords are managed');
    expect(m.review.find((r) => r.id === 'IAM-01')?.reasons).toContain('split: also IAM-02');
  });

  it('lists prose that names renumbered ids without rewriting it', () => {
    const m = migrated({
      [CONTROL]: patch(BASE_FILES[CONTROL]!, 'WebAuthn required for every application.', 'WebAuthn required for every application (CCM IAM-14, see IAM-MFA).'),
      [POLICY]: patch(BASE_FILES[POLICY]!, 'Access is granted by role', 'Access (IVS-03) is granted by role'),
    });
    expect(m.prose).toEqual([
      { file: CONTROL, line: 4, id: 'IAM-14', to: ['IAM-13'] },
      { file: POLICY, line: 18, id: 'IVS-03', to: ['I&S-03'] },
    ]);
    expect(after(m, CONTROL)).toContain('(CCM IAM-14, see IAM-MFA)');
  });

  it('leaves alone a file that names no id the crosswalk moves, even one that does not parse', () => {
    const m = migrated({ 'controls/iam/BROKEN.yaml': 'id: [unclosed\n', 'controls/iam/KEPT.yaml': 'id: KEPT\nmaps: { ccm: [IAM-01] }\n' });
    expect(m.files.map((f) => f.path)).not.toContain('controls/iam/BROKEN.yaml');
    expect(m.files.map((f) => f.path)).not.toContain('controls/iam/KEPT.yaml');
  });

  it('says so when there is no SSRM file to add the new controls to', () => {
    const m = migrated({ [SSRM]: null });
    expect(m.added).toEqual([]);
    expect(m.notes).toEqual(['no SSRM file (controls/responsibility/): the 11 controls new in CCM 4.1 got no entries; check reports the model as missing']);
  });

  it('keeps ids that are not CCM ids of the source version as they are, and says so', () => {
    const m = migrated({ [CONTROL]: patch(BASE_FILES[CONTROL]!, 'ccm: [IAM-14]', 'ccm: [IAM-14, XYZ-99]') });
    expect(after(m, CONTROL)).toContain('ccm: [IAM-13, XYZ-99]');
    expect(m.unknown).toEqual([{ id: 'XYZ-99', refs: [{ file: CONTROL, line: 14, owner: 'control IAM-MFA' }] }]);
  });

  it('takes the source version from the SSRM files when compliance.yaml was edited by hand, or from --from', () => {
    const handEdited = patch(BASE_FILES['compliance.yaml']!, 'version: "4.0.13"', 'version: "4.1"');
    const recorded = migrated({ 'compliance.yaml': handEdited, [SSRM]: patch(BASE_FILES[SSRM]!, 'framework: ccm\n', 'framework: ccm\nversion: "4.0.13"\n') });
    expect(after(recorded, 'compliance.yaml')).toBe(patch(handEdited, 'id: DCS-07', 'id: DCS-08'));
    expect(recorded.renumbered.map((r) => r.from)).toContain('IAM-14');
    expect(after(recorded, SSRM)).toContain('version: "4.1"\nassignments:\n  IAM-13:');
    // Without a recorded version the files cannot say; --from does.
    expect(migrated({ 'compliance.yaml': handEdited }).renumbered).toEqual([]);
    expect(migrated({ 'compliance.yaml': handEdited }, { from: '4.0.13' }).renumbered.map((r) => r.from)).toContain('IAM-14');
  });

  it('on a program already on 4.1 only records the version where it is missing', () => {
    const on41 = patch(BASE_FILES['compliance.yaml']!, 'version: "4.0.13"', 'version: "4.1"');
    const m = migrated({ 'compliance.yaml': on41 });
    expect(m.files.map((f) => f.path)).toEqual([SSRM]);
    expect(after(m, SSRM)).toBe(patch(BASE_FILES[SSRM]!, 'framework: ccm\n', 'framework: ccm\nversion: "4.1"\n'));
  });
});

describe('migrateProgram refuses in one line', () => {
  const refusal = (overrides: Record<string, string | null>, options: Partial<Parameters<typeof migrateProgram>[1]> = {}) =>
    migrateProgram(filesOf(overrides), { ccm: '4.1', ...options });

  it.each([
    ['an unshipped version', {}, { ccm: '5.0' }, 'usage', 'CCM version "5.0" is not one trustops ships (4.0.13, 4.0, 4, 4.1.0, 4.1)'],
    ['backwards', { [SSRM]: patch(BASE_FILES[SSRM]!, 'framework: ccm\n', 'framework: ccm\nversion: "4.1"\n') }, { ccm: '4.0.13' }, 'usage', 'cannot migrate CCM 4.1 → 4.0.13: trustops migrates CCM 4.0.13 → 4.1 only'],
    ['no compliance.yaml', { 'compliance.yaml': null }, {}, 'content', 'no compliance.yaml here: nothing says which CCM version the program is on'],
    ['a file it must edit that does not parse', { [CONTROL]: 'id: [unclosed\nmaps: { ccm: [IAM-14] }\n' }, {}, 'content', /^cannot migrate: controls\/iam\/IAM-MFA\.yaml:\d+ does not parse \(.+\); fix it first/],
    ['an SSRM file that does not parse', { [SSRM]: 'framework: ccm\nassignments: [\n' }, {}, 'content', /^cannot migrate: controls\/responsibility\/ccm\.yaml:\d+ does not parse/],
    [
      'SSRM files that disagree',
      { [SSRM]: patch(BASE_FILES[SSRM]!, 'framework: ccm\n', 'framework: ccm\nversion: "4.1"\n'), 'controls/responsibility/more.yaml': 'framework: ccm\nversion: "4.0.13"\nassignments: {}\n' },
      {},
      'content',
      /^the SSRM files record different CCM versions/,
    ],
    ['--from against a recorded version', { [SSRM]: patch(BASE_FILES[SSRM]!, 'framework: ccm\n', 'framework: ccm\nversion: "4.0.13"\n') }, { from: '4.1' }, 'usage', /^--from 4\.1 disagrees with controls\/responsibility\/ccm\.yaml/],
  ] as const)('%s', (_name, overrides, options, reason, message) => {
    const result = refusal(overrides, options);
    expect(result.refused).toBe(true);
    if (!result.refused) return;
    expect(result.reason).toBe(reason);
    if (typeof message === 'string') expect(result.message).toBe(message);
    else expect(result.message).toMatch(message);
    expect(result.message).not.toContain('\n');
  });
});
