import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { packetInputFor } from '../../testing/packet-fixture.js';
import { oscalControlId, renderOscal, TRUSTOPS_UUID_NAMESPACE, uuidV5, type OscalFiles } from './oscal.js';
import type { PacketInput } from '../packet-input.js';

// The NIST OSCAL 1.2.1 JSON schemas, copied byte for byte into test/fixtures/oscal/ (see its README.md).
const SCHEMA_DIR = new URL('../../../test/fixtures/oscal/', import.meta.url);
const TYPE2_PROGRAM = new URL('../../../test/fixtures/type2-program/', import.meta.url).pathname;
const EXAMPLE_PROGRAM = new URL('../../../../../', import.meta.url).pathname;

const SCHEMAS: Record<keyof OscalFiles, string> = {
  'component-definition.json': 'oscal_component_schema.json',
  'system-security-plan.json': 'oscal_ssp_schema.json',
  'assessment-results.json': 'oscal_assessment-results_schema.json',
  'profile.json': 'oscal_profile_schema.json',
  'catalog-ccm.json': 'oscal_catalog_schema.json',
  'catalog-tsc.json': 'oscal_catalog_schema.json',
  'catalog-iso27001.json': 'oscal_catalog_schema.json',
};

type Doc = Record<string, unknown>;

const packetInput = packetInputFor;

const validators = new Map<keyof OscalFiles, ValidateFunction>();

beforeAll(() => {
  // As test/fixtures/oscal/README.md says: strict off (the schemas trip strictTypes), formats from
  // ajv-formats, and the default unicodeRegExp (the token pattern uses \p{L}).
  const addFormats = ajvFormats as unknown as (ajv: Ajv) => Ajv;
  for (const [file, schemaFile] of Object.entries(SCHEMAS) as [keyof OscalFiles, string][]) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validators.set(file, ajv.compile(JSON.parse(readFileSync(new URL(schemaFile, SCHEMA_DIR), 'utf8')) as object));
  }
});

