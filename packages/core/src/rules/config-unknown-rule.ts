import { suggestClosest } from '@trustops/frameworks';
import { defineRule } from './define-rule.js';

/** Filled by the registry: the ids a `rules:` entry may name. */
export const knownRuleIds: string[] = [];

export const configUnknownRule = defineRule({
  id: 'config/unknown-rule',
  severity: 'error',
  description: 'Every rule id under rules: in compliance.yaml exists.',
  check({ model, report }) {
    const config = model.config;
    for (const id of Object.keys(config?.data.rules ?? {})) {
      if (knownRuleIds.includes(id)) continue;
      const guess = suggestClosest(id, knownRuleIds);
      report({
        at: { source: config!.source, path: ['rules', id], target: 'key' },
        message: `unknown rule "${id}"`,
        hint: guess ? `Did you mean "${guess}"?` : 'Run `trustops rules` to list the rule ids.',
      });
    }
  },
});
