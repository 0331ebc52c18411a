import { suggestClosest } from '@trustops/frameworks';
import { defineRule } from './define-rule.js';

const COLLECTORS = ['changes', 'branch_protection', 'access', 'vulnerabilities'] as const;

export const configUnknownCollectTarget = defineRule({
  id: 'config/unknown-collect-target',
  severity: 'error',
  description: 'Each collector under collect.github in compliance.yaml names a control and one of its evidence items: trustops collect github writes its record there.',
  check({ model, index, report }) {
    const config = model.config;
    const github = config?.data.collect?.github;
    if (!config || !github) return;
    for (const name of COLLECTORS) {
      const target = github[name];
      if (!target?.control || !target.item) continue;
      const control = index.controls.get(target.control);
      if (!control) {
        const guess = suggestClosest(target.control, [...index.controls.keys()]);
        report({
          at: { source: config.source, path: ['collect', 'github', name, 'control'] },
          message: `collect.github.${name} feeds control ${target.control}, which is not under controls/`,
          hint: guess ? `Did you mean ${guess}?` : 'Name a control of the program.',
        });
        continue;
      }
      const items = (control.data.evidence ?? []).map((e) => e.id);
      if (items.includes(target.item)) continue;
      const guess = suggestClosest(target.item, items);
      report({
        at: { source: config.source, path: ['collect', 'github', name, 'item'] },
        message: `collect.github.${name} feeds evidence item "${target.item}", which control ${target.control} does not declare`,
        hint: guess ? `Did you mean "${guess}"?` : `Declare the item under evidence: in ${control.source.file}.`,
      });
    }
  },
});
