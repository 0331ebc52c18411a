import { parse } from 'csv-parse/sync';
import {
  getCcmCatalog,
  getCcmMapping,
  getIso27001Catalog,
  getTscCatalog,
  type MappingTarget,
} from '@trustops/frameworks';

/** How far an existing ISMS or SOC 2 program addresses one CCM control, through CSA's mapping. */
export type CoverageStatus = 'addressed' | 'partial' | 'not-addressed';

export interface ImportProblem {
  line: number;
  message: string;
}

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
  problems: ImportProblem[];
}

const TRUE = new Set(['yes', 'y', 'true', '1', 'x', 'applicable', 'implemented']);
const PARTIAL = new Set(['partial', 'partially', 'in progress', 'in-progress']);

interface ParsedRow {
  id: string;
  implemented: boolean | 'partial';
  applicable: boolean;
  line: number;
}

/**
 * Reads an ISO 27001 Statement of Applicability (columns: Annex A id, applicable, implemented,
 * justification) or a SOC 2 control matrix mapped to TSC (columns: criterion id, implemented). Header names
 * are matched loosely; ids may carry an "A." prefix.
 */
export function parseImportCsv(text: string, source: MappingTarget): { rows: ParsedRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    return { rows: [], problems: [{ line: (error as { lines?: number }).lines ?? 1, message: `not valid CSV: ${(error as Error).message}` }] };
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const find = (...words: string[]) => header.findIndex((h) => words.some((w) => h.includes(w)));
  const idCol = find('annex', 'control', 'criterion', 'criteria', 'id', 'tsc');
  const applicableCol = find('applicable');
  const implementedCol = header.findIndex((h) => h.includes('implemented') || h.includes('status'));
  if (idCol < 0 || implementedCol < 0) {
    return { rows: [], problems: [{ line: 1, message: 'the header needs an id column (e.g. "Annex A id" or "TSC") and an "implemented" column' }] };
  }
  const catalog = source === 'iso27001' ? getIso27001Catalog() : getTscCatalog();
  const rows: ParsedRow[] = [];
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const raw = (record[idCol] ?? '').trim();
    const id = source === 'iso27001' ? raw.replace(/^A\.?\s*/i, '') : raw.toUpperCase();
    if (!catalog.get(id)) {
      const guess = catalog.suggest(id);
      problems.push({ line, message: `"${raw}" is not an id of ${catalog.name}${guess ? `; did you mean ${guess}?` : ''}` });
      return;
    }
    const implementedText = (record[implementedCol] ?? '').toLowerCase();
    const applicableText = applicableCol >= 0 ? (record[applicableCol] ?? '').toLowerCase() : 'yes';
    rows.push({
      id,
      implemented: PARTIAL.has(implementedText) ? 'partial' : TRUE.has(implementedText),
      applicable: TRUE.has(applicableText),
      line,
    });
  });
  return { rows, problems };
}

/**
 * How much of CCM an existing program already addresses: a CCM control is addressed when every target CSA
 * maps it to is applicable and implemented and CSA calls the mapping "No Gap"; partial when some targets
 * are implemented or CSA calls it "Partial Gap"; otherwise not addressed.
 */
export function computeCcmCoverage(
  text: string,
  source: MappingTarget,
  options: { ccmVersion?: string; excluded?: ReadonlySet<string> } = {},
): CcmCoverage {
  const ccmVersion = options.ccmVersion ?? '4.0.13';
  const { rows, problems } = parseImportCsv(text, source);
  const implemented = new Map<string, boolean>();
  for (const row of rows) implemented.set(row.id, row.applicable && row.implemented === true);
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
  return { source, ccmVersion: catalog.version, ...summarize(items), domains, problems };
}
