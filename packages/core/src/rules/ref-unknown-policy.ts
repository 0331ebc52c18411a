import { shorten } from '../model/findings.js';
import { suggestClosest } from '@trustops/frameworks';
import { defineRule } from './define-rule.js';
import { knownIds } from './known-ids.js';

export const refUnknownPolicy = defineRule({
  id: 'ref/unknown-policy',
  severity: 'error',
  description: "A control's policies: lists ids of policies under policies/.",
  check({ model, index, report }) {
    for (const control of model.controls) {
      (control.data.policies ?? []).forEach((id, i) => {
        if (index.policies.has(id)) return;
        const guess = suggestClosest(id, knownIds(index.policies));
        report({
          at: { source: control.source, path: ['policies', i] },
          message: `control ${control.data.id} refers to policy ${shorten(id)}, which does not exist`,
          hint: guess ? `Did you mean ${guess}?` : 'Create the policy under policies/ or remove the reference.',
        });
      });
    }
  },
});
