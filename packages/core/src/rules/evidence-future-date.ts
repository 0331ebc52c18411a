import { defineRule } from './define-rule.js';

export const evidenceFutureDate = defineRule({
  id: 'evidence/future-date',
  severity: 'error',
  description: "An evidence record's collected_on is not after the date of the check: evidence cannot be collected in the future (such a record covers nothing).",
  check({ model, today, report }) {
    for (const record of model.evidence) {
      const collectedOn = record.data.collected_on;
      if (!collectedOn || collectedOn <= today) continue;
      report({
        at: { source: record.source, path: ['collected_on'] },
        message: `the record says it was collected on ${collectedOn}, after today (${today}); it covers nothing`,
        hint: 'Write the date the evidence was actually collected (trustops evidence add fills it in).',
      });
    }
  },
});
