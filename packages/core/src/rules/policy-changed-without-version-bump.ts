import { diffPolicies } from '../diff/diff-models.js';
import { defineRule } from './define-rule.js';

export const policyChangedWithoutVersionBump = defineRule({
  id: 'policy/changed-without-version-bump',
  severity: 'error',
  description: 'With --base: a policy whose text or fields changed (last_reviewed aside) has a new version.',
  check({ model, history, report }) {
    if (!history) return;
    for (const diff of diffPolicies(history.base, model)) {
      if (diff.kind !== 'changed' || diff.version.before !== diff.version.after) continue;
      if (!diff.textChanged && diff.fieldsChanged.length === 0) continue;
      const policy = model.policies.find((p) => p.data.id === diff.id);
      if (!policy) continue;
      const what = [diff.textChanged ? 'its text' : '', diff.fieldsChanged.length ? `${diff.fieldsChanged.join(', ')}` : ''].filter(Boolean).join(' and ');
      report({
        at: { source: policy.source, path: ['version'] },
        message: `policy ${diff.id} changed (${what}) since ${history.baseLabel} but is still version ${diff.version.after}`,
        hint: 'Bump version (e.g. 2.1.0 -> 2.2.0 for a change in substance, 2.1.1 for wording) and record the new effective date and approval.',
      });
    }
  },
});
