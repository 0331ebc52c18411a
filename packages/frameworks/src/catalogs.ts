import { readDataFile } from './data-files.js';
import { suggestClosest } from './suggest.js';
import type {
  Caiq,
  Catalog,
  CcmControl,
  CcmMapping,
  CcmOwnership,
  CrosswalkRow,
  GapLevel,
  Iso2013Row,
  MappingRelationship,
  Requirement,
  RequirementGroup,
  TscCategory,
  TscCategoryId,
  TscCriterion,
  TscSeries,
} from './types.js';

const CSA = 'Cloud Controls Matrix and CAIQ © Cloud Security Alliance (CSA); ids, short titles and mappings only.';
const AICPA = 'Trust Services Criteria © AICPA; ids only, titles written by trustops.';
const ISO = 'ISO/IEC 27001:2022 © ISO/IEC; Annex A ids and short titles only.';

function createCatalog<R extends Requirement>(
  fields: Omit<Catalog<R>, 'get' | 'suggest'>,
): Catalog<R> {
  const byId = new Map(fields.requirements.map((r) => [r.id, r]));
  const ids = fields.requirements.map((r) => r.id);
  return {
    ...fields,
    get: (id) => byId.get(id),
    suggest: (id) => suggestClosest(id, ids),
  };
}

// ---------------------------------------------------------------- CCM

interface RawCcm {
  version: string;
  domains: { id: string; name: string }[];
  controls: {
    id: string;
    domain: string;
    title: string;
    ccm_lite: boolean;
    ownership: CcmOwnership;
    ownership_ig?: CcmOwnership;
  }[];
}

/** The CCM versions this package ships, with the spellings `compliance.yaml` may use for each. */
const CCM_RELEASES = [
  { version: '4.0.13', aliases: ['4.0.13', '4.0', '4'], file: 'ccm-v4.yaml', caiq: 'caiq-v4.yaml' },
  { version: '4.1.0', aliases: ['4.1.0', '4.1'], file: 'ccm-v4.1.yaml', caiq: 'caiq-v4.1.yaml' },
] as const;

export type CcmVersion = (typeof CCM_RELEASES)[number]['version'];

/** The version spellings accepted in `frameworks.ccm.version`. */
export const SUPPORTED_CCM_VERSIONS: readonly string[] = CCM_RELEASES.flatMap((r) => r.aliases);

function findCcmRelease(version: string) {
  return CCM_RELEASES.find((r) => (r.aliases as readonly string[]).includes(version));
}

/** The canonical CCM version for a spelling from `compliance.yaml`, or undefined when not shipped. */
export function resolveCcmVersion(version: string): CcmVersion | undefined {
  return findCcmRelease(version)?.version;
}

const ccmCache = new Map<string, Catalog<CcmControl>>();

export function getCcmCatalog(version: string): Catalog<CcmControl> {
  const release = findCcmRelease(version);
  if (!release) throw new RangeError(`CCM version ${version} is not shipped (${SUPPORTED_CCM_VERSIONS.join(', ')})`);
  let catalog = ccmCache.get(release.version);
  if (!catalog) {
    const raw = readDataFile<RawCcm>(release.file);
    catalog = createCatalog<CcmControl>({
      key: 'ccm',
      name: 'CSA Cloud Controls Matrix',
      version: raw.version,
      attribution: CSA,
      groups: raw.domains.map((d) => ({ id: d.id, name: d.name })),
      requirements: raw.controls.map((c) => ({
        id: c.id,
        title: c.title,
        group: c.domain,
        ccmLite: c.ccm_lite,
        ownership: c.ownership,
        ...(c.ownership_ig ? { ownershipIg: c.ownership_ig } : {}),
      })),
    });
    ccmCache.set(release.version, catalog);
  }
  return catalog;
}

interface RawCaiq {
  version: string;
  ccm_version: string;
  questions: { id: string; ccm: string; caiq_lite: boolean }[];
}

/** The CAIQ that accompanies a CCM version (v4.0.3 for CCM 4.0.13, v4.1.0 for CCM 4.1). */
export function getCaiq(ccmVersion: string): Caiq {
  const release = findCcmRelease(ccmVersion);
  if (!release) throw new RangeError(`CCM version ${ccmVersion} is not shipped`);
  const raw = readDataFile<RawCaiq>(release.caiq);
  return {
    version: raw.version,
    ccmVersion: raw.ccm_version,
    questions: raw.questions.map((q) => ({ id: q.id, ccm: q.ccm, caiqLite: q.caiq_lite })),
  };
}

// ---------------------------------------------------------------- TSC

interface RawTsc {
  version: string;
  categories: { id: TscCategoryId; name: string }[];
  series: { id: string; heading_id: string; category: TscCategoryId; name: string }[];
  criteria: { id: string; series: string; category: TscCategoryId; coso_principle?: number; title: string }[];
}

let tscCache: (Catalog<TscCriterion> & { categories: readonly TscCategory[]; series: readonly TscSeries[] }) | undefined;

export function getTscCatalog(): Catalog<TscCriterion> & {
  readonly categories: readonly TscCategory[];
  readonly series: readonly TscSeries[];
} {
  if (!tscCache) {
    const raw = readDataFile<RawTsc>('tsc-2017.yaml');
    const series = raw.series.map((s) => ({ id: s.id, name: s.name, category: s.category, headingId: s.heading_id }));
    tscCache = {
      ...createCatalog<TscCriterion>({
        key: 'tsc',
        name: 'AICPA Trust Services Criteria',
        version: '2017',
        attribution: AICPA,
        groups: series,
        requirements: raw.criteria.map((c) => ({
          id: c.id,
          title: c.title,
          group: c.series,
          category: c.category,
          ...(c.coso_principle !== undefined ? { cosoPrinciple: c.coso_principle } : {}),
        })),
      }),
      categories: raw.categories.map((c) => ({ id: c.id, name: c.name })),
      series,
    };
  }
  return tscCache;
}

