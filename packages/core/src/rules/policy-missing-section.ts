import { normalizeHeading as normalize, requiredPolicySections } from '../model/policies.js';
import { shorten } from '../model/findings.js';
import { defineRule } from './define-rule.js';

export { DEFAULT_POLICY_SECTIONS } from '../model/policies.js';

export const policyMissingSection = defineRule({
  id: 'policy/missing-section',
  severity: 'error',
  description: 'A policy has the required sections as headings (default: Purpose, Scope, Policy, Enforcement; set policies.required_sections).',
  check({ model, report }) {
    const required = requiredPolicySections(model);
    for (const policy of model.policies) {
      const headings = new Set(policy.headings.map((h) => normalize(h.text)));
      const lastHeading = policy.headings.at(-1);
      for (const section of required) {
        if (headings.has(normalize(section))) continue;
        report({
          at: { file: policy.source.file, line: lastHeading?.line ?? policy.bodyLine, column: 1 },
          message: `policy ${policy.data.id} has no "${shorten(section)}" section`,
          hint: `Add a "## ${section}" heading with its text.`,
        });
      }
    }
  },
});
