import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readImportRows, type ImportRead } from '../import/read-rows.js';
import { readTable, type Table } from '../import/table.js';
import type { ImportKind } from '../import/columns.js';
import { computeCcmCoverage } from './soa-import.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/imports/${name}`, import.meta.url)));
async function readFixture(bytes: Uint8Array, kind: ImportKind): Promise<ImportRead> {
  const table = (await readTable(bytes)) as Table;
  return readImportRows(table, kind, { ccmVersion: '4.0.13' });
}
const soa = () => readFixture(fixture('soa-small.csv'), 'soa');

// An independent reading of CSA's mapping, straight from the reference file, to check the import against.
interface RawEntry {
  ccm: string;
  gap_level: string;
  relationship: string;
  targets: string[];
}
const isoMapping = (
  parse(readFileSync(new URL('../../../frameworks/data/map-ccm-v4-to-iso27001-2022.yaml', import.meta.url), 'utf8')) as { mappings: RawEntry[] }
).mappings;

describe('ISO 27001 Statement of Applicability import', () => {
  const implemented = new Set(['5.2', '5.4', '5.29', '5.30', '5.35', '5.37', '6.2', '6.3', '6.6']); // 5.11 is not applicable, 5.36 not implemented

  it('reads ids with or without "A.", and reports rows it cannot use with their row and column', async () => {
    const { rows, findings } = await soa();
    expect(rows.filter((r) => r.applicable && r.status === 'implemented').flatMap((r) => r.requirements).sort()).toEqual([...implemented].sort());
    expect(findings).toEqual([
      {
        severity: 'error',
        row: 13,
        column: 'A',
        message: '"A.9.9" is not an Annex A control of ISO/IEC 27001:2022',
        hint: 'ISO/IEC 27001:2013 ids have three parts (A.9.4.2); 2022 ids run from 5.1 to 8.34.',
      },
    ]);
  });

  it('reports the CCM controls the SoA addresses, by hand: No Gap mappings whose targets are all implemented', async () => {
    const coverage = computeCcmCoverage(await soa());
    // Worked out from map-ccm-v4-to-iso27001-2022.yaml: e.g. BCR-02 -> [5.29, 5.30] No Gap; HRS-10 -> [6.2, 6.6] No Gap.
    const expectedAddressed = ['BCR-02', 'BCR-03', 'BCR-04', 'BCR-05', 'BCR-06', 'BCR-09', 'HRS-07', 'HRS-08', 'HRS-09', 'HRS-10', 'HRS-11', 'HRS-12', 'HRS-13'];
    const remaining = new Set(coverage.domains.flatMap((d) => d.remaining.map((r) => r.id)));
    const all = isoMapping.map((e) => e.ccm);
    expect(all.filter((id) => !remaining.has(id)).sort()).toEqual(expectedAddressed);
    expect(coverage.addressed).toBe(13);

    // Partial: any implemented target under a mapping that is not "Full Gap", not already addressed.
    const partial = isoMapping.filter(
      (e) => e.relationship !== 'no-relationship' && e.targets.some((t) => implemented.has(t)) && !expectedAddressed.includes(e.ccm),
    );
    expect(coverage.partial).toBe(partial.length);
    expect(coverage.total).toBe(197);
    expect(coverage.coverage).toBeCloseTo((13 + partial.length / 2) / 197, 10);
    // A partially covered control lists which targets are missing.
    const aa03 = coverage.domains.flatMap((d) => d.remaining).find((r) => r.id === 'A&A-03');
    expect(aa03).toEqual({
      id: 'A&A-03',
      title: 'Risk Based Planning Assessment',
      status: 'partial',
      gapLevel: 'No Gap',
      targets: [
        { id: '5.35', implemented: true },
        { id: '5.36', implemented: false },
      ],
    });
  });

  it('lists domains least covered first and leaves excluded controls out', async () => {
    const coverage = computeCcmCoverage(await soa(), { excluded: new Set(['BCR-02']) });
    expect(coverage.total).toBe(196);
    expect(coverage.addressed).toBe(12);
    const values = coverage.domains.map((d) => d.coverage);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });
});

describe('SOC 2 control matrix import', () => {
  it('maps implemented TSC criteria to CCM through CSA', async () => {
    const coverage = computeCcmCoverage(await readFixture(fixture('tsc-small.csv'), 'tsc-matrix'));
    expect(coverage.findings).toEqual([{ severity: 'error', row: 5, column: 'A', message: 'CC9.9 is not a criterion of the 2017 Trust Services Criteria', hint: 'Did you mean CC9.1?' }]);
    const byId = new Map(coverage.domains.flatMap((d) => d.remaining).map((r) => [r.id, r.status]));
    // IAM-01 -> [CC5.3, CC6.1, CC6.2, CC6.3] No Gap: CC5.3 missing, so partial. IAM-16 -> [CC6.1, CC6.2, CC6.3] No Gap: addressed.
    expect(byId.get('IAM-01')).toBe('partial');
    expect(byId.has('IAM-16')).toBe(false);
    expect(byId.get('IAM-14')).toBe('partial'); // Partial Gap, even with both targets implemented
  });

  it('rejects a file without a criteria column, at row 1', async () => {
    const read = await readFixture(new TextEncoder().encode('foo,bar\n1,2\n'), 'tsc-matrix');
    expect(read.rows).toEqual([]);
    expect(read.findings).toEqual([expect.objectContaining({ severity: 'error', row: 1, message: expect.stringMatching(/^no header row in the first 20 rows names the column of TSC criteria/) })]);
  });
});
