import { describe, expect, it } from 'vitest';
import { assess } from '../pipeline/assess.js';
import { BASE_FILES, BASE_TODAY } from '../testing/base-repo.js';
import { createInMemoryRepo, mergeFiles, type FileOverrides } from '../testing/in-memory-repo.js';
import { patch } from '../testing/patch.js';
import { buildVendorRegister } from './vendor-register.js';

const AWS = 'controls/vendors/aws.yaml';
const aws = BASE_FILES[AWS]!;

async function registerOf(files: FileOverrides = {}, today = BASE_TODAY) {
  const a = await assess(createInMemoryRepo(mergeFiles(BASE_FILES, files)), { today });
  return buildVendorRegister(a.model, a.readiness);
}

describe('the vendor register', () => {
  it("covers the observation period so far with AWS's fall report and its bridge letter, merged and cut at today", async () => {
    const [row] = await registerOf();
    expect(row).toMatchObject({
      id: 'aws',
      vouched: true,
      coverage: { required: { start: '2026-01-01', end: '2026-11-22' }, covered: [{ start: '2026-01-01', end: '2026-11-22' }], gaps: [] },
      ssrm: ['DCS-01'],
    });
    expect(row!.attestations.map((x) => [x.type, x.current, x.until, x.relied, x.covering])).toEqual([
      ['soc2-type2', true, '2027-09-30', false, true],
      ['iso27001', true, '2027-11-07', true, false],
      ['bridge-letter', true, '2026-12-31', false, true],
    ]);
  });

  it('without the bridge letter, the days after the report are uncovered', async () => {
    const [row] = await registerOf({ [AWS]: patch(aws, /  - type: bridge-letter\n[\s\S]*$/, '') });
    expect(row!.coverage).toEqual({ required: { start: '2026-01-01', end: '2026-11-22' }, covered: [{ start: '2026-01-01', end: '2026-09-30' }], gaps: [{ start: '2026-10-01', end: '2026-11-22' }] });
  });

  it('a bridge letter nobody reviewed covers nothing, and says why', async () => {
    const [row] = await registerOf({ [AWS]: patch(aws, '    reviewed_on: 2026-11-05\n', '') });
    expect(row!.coverage!.gaps).toEqual([{ start: '2026-10-01', end: '2026-11-22' }]);
    expect(row!.attestations[2]).toMatchObject({ type: 'bridge-letter', current: false, covering: false, problem: 'we have not recorded a review of it (reviewed_on missing)' });
  });

  it('records our last review, when the next is due, and the controls that depend on the vendor', async () => {
    const okta = 'id: okta\nname: Okta\nkind: tool\nreview_every: semiannual\nreviews:\n  - { on: 2026-03-02, by: Ellen Brody, outcome: approved }\n  - { on: 2026-08-31, by: Ellen Brody, outcome: approved-with-conditions }\n';
    const control = patch(BASE_FILES['controls/iam/IAM-MFA.yaml']!, 'policies: [POL-ACCESS]', 'policies: [POL-ACCESS]\nvendors: [okta]');
    const rows = await registerOf({ 'controls/vendors/okta.yaml': okta, 'controls/iam/IAM-MFA.yaml': control });
    expect(rows.map((r) => r.id)).toEqual(['aws', 'okta']);
    expect(rows[1]).toMatchObject({ lastReview: { on: '2026-08-31', by: 'Ellen Brody', outcome: 'approved-with-conditions' }, nextReview: '2027-02-28', controls: ['IAM-MFA'], ssrm: [], vouched: true });
  });
});
