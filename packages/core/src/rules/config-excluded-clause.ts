import { getIsmsClauses } from '@trustops/frameworks';
import { defineRule } from './define-rule.js';

export const configExcludedClause = defineRule({
  id: 'config/excluded-clause',
  severity: 'error',
  description: 'An exclusion names an ISO 27001 Annex A control, never an ISMS clause (4-10): every clause is mandatory for certification, so such an exclusion is not honoured.',
  check({ model, scope, report }) {
    const config = model.config;
    const iso = scope.frameworks.iso27001;
    if (!config || !iso) return;
    const clauses = getIsmsClauses();
    (config.data.exclusions ?? []).forEach((e, i) => {
      if (e.framework !== 'iso27001' || e.id === undefined || iso.catalog.get(e.id) || !clauses.resolve(e.id)) return;
      report({
        at: { source: config.source, path: ['exclusions', i, 'id'] },
        message: `${e.id} is an ISMS clause of ISO 27001; clauses 4-10 cannot be excluded, so it stays in scope`,
        hint: 'Remove this exclusion and meet the clause (map a control or a policy to it). Only Annex A controls may be excluded, in the Statement of Applicability.',
      });
    });
  },
});
