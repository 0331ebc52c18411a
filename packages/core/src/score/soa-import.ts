import { getCcmCatalog, getCcmMapping, getTscCatalog, type MappingTarget } from '@trustops/frameworks';
import type { ImportFinding } from '../import/columns.js';
import type { ImportRead } from '../import/read-rows.js';

/** How far an existing ISMS or SOC 2 program addresses one CCM control, through CSA's mapping. */
export type CoverageStatus = 'addressed' | 'partial' | 'not-addressed';

export interface CcmCoverageItem {
  id: string;
  title: string;
  status: CoverageStatus;
  /** The mapped ISO / TSC ids and whether each is implemented in the imported file. */
  targets: { id: string; implemented: boolean }[];
  gapLevel: string;
}

export interface CcmCoverageDomain {
  id: string;
  name: string;
  total: number;
  addressed: number;
  partial: number;
  notAddressed: number;
  coverage: number;
  remaining: CcmCoverageItem[];
}

export interface CcmCoverage {
  source: MappingTarget;
  ccmVersion: string;
  total: number;
  addressed: number;
  partial: number;
  notAddressed: number;
  /** (addressed + partial/2) / total */
  coverage: number;
  domains: CcmCoverageDomain[];
  /** What the reader could not read, with row and column. */
  findings: ImportFinding[];
}

/**
 * How much of CCM an existing program already addresses: a CCM control is addressed when every target CSA
 * maps it to is applicable and implemented and CSA calls the mapping "No Gap"; partial when some targets
 * are implemented or CSA calls it "Partial Gap"; otherwise not addressed.
 */
export function computeCcmCoverage(read: ImportRead, options: { ccmVersion?: string; excluded?: ReadonlySet<string> } = {}): CcmCoverage {
  const ccmVersion = options.ccmVersion ?? '4.0.13';
  const source: MappingTarget = read.kind === 'soa' ? 'iso27001' : 'tsc';
  // A requirement is implemented when a row that applies says so (a SOC 2 matrix has several controls per criterion).
  const implemented = new Map<string, boolean>();
  for (const row of read.rows) {
    for (const id of row.requirements) implemented.set(id, implemented.get(id) === true || (row.applicable && row.status === 'implemented'));
  }
  const tsc = getTscCatalog();
  const isImplemented = (target: string): boolean => {
    if (implemented.has(target)) return implemented.get(target)!;
    // CSA cites whole privacy series (P2): implemented when all of its criteria are.
    const members = source === 'tsc' ? tsc.requirements.filter((c) => c.group === target) : [];
    return members.length > 0 && members.every((c) => implemented.get(c.id) === true);
  };

  const catalog = getCcmCatalog(ccmVersion);
  const mapping = getCcmMapping(ccmVersion, source);
  const items: (CcmCoverageItem & { group: string })[] = [];
  for (const control of catalog.requirements) {
    if (options.excluded?.has(control.id)) continue;
    const entry = mapping.get(control.id);
    const targets = (entry?.targets ?? []).map((t) => ({ id: t, implemented: isImplemented(t) }));
    const done = targets.filter((t) => t.implemented).length;
    let status: CoverageStatus = 'not-addressed';
    if (entry && entry.relationship !== 'no-relationship' && targets.length > 0 && done > 0) {
      status = done === targets.length && entry.gapLevel === 'No Gap' ? 'addressed' : 'partial';
    }
    items.push({ id: control.id, title: control.title, group: control.group, status, targets, gapLevel: entry?.gapLevel ?? 'no mapping' });
  }

  const summarize = (list: CcmCoverageItem[]) => {
    const addressed = list.filter((i) => i.status === 'addressed').length;
    const partial = list.filter((i) => i.status === 'partial').length;
    return { total: list.length, addressed, partial, notAddressed: list.length - addressed - partial, coverage: list.length ? (addressed + partial / 2) / list.length : 0 };
  };
  const domains = catalog.groups
    .map((g) => {
      const members = items.filter((i) => i.group === g.id);
      return {
        id: g.id,
        name: g.name,
        ...summarize(members),
        remaining: members.filter((i) => i.status !== 'addressed').map(({ group: _g, ...rest }) => rest),
      };
    })
    .filter((d) => d.total > 0)
    .sort((a, b) => a.coverage - b.coverage || (a.id < b.id ? -1 : 1));
  return { source, ccmVersion: catalog.version, ...summarize(items), domains, findings: read.findings };
}
