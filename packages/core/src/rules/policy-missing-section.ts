import { shorten } from '../model/findings.js';
import { defineRule } from './define-rule.js';

export const DEFAULT_POLICY_SECTIONS = ['Purpose', 'Scope', 'Policy', 'Enforcement'] as const;

export const policyMissingSection = defineRule({
  id: 'policy/missing-section',
  severity: 'error',
  description: 'A policy has the required sections as headings (default: Purpose, Scope, Policy, Enforcement; set policies.required_sections).',
  check({ model, report }) {
    const required = model.config?.data.policies?.required_sections ?? DEFAULT_POLICY_SECTIONS;
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

function normalize(text: string): string {
  return text.toLowerCase().replace(/^\d+(\.\d+)*\.?\s+/, '').replace(/\s+/g, ' ').trim();
}
