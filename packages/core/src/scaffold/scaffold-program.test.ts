import { getCcmCatalog } from '@trustops/frameworks';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkRepo } from '../pipeline/check.js';
import { createInMemoryRepo } from '../testing/in-memory-repo.js';
import { CLOUD_VENDORS, type InitChoices } from './init-options.js';
import { proposeAssignment } from './ownership.js';
import { scaffoldProgram, updateGitignore } from './scaffold-program.js';

const TODAY = '2026-12-01';
const BASE: InitChoices = {
  serviceModel: 'saas',
  cloud: 'gcp',
  ccmVersion: '4.1',
  lite: false,
  tsc: { categories: ['security'], report: 'type1' },
  iso27001: false,
  today: TODAY,
  schemaDir: 'node_modules/@trustops/cli/schemas',
  packageManager: 'npm',
  gitPrefix: '',
};

async function checkScaffold(choices: InitChoices) {
  const files = scaffoldProgram(choices).filter((f) => f.root === 'repo');
  const result = await checkRepo(createInMemoryRepo(new Map(files.map((f) => [f.path, f.text]))), { today: TODAY });
  return { files, result };
}

const VARIANTS: [string, Partial<InitChoices>][] = [
  ['SaaS on Google Cloud, CCM 4.1, SOC 2 Type I', {}],
  ['SaaS on AWS, CCM 4.0.13, SOC 2 Type II with ISO 27001', { cloud: 'aws', ccmVersion: '4.0.13', iso27001: true, tsc: { categories: ['security', 'availability', 'confidentiality'], report: 'type2', period: { start: '2026-07-01', end: '2027-06-30' } } }],
  ['PaaS on Azure, CCM-Lite, no SOC 2', { serviceModel: 'paas', cloud: 'azure', lite: true, tsc: undefined }],
  ['IaaS with no cloud under it, every TSC category, Type I as of a date', { serviceModel: 'iaas', cloud: 'none', tsc: { categories: ['security', 'availability', 'processing_integrity', 'confidentiality', 'privacy'], report: 'type1', asOf: '2027-03-31' }, iso27001: true }],
];

