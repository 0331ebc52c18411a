import { isInScope } from '../model/scope.js';
import { defineRule } from './define-rule.js';

export const ssrmMissingAssignment = defineRule({
  id: 'ssrm/missing-assignment',
  severity: 'error',
  description: 'Every in-scope CCM control has a shared-responsibility entry (controls/responsibility/) or an exclusion.',
  check({ model, scope, report }) {
    const ccm = scope.frameworks.ccm;
    if (!ccm || !model.config) return;
    const assigned = new Set(model.responsibilities.flatMap((r) => Object.keys(r.data.assignments)));
    const missing = ccm.catalog.requirements.filter((c) => isInScope(ccm, c.id) && !assigned.has(c.id));
    if (missing.length === 0) return;
    const file = model.responsibilities[0];
    if (!file) {
      // One finding, not one per control, when the model has not been started.
      report({
        at: { source: model.config.source, path: ['frameworks', 'ccm'], target: 'key' },
        message: `no shared-responsibility model: ${missing.length} in-scope CCM controls have no owner`,
        hint: 'Create controls/responsibility/ccm.yaml with framework: ccm and an assignment per CCM control (ownership, csp, csc).',
      });
      return;
    }
    for (const control of missing) {
      report({
        at: { source: file.source, path: ['assignments'], target: 'key' },
        message: `CCM ${control.id} (${control.title}) has no shared-responsibility entry`,
        hint: `Add "${control.id}: { ownership: ..., csp: ... }" under assignments (CCM typical SaaS ownership: ${
          (control as { ownership?: { saas?: string } }).ownership?.saas ?? 'n/a'
        }), or exclude it in compliance.yaml with a reason.`,
      });
    }
  },
});
