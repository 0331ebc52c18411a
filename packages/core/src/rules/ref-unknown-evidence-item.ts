import { shorten } from '../model/findings.js';
import { suggestClosest } from '@trustops/frameworks';
import { defineRule } from './define-rule.js';

export const refUnknownEvidenceItem = defineRule({
  id: 'ref/unknown-evidence-item',
  severity: 'error',
  description: "An evidence record's evidence: names an evidence item of its control.",
  check({ model, index, report }) {
    for (const record of model.evidence) {
      const control = index.controls.get(record.data.control);
      // Ids that failed validation are pruned; schema/invalid reports them.
      if (!control || record.data.evidence === undefined) continue;
      const items = (control.data.evidence ?? []).map((e) => e.id).filter((id) => id !== undefined);
      if (items.includes(record.data.evidence)) continue;
      const guess = suggestClosest(record.data.evidence, items);
      report({
        at: { source: record.source, path: ['evidence'] },
        message: `control ${control.data.id} has no evidence item "${shorten(record.data.evidence)}"`,
        hint: guess
          ? `Did you mean "${guess}"?`
          : items.length
            ? `Its evidence items: ${items.join(', ')}.`
            : `Declare the item under evidence: in ${control.source.file}.`,
      });
    }
  },
});
