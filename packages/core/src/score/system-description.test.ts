import { describe, expect, it } from 'vitest';
import type { RevisionPair } from '../model/revisions.js';
import { preparePacket } from '../pipeline/packet.js';
import { BASE_FILES, BASE_TODAY } from '../testing/base-repo.js';
import { createInMemoryRepo, mergeFiles, type FileOverrides } from '../testing/in-memory-repo.js';
import { patch } from '../testing/patch.js';

const META = { commit: 'b'.repeat(40), version: 'v', createdAt: '2026-11-22T12:00:00Z', toolVersion: '0' };
const config = BASE_FILES['compliance.yaml']!;

const SYSTEM = `  services: ["Example Analytics, a multi-tenant analytics web application"]
  commitments: ["99.9% availability per month (SLA)"]
  system_requirements: ["RPO 1 hour"]
  components:
    infrastructure: [AWS eu-west-1]
    software: [The Example Analytics application]
    people: [12 engineers]
    procedures: [The policies and controls of this repository]
    data: ["Customer data sets"]
  boundaries: ["Inside: production in AWS; outside: customers' tenants"]
  incidents: []
  subservice_organizations: [{ vendor: aws, method: carve-out, services: Hosting }]
  user_entities: [Business customers who administer their own tenants]
`;

async function descriptionOf(files: FileOverrides, pair?: RevisionPair) {
  const input = await preparePacket(createInMemoryRepo(mergeFiles(BASE_FILES, files)), {
    meta: META,
    allowFindings: true,
    today: BASE_TODAY,
    ...(pair ? { readPeriodStart: async (start: string) => (start === '2026-01-01' ? { pair, base: { commit: 'c'.repeat(40), committedAt: '2025-12-30T10:00:00Z' }, fromFirstCommit: false } : undefined) } : {}),
  });
  return input.audit.system;
}

const section = (d: Awaited<ReturnType<typeof descriptionOf>>, id: string) => d.sections.find((s) => s.id === id)!;

describe('the system description (DC 200)', () => {
  it('lists every part compliance.yaml does not state as missing, and writes none of them', async () => {
    const d = await descriptionOf({});
    expect(d.sections.map((s) => s.id)).toEqual(['DC1', 'DC2', 'DC3', 'DC4', 'DC5', 'DC6', 'DC7', 'DC8', 'DC9']);
    expect(d.missing).toEqual([
      'DC 1 (system.services in compliance.yaml)',
      'DC 2 service commitments (system.commitments in compliance.yaml)',
      'DC 2 system requirements (system.system_requirements in compliance.yaml)',
      'DC 3 infrastructure (system.components.infrastructure in compliance.yaml)',
      'DC 3 software (system.components.software in compliance.yaml)',
      'DC 3 people (system.components.people in compliance.yaml)',
      'DC 3 procedures (system.components.procedures in compliance.yaml)',
      'DC 3 data (system.components.data in compliance.yaml)',
      'DC 3 system boundaries (system.boundaries in compliance.yaml)',
      'DC 4 (system.incidents in compliance.yaml (an empty list states that there were none))',
      'DC 6 user entities (system.user_entities in compliance.yaml)',
      'DC 7 (system.subservice_organizations in compliance.yaml (each vendor, and whether the report uses the carve-out or the inclusive method))',
      'DC 9 (the git history of the repository back to the start of the observation period (build the packet in a clone with its history))',
    ]);
    expect(section(d, 'DC1').parts[0]!.items).toEqual([]);
    // What trustops derives is there without asking: the criteria and their controls, the CUECs, DC 8.
    expect(section(d, 'DC5').parts[0]!.items[0]).toBe('Categories: security, availability (36 criteria, 0 not relevant).');
    expect(section(d, 'DC5').parts[0]!.items).toContain('CC6 Logical and Physical Access Controls: IAM-MFA');
    expect(section(d, 'DC6').parts[1]!.items[0]).toMatch(/^1 complementary user entity controls \(CUEC-01 to CUEC-01\)/);
    expect(section(d, 'DC7').parts[0]!.items).toEqual(['The shared-responsibility model also relies on Amazon Web Services, which system.subservice_organizations does not list.']);
    expect(section(d, 'DC8').parts[0]!.items).toEqual(['None: every criterion of the selected categories is relevant to the system (compliance.yaml excludes none).']);
  });

  it('takes what compliance.yaml states; a placeholder is no description', async () => {
    const d = await descriptionOf({ 'compliance.yaml': patch(patch(config, '  service_model: saas\n', `  service_model: saas\n${SYSTEM}`), '    people: [12 engineers]', '    people: [TBD]') });
    expect(d.missing).toEqual(['DC 3 people (system.components.people in compliance.yaml)', 'DC 9 (the git history of the repository back to the start of the observation period (build the packet in a clone with its history))']);
    expect(section(d, 'DC1').parts[0]!.items).toEqual(['Example Analytics, a multi-tenant analytics web application']);
    expect(section(d, 'DC4').parts[0]!.items[0]).toMatch(/^No system incident during 2026-01-01 to 2026-12-31 resulted from controls/);
    expect(section(d, 'DC7').parts[0]!.items).toEqual(['Amazon Web Services (carve-out method): Hosting; 1 complementary subservice organization control, relying on its soc2-type2 2025-10-01..2026-09-30, reviewed 2026-10-20.']);
  });

  it('lists the significant changes of the period from the changelog since its start', async () => {
    const head = createInMemoryRepo(mergeFiles(BASE_FILES));
    const base = createInMemoryRepo(mergeFiles(BASE_FILES, { 'controls/iam/IAM-MFA.yaml': patch(BASE_FILES['controls/iam/IAM-MFA.yaml']!, 'status: operating', 'status: implemented'), 'policies/access-control.md': patch(BASE_FILES['policies/access-control.md']!, 'version: 2.1.0', 'version: 2.0.0') }));
    const pair: RevisionPair = {
      base: { label: 'c'.repeat(40), commit: 'c'.repeat(40), input: base },
      head: { label: 'work tree', input: head },
      changes: [{ status: 'modified', path: 'controls/iam/IAM-MFA.yaml' }, { status: 'modified', path: 'policies/access-control.md' }],
      baseReason: 'given',
    };
    const d = await descriptionOf({}, pair);
    expect(section(d, 'DC9').parts[0]).toEqual({
      items: [
        'Changes since 2026-01-01: from commit cccccccccccc (2025-12-30T10:00:00Z), the last before the period began, to this packet\'s commit.',
        'Control IAM-MFA Phishing-resistant MFA for all workforce access: changed, status implemented → operating',
        'Policy POL-ACCESS Access Control Policy: version 2.0.0 → 2.1.0',
      ],
    });
    expect(d.missing).not.toContainEqual(expect.stringMatching(/^DC 9/));
  });

  it('a Type I description has no period to list changes for', async () => {
    const d = await descriptionOf({ 'compliance.yaml': patch(config, '    report: type2\n    period: { start: 2026-01-01, end: 2026-12-31 }', '    report: type1') });
    expect(section(d, 'DC9').parts[0]!.items).toEqual(['Not applicable: a Type I description is as of a date, not over a period.']);
  });
});
