import { shorten } from '../model/findings.js';
import { getCcmCatalog, getCcmCrosswalk, getIsmsClauses, type Catalog } from '@trustops/frameworks';
import { catalogName } from '../render/labels.js';
import { defineRule } from './define-rule.js';
import { collectRequirementRefs } from '../model/requirement-refs.js';

export const mappingUnknownRequirement = defineRule({
  id: 'mapping/unknown-requirement',
  severity: 'error',
  description: 'Every requirement id (maps, exclusions, SSRM entries) exists in the catalog of the configured version; the hint names the nearest real id, or where the v4.0 to v4.1 crosswalk moved it.',
  check({ model, scope, report }) {
    for (const ref of collectRequirementRefs(model)) {
      const framework = scope.frameworks[ref.framework];
      if (!framework || framework.resolve(ref.id).length > 0) continue;
      report({
        at: { source: ref.source, path: ref.path, target: ref.target },
        message: `${shorten(ref.id)} is not a requirement of ${catalogName(framework.catalog.name, framework.catalog.version)}`,
        hint: hintFor(ref.id, framework.catalog),
      });
    }
  },
});

function hintFor(id: string, catalog: Catalog): string {
  // An id from CCM v4.0 in a v4.1 program: say where that control went instead of guessing by spelling.
  if (catalog.key === 'ccm' && catalog.version.startsWith('4.1') && getCcmCatalog('4.0.13').get(id)) {
    const row = getCcmCrosswalk().find((r) => r.from === id);
    if (row?.change === 'removed') return `${id} is a CCM v4.0 control that v4.1 removed; map to another control or drop it.`;
    if (row && row.to.length > 0 && row.to[0] !== id) {
      // Renaming ids one at a time collides with ids that moved too (v4.0 IAM-16 is v4.1 IAM-15, and v4.0
      // IAM-15 is v4.1 IAM-14): migrate renumbers them all in one pass.
      return `${id} is a CCM v4.0 id; in v4.1 that control is ${row.to.join(', ')}. Renumber the whole program at once with \`trustops migrate\` rather than id by id.`;
    }
  }
  if (catalog.key === 'iso27001' && /^A\.\d/.test(id) && catalog.get(id.slice(2))) {
    return `Write Annex A ids without "A.": "${id.slice(2)}".`;
  }
  if (catalog.key === 'iso27001' && getIsmsClauses().isClauseRef(id)) {
    return 'ISMS clauses are 4 to 10 of ISO/IEC 27001:2022, written "clause 9.2" (internal audit) or "clause 6.1.3" (risk treatment).';
  }
  const guess = catalog.suggest(id);
  return guess ? `Did you mean ${guess} (${catalog.get(guess)?.title})?` : `See the ${catalog.name} ids with \`trustops explain\`.`;
}
