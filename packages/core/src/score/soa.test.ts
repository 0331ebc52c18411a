import { getIso27001Catalog } from '@trustops/frameworks';
import { describe, expect, it } from 'vitest';
import { assess } from '../pipeline/assess.js';
import { buildSoaTable, renderSoaCsv } from '../render/soa.js';
import { BASE_FILES, BASE_TODAY } from '../testing/base-repo.js';
import { createInMemoryRepo, mergeFiles, type FileOverrides } from '../testing/in-memory-repo.js';
import { patch } from '../testing/patch.js';
import { RISK_BASE } from '../testing/risk-fixture.js';
import { fullSsrmFile } from '../testing/temp-repo.js';
import { readImportRows } from '../import/read-rows.js';
import { readTable } from '../import/table.js';
import { computeCcmCoverage } from './soa-import.js';
import { buildSoa } from './soa.js';

const EXCLUDE_74 = patch(RISK_BASE['compliance.yaml']!, 'exclusions:\n', 'exclusions:\n  - { framework: iso27001, id: "7.4", reason: "No premises of our own to monitor; AWS monitors its data centres." }\n');

async function soaOf(files: FileOverrides = {}) {
  const a = await assess(createInMemoryRepo(mergeFiles(BASE_FILES, { ...RISK_BASE, 'compliance.yaml': EXCLUDE_74, ...files })), { today: BASE_TODAY });
  return { a, soa: buildSoa(a.model, a.scope, a.readiness)! };
}

describe('the Statement of Applicability', () => {
  it('has one row per Annex A control, in catalog order, and counts that add up', async () => {
    const { soa } = await soaOf();
    expect(soa.rows.map((r) => r.id)).toEqual(getIso27001Catalog().requirements.map((r) => r.id));
    expect(soa.rows).toHaveLength(93);
    expect(soa.counts).toMatchObject({ applicable: 92, excluded: 1 });
    expect(soa.counts.implemented + soa.counts.partial + soa.counts.notImplemented + soa.counts.excluded).toBe(93);
  });

  it('an implemented row names its controls, their policies, the risks they treat and the CCM requirements that need it', async () => {
    const { soa } = await soaOf();
    // IAM-MFA maps 5.17 and carries out POL-ACCESS; R-001 is treated by IAM-MFA; CSA maps IAM-14 (and others) to 5.17.
    const row = soa.rows.find((r) => r.id === '5.17')!;
    expect(row).toMatchObject({ applicable: true, implementation: 'implemented', status: 'met', controls: ['IAM-MFA'], policies: ['POL-ACCESS'], risks: ['R-001'], theme: '5' });
    expect(row.requirements).toContain('IAM-14');
    expect(row.justification).toMatch(/^Applicable: treats risk R-001; required for CSA STAR: CSA maps CCM .*IAM-14.* to it\.$/);
  });

  it('an excluded row carries its reason from compliance.yaml and is not applicable, not a gap', async () => {
    const { a, soa } = await soaOf();
    expect(soa.rows.find((r) => r.id === '7.4')).toMatchObject({
      applicable: false,
      implementation: 'not applicable',
      status: 'excluded',
      justification: 'No premises of our own to monitor; AWS monitors its data centres.',
    });
    expect(a.readiness.frameworks.iso27001!.requirements.find((r) => r.id === '7.4')!.status).toBe('excluded');
  });

  it('an applicable row that nothing implements says so, and never invents a reason', async () => {
    const { soa } = await soaOf({ 'risks/R-001.yaml': null });
    const row = soa.rows.find((r) => r.id === '5.17')!;
    expect(row.risks).toEqual([]);
    const bare = soa.rows.find((r) => r.id === '8.34')!;
    expect(bare).toMatchObject({ applicable: true, implementation: 'not implemented', controls: [], policies: [], risks: [] });
    // CSA's mapping (map-ccm-v4-to-iso27001-2022.yaml) cites 8.34 for CEK-09 only.
    expect(bare.justification).toBe('Applicable: required for CSA STAR: CSA maps CCM CEK-09 to it.');
  });

  it('an inherited row names the vendor it is inherited from', async () => {
    const { soa } = await soaOf({ 'controls/responsibility/ccm.yaml': fullSsrmFile() });
    // CSA maps DCS-09, DCS-11 and DCS-15 (outsourced to AWS, vouched for) to Annex A 7.x controls as equivalents;
    // 7.1's equivalent is DCS-07, which compliance.yaml excludes, so 7.1 is not inherited.
    const inherited = soa.rows.filter((r) => r.status === 'inherited');
    expect(inherited.map((r) => r.id)).toEqual(expect.arrayContaining(['7.8']));
    for (const r of inherited) expect(r).toMatchObject({ implementation: 'implemented', vendors: ['aws'], controls: [] });
    expect(inherited[0]!.justification).toMatch(/carried by aws \(inherited\)\.$/);
    expect(soa.rows.find((r) => r.id === '7.1')!.status).toBe('gap');
  });

  it('writes a CSV that trustops gaps --from-soa reads back', async () => {
    const { soa } = await soaOf();
    const csv = renderSoaCsv(soa);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe(buildSoaTable(soa).columns.map((c) => c.header).join(','));
    const table = await readTable(new TextEncoder().encode(csv));
    if ('message' in table) throw new Error(table.message);
    const read = readImportRows(table, 'soa', { ccmVersion: '4.0.13' });
    expect(read.findings).toEqual([]);
    expect(read.rows).toHaveLength(93);
    const coverage = computeCcmCoverage(read);
    expect(coverage.findings).toEqual([]);
    expect(coverage.total).toBe(197);
  });
});
