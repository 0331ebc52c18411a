import {
  getCcmCatalog,
  getIso27001Catalog,
  getTscCatalog,
  resolveCcmVersion,
  type Catalog,
  type FrameworkKey,
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
    scope.frameworks.ccm = { key: 'ccm', catalog, applicable, excluded: exclusions('ccm') };
  }
  if (fw.tsc) {
    const catalog = getTscCatalog();
    // Security (the common criteria) is in every SOC 2 report, whatever else is selected.
    const categories = new Set<string>(['security', ...(fw.tsc.categories ?? [])]);
    const applicable = new Set(catalog.requirements.filter((c) => categories.has(c.category)).map((c) => c.id));
    scope.frameworks.tsc = { key: 'tsc', catalog, applicable, excluded: exclusions('tsc') };
  }
  if (fw.iso27001) {
    const catalog = getIso27001Catalog();
    scope.frameworks.iso27001 = {
      key: 'iso27001',
      catalog,
      applicable: new Set(catalog.requirements.map((c) => c.id)),
      excluded: exclusions('iso27001'),
    };
  }
  return scope;
}

/** true when a requirement applies and is not excluded: what a control must map to, to count. */
export function isInScope(framework: FrameworkScope, id: string): boolean {
  return framework.applicable.has(id) && !framework.excluded.has(id);
}
