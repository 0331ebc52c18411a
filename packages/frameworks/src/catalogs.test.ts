import { describe, expect, it } from 'vitest';
import {
  getCaiq,
  getCcmCatalog,
  getCcmCrosswalk,
  getCcmMapping,
  getIso27001Catalog,
  getIso27001Correspondence,
  getIsmsClauses,
  getTscCatalog,
  invertCcmMapping,
  readProvenance,
  resolveCcmVersion,
} from './index.js';

describe('CCM catalogs', () => {
  it('ships CCM v4.0.13 with 17 domains and 197 controls', () => {
    const ccm = getCcmCatalog('4.0.13');
    expect(ccm.version).toBe('4.0.13');
    expect(ccm.groups).toHaveLength(17);
    expect(ccm.requirements).toHaveLength(197);
    expect(ccm.get('IAM-14')?.title).toBe('Strong Authentication');
    expect(ccm.get('IAM-14')?.group).toBe('IAM');
    expect(ccm.requirements.filter((c) => c.ccmLite).length).toBeGreaterThan(0);
    for (const c of ccm.requirements) expect(ccm.groups.map((g) => g.id)).toContain(c.group);
  });

  it('ships CCM v4.1 with 207 controls and the I&S domain', () => {
    const ccm = getCcmCatalog('4.1');
    expect(ccm.version).toBe('4.1.0');
    expect(ccm.requirements).toHaveLength(207);
    expect(ccm.groups).toHaveLength(17);
    expect(ccm.requirements.filter((c) => c.ccmLite)).toHaveLength(96);
    expect(ccm.get('I&S-01')).toBeDefined();
    expect(ccm.get('IVS-01')).toBeUndefined();
  });

  it('keeps typical ownership per service model verbatim', () => {
    const c = getCcmCatalog('4.0.13').get('DSP-17');
    expect(c?.ownership).toEqual({ iaas: 'CSP-Owned', paas: 'CSP-Owned', saas: 'CSC-Owned' });
  });

  it('resolves version spellings from compliance.yaml', () => {
    expect(resolveCcmVersion('4.0.13')).toBe('4.0.13');
    expect(resolveCcmVersion('4.1')).toBe('4.1.0');
    expect(resolveCcmVersion('3.0.1')).toBeUndefined();
    expect(() => getCcmCatalog('3.0.1')).toThrow(RangeError);
  });

  it('suggests the nearest real id', () => {
    expect(getCcmCatalog('4.0.13').suggest('IAM-41')).toMatch(/^IAM-/);
    expect(getCcmCatalog('4.0.13').suggest('iam-14')).toBe('IAM-14');
  });
});

describe('CAIQ', () => {
  it('has 261 questions for v4.0.3, each resolving to a CCM v4.0.13 control', () => {
    const caiq = getCaiq('4.0.13');
    const ccm = getCcmCatalog('4.0.13');
    expect(caiq.version).toBe('4.0.3');
    expect(caiq.questions).toHaveLength(261);
    expect(caiq.questions.filter((q) => q.caiqLite)).toHaveLength(124);
    for (const q of caiq.questions) expect(ccm.get(q.ccm), q.id).toBeDefined();
    expect(new Set(caiq.questions.map((q) => q.ccm)).size).toBe(197);
  });

  it('has 283 questions for v4.1, each resolving to a CCM v4.1 control', () => {
    const caiq = getCaiq('4.1');
    const ccm = getCcmCatalog('4.1');
    expect(caiq.questions).toHaveLength(283);
    expect(caiq.questions.filter((q) => q.caiqLite)).toHaveLength(138);
    for (const q of caiq.questions) expect(ccm.get(q.ccm), q.id).toBeDefined();
  });
});

describe('TSC 2017', () => {
  it('has 61 criteria in 5 categories', () => {
    const tsc = getTscCatalog();
    expect(tsc.requirements).toHaveLength(61);
    expect(tsc.categories.map((c) => c.id)).toEqual([
      'security',
      'availability',
      'processing_integrity',
      'confidentiality',
      'privacy',
    ]);
    const count = (cat: string) => tsc.requirements.filter((c) => c.category === cat).length;
    expect([count('security'), count('availability'), count('processing_integrity'), count('confidentiality'), count('privacy')]).toEqual([33, 3, 5, 2, 18]);
    expect(tsc.get('CC6.1')?.group).toBe('CC6');
  });
});