describe('trustops init: the program it scaffolds', () => {
  it.each(VARIANTS)('%s: check finds no error, only placeholders and what follows from them', async (_name, overrides) => {
    const { result } = await checkScaffold({ ...BASE, ...overrides });
    const errors = result.findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.message}`);
    expect(errors).toEqual([]);
    expect(result.summary.passed).toBe(true);
    const rules = new Set(result.findings.map((f) => f.ruleId));
    expect(rules.has('content/placeholder')).toBe(true);
    // Nothing out of scope or unknown: every id init wrote belongs to the configured catalogs.
    // (Type II: the cloud's report does not cover the observation period yet, also a warning. The starter
    // risk was never reviewed and its control is only planned: warnings that say what is left to do.)
    const expected = ['content/placeholder', 'vendor/attestation-expired', 'vendor/coverage-gap', 'risk/review-overdue', 'risk/no-control'];
    for (const ruleId of rules) expect(expected).toContain(ruleId);
    expect(result.findings.filter((f) => f.file === 'risks/R-001.yaml').map((f) => f.ruleId).sort()).toEqual(['content/placeholder', 'content/placeholder', 'content/placeholder', 'risk/no-control', 'risk/review-overdue']);
  });

  it('every in-scope CCM control has an SSRM entry, and the SSRM records the CCM version of its ids', async () => {
    const { files } = await checkScaffold(BASE);
    const ssrm = parse(files.find((f) => f.path === 'controls/responsibility/ccm.yaml')!.text) as { version: string; assignments: Record<string, unknown> };
    expect(ssrm.version).toBe('4.1');
    expect(Object.keys(ssrm.assignments)).toEqual(getCcmCatalog('4.1').requirements.map((r) => r.id));
    const lite = await checkScaffold({ ...BASE, lite: true });
    const liteSsrm = parse(lite.files.find((f) => f.path === 'controls/responsibility/ccm.yaml')!.text) as { assignments: Record<string, unknown> };
    expect(Object.keys(liteSsrm.assignments)).toHaveLength(96);
  });

  it('readiness right after init is honest: near zero, nothing met', async () => {
    const { result } = await checkScaffold(BASE);
    const { readiness } = result.assessment;
    for (const fw of Object.values(readiness.frameworks)) {
      expect(fw!.requirements.filter((r) => r.status === 'met' || r.status === 'inherited')).toEqual([]);
      expect(fw!.readiness).toBeLessThan(0.1);
    }
    // What is outsourced to the cloud earns nothing while its attestation is a placeholder nobody reviewed:
    // not even half (an auditor gives no credit on the word of a vendor whose report nobody has read).
    const outsourced = readiness.frameworks.ccm!.requirements.filter((r) => r.reasons.some((x) => x.kind === 'ssrm' && /outsourced to a third party/.test(x.note)));
    expect(outsourced).toHaveLength(18);
    for (const r of outsourced) expect(r.status, r.id).toBe('gap');
  });

  it('writes a modeline relative to each file that reaches the schemas', () => {
    const files = scaffoldProgram(BASE);
    const line = (path: string) => files.find((f) => f.path === path)!.text.split('\n')[0];
    expect(line('compliance.yaml')).toBe('# yaml-language-server: $schema=node_modules/@trustops/cli/schemas/compliance.schema.json');
    expect(line('controls/responsibility/ccm.yaml')).toBe('# yaml-language-server: $schema=../../node_modules/@trustops/cli/schemas/responsibility.schema.json');
    expect(line('controls/vendors/google-cloud.yaml')).toBe('# yaml-language-server: $schema=../../node_modules/@trustops/cli/schemas/vendor.schema.json');
  });

  it('is deterministic: the same choices give the same bytes', () => {
    expect(scaffoldProgram(BASE)).toEqual(scaffoldProgram({ ...BASE }));
  });
});

describe('the SSRM init proposes from CSA typical ownership', () => {
  const v41 = getCcmCatalog('4.1');
  const v40 = getCcmCatalog('4.0.13');
  const gcp = CLOUD_VENDORS.gcp;
  const propose = (id: string, catalog = v41, model: 'saas' | 'paas' | 'iaas' = 'saas', cloud: typeof gcp | undefined = gcp) => proposeAssignment(catalog.get(id)!, model, cloud);

  it("outsources the physical data center to the cloud's vendor, in both CCM versions", () => {
    for (const [catalog, ids] of [
      [v41, ['DCS-01', 'DCS-08', 'DCS-18', 'BCR-11', 'LOG-13']],
      [v40, ['DCS-01', 'DCS-07', 'DCS-15', 'BCR-11', 'LOG-12']],
    ] as const) {
      for (const id of ids) expect(propose(id, catalog), `${catalog.version} ${id}`).toMatchObject({ ownership: 'third-party-outsourced', vendor: 'google-cloud' });
    }
    // Asset classification and cataloguing are Shared for every model in CSA's columns: ours to do.
    expect(propose('DCS-06')).toMatchObject({ ownership: 'shared-csp-csc' });
    expect(propose('DCS-06').vendor).toBeUndefined();
  });

  it('shares the virtualization layer with the cloud for SaaS and PaaS, not for an IaaS provider', () => {
    expect(propose('I&S-04')).toMatchObject({ ownership: 'shared-csp-third-party', vendor: 'google-cloud' });
    expect(propose('IVS-04', v40)).toMatchObject({ ownership: 'shared-csp-third-party', vendor: 'google-cloud' });
    // I&S-03 Network Security is Shared for PaaS (CSA): ours and the customers'.
    expect(propose('I&S-03', v41, 'paas')).toMatchObject({ ownership: 'shared-csp-csc' });
    expect(propose('I&S-04', v41, 'iaas')).toMatchObject({ ownership: 'shared-csp-csc' });
    // I&S-05 (Production and Non-Production Environments) is Shared in every column.
    expect(propose('I&S-05')).toMatchObject({ ownership: 'shared-csp-csc' });
  });

  it("follows CSA's column for the service model everywhere else, and without a cloud", () => {
    expect(propose('IAM-13')).toMatchObject({ ownership: 'shared-csp-csc', basis: 'CSA, SaaS: Shared' });
    expect(propose('AIS-04')).toMatchObject({ ownership: 'csp-owned' });
    expect(propose('AIS-04', v41, 'paas')).toMatchObject({ ownership: 'shared-csp-csc' });
    // CSA's one CSC-Owned entry (DSP-17, SaaS), kept verbatim.
    expect(propose('DSP-17')).toMatchObject({ ownership: 'csc-owned' });
    expect(proposeAssignment(v41.get('DCS-01')!, 'saas', undefined)).toMatchObject({ ownership: 'csp-owned' });
  });
});

describe('.gitignore', () => {
  it('adds the packet entries at the end, once, and keeps everything else', () => {
    expect(updateGitignore(undefined)).toBe('node_modules/\n# trustops: the audit packet is built in CI and published as a release, not committed\naudit-packet/\naudit-packet-*.zip\n');
    expect(updateGitignore('dist\n')).toBe('dist\n# trustops: the audit packet is built in CI and published as a release, not committed\naudit-packet/\naudit-packet-*.zip\n');
    expect(updateGitignore('dist')).toMatch(/^dist\n# trustops/);
    expect(updateGitignore('audit-packet/\n/audit-packet-*.zip\n')).toBeUndefined();
  });
});
