import { shorten } from '../model/findings.js';
import { suggestClosest } from '@trustops/frameworks';
import { defineRule } from './define-rule.js';
import { knownIds } from './known-ids.js';

export const refUnknownControl = defineRule({
  id: 'ref/unknown-control',
  severity: 'error',
  description: 'An evidence record names a control that exists under controls/.',
  check({ model, index, report }) {
    for (const record of model.evidence) {
      const id = record.data.control;
      // An id that failed validation is pruned; schema/invalid reports it.
      if (id === undefined || index.controls.has(id)) continue;
      const guess = suggestClosest(id, knownIds(index.controls));
      report({
        at: { source: record.source, path: ['control'] },
        message: `evidence for control ${shorten(id)}, which does not exist`,
        hint: guess ? `Did you mean ${guess}?` : 'Create the control or move the record to the control it proves.',
      });
    }
  },
});
