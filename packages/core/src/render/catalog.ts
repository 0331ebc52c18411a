import {
  getCcmCatalog,
  getCcmMapping,
  getIso27001Catalog,
  getTscCatalog,
  invertCcmMapping,
  type Catalog,
  type CcmControl,
  type CcmOwnership,
  type FrameworkKey,
} from '@trustops/frameworks';
import { catalogName, REQUIREMENT_NOUN } from './labels.js';

export interface CatalogQuery {
  framework: FrameworkKey;
  /** The CCM version: of the CCM listed, or whose CSA mappings a TSC or ISO listing shows. */
  ccmVersion: string;
  /** Every word must appear in the id, the title or the group's name (any case). */
  search?: string;
  /** A CCM domain, TSC series or ISO theme id (any case). */
  group?: string;
}

export interface CatalogEntry {
  id: string;
  title: string;
  group: string;
  groupName: string;
  /** CCM only. */
  lite?: boolean;
  ownership?: CcmOwnership;
  /** TSC only: the category (security, availability, ...). */
  category?: string;
  /** CCM: the TSC criteria and ISO Annex A controls CSA maps it to; TSC and ISO: the CCM controls CSA maps to it. */
  mappings: { tsc?: string[]; iso27001?: string[]; ccm?: string[] };
  /** CCM 4.1: CSA maps 4.0.13; the entry is carried through the crosswalk from this 4.0.13 id. */
  derivedFrom?: string;
}

export interface CatalogListing {
  framework: FrameworkKey;
  name: string;
  version: string;
  ccmVersion: string;
  attribution: string;
  total: number;
  query: { search?: string; group?: string };
  entries: CatalogEntry[];
}

function matches(entry: CatalogEntry, q: CatalogQuery): boolean {
  if (q.group !== undefined && entry.group.toLowerCase() !== q.group.toLowerCase()) return false;
  if (q.search === undefined) return true;
  const haystack = `${entry.id} ${entry.title} ${entry.groupName}`.toLowerCase();
  return q.search.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

function catalogOf(q: CatalogQuery): Catalog {
  return q.framework === 'ccm' ? getCcmCatalog(q.ccmVersion) : q.framework === 'tsc' ? getTscCatalog() : getIso27001Catalog();
}

function mapped(targets: readonly string[] | undefined, relationship: string | undefined): string[] | undefined {
  return relationship === 'no-relationship' || !targets?.length ? undefined : [...targets];
}

/** The catalog's requirements that match, with CSA's ownership and mappings: `trustops catalog`. */
export function queryCatalog(q: CatalogQuery): CatalogListing {
  const catalog = catalogOf(q);
  const groupName = new Map(catalog.groups.map((g) => [g.id, g.name]));
  const entries: CatalogEntry[] = [];
  if (q.framework === 'ccm') {
    const tsc = getCcmMapping(q.ccmVersion, 'tsc');
    const iso = getCcmMapping(q.ccmVersion, 'iso27001');
    for (const c of (catalog as Catalog<CcmControl>).requirements) {
      const t = tsc.get(c.id);
      const i = iso.get(c.id);
      const mappings: CatalogEntry['mappings'] = {};
      const tscTargets = mapped(t?.targets, t?.relationship);
      const isoTargets = mapped(i?.targets, i?.relationship);
      if (tscTargets) mappings.tsc = tscTargets;
      if (isoTargets) mappings.iso27001 = isoTargets;
      const derivedFrom = t?.derivedFrom ?? i?.derivedFrom;
      entries.push({
        id: c.id,
        title: c.title,
        group: c.group,
        groupName: groupName.get(c.group) ?? c.group,
        lite: c.ccmLite,
        ownership: c.ownership,
        mappings,
        ...(derivedFrom ? { derivedFrom } : {}),
      });
    }
  } else {
    const inverse = invertCcmMapping(getCcmMapping(q.ccmVersion, q.framework));
    const tsc = q.framework === 'tsc' ? getTscCatalog() : undefined;
    for (const r of catalog.requirements) {
      const ccm = inverse.get(r.id);
      entries.push({
        id: r.id,
        title: r.title,
        group: r.group,
        groupName: groupName.get(r.group) ?? r.group,
        ...(tsc ? { category: tsc.get(r.id)?.category ?? '' } : {}),
        mappings: ccm?.length ? { ccm: [...ccm] } : {},
      });
    }
  }
  return {
    framework: q.framework,
    name: catalog.name,
    version: catalog.version,
    ccmVersion: getCcmCatalog(q.ccmVersion).version,
    attribution: catalog.attribution,
    total: entries.length,
    query: { ...(q.search !== undefined ? { search: q.search } : {}), ...(q.group !== undefined ? { group: q.group } : {}) },
    entries: entries.filter((e) => matches(e, q)),
  };
}

function ownershipText(o: CcmOwnership): string {
  return o.iaas === o.paas && o.paas === o.saas ? `${o.saas} (IaaS, PaaS, SaaS)` : `IaaS ${o.iaas}, PaaS ${o.paas}, SaaS ${o.saas}`;
}

/** The listing as text: one block per group, one line per requirement and one for its ownership and mappings. */
export function renderCatalogText(listing: CatalogListing): string {
  const noun = REQUIREMENT_NOUN[listing.framework];
  const filters = [listing.query.search !== undefined ? `matching "${listing.query.search}"` : '', listing.query.group !== undefined ? `in ${listing.query.group}` : '']
    .filter(Boolean)
    .join(' ');
  const lines = [`${catalogName(listing.name, listing.version)}: ${listing.entries.length} of ${listing.total} ${noun}${filters ? ` ${filters}` : ''}`];
  let group = '';
  const width = Math.max(0, ...listing.entries.map((e) => e.id.length));
  for (const e of listing.entries) {
    if (e.group !== group) {
      group = e.group;
      lines.push('', `${e.group}  ${e.groupName}`);
    }
    lines.push(`  ${e.id.padEnd(width)}  ${e.title}${e.lite ? '  [CCM-Lite]' : ''}${e.category ? `  [${e.category}]` : ''}`);
    const details: string[] = [];
    if (e.ownership) details.push(`ownership ${ownershipText(e.ownership)}`);
    if (e.mappings.tsc) details.push(`TSC ${e.mappings.tsc.join(', ')}`);
    if (e.mappings.iso27001) details.push(`ISO 27001 ${e.mappings.iso27001.join(', ')}`);
    if (e.mappings.ccm) details.push(`CCM ${listing.ccmVersion} ${e.mappings.ccm.join(', ')}`);
    if (e.derivedFrom) details.push(`mappings via ${e.derivedFrom} (4.0.13)`);
    if (details.length) lines.push(`  ${' '.repeat(width)}  ${details.join(' · ')}`);
  }
  const via = listing.framework === 'ccm' ? '' : ` CCM mappings: CSA's, for CCM ${listing.ccmVersion}.`;
  lines.push('', `${listing.attribution}${via}`, '');
  return lines.join('\n');
}

export function renderCatalogJson(listing: CatalogListing): string {
  return `${JSON.stringify(listing, null, 2)}\n`;
}