describe('ISO/IEC 27001:2022 Annex A', () => {
  it('has 93 controls in 4 themes, with ids kept as strings', () => {
    const iso = getIso27001Catalog();
    expect(iso.requirements).toHaveLength(93);
    const count = (theme: string) => iso.requirements.filter((c) => c.group === theme).length;
    expect([count('5'), count('6'), count('7'), count('8')]).toEqual([37, 8, 14, 34]);
    expect(iso.get('5.10')?.title).toBe('Acceptable use of information and other associated assets');
    expect(iso.get('5.1')?.title).toBe('Policies for information security');
    expect(iso.clauses).toHaveLength(41);
  });
});

describe('CSA mappings', () => {
  const tsc = getTscCatalog();
  const iso = getIso27001Catalog();
  const tscIds = new Set([...tsc.requirements.map((r) => r.id), ...tsc.series.map((s) => s.id)]);
  const isoIds = new Set(iso.requirements.map((r) => r.id));
  const clauseIds = new Set(iso.clauses.map((c) => c.id));

  it('maps every CCM v4.0.13 control to TSC targets that resolve', () => {
    const mapping = getCcmMapping('4.0.13', 'tsc');
    expect(mapping.size).toBe(197);
    let pairs = 0;
    for (const entry of mapping.values()) {
      expect(getCcmCatalog('4.0.13').get(entry.ccm)).toBeDefined();
      for (const t of entry.targets) expect(tscIds.has(t), `${entry.ccm} -> ${t}`).toBe(true);
      pairs += entry.targets.length;
      expect(entry.derived).toBe(false);
    }
    expect(pairs).toBe(327);
  });

  it('maps every CCM v4.0.13 control to ISO Annex A and clause targets that resolve', () => {
    const mapping = getCcmMapping('4.0.13', 'iso27001');
    expect(mapping.size).toBe(197);
    let pairs = 0;
    for (const entry of mapping.values()) {
      for (const t of entry.targets) expect(isoIds.has(t), `${entry.ccm} -> ${t}`).toBe(true);
      for (const t of entry.clauseTargets ?? []) expect(clauseIds.has(t), `${entry.ccm} -> clause ${t}`).toBe(true);
      pairs += entry.targets.length;
    }
    expect(pairs).toBe(518);
  });

  it('carries mappings to CCM v4.1 through the crosswalk, marked derived', () => {
    const mapping = getCcmMapping('4.1', 'tsc');
    const ccm41 = getCcmCatalog('4.1');
    // 196 v4.0 controls survive (IAM-12 removed); the 11 new v4.1 controls have no CSA mapping.
    expect(mapping.size).toBe(196);
    for (const entry of mapping.values()) {
      expect(ccm41.get(entry.ccm), entry.ccm).toBeDefined();
      expect(entry.derived).toBe(true);
      expect(getCcmCatalog('4.0.13').get(entry.derivedFrom ?? '')).toBeDefined();
    }
    expect(mapping.get('AIS-08')).toBeUndefined();
    // v4.0 IAM-13 became v4.1 IAM-12: the mapping follows the control, not the id.
    expect(mapping.get('IAM-12')?.derivedFrom).toBe('IAM-13');
  });

  it('inverts a mapping to find the CCM controls CSA maps to a criterion', () => {
    const inverse = invertCcmMapping(getCcmMapping('4.0.13', 'tsc'));
    expect(inverse.get('CC6.1')).toContain('IAM-14');
  });
});

describe('crosswalk v4.0 -> v4.1', () => {
  it('reaches every v4.1 id exactly once and lists every v4.0 id once', () => {
    const rows = getCcmCrosswalk();
    expect(rows).toHaveLength(208);
    const from = rows.flatMap((r) => (r.from ? [r.from] : []));
    expect(new Set(from).size).toBe(197);
    const to = rows.flatMap((r) => r.to);
    expect(new Set(to).size).toBe(207);
    expect(to).toHaveLength(207);
    expect(rows.filter((r) => r.change === 'new')).toHaveLength(11);
    expect(rows.find((r) => r.from === 'IAM-12')?.change).toBe('removed');
    expect(rows.find((r) => r.from === 'IAM-14')?.specSimilarity).toBeGreaterThan(0);
  });
});

