import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildXlsxFixture } from '@trustops/core/testing';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './main.js';

const root = new URL('../../../', import.meta.url).pathname;
const fixtures = new URL('../../core/test/fixtures/imports/', import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function tempDir(withExample = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'trustops-import-'));
  dirs.push(dir);
  if (withExample) for (const part of ['compliance.yaml', 'controls', 'policies', 'evidence', 'risks']) cpSync(join(root, part), join(dir, part), { recursive: true });
  return dir;
}

async function cli(dir: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, env: {}, isTty: false });
  return { status, stdout, stderr };
}

interface ControlFile {
  id: string;
  title: string;
  description: string;
  owner: string;
  status: string;
  frequency?: string;
  maps: Record<string, string[]>;
}
const controlsIn = (dir: string): Map<string, ControlFile> =>
  new Map(
    readdirSync(join(dir, 'controls/imported'))
      .sort()
      .map((name) => {
        const data = parse(readFileSync(join(dir, 'controls/imported', name), 'utf8')) as ControlFile;
        return [data.id, data];
      }),
  );

async function checkJson(dir: string) {
  const { stdout } = await cli(dir, ['check', '--today', '2026-12-01', '--format', 'json']);
  return (JSON.parse(stdout) as { findings: { ruleId: string; severity: string; file: string; message: string }[] }).findings;
}

/** What no import may leave: files that do not parse or validate, or are misnamed. */
const brokenFileRules = ['yaml/syntax', 'yaml/duplicate-key', 'schema/invalid', 'schema/unknown-field', 'id/file-name', 'id/duplicate'];

