import { getCcmCatalog } from '@trustops/frameworks';
import type { RepoModel } from '../load/load-repo.js';
import { collectRequirementRefs } from '../model/requirement-refs.js';
import { ccmTranslation, type CcmTranslation } from '../migrate/crosswalk.js';

/** A change of the CCM version between two revisions, in the program's own terms. */
export interface VersionSwitch {
  framework: 'ccm';
  /** The versions as compliance.yaml spells them ("4.0.13", "4.1"). */
  from: string;
  to: string;
  /** Ids BASE names that the crosswalk renumbers, with their successors and titles. */
  renumbered: { from: string; to: string[]; title: string }[];
  /** Ids BASE names whose control has no successor, and who named them. */
  removed: { id: string; title: string; referredBy: string[] }[];
  /** Controls new in HEAD's version that HEAD's scope includes. */
  added: { id: string; title: string }[];
}

function ccmVersionOf(model: RepoModel): string | undefined {
  return model.config?.data.frameworks?.ccm?.version;
}

/**
 * How BASE's CCM ids read in HEAD's version, when compliance.yaml's CCM version differs between them: the
 * history compares through it, so that a renumbered id is the same requirement, not one lost and one new.
 */
export function ccmTranslationBetween(base: RepoModel, head: RepoModel): CcmTranslation | undefined {
  const from = ccmVersionOf(base);
  const to = ccmVersionOf(head);
  return from && to ? ccmTranslation(from, to) : undefined;
}

/** The version switch between two revisions, or undefined when the CCM version did not change. */
export function diffVersionSwitch(base: RepoModel, head: RepoModel): VersionSwitch | undefined {
  const translation = ccmTranslationBetween(base, head);
  if (!translation) return undefined;
  const before = getCcmCatalog(translation.from);
  const after = getCcmCatalog(translation.to);
  const referredBy = new Map<string, Set<string>>();
  for (const ref of collectRequirementRefs(base)) {
    if (ref.framework !== 'ccm') continue;
    if (!referredBy.has(ref.id)) referredBy.set(ref.id, new Set());
    referredBy.get(ref.id)!.add(ref.owner);
  }
  const named = [...referredBy.keys()].filter((id) => before.get(id)).sort((a, b) => catalogIndex(before, a) - catalogIndex(before, b));
  const renumbered: VersionSwitch['renumbered'] = [];
  const removed: VersionSwitch['removed'] = [];
  for (const id of named) {
    const to = translation.lookup(id);
    if (to === undefined) continue;
    if (to.length === 0) removed.push({ id, title: before.get(id)!.title, referredBy: [...referredBy.get(id)!].sort() });
    else if (to.length !== 1 || to[0] !== id) renumbered.push({ from: id, to: [...to], title: before.get(id)!.title });
  }
  const ccm = head.config?.data.frameworks?.ccm;
  const excluded = new Set((head.config?.data.exclusions ?? []).filter((e) => e.framework === 'ccm').map((e) => e.id));
  const added = translation.added
    .map((id) => after.get(id)!)
    .filter((c) => (!ccm?.lite || c.ccmLite) && !excluded.has(c.id))
    .map((c) => ({ id: c.id, title: c.title }));
  return { framework: 'ccm', from: ccmVersionOf(base)!, to: ccmVersionOf(head)!, renumbered, removed, added };
}

function catalogIndex(catalog: ReturnType<typeof getCcmCatalog>, id: string): number {
  return catalog.requirements.findIndex((r) => r.id === id);
}