describe('ISO/IEC 27001:2013 -> 2022 (ISO/IEC 27002:2022 Annex B)', () => {
  const rows = getIso27001Correspondence();
  const iso = getIso27001Catalog();
  it('lists every 2013 control once and reaches every 2022 control', () => {
    const from = rows.flatMap((r) => (r.from ? [r.from] : []));
    expect(from).toHaveLength(114);
    expect(new Set(from).size).toBe(114);
    for (const id of from) expect(id).toMatch(/^(5|6|7|8|9|1[0-8])\.\d+\.\d+$/);
    const to = rows.flatMap((r) => r.to);
    for (const id of to) expect(iso.get(id), id).toBeDefined();
    expect(new Set(to).size).toBe(93);
    // The new 2022 controls have no 2013 predecessor and appear only in their own row.
    const fresh = rows.filter((r) => r.from === null).flatMap((r) => r.to);
    expect(fresh.sort()).toEqual(['5.23', '5.30', '5.7', '7.4', '8.10', '8.11', '8.12', '8.16', '8.23', '8.28', '8.9']);
    for (const id of fresh) expect(rows.filter((r) => r.to.includes(id))).toHaveLength(1);
  });

  it('says how each control went: 58 renumbered, 57 merged into 24, one split, 11 new', () => {
    const sources = new Map<string, string[]>();
    for (const r of rows) for (const t of r.to) if (r.from) sources.set(t, [...(sources.get(t) ?? []), r.from]);
    const mergedTargets = [...sources].filter(([, s]) => s.length > 1);
    expect(mergedTargets).toHaveLength(24);
    expect(mergedTargets.reduce((n, [, s]) => n + s.length, 0)).toBe(57);
    for (const r of rows) {
      const expected = r.from === null ? 'new' : r.to.length > 1 ? 'split' : sources.get(r.to[0]!)!.length > 1 ? 'merged' : 'renumbered';
      expect(r.change, r.from ?? r.to[0]).toBe(expected);
    }
    expect(rows.filter((r) => r.change === 'renumbered')).toHaveLength(58);
    expect(rows.find((r) => r.from === '18.2.3')?.to).toEqual(['5.36', '8.8']);
    expect(rows.find((r) => r.from === '9.4.2')?.to).toEqual(['8.5']);
  });
});

describe('provenance', () => {
  it('keeps each file’s source header', () => {
    expect(readProvenance('ccm-v4.yaml')).toMatch(/CloudSecurityAlliance-DataSets/);
    expect(readProvenance('tsc-2017.yaml')).toMatch(/AICPA/);
    expect(readProvenance('map-iso27001-2013-to-2022.yaml')).toMatch(/ISO\/IEC 27002:2022, Annex B/);
  });
});

describe('ISMS clauses 4-10', () => {
  const clauses = getIsmsClauses();

  it('scores the 30 leaves of the 41 clause numbers, each once, with ids that cannot meet an Annex A id', () => {
    expect(clauses.requirements).toHaveLength(30);
    expect(clauses.requirements.map((r) => r.id).slice(0, 12)).toEqual([
      'clause 4.1', 'clause 4.2', 'clause 4.3', 'clause 4.4', 'clause 5.1', 'clause 5.2', 'clause 5.3',
      'clause 6.1.1', 'clause 6.1.2', 'clause 6.1.3', 'clause 6.2', 'clause 6.3',
    ]);
    expect(clauses.requirements.at(-1)).toEqual({ id: 'clause 10.2', title: 'Nonconformity and corrective action', group: 'clauses' });
    expect(clauses.requirements.find((r) => r.id === 'clause 9.2.1')?.title).toBe('Internal audit: general');
    expect(clauses.requirements.filter((r) => getIso27001Catalog().get(r.id))).toEqual([]);
  });

  it('resolves a parent or a heading to its leaves, and a bare number only where Annex A has no such id', () => {
    expect(clauses.resolve('clause 9.2')).toEqual(['clause 9.2.1', 'clause 9.2.2']);
    expect(clauses.resolve('9.2')).toEqual(['clause 9.2.1', 'clause 9.2.2']);
    expect(clauses.resolve('6.1.3')).toEqual(['clause 6.1.3']);
    expect(clauses.resolve('clause 10')).toEqual(['clause 10.1', 'clause 10.2']);
    // 8.2 is Annex A "Privileged access rights": the clause must be written "clause 8.2".
    expect(clauses.resolve('8.2')).toBeUndefined();
    expect(clauses.resolve('clause 8.2')).toEqual(['clause 8.2']);
    expect(clauses.resolve('clause 11')).toBeUndefined();
    expect(clauses.resolve('5.17')).toBeUndefined();
  });
});
