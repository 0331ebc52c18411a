import type { FrameworkResult } from '../../score/readiness.js';
import { CATALOG_OWNER, CATALOG_SOURCES, catalogTitle, metadata, oscalControlId, prop, props, type Context, type Obj } from './common.js';

/**
 * The OSCAL catalogs the SSP's controls resolve in, one per framework in scope, and the profile that
 * imports them all: the SSP's import-profile points at the profile, so every control-id of the SSP, the
 * component definition and the assessment results names a control of a catalog in the packet.
 *
 * Ids and short titles only (catalog facts, as the site shows them): no control text, which is the
 * catalog owner's to distribute. The requirements are those of the scope (CCM-Lite, TSC categories,
 * ISO Annex A with the ISMS clauses), grouped by domain, series or theme.
 */
export function catalogFileName(fw: FrameworkResult): `catalog-${FrameworkResult['key']}.json` {
  return `catalog-${fw.key}.json`;
}

export const PROFILE_FILE = 'profile.json';

/** An OSCAL token for a group id: letters, digits, ".", "-", "_", starting with a letter. */
function groupId(fw: FrameworkResult, id: string): string {
  return `${fw.key}-${id.toLowerCase().replace(/&/g, '-').replace(/[^\p{L}\p{N}._-]+/gu, '-')}`;
}

export function catalogDocument(ctx: Context, fw: FrameworkResult): Obj {
  const names = new Map(fw.groups.map((g) => [g.id, g.name]));
  const groups = new Map<string, Obj[]>();
  for (const r of fw.requirements) {
    const list = groups.get(r.group) ?? [];
    list.push({ id: oscalControlId(fw.key, r.id), title: r.title || r.id, props: props(prop('label', r.id)) });
    groups.set(r.group, list);
  }
  return {
    catalog: {
      uuid: ctx.instance('catalog', fw.key, fw.version),
      metadata: {
        ...metadata(ctx, `${catalogTitle(fw)}: ids and titles of the requirements in scope`, ['provider']),
        remarks: `Ids and short titles only, for resolving the system security plan's controls. The catalog and its text are © ${CATALOG_OWNER[fw.key]}: ${CATALOG_SOURCES[fw.key]}.`,
      },
      groups: [...groups].map(([id, controls]) => ({ id: groupId(fw, id), title: names.get(id) ?? id, props: props(prop('label', id)), controls })),
    },
  };
}

export function profileDocument(ctx: Context): Obj {
  return {
    profile: {
      uuid: ctx.instance('profile'),
      metadata: metadata(ctx, `${ctx.systemName}: baseline (the scope in compliance.yaml)`, ['provider']),
      imports: ctx.frameworks.map((fw) => ({ href: catalogFileName(fw), 'include-all': {} })),
      merge: { 'as-is': true },
    },
  };
}
