import { suggestClosest } from '@trustops/frameworks';
import { defineRule } from './define-rule.js';

export const refUnknownControl = defineRule({
  id: 'ref/unknown-control',
  severity: 'error',
  description: 'An evidence record names a control that exists under controls/.',
  check({ model, index, report }) {
    for (const record of model.evidence) {
      const id = record.data.control;
      if (index.controls.has(id)) continue;
      const guess = suggestClosest(id, index.controls.keys());
      report({
        at: { source: record.source, path: ['control'] },
        message: `evidence for control ${id}, which does not exist`,
        hint: guess ? `Did you mean ${guess}?` : 'Create the control or move the record to the control it proves.',
      });
    }
  },
});