function expectValid(file: keyof OscalFiles, text: string): void {
  const validate = validators.get(file)!;
  const valid = validate(JSON.parse(text));
  // On failure the assertion prints ajv's errors (first 20): path, keyword and message.
  expect(valid ? [] : (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath} ${e.keyword} ${e.message ?? ''} ${JSON.stringify(e.params)}`), file).toEqual([]);
}

function expectWellFormed(text: string): void {
  expect(text.endsWith('}\n')).toBe(true);
  expect(`${JSON.stringify(JSON.parse(text), null, 2)}\n`).toBe(text);
}

/** Every value of a key anywhere in a document. */
function valuesOf(node: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) node.forEach((n) => valuesOf(n, key, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key) out.push(v);
      valuesOf(v, key, out);
    }
  }
  return out;
}

function propValue(node: Doc, name: string): string | undefined {
  return (node['props'] as { name: string; value: string }[] | undefined)?.find((p) => p.name === name)?.value;
}

describe('uuidV5', () => {
  it('matches RFC 4122 name-based SHA-1 UUIDs (Python uuid.uuid5 gives the same)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(TRUSTOPS_UUID_NAMESPACE).toBe('b4d8b774-cd40-5051-9e00-5bf845d4ac45');
    expect(uuidV5('hello', TRUSTOPS_UUID_NAMESPACE)).toBe('df0d2585-3e47-5216-908f-28f3f45ffa8d');
  });
});

describe('oscalControlId', () => {
  it('turns catalog ids into OSCAL tokens', () => {
    expect(oscalControlId('ccm', 'A&A-01')).toBe('a-a-01');
    expect(oscalControlId('ccm', 'IAM-14')).toBe('iam-14');
    expect(oscalControlId('tsc', 'CC6.1')).toBe('cc6.1');
    expect(oscalControlId('iso27001', '5.17')).toBe('a.5.17');
  });
});

describe('renderOscal for the Type II fixture program', () => {
  let input: PacketInput;
  let files: OscalFiles;
  let ssp: Doc;
  let ar: Doc;
  let cd: Doc;

  beforeAll(async () => {
    input = await packetInput(TYPE2_PROGRAM);
    files = renderOscal(input);
    cd = (JSON.parse(files['component-definition.json']) as Doc)['component-definition'] as Doc;
    ssp = (JSON.parse(files['system-security-plan.json']) as Doc)['system-security-plan'] as Doc;
    ar = (JSON.parse(files['assessment-results.json']) as Doc)['assessment-results'] as Doc;
  });

  it.each(Object.keys(SCHEMAS) as (keyof OscalFiles)[])('%s is valid against the NIST OSCAL 1.2.1 schema', (file) => {
    expectValid(file, files[file]!);
    expectWellFormed(files[file]!);
    expect((JSON.parse(files[file]!) as Record<string, { metadata: { 'oscal-version': string } }>)[Object.keys(JSON.parse(files[file]!) as object)[0]!]!.metadata['oscal-version']).toBe('1.2.1');
  });

  it('the validators are not vacuous: they reject a raw catalog id as a control-id and a missing title', () => {
    const doc = JSON.parse(files['system-security-plan.json']) as { 'system-security-plan': { metadata: Doc; 'control-implementation': { 'implemented-requirements': Doc[] } } };
    doc['system-security-plan']['control-implementation']['implemented-requirements'][0]!['control-id'] = 'A&A-01';
    delete doc['system-security-plan'].metadata['title'];
    const validate = validators.get('system-security-plan.json')!;
    expect(validate(doc)).toBe(false);
    expect(new Set((validate.errors ?? []).map((e) => e.keyword))).toEqual(new Set(['pattern', 'required']));
  });

  it('is deterministic: the same input, or the same repository read again, gives the same bytes', async () => {
    expect(renderOscal(input)).toEqual(files);
    expect(renderOscal(await packetInput(TYPE2_PROGRAM))).toEqual(files);
  });

  it('uses createdAt as its only time and never repeats a uuid within a document', () => {
    for (const text of Object.values(files)) {
      const doc = JSON.parse(text) as unknown;
      const times = [...valuesOf(doc, 'published'), ...valuesOf(doc, 'last-modified'), ...valuesOf(doc, 'start'), ...valuesOf(doc, 'collected')];
      expect(new Set(times)).toEqual(new Set(['2026-11-01T12:00:00Z']));
      const uuids = valuesOf(doc, 'uuid');
      expect(new Set(uuids).size).toBe(uuids.length);
    }
  });

  it('the component definition has the service and AWS, with the requirements our controls implement', () => {
    const components = cd['components'] as Doc[];
    expect(components.map((c) => [c['title'], c['type']])).toEqual([
      ['Fixture Analytics', 'service'],
      ['Amazon Web Services', 'service'],
    ]);
    const service = components[0]!;
    const impls = service['control-implementations'] as Doc[];
    expect(impls.map((i) => i['source'])).toEqual([
      'https://cloudsecurityalliance.org/artifacts/cloud-controls-matrix-v4',
      'https://www.aicpa-cima.com/tsc-2017',
      'https://www.iso.org/standard/27001',
    ]);
    expect(impls[0]!['description']).toContain('© Cloud Security Alliance (CSA)');
    const iam14 = (impls[0]!['implemented-requirements'] as Doc[]).find((r) => r['control-id'] === 'iam-14')!;
    expect(propValue(iam14, 'implemented-by')).toBe('IAM-MFA');
    expect(propValue(iam14, 'label')).toBe('IAM-14');
    // CEK-KEY-ROTATION is only planned: it implements nothing yet.
    expect((impls[0]!['implemented-requirements'] as Doc[]).some((r) => r['control-id'] === 'cek-10')).toBe(false);
    // AWS carries DCS-01 per the SSRM.
    const aws = components[1]!;
    const awsReqs = (aws['control-implementations'] as Doc[])[0]!['implemented-requirements'] as Doc[];
    expect(awsReqs.map((r) => r['control-id'])).toEqual(['dcs-01']);
  });

  function sspRequirement(controlId: string): Doc {
    const reqs = (ssp['control-implementation'] as Doc)['implemented-requirements'] as Doc[];
    const r = reqs.find((x) => x['control-id'] === controlId);
    if (!r) throw new Error(`${controlId} is not in the SSP`);
    return r;
  }

  function componentUuid(title: string): string {
    const components = (ssp['system-implementation'] as Doc)['components'] as Doc[];
    return components.find((c) => c['title'] === title)!['uuid'] as string;
  }

  it('the SSP shows DCS-01 as inherited from AWS', () => {
    const dcs01 = sspRequirement('dcs-01');
    expect(propValue(dcs01, 'readiness-status')).toBe('inherited');
    expect(propValue(dcs01, 'ssrm-ownership')).toBe('third-party-outsourced');
    const byComponents = dcs01['by-components'] as Doc[];
    expect(byComponents).toHaveLength(1);
    const aws = byComponents[0]!;
    expect(aws['component-uuid']).toBe(componentUuid('Amazon Web Services'));
    expect(aws['implementation-status']).toEqual({ state: 'implemented' });
    const inherited = aws['inherited'] as Doc[];
    expect(inherited).toHaveLength(1);
    expect(inherited[0]!['description']).toContain('inherited from Amazon Web Services');
    expect(inherited[0]!['description']).toContain('soc2-type2 current until 2027-09-30, reviewed 2026-10-25');
  });

  it('the SSP turns the rest of the SSRM into provided items and customer responsibilities', () => {
    const thisSystem = componentUuid('Fixture Analytics');
    // shared-csp-csc: our part is provided, the customers' part is their responsibility, linked to it.
    const iam14 = (sspRequirement('iam-14')['by-components'] as Doc[])[0]!;
    expect(iam14['component-uuid']).toBe(thisSystem);
    expect(iam14['implementation-status']).toEqual({ state: 'implemented' });
    const exported = iam14['export'] as { provided: Doc[]; responsibilities: Doc[] };
    expect(exported.responsibilities[0]!['provided-uuid']).toBe(exported.provided[0]!['uuid']);
    expect(exported.responsibilities[0]!['description']).toBe('Customers enable SSO and MFA for the users of their own tenants.');
    expect(exported.responsibilities[0]!['responsible-roles']).toEqual([{ 'role-id': 'customer' }]);
    // csc-owned: a customer responsibility only.
    const dsp17 = (sspRequirement('dsp-17')['by-components'] as Doc[])[0]!;
    expect((dsp17['export'] as Doc)['provided']).toBeUndefined();
    expect(((dsp17['export'] as Doc)['responsibilities'] as Doc[])[0]!['description']).toContain('Customers decide which sensitive data');
    // Readiness -> implementation status: LOG-03 partial, CEK-10 planned (its only control is), a gap with nothing
    // planned partial with remarks saying so (OSCAL's "planned" would claim a plan), DCS-07 excluded.
    const state = (id: string) => ((sspRequirement(id)['by-components'] as Doc[])[0]!['implementation-status'] as Doc)['state'];
    expect(state('log-03')).toBe('partial');
    expect(state('cek-10')).toBe('planned');
    expect(state('a-a-01')).toBe('partial');
    expect((((sspRequirement('a-a-01')['by-components'] as Doc[])[0]!['implementation-status'] as Doc)['remarks'] as string)).toContain('nothing is planned: no control maps to it');
    expect(state('dcs-07')).toBe('not-applicable');
    expect(state('cc6.1')).toBe('implemented');
    expect(state('a.5.17')).toBe('implemented');
    const roles = ((ssp['metadata'] as Doc)['roles'] as Doc[]).map((r) => r['id']);
    expect(roles).toContain('customer');
  });

  it("the assessment results carry LOG-03's missing Q2 window", () => {
    const result = (ar['results'] as Doc[])[0]!;
    expect(result['start']).toBe('2026-11-01T12:00:00Z');
    const findings = result['findings'] as Doc[];
    const observations = result['observations'] as Doc[];
    const log03 = findings.find((f) => f['title'] === 'CCM LOG-03: partial')!;
    expect(log03['target']).toMatchObject({ type: 'objective-id', 'target-id': 'log-03_obj', status: { state: 'not-satisfied' }, 'implementation-status': { state: 'partial' } });
    expect(log03['description']).toContain('evidence "retention-report" (quarterly) is missing for 2026-04-01..2026-06-30');
    const related = (log03['related-observations'] as { 'observation-uuid': string }[]).map((r) => r['observation-uuid']);
    const logCentral = observations.find((o) => related.includes(o['uuid'] as string) && o['title'] === 'Control LOG-CENTRAL: designed, not operating')!;
    expect(logCentral).toBeDefined();
    const missing = valuesOf(logCentral['relevant-evidence'], 'props')
      .flat()
      .filter((p) => (p as Doc)['name'] === 'missing-window')
      .map((p) => (p as Doc)['value']);
    expect(missing).toEqual(['2026-04-01..2026-06-30']);
    // The check finding for the same window is there too.
    const check = findings.find((f) => propValue(f, 'rule-id') === 'evidence/missing-window')!;
    expect(check['description']).toContain('2026-04-01..2026-06-30');
    expect(check['target']).toMatchObject({ 'target-id': 'trustops.evidence.missing-window', status: { state: 'not-satisfied' } });
    // Met and inherited requirements are summarized, not listed one finding each.
    expect(findings.some((f) => (f['title'] as string).startsWith('CCM IAM-14'))).toBe(false);
    const ccmSummary = observations.find((o) => (o['title'] as string).startsWith('CCM 4.0.13'))!;
    expect(ccmSummary['description']).toContain('Inherited: DCS-01 (from aws)');
    // One finding per partial or gap requirement, plus one per error or warning of trustops check.
    const notMet = Object.values(input.readiness.frameworks).reduce((n, fw) => n + fw.counts.partial + fw.counts.gap, 0);
    const checks = input.findings.filter((f) => f.severity !== 'info').length;
    expect(findings).toHaveLength(notMet + checks);
  });
});

describe('renderOscal for the example program at the repository root', () => {
  let input: PacketInput;
  let files: OscalFiles;

  beforeAll(async () => {
    input = await packetInput(EXAMPLE_PROGRAM);
    files = renderOscal(input);
  });

  it.each(Object.keys(SCHEMAS) as (keyof OscalFiles)[])('%s is valid against the NIST OSCAL 1.2.1 schema', (file) => {
    expectValid(file, files[file]!);
    expectWellFormed(files[file]!);
  });

  it('is deterministic', async () => {
    expect(renderOscal(input)).toEqual(files);
    expect(renderOscal(await packetInput(EXAMPLE_PROGRAM))).toEqual(files);
  });

  it('never repeats a uuid within a document, and its references resolve across the three documents', () => {
    for (const text of Object.values(files)) {
      const uuids = valuesOf(JSON.parse(text), 'uuid');
      expect(new Set(uuids).size).toBe(uuids.length);
    }
    const ssp = JSON.parse(files['system-security-plan.json']) as unknown;
    const ar = JSON.parse(files['assessment-results.json']) as unknown;
    const sspUuids = new Set(valuesOf(ssp, 'uuid'));
    const arUuids = new Set(valuesOf(ar, 'uuid'));
    for (const ref of valuesOf(ssp, 'component-uuid')) expect(sspUuids).toContain(ref);
    for (const ref of [...valuesOf(ssp, 'party-uuids').flat(), ...valuesOf(ssp, 'provided-uuid')]) expect(sspUuids).toContain(ref);
    for (const ref of [...valuesOf(ar, 'implementation-statement-uuid'), ...valuesOf(ar, 'subject-uuid')]) expect(sspUuids).toContain(ref);
    for (const ref of [...valuesOf(ar, 'observation-uuid'), ...valuesOf(ar, 'actor-uuid')]) expect(arUuids).toContain(ref);
    const href = (valuesOf(ar, 'import-ap')[0] as { href: string }).href;
    expect(arUuids).toContain(href.slice(1));
  });

  it('splits shared-csp-third-party requirements between this system and the vendor', () => {
    const ssp = (JSON.parse(files['system-security-plan.json']) as Doc)['system-security-plan'] as Doc;
    const reqs = (ssp['control-implementation'] as Doc)['implemented-requirements'] as Doc[];
    const shared = reqs.filter((r) => propValue(r, 'ssrm-ownership') === 'shared-csp-third-party');
    expect(shared.length).toBeGreaterThan(0);
    for (const r of shared) {
      const byComponents = r['by-components'] as Doc[];
      expect(byComponents).toHaveLength(2);
      expect(byComponents[1]!['inherited']).toHaveLength(1);
      expect(byComponents[1]!['satisfied']).toHaveLength(1);
    }
    // Every in-scope requirement of every framework has a statement.
    const total = Object.values(input.readiness.frameworks).reduce((n, fw) => n + fw.requirements.length, 0);
    expect(reqs).toHaveLength(total);
  });

  it('carries each CUEC as a customer responsibility and each CSOC on what is inherited from its vendor, with its id', () => {
    const ssp = (JSON.parse(files['system-security-plan.json']) as Doc)['system-security-plan'] as Doc;
    const reqs = (ssp['control-implementation'] as Doc)['implemented-requirements'] as Doc[];
    const responsibilities = reqs.flatMap((r) => (r['by-components'] as Doc[]).flatMap((b) => ((b['export'] as Doc | undefined)?.['responsibilities'] as Doc[] | undefined) ?? []));
    const { cuecs, csocs } = input.audit.complementary;
    expect(cuecs).toHaveLength(59);
    expect(responsibilities.map((x) => [propValue(x, 'cuec-id'), x['description']])).toEqual(cuecs.map((c) => [c.id, c.text]));
    const inherited = reqs.flatMap((r) => (r['by-components'] as Doc[]).flatMap((b) => (b['inherited'] as Doc[] | undefined) ?? []));
    const withCsoc = inherited.filter((x) => propValue(x, 'csoc-id'));
    expect(withCsoc.map((x) => propValue(x, 'csoc-id'))).toEqual(csocs.map((c) => c.id));
    expect(csocs).toHaveLength(32);
  });

  it('every control id of the SSP, the component definition and the assessment results resolves in the catalogs its profile imports', () => {
    const ssp = (JSON.parse(files['system-security-plan.json']) as Doc)['system-security-plan'] as { 'import-profile': { href: string } };
    expect(ssp['import-profile'].href).toBe('profile.json');
    const profile = (JSON.parse(files['profile.json']) as Doc)['profile'] as { imports: { href: string; 'include-all'?: object }[] };
    const ids = new Set<string>();
    for (const imp of profile.imports) {
      expect(imp['include-all']).toEqual({});
      const text = (files as unknown as Record<string, string | undefined>)[imp.href];
      expect(text, imp.href).toBeDefined();
      const catalog = (JSON.parse(text!) as Doc)['catalog'] as { groups: { controls: { id: string; title: string }[] }[] };
      for (const g of catalog.groups) for (const c of g.controls) {
        expect(ids.has(c.id), c.id).toBe(false);
        expect(c.title).not.toBe('');
        ids.add(c.id);
      }
    }
    expect(profile.imports.map((i) => i.href).sort()).toEqual(['catalog-ccm.json', 'catalog-iso27001.json', 'catalog-tsc.json']);
    const used = [...valuesOf(JSON.parse(files['system-security-plan.json']), 'control-id'), ...valuesOf(JSON.parse(files['component-definition.json']), 'control-id')] as string[];
    expect(used.length).toBeGreaterThan(300);
    expect(used.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('states a gap with nothing planned as partial with remarks, names the tools the controls use, and leverages the cloud provider\'s attestations', () => {
    const ssp = (JSON.parse(files['system-security-plan.json']) as Doc)['system-security-plan'] as {
      'control-implementation': { 'implemented-requirements': { 'control-id': string; 'by-components': { 'implementation-status'?: { state: string; remarks?: string } }[] }[] };
      'system-implementation': { components: { type: string; title: string }[]; 'leveraged-authorizations'?: { title: string; 'party-uuid': string; 'date-authorized': string }[] };
    };
    const cek08 = ssp['control-implementation']['implemented-requirements'].find((r) => r['control-id'] === 'cek-08')!;
    expect(input.readiness.frameworks.ccm!.requirements.find((r) => r.id === 'CEK-08')!.status).toBe('gap');
    for (const b of cek08['by-components']) {
      if (!b['implementation-status']) continue;
      expect(b['implementation-status'].state).not.toBe('planned');
    }
    expect(cek08['by-components'].some((b) => b['implementation-status']?.state === 'partial' && /nothing is planned/.test(b['implementation-status'].remarks ?? ''))).toBe(true);
    const titles = ssp['system-implementation'].components.map((c) => c.title);
    expect(titles).toEqual(expect.arrayContaining(['Okta, Inc.', 'GitHub, Inc.']));
    const leveraged = ssp['system-implementation']['leveraged-authorizations'] ?? [];
    expect(leveraged.length).toBeGreaterThan(0);
    expect(leveraged.every((l) => l.title.startsWith('Amazon Web Services'))).toBe(true);
  });
});