describe('trustops import tsc-matrix: a SOC 2 control matrix with "Control #" first and several criteria per cell', () => {
  it('writes one control per Control #, prints what it could not read first, with row and column', async () => {
    const dir = tempDir();
    const { status, stdout } = await cli(dir, ['import', 'tsc-matrix', join(fixtures, 'soc2-control-matrix.csv')]);
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('soc2-control-matrix.csv:13:C  error    CC9.9 is not a criterion of the 2017 Trust Services Criteria');
    expect(lines[2]).toBe('soc2-control-matrix.csv:15:C  error    no TSC criteria in this row: it is left out');
    expect(lines[4]).toBe('soc2-control-matrix.csv:12:F  warning  cannot read "maybe" as implemented, partial, no or n/a: imported as planned');
    expect(stdout).toContain('Wrote 10 controls (7 implemented, 3 planned) from 11 rows, 1 exclusion, 0 SSRM entries.');
    const controls = controlsIn(dir);
    expect([...controls.keys()]).toEqual(['C-01', 'C-02', 'C-03', 'C-04', 'C-05', 'C-06', 'C-07', 'C-08', 'C-10', 'C-11']);
    expect(Object.fromEntries([...controls].map(([id, c]) => [id, c.maps['tsc']]))).toEqual({
      'C-01': ['CC1.2', 'CC2.2'],
      'C-02': ['CC1.1', 'CC1.4', 'CC2.2'],
      'C-03': ['CC6.1', 'CC6.6'],
      'C-04': ['CC6.2', 'CC6.3'],
      'C-05': ['CC8.1'],
      'C-06': ['CC7.1', 'CC7.2'],
      'C-07': ['A1.2', 'A1.3'],
      'C-08': ['C1.1'],
      'C-10': ['CC7.3', 'CC7.4', 'CC7.5'],
      'C-11': ['CC9.2'],
    });
    expect(Object.fromEntries([...controls].map(([id, c]) => [id, c.status]))).toMatchObject({ 'C-04': 'planned', 'C-06': 'planned', 'C-11': 'planned', 'C-03': 'implemented' });
    expect(controls.get('C-02')).toMatchObject({ owner: 'People Ops', frequency: 'per-event', description: 'New hires sign the code of conduct and complete security awareness training within 30 days of joining.' });
    expect(controls.get('C-05')?.frequency).toBe('per-event');
    // Through CSA's mapping: CCM IAM-13 (v4.1 Strong Authentication) maps to CC6.1 and CC6.6, both carried by C-03.
    expect(controls.get('C-03')?.maps['ccm']).toContain('IAM-13');
    // The N/A row (C-09, CC6.4) became an exclusion, to be justified; a new compliance.yaml scopes what the file names.
    const config = parse(readFileSync(join(dir, 'compliance.yaml'), 'utf8')) as { frameworks: { tsc: { categories: string[] } }; exclusions: unknown[] };
    expect(config.frameworks.tsc.categories).toEqual(['security', 'availability', 'confidentiality']);
    expect(config.exclusions).toEqual([{ framework: 'tsc', id: 'CC6.4', reason: 'TODO: why CC6.4 does not apply (soc2-control-matrix.csv row 10 gave no reason)' }]);
    const findings = await checkJson(dir);
    expect(findings.filter((f) => brokenFileRules.includes(f.ruleId))).toEqual([]);
  });

  it('never overwrites: a second import keeps every file and says so', async () => {
    const dir = tempDir();
    await cli(dir, ['import', 'tsc-matrix', join(fixtures, 'soc2-control-matrix.csv')]);
    const before = readFileSync(join(dir, 'controls/imported/C-03.yaml'), 'utf8');
    writeFileSync(join(dir, 'controls/imported/C-03.yaml'), before.replace('owner: IT Operations', 'owner: Platform team'));
    const again = await cli(dir, ['import', 'tsc-matrix', join(fixtures, 'soc2-control-matrix.csv')]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Nothing new to write.');
    expect(again.stdout).toMatch(/Kept as they are \(they exist already\): control C-01 \(controls\/imported\/C-01\.yaml\), rows 2;/);
    expect(readFileSync(join(dir, 'controls/imported/C-03.yaml'), 'utf8')).toContain('owner: Platform team');
  });

  it('--dry-run writes nothing', async () => {
    const dir = tempDir();
    const { status, stdout } = await cli(dir, ['import', 'tsc-matrix', join(fixtures, 'soc2-control-matrix.csv'), '--dry-run']);
    expect(status).toBe(0);
    expect(stdout).toContain('Would write 10 controls');
    expect(stdout).toContain('Dry run: nothing was written.');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('gaps --from-tsc reads the same matrix: findings first, coverage above zero', async () => {
    const { status, stdout } = await cli(tempDir(), ['gaps', '--from-tsc', join(fixtures, 'soc2-control-matrix.csv')]);
    expect(status).toBe(1);
    expect(stdout.startsWith('soc2-control-matrix.csv:13:C  error')).toBe(true);
    const percent = /(\d+\.\d)% of CCM already addressed/.exec(stdout);
    expect(Number(percent?.[1])).toBeGreaterThan(5);
  });
});

describe('trustops import soa', () => {
  it('reads a ";" CSV in Windows-1252 into the example program, merging its exclusions into compliance.yaml', async () => {
    const dir = tempDir(true);
    const configBefore = readFileSync(join(dir, 'compliance.yaml'), 'utf8');
    const { status, stdout } = await cli(dir, ['import', 'soa', join(fixtures, 'soa-2022-semicolon-cp1252.csv')]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Read soa-2022-semicolon-cp1252\.csv: CSV \(windows-1252, ";"-separated\), header in row 1;/);
    const controls = controlsIn(dir);
    expect([...controls.keys()]).toEqual(['ISO-5-1', 'ISO-5-10', 'ISO-5-15', 'ISO-5-18', 'ISO-5-2', 'ISO-8-12', 'ISO-8-5']);
    expect(controls.get('ISO-5-1')).toMatchObject({ title: 'Policies for information security', owner: 'Jörg Müller', status: 'implemented', maps: { iso27001: ['5.1'] } });
    expect(controls.get('ISO-5-10')).toMatchObject({ status: 'planned', owner: 'Ana Lucía Peña' });
    expect(controls.get('ISO-8-12')?.description).toContain('Budget 2027 (~ 40 000 €)');
    // compliance.yaml: the original text untouched, one exclusion appended to its list (the example already
    // excludes 7.4 with its own reason, which the import keeps).
    const configAfter = readFileSync(join(dir, 'compliance.yaml'), 'utf8');
    const added = configAfter.split('\n').filter((l) => !configBefore.split('\n').includes(l));
    expect(added).toEqual([
      '  - { framework: iso27001, id: "7.1", reason: "Keine eigenen Rechenzentren: hosting only at AWS Frankfurt, whose SOC 2 report we review yearly" }',
    ]);
    expect(configAfter.replace(added.map((l) => `${l}\n`).join(''), '')).toBe(configBefore);
    const findings = await checkJson(dir);
    expect(findings.filter((f) => brokenFileRules.includes(f.ruleId))).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'mapping/unknown-requirement')).toEqual([]);
  });

  it('reads an .xlsx SoA: the sheet with a header under a title row, 2022 ids as text and as numbers', async () => {
    const dir = tempDir();
    const xlsx = buildXlsxFixture([
      { name: 'Cover', cells: { A1: 'Northwind Cloud Ltd', A2: 'Statement of Applicability, version 3' } },
      {
        name: 'SoA 2022',
        cells: {
          A1: 'Statement of Applicability (ISO/IEC 27001:2022)',
          A3: 'Annex A Control ID', B3: 'Control', C3: 'Applicable (Y/N)', D3: 'Implementation status', E3: 'Reason for selection', F3: 'Control owner', G3: 'Last reviewed',
          A4: 'A.5.1', B4: 'Policies for information security', C4: true, D4: { rich: ['Implemented', ' (policy set v4)'] }, E4: 'Required by the ISMS', F4: 'CISO', G4: new Date(Date.UTC(2026, 2, 31)),
          A5: 5.1, B5: 'Acceptable use', C5: 'Y', D5: 'In progress', E5: 'Risk R-12', F5: 'CISO',
          A6: 'A.8.24', B6: 'Use of cryptography', C6: 'Yes', D6: 'Implemented', E6: 'Customer data is encrypted', F6: 'Platform',
          A8: 'A.7.4', B8: 'Physical security monitoring', C8: 'N', D8: 'N/A', E8: 'No premises: all hosting at AWS, monitored by AWS', F8: '',
        },
      },
    ]);
    writeFileSync(join(dir, 'soa.xlsx'), xlsx);
    const { status, stdout } = await cli(dir, ['import', 'soa', 'soa.xlsx']);
    expect(status).toBe(0);
    // 5.1 stored as a number might be 5.10: said first, at its cell.
    expect(stdout.split('\n')[0]).toBe('soa.xlsx:5:A  warning  5.1 is stored as a number, read as 5.1 (a spreadsheet shows 5.10 typed as a number as 5.1)');
    expect(stdout).toContain('Read soa.xlsx: sheet "SoA 2022" of an .xlsx workbook, header in row 3;');
    const controls = controlsIn(dir);
    expect([...controls.keys()]).toEqual(['ISO-5-1', 'ISO-8-24']);
    expect(controls.get('ISO-5-1')?.status).toBe('planned'); // rows 4 (implemented) and 5 (in progress) both name 5.1
    expect(controls.get('ISO-8-24')).toMatchObject({ status: 'implemented', owner: 'Platform', title: 'Use of cryptography' });
    const config = parse(readFileSync(join(dir, 'compliance.yaml'), 'utf8')) as { frameworks: Record<string, unknown>; exclusions: unknown[] };
    expect(Object.keys(config.frameworks)).toEqual(['ccm', 'iso27001']);
    expect(config.exclusions).toEqual([{ framework: 'iso27001', id: '7.4', reason: 'No premises: all hosting at AWS, monitored by AWS' }]);
    // --sheet names another sheet: its rows are read, and there is nothing to read there.
    const cover = await cli(tempDir(), ['import', 'soa', join(dir, 'soa.xlsx'), '--sheet', 'Cover']);
    expect(cover.status).toBe(1);
    expect(cover.stdout).toMatch(/^soa\.xlsx:1  error    no header row in the first 20 rows names the column of ISO 27001 Annex A controls/);
    const missing = await cli(tempDir(), ['import', 'soa', join(dir, 'soa.xlsx'), '--sheet', 'Risks']);
    expect(missing.stdout).toContain('no sheet "Risks" in the workbook');
  });

  it('translates an ISO/IEC 27001:2013 SoA through ISO/IEC 27002:2022 Annex B and says what was translated, merged or split', async () => {
    const dir = tempDir();
    const { status, stdout } = await cli(dir, ['import', 'soa', join(fixtures, 'soa-iso27001-2013.csv')]);
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe('soa-iso27001-2013.csv:13:A  error    "A.9.9.9" is not an Annex A control of ISO/IEC 27001:2013 (three parts, A.5.1.1 to A.18.2.3)');
    expect(stdout).toContain('3 heading rows skipped');
    expect(stdout).toContain(
      [
        'ISO/IEC 27001:2013 ids, through ISO/IEC 27002:2022 Annex B:',
        '  A.6.1.3 → 5.5 (translated; row 7)',
        '  A.9.4.2 → 8.5 (translated; row 9)',
        '  A.11.1.1 → 7.1 (translated; row 10)',
        '  A.18.2.3 → 5.36, 8.8 (split; row 12)',
        '  A.5.1.1 + A.5.1.2 → 5.1 (merged)',
        '  A.12.6.1 + A.18.2.3 → 8.8 (merged)',
      ].join('\n'),
    );
    const controls = controlsIn(dir);
    expect([...controls.keys()]).toEqual(['ISO-5-1', 'ISO-5-36', 'ISO-5-5', 'ISO-8-5', 'ISO-8-8']);
    expect(controls.get('ISO-5-1')?.status).toBe('implemented');
    expect(controls.get('ISO-8-8')?.status).toBe('planned'); // A.18.2.3 is partial
    expect(readFileSync(join(dir, 'controls/imported/ISO-5-1.yaml'), 'utf8')).toContain('# ISO/IEC 27001:2013 A.5.1.1 (merged), A.5.1.2 (merged), as ISO/IEC 27002:2022 Annex B maps it.');
    const config = parse(readFileSync(join(dir, 'compliance.yaml'), 'utf8')) as { exclusions: unknown[] };
    expect(config.exclusions).toEqual([{ framework: 'iso27001', id: '7.1', reason: 'No premises of our own: hosted at AWS' }]);
    const gaps = await cli(dir, ['gaps', '--from-soa', join(fixtures, 'soa-iso27001-2013.csv')]);
    expect(gaps.stdout).toMatch(/of CCM already addressed/);
  });

  it('an unreadable SoA exits 1 with its row and column findings first, never a 0.0% coverage', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.csv'), 'Annex A control,Implemented\nPolicies,Yes\nA.99.1,Yes\nA.5.1.9,Yes\n');
    const imported = await cli(dir, ['import', 'soa', 'bad.csv']);
    expect(imported.status).toBe(1);
    expect(imported.stdout.split('\n').filter((l) => /^bad\.csv:/.test(l))).toEqual([
      'bad.csv:2:A  error    "Policies" is not an ISO/IEC 27001 Annex A control id',
      'bad.csv:3:A  error    "A.99.1" is not an Annex A control of ISO/IEC 27001:2022',
      'bad.csv:4:A  error    "A.5.1.9" is not an Annex A control of ISO/IEC 27001:2013 (three parts, A.5.1.1 to A.18.2.3)',
    ]);
    expect(imported.stderr).toMatch(/^trustops import: nothing could be read from bad\.csv/);
    expect(existsSync(join(dir, 'compliance.yaml'))).toBe(false);
    const gaps = await cli(dir, ['gaps', '--from-soa', 'bad.csv']);
    expect(gaps.status).toBe(1);
    expect(gaps.stdout).toBe('');
    expect(gaps.stderr.startsWith('bad.csv:2:A  error')).toBe(true);
    expect(gaps.stderr).not.toMatch(/0\.0%/);
  });

  it('finds columns it cannot guess with --columns, by header or by letter', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'odd.csv'), 'Ctl;Item;Done;Who\n1;A.5.1;Y;CISO\n2;A.5.2;N;CISO\n');
    const guessed = await cli(dir, ['import', 'soa', 'odd.csv', '--dry-run']);
    expect(guessed.status).toBe(1);
    const given = await cli(dir, ['import', 'soa', 'odd.csv', '--columns', 'requirements=Item,status=C,owner="Who"']);
    expect(given.status).toBe(0);
    expect(given.stdout).toContain('columns: requirements B (Item), status C (Done), owner D (Who)');
    expect([...controlsIn(dir).values()].map((c) => `${c.id} ${c.status}`)).toEqual(['ISO-5-1 implemented', 'ISO-5-2 planned']);
    const bad = await cli(dir, ['import', 'soa', 'odd.csv', '--columns', 'colour=B']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--columns: "colour" is not a field/);
  });
});