// ---------------------------------------------------------------- ISO 27001

interface RawIso {
  themes: { id: string; name: string }[];
  controls: { id: string; theme: string; title: string }[];
  isms_clauses: { id: string; title: string }[];
}

let isoCache: (Catalog & { clauses: readonly { id: string; title: string }[] }) | undefined;

/** ISO/IEC 27001:2022 Annex A (the only ISO version shipped). */
export function getIso27001Catalog(): Catalog & { readonly clauses: readonly { id: string; title: string }[] } {
  if (!isoCache) {
    const raw = readDataFile<RawIso>('iso27001-2022-annexa.yaml');
    isoCache = {
      ...createCatalog({
        key: 'iso27001',
        name: 'ISO/IEC 27001:2022 Annex A',
        version: '2022',
        attribution: ISO,
        groups: raw.themes.map((t): RequirementGroup => ({ id: t.id, name: t.name })),
        requirements: raw.controls.map((c) => ({ id: c.id, title: c.title, group: c.theme })),
      }),
      clauses: raw.isms_clauses,
    };
  }
  return isoCache;
}

export const SUPPORTED_ISO27001_VERSIONS: readonly string[] = ['2022'];

// ---------------------------------------------------------------- crosswalk and mappings

interface RawCrosswalk {
  mappings: {
    from: string | null;
    to: string[];
    change: CrosswalkRow['change'];
    basis: string;
    retitled?: boolean;
    uncertain?: boolean;
    note?: string;
    spec_similarity?: number;
  }[];
}

/** Where every CCM v4.0.13 control went in v4.1.0, plus the new v4.1 controls (`from: null`). */
export function getCcmCrosswalk(): readonly CrosswalkRow[] {
  return readDataFile<RawCrosswalk>('map-ccm-v4.0-to-v4.1.yaml').mappings.map((m) => ({
    from: m.from,
    to: m.to,
    change: m.change,
    basis: m.basis,
    ...(m.retitled ? { retitled: true } : {}),
    ...(m.uncertain ? { uncertain: true } : {}),
    ...(m.note ? { note: m.note } : {}),
    ...(m.spec_similarity !== undefined ? { specSimilarity: m.spec_similarity } : {}),
  }));
}

/**
 * Where every ISO/IEC 27001:2013 Annex A control went in 2022, plus the 2022 controls without a 2013
 * predecessor (`from: null`), as ISO/IEC 27002:2022 Annex B publishes it.
 */
export function getIso27001Correspondence(): readonly Iso2013Row[] {
  return readDataFile<{ mappings: Iso2013Row[] }>('map-iso27001-2013-to-2022.yaml').mappings;
}

interface RawMapping {
  mappings: {
    ccm: string;
    gap_level: GapLevel;
    relationship: MappingRelationship;
    targets: string[];
    clause_targets?: string[];
  }[];
}

export type MappingTarget = 'tsc' | 'iso27001';

const MAPPING_FILES: Record<MappingTarget, string> = {
  tsc: 'map-ccm-v4-to-tsc-2017.yaml',
  iso27001: 'map-ccm-v4-to-iso27001-2022.yaml',
};

const mappingCache = new Map<string, ReadonlyMap<string, CcmMapping>>();

/**
 * CSA's CCM -> TSC or CCM -> ISO 27001:2022 mapping, keyed by CCM id of the given version. CSA publishes
 * it for v4.0.13; for v4.1 an entry is carried through the crosswalk when the control is unchanged or
 * renumbered, and marked `derived`. New v4.1 controls have no entry.
 */
export function getCcmMapping(ccmVersion: string, target: MappingTarget): ReadonlyMap<string, CcmMapping> {
  const version = resolveCcmVersion(ccmVersion);
  if (!version) throw new RangeError(`CCM version ${ccmVersion} is not shipped`);
  const key = `${version}:${target}`;
  let mapping = mappingCache.get(key);
  if (mapping) return mapping;
  const base = new Map<string, CcmMapping>(
    readDataFile<RawMapping>(MAPPING_FILES[target]).mappings.map((m) => [
      m.ccm,
      {
        ccm: m.ccm,
        gapLevel: m.gap_level,
        relationship: m.relationship,
        targets: m.targets,
        ...(m.clause_targets ? { clauseTargets: m.clause_targets } : {}),
        derived: false,
      },
    ]),
  );
  if (version === '4.0.13') {
    mapping = base;
  } else {
    const derived = new Map<string, CcmMapping>();
    for (const row of getCcmCrosswalk()) {
      if (row.from === null || (row.change !== 'unchanged' && row.change !== 'renumbered')) continue;
      const source = base.get(row.from);
      if (!source) continue;
      for (const to of row.to) derived.set(to, { ...source, ccm: to, derived: true, derivedFrom: row.from });
    }
    mapping = derived;
  }
  mappingCache.set(key, mapping);
  return mapping;
}

/** Reverse index of a CCM mapping: target id -> the CCM ids CSA maps to it (in CCM catalog order). */
export function invertCcmMapping(mapping: ReadonlyMap<string, CcmMapping>): ReadonlyMap<string, readonly string[]> {
  const inverse = new Map<string, string[]>();
  for (const entry of mapping.values()) {
    if (entry.relationship === 'no-relationship') continue;
    for (const target of entry.targets) {
      const list = inverse.get(target);
      if (list) list.push(entry.ccm);
      else inverse.set(target, [entry.ccm]);
    }
  }
  return inverse;
}
