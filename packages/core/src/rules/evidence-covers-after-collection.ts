import { defineRule } from './define-rule.js';

export const evidenceCoversAfterCollection = defineRule({
  id: 'evidence/covers-after-collection',
  severity: 'error',
  description: "An evidence record's covers.end is on or before its collected_on: a record cannot show time that had not happened yet (such a record covers nothing).",
  check({ model, report }) {
    for (const record of model.evidence) {
      const { covers, collected_on: collectedOn } = record.data;
      if (!covers?.end || !collectedOn || covers.end <= collectedOn) continue;
      report({
        at: { source: record.source, path: ['covers', 'end'] },
        message: `the record covers up to ${covers.end} but was collected on ${collectedOn}; it covers nothing`,
        hint: `End covers: on or before ${collectedOn}, and collect a new record for the rest of the window once it has passed.`,
      });
    }
  },
});
