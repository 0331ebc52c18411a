import { shorten } from '../model/findings.js';
import { suggestClosest } from '@trustops/frameworks';
import { defineRule } from './define-rule.js';

export const configUnknownRule = defineRule({
  id: 'config/unknown-rule',
  severity: 'error',
  description: 'Every rule id under rules: in compliance.yaml exists.',
  check({ model, ruleIds, report }) {
    const config = model.config;
    for (const id of Object.keys(config?.data.rules ?? {})) {
      if (ruleIds.has(id)) continue;
      const guess = suggestClosest(id, [...ruleIds]);
      report({
        at: { source: config!.source, path: ['rules', id], target: 'key' },
        message: `unknown rule "${shorten(id)}"`,
        hint: guess ? `Did you mean "${guess}"?` : 'Run `trustops rules` to list the rule ids.',
      });
    }
  },
});
