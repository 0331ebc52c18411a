import { readFileSync } from 'node:fs';
import { getCcmCatalog } from '@trustops/frameworks';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRepo } from '../io/read-repo.js';
import { assess, type Assessment } from '../pipeline/assess.js';
import { BASE_FILES, BASE_TODAY } from '../testing/base-repo.js';
import { createInMemoryRepo, mergeFiles } from '../testing/in-memory-repo.js';
import { deriveComplementaryControls } from './complementary-controls.js';

const EXAMPLE = new URL('../../../../', import.meta.url).pathname;

interface RawAssignment {
  ownership: string;
  vendor?: string;
  csp?: string;
  csc?: string;
}

describe('CUECs and CSOCs of the example program, against its SSRM read on its own', () => {
  let a: Assessment;
  let ssrm: [string, RawAssignment][];
  beforeAll(async () => {
    a = await assess(await readRepo(EXAMPLE, { cache: false }), { today: '2026-12-01' });
    const raw = parse(readFileSync(`${EXAMPLE}controls/responsibility/ccm.yaml`, 'utf8')) as { assignments: Record<string, RawAssignment> };
    const order = getCcmCatalog('4.0.13').requirements.map((r) => r.id);
    ssrm = Object.entries(raw.assignments).sort(([x], [y]) => order.indexOf(x) - order.indexOf(y));
  });

  it('has one CUEC per csc: text (59), in CCM order, with the text as written', () => {
    const { cuecs } = deriveComplementaryControls(a.model, a.scope, a.readiness);
    const withCsc = ssrm.filter(([, x]) => x.csc);
    expect(cuecs).toHaveLength(59);
    expect(cuecs.map((c) => [c.ccm, c.text])).toEqual(withCsc.map(([id, x]) => [id, x.csc!.trim()]));
    expect(cuecs.map((c) => c.id)).toEqual(withCsc.map((_, i) => `CUEC-${String(i + 1).padStart(2, '0')}`));
  });

  it('has one CSOC per third-party row (32), with its vendor, what we rely on, and the report relied on', () => {
    const { csocs } = deriveComplementaryControls(a.model, a.scope, a.readiness);
    const thirdParty = ssrm.filter(([, x]) => x.ownership === 'third-party-outsourced' || x.ownership === 'shared-csp-third-party');
    expect(csocs).toHaveLength(32);
    expect(csocs.map((c) => [c.ccm, c.ownership, c.vendor, c.reliedOn])).toEqual(thirdParty.map(([id, x]) => [id, x.ownership, x.vendor, x.csp!.trim()]));
    // A SOC report's reader relies on the vendor's SOC 2 report, not on its certificate.
    const aws = csocs.find((c) => c.vendor === 'aws')!;
    expect(aws.attestation).toMatchObject({ type: 'soc2-type2', period: { start: '2025-10-01', end: '2026-09-30' }, reviewedOn: '2026-10-20' });
    expect(aws.covering.map((x) => x.type)).toEqual(['soc2-type2', 'bridge-letter']);
    expect(aws.coverageGaps).toEqual([]);
    // Datadog's report ends 2026-06-30 with no bridge letter: its CSOCs show the uncovered days.
    const datadog = csocs.find((c) => c.vendor === 'datadog')!;
    expect(datadog.coverageGaps).toEqual([{ start: '2026-07-01', end: '2026-12-01' }]);
  });
});

describe('what is left out', () => {
  it('a placeholder csc: tells customers nothing, and an excluded CCM control is not in the report', async () => {
    const ssrm = `${BASE_FILES['controls/responsibility/ccm.yaml']!}  IAM-02:\n    ownership: shared-csp-csc\n    csp: We review access.\n    csc: TODO\n  DCS-07:\n    ownership: third-party-outsourced\n    vendor: aws\n    csp: Inherited from AWS.\n`;
    const a = await assess(createInMemoryRepo(mergeFiles(BASE_FILES, { 'controls/responsibility/ccm.yaml': ssrm })), { today: BASE_TODAY });
    const { cuecs, csocs } = deriveComplementaryControls(a.model, a.scope, a.readiness);
    expect(cuecs.map((c) => c.ccm)).toEqual(['IAM-14']);
    expect(csocs.map((c) => c.ccm)).toEqual(['DCS-01']);
  });
});
