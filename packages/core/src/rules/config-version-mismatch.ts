import { SUPPORTED_CCM_VERSIONS, getCcmCatalog, resolveCcmVersion, type CcmVersion } from '@trustops/frameworks';
import type { Entity, RepoModel } from '../load/load-repo.js';
import { collectRequirementRefs } from '../model/requirement-refs.js';
import { canMigrate, ccmTranslation, ccmVersionLabel } from '../migrate/crosswalk.js';
import type { ResponsibilityData } from '../schemas/types.js';
import { defineRule } from './define-rule.js';

const SHIPPED: readonly CcmVersion[] = ['4.0.13', '4.1.0'];

export const configVersionMismatch = defineRule({
  id: 'config/version-mismatch',
  severity: 'error',
  description:
    "frameworks.ccm.version is the version of the program's CCM ids: an SSRM file's version: equals it, and an SSRM file without version: holds no other version's ids (changing the version alone changes what renumbered ids mean; trustops migrate renumbers them).",
  check({ model, report }) {
    const config = model.config;
    const written = config?.data.frameworks?.ccm?.version;
    const configured = written === undefined ? undefined : resolveCcmVersion(written);
    if (!config || !written || !configured) return;
    for (const file of model.responsibilities) {
      const stated = file.data.version;
      if (stated === undefined) {
        const other = foreignVersion(file, configured);
        if (!other) continue;
        const foreign = Object.keys(file.data.assignments).filter((id) => !getCcmCatalog(configured).get(id));
        report({
          at: { source: file.source, path: ['assignments', foreign[0]!], target: 'key' },
          message: `${file.source.file} states no version: and its keys are CCM ${other.written} ids: ${foreign.length} of them (${sample(foreign)}) are not ids of CCM ${written}`,
          hint: canMigrate(ccmTranslation(other.version, configured))
            ? `If compliance.yaml's version was changed by hand, run \`trustops migrate --ccm ${written} --from ${other.written}\`: it renumbers every id through CSA's crosswalk in one pass and records version: "${written}" here. If the keys are meant as CCM ${written} ids, add version: "${written}" to this file.`
            : `Put back version "${other.written}" in compliance.yaml: trustops migrates CCM 4.0.13 to 4.1 only.`,
        });
        continue;
      }
      const version = resolveCcmVersion(stated);
      if (!version) {
        report({
          at: { source: file.source, path: ['version'] },
          message: `version "${stated}" is not a CCM version trustops ships`,
          hint: `Write the CCM version this file's keys are ids of: ${SUPPORTED_CCM_VERSIONS.join(', ')}.`,
        });
        continue;
      }
      if (version === configured) continue;
      const translation = ccmTranslation(version, configured);
      report({
        at: { source: config.source, path: ['frameworks', 'ccm', 'version'] },
        message: `frameworks.ccm.version is "${written}" but ${file.source.file} holds CCM ${stated} ids (version: "${stated}")${meaningChange(model, version, configured)}`,
        hint: canMigrate(translation)
          ? `Run \`trustops migrate --ccm ${written}\`: it renumbers every id through CSA's crosswalk in one pass and records the new version; or put back "${stated}".`
          : `Put back "${stated}": trustops migrates CCM 4.0.13 to 4.1 only.`,
        related: [{ at: { source: file.source, path: ['version'] }, message: `the version of ${file.source.file}'s keys` }],
      });
    }
  },
});

/** Another shipped version whose catalog holds every key of an unversioned file, when the configured one does not. */
function foreignVersion(file: Entity<ResponsibilityData>, configured: CcmVersion): { version: CcmVersion; written: string } | undefined {
  const keys = Object.keys(file.data.assignments);
  if (keys.length === 0 || keys.every((id) => getCcmCatalog(configured).get(id))) return undefined;
  const other = SHIPPED.find((v) => v !== configured && keys.every((id) => getCcmCatalog(v).get(id)));
  return other ? { version: other, written: ccmVersionLabel(other) } : undefined;
}

/** ", read as CCM 4.1 ids 48 of them name other controls (IAM-14: Strong Authentication → Credentials Management)". */
function meaningChange(model: RepoModel, from: CcmVersion, to: CcmVersion): string {
  const translation = ccmTranslation(from, to);
  if (!translation) return '';
  const before = getCcmCatalog(from);
  const after = getCcmCatalog(to);
  const ids = [...new Set(collectRequirementRefs(model).filter((r) => r.framework === 'ccm').map((r) => r.id))];
  const changed = ids.filter((id) => {
    const target = translation.lookup(id);
    return target !== undefined && after.get(id) !== undefined && !(target.length === 1 && target[0] === id);
  });
  if (changed.length === 0) return '';
  const example = changed[0]!;
  return `: read as CCM ${ccmVersionLabel(to)} ids, ${changed.length} of the ids the program names mean other controls (${example} is "${before.get(example)!.title}" in ${ccmVersionLabel(from)}, "${after.get(example)!.title}" in ${ccmVersionLabel(to)})`;
}

function sample(ids: readonly string[]): string {
  return ids.length > 3 ? `${ids.slice(0, 3).join(', ')}, …` : ids.join(', ');
}
