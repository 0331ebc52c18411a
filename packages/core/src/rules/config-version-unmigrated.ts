import { getCcmCatalog, resolveCcmVersion } from '@trustops/frameworks';
import { ccmTranslationBetween } from '../diff/version-switch.js';
import type { RepoModel } from '../load/load-repo.js';
import { collectRequirementRefs, type RequirementRef } from '../model/requirement-refs.js';
import { canMigrate, ccmVersionLabel, translateIds, type CcmTranslation } from '../migrate/crosswalk.js';
import { defineRule, type ReportDescriptor } from './define-rule.js';

export const configVersionUnmigrated = defineRule({
  id: 'config/version-unmigrated',
  severity: 'error',
  description:
    "With --base: when compliance.yaml's CCM version changed since BASE, the program's ids were migrated with it: no SSRM key, mapping or exclusion keeps an id that the crosswalk renumbers (it would now name another control).",
  check({ model, history, report }) {
    if (!history || !model.config) return;
    const translation = ccmTranslationBetween(history.base, model);
    if (!translation) return;
    // An SSRM file that states another version is config/version-mismatch's finding already.
    if (model.responsibilities.some((r) => r.data.version !== undefined && resolveCcmVersion(r.data.version) !== translation.to)) return;
    const stale = unmigratedRefs(history.base, model, translation);
    if (stale.length === 0) return;
    const from = ccmVersionLabel(translation.from);
    const to = ccmVersionLabel(translation.to);
    const first = stale[0]!;
    const before = getCcmCatalog(translation.from).get(first.id)?.title;
    const after = getCcmCatalog(translation.to).get(first.id)?.title;
    const ids = [...new Set(stale.map((r) => r.id))];
    report({
      at: { source: model.config.source, path: ['frameworks', 'ccm', 'version'] },
      message:
        `the CCM version changed from ${from} to ${to} since ${history.baseLabel}, but ${ids.length === 1 ? `1 id kept its ${from} number and now names another control` : `${ids.length} ids kept their ${from} numbers and now name other controls`} ` +
        `(${first.id} in ${first.owner}: "${before}" in ${from}${after ? `, "${after}" in ${to}` : `, no such id in ${to}`})`,
      hint: canMigrate(translation)
        ? `Start from ${history.baseLabel}'s files and run \`trustops migrate --ccm ${to}\`, which renumbers every id through CSA's crosswalk in one pass; if only the version was edited, \`trustops migrate --ccm ${to} --from ${from}\` does it in place.`
        : `Put back version "${from}": trustops migrates CCM 4.0.13 to 4.1 only.`,
      related: relatedPerFile(stale),
    });
  },
});

/**
 * The ids HEAD still names as BASE did although the crosswalk renumbers them. An id that is also what
 * another of the owner's BASE ids became (v4.0 IAM-15 is v4.1 IAM-14), or a control new in the version,
 * is migrated, not stale.
 */
function unmigratedRefs(base: RepoModel, head: RepoModel, translation: CcmTranslation): RequirementRef[] {
  const byOwner = (model: RepoModel) => {
    const map = new Map<string, RequirementRef[]>();
    for (const ref of collectRequirementRefs(model)) {
      if (ref.framework !== 'ccm') continue;
      map.set(ref.owner, [...(map.get(ref.owner) ?? []), ref]);
    }
    return map;
  };
  const before = byOwner(base);
  // A control new in the version (v4.1 DCS-01) may carry an old id's number: naming it is no stale id.
  const added = new Set(translation.added);
  const stale: RequirementRef[] = [];
  for (const [owner, refs] of byOwner(head)) {
    const baseIds = new Set((before.get(owner) ?? []).map((r) => r.id));
    const expected = new Set(translateIds([...baseIds], translation));
    for (const ref of refs) {
      const target = translation.lookup(ref.id);
      const renumbered = target !== undefined && !(target.length === 1 && target[0] === ref.id);
      if (baseIds.has(ref.id) && renumbered && !expected.has(ref.id) && !added.has(ref.id)) stale.push(ref);
    }
  }
  return stale;
}

function relatedPerFile(stale: readonly RequirementRef[]): NonNullable<ReportDescriptor['related']> {
  const files = new Map<string, RequirementRef[]>();
  for (const ref of stale) files.set(ref.source.file, [...(files.get(ref.source.file) ?? []), ref]);
  return [...files.values()].map((refs) => {
    const ids = [...new Set(refs.map((r) => r.id))];
    return {
      at: { source: refs[0]!.source, path: refs[0]!.path, target: refs[0]!.target },
      message: `${ids.length} not migrated here: ${ids.length > 6 ? `${ids.slice(0, 6).join(', ')}, …` : ids.join(', ')}`,
    };
  });
}
