import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { computeCcmCoverage, parseImportCsv } from './soa-import.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/imports/${name}`, import.meta.url), 'utf8');

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

  it('reads ids with or without "A.", and reports rows it cannot use with their line', () => {
    const { rows, problems } = parseImportCsv(fixture('soa-small.csv'), 'iso27001');
    expect(rows.filter((r) => r.applicable && r.implemented === true).map((r) => r.id).sort()).toEqual([...implemented].sort());
    expect(problems).toEqual([{ line: 13, message: '"A.9.9" is not an id of ISO/IEC 27001:2022 Annex A; did you mean 5.9?' }]);
  });

  it('reports the CCM controls the SoA addresses, by hand: No Gap mappings whose targets are all implemented', () => {
    const coverage = computeCcmCoverage(fixture('soa-small.csv'), 'iso27001');
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

  it('lists domains least covered first and leaves excluded controls out', () => {
    const coverage = computeCcmCoverage(fixture('soa-small.csv'), 'iso27001', { excluded: new Set(['BCR-02']) });
    expect(coverage.total).toBe(196);
    expect(coverage.addressed).toBe(12);
    const values = coverage.domains.map((d) => d.coverage);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });
});

describe('SOC 2 control matrix import', () => {
  it('maps implemented TSC criteria to CCM through CSA', () => {
    const coverage = computeCcmCoverage(fixture('tsc-small.csv'), 'tsc');
    expect(coverage.problems).toEqual([{ line: 5, message: '"CC9.9" is not an id of AICPA Trust Services Criteria; did you mean CC9.1?' }]);
    const byId = new Map(coverage.domains.flatMap((d) => d.remaining).map((r) => [r.id, r.status]));
    // IAM-01 -> [CC5.3, CC6.1, CC6.2, CC6.3] No Gap: CC5.3 missing, so partial. IAM-16 -> [CC6.1, CC6.2, CC6.3] No Gap: addressed.
    expect(byId.get('IAM-01')).toBe('partial');
    expect(byId.has('IAM-16')).toBe(false);
    expect(byId.get('IAM-14')).toBe('partial'); // Partial Gap, even with both targets implemented
  });

  it('rejects a file without an id column', () => {
    expect(computeCcmCoverage('foo,bar\n1,2\n', 'tsc').problems).toEqual([
      { line: 1, message: 'the header needs an id column (e.g. "Annex A id" or "TSC") and an "implemented" column' },
    ]);
  });
});
