import {
  getCcmCatalog,
  getIsmsClauses,
  getIso27001Catalog,
  getTscCatalog,
  resolveCcmVersion,
  type Catalog,
  type FrameworkKey,
  type Requirement,
  type RequirementGroup,
} from '@trustops/frameworks';
import type { ComplianceConfig } from '../schemas/types.js';
import { isPlaceholder } from './placeholders.js';

/** One framework as compliance.yaml scopes it. */
export interface FrameworkScope {
  key: FrameworkKey;
  catalog: Catalog;
  /** Requirement ids that apply (CCM-Lite only when `lite`, TSC of the selected categories), exclusions included. */
  applicable: ReadonlySet<string>;
  /** Applicable requirements excluded in compliance.yaml, with their reasons. */
  excluded: ReadonlyMap<string, string>;
  /**
   * Every requirement scored, in order: the catalog's and, for ISO 27001, the ISMS clauses 4-10 after
   * Annex A (ids "clause 4.1" ...), in a group of their own.
   */
  requirements: readonly Requirement[];
  groups: readonly RequirementGroup[];
  /**
   * The requirement ids a reference (in maps:) names: itself when the catalog has it; for ISO 27001 a
   * clause number ("clause 9.2", or "9.2" where Annex A has no such id) stands for the clauses under it.
   * Empty when it names nothing.
   */
  resolve(ref: string): readonly string[];
}

export interface Scope {
  frameworks: Partial<Record<FrameworkKey, FrameworkScope>>;
}

/**
 * Which requirements of which catalogs are in scope. A framework whose version is not shipped is left out
 * here; the `config/unknown-version` rule reports it.
 */
export function resolveScope(config: ComplianceConfig | undefined): Scope {
  const scope: Scope = { frameworks: {} };
  const fw = config?.frameworks;
  if (!fw) return scope;
  // An exclusion whose reason is a placeholder justifies nothing: the requirement stays in scope.
  const exclusions = (key: FrameworkKey) =>
    new Map((config?.exclusions ?? []).filter((e) => e.framework === key && !isPlaceholder(e.reason)).map((e) => [e.id, e.reason]));

  if (fw.ccm && resolveCcmVersion(fw.ccm.version)) {
    const catalog = getCcmCatalog(fw.ccm.version);
    const applicable = new Set(catalog.requirements.filter((c) => !fw.ccm?.lite || c.ccmLite).map((c) => c.id));
    scope.frameworks.ccm = { key: 'ccm', catalog, applicable, excluded: exclusions('ccm'), ...catalogParts(catalog) };
  }
  if (fw.tsc) {
    const catalog = getTscCatalog();
    // Security (the common criteria) is in every SOC 2 report, whatever else is selected.
    const categories = new Set<string>(['security', ...(fw.tsc.categories ?? [])]);
    const applicable = new Set(catalog.requirements.filter((c) => categories.has(c.category)).map((c) => c.id));
    scope.frameworks.tsc = { key: 'tsc', catalog, applicable, excluded: exclusions('tsc'), ...catalogParts(catalog) };
  }
  if (fw.iso27001) scope.frameworks.iso27001 = isoScope(exclusions('iso27001'));
  return scope;
}

function catalogParts(catalog: Catalog): Pick<FrameworkScope, 'requirements' | 'groups' | 'resolve'> {
  return { requirements: catalog.requirements, groups: catalog.groups, resolve: (ref) => (catalog.get(ref) ? [ref] : []) };
}

/**
 * ISO 27001: Annex A and the ISMS clauses. A certification body audits every clause: an exclusion of a
 * clause is not honoured (exclusion/isms-clause reports it), so clauses are never in `excluded`.
 */
function isoScope(exclusions: Map<string, string>): FrameworkScope {
  const catalog = getIso27001Catalog();
  const clauses = getIsmsClauses();
  for (const id of [...exclusions.keys()]) if (!catalog.get(id) && clauses.resolve(id)) exclusions.delete(id);
  const requirements = [...catalog.requirements, ...clauses.requirements];
  return {
    key: 'iso27001',
    catalog,
    applicable: new Set(requirements.map((c) => c.id)),
    excluded: exclusions,
    requirements,
    groups: [...catalog.groups, clauses.group],
    resolve: (ref) => (catalog.get(ref) ? [ref] : (clauses.resolve(ref) ?? [])),
  };
}

/** true when a requirement applies and is not excluded: what a control must map to, to count. */
export function isInScope(framework: FrameworkScope, id: string): boolean {
  return framework.applicable.has(id) && !framework.excluded.has(id);
}