describe('trustops import ccm-matrix', () => {
  it('writes SSRM entries from the ownership columns and an SSRM file that records its version', async () => {
    const dir = tempDir();
    const { status, stdout } = await cli(dir, ['import', 'ccm-matrix', join(fixtures, 'ccm-matrix-caiq.csv')]);
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe('ccm-matrix-caiq.csv:6:A  error    LOG-99 is not a control of CCM 4.1');
    const ssrm = parse(readFileSync(join(dir, 'controls/responsibility/ccm.yaml'), 'utf8')) as { version: string; assignments: Record<string, unknown> };
    expect(ssrm.version).toBe('4.1');
    expect(ssrm.assignments).toEqual({
      'IAM-13': { ownership: 'shared-csp-csc', csp: 'All workforce access requires phishing-resistant MFA through Okta.', csc: 'Customers enforce MFA for the users of their tenants.' },
      'CEK-03': { ownership: 'csp-owned', csp: 'Data at rest is encrypted with AES-256 keys in AWS KMS.' },
    });
    expect([...controlsIn(dir).keys()]).toEqual(['CCM-CEK-03', 'CCM-IAM-13']);
    const config = parse(readFileSync(join(dir, 'compliance.yaml'), 'utf8')) as { exclusions: { id: string }[] };
    expect(config.exclusions.map((e) => e.id)).toEqual(['DCS-02']);
  });

  it('reads a CCM 4.0.13 matrix into a 4.1 program through the crosswalk with --ccm-version', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'caiq-403.csv'), 'Question ID,CSP CAIQ Answer,SSRM Control Ownership,CSP Implementation Description\nIAM-14.1,Yes,CSP-owned,Phishing-resistant MFA for every workforce account.\nIAM-12.1,Yes,CSP-owned,Log integrity.\n');
    const { status, stdout } = await cli(dir, ['import', 'ccm-matrix', 'caiq-403.csv', '--ccm-version', '4.0.13']);
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe('caiq-403.csv:3  warning  IAM-12 (CCM 4.0.13) has no successor in CCM 4.1: left out');
    const ssrm = parse(readFileSync(join(dir, 'controls/responsibility/ccm.yaml'), 'utf8')) as { assignments: Record<string, unknown> };
    expect(Object.keys(ssrm.assignments)).toEqual(['IAM-13']);
  });
});
