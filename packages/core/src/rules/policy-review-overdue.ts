import { addFrequency } from '../model/dates.js';
import { defineRule } from './define-rule.js';

export const policyReviewOverdue = defineRule({
  id: 'policy/review-overdue',
  severity: 'warning',
  description: 'A policy was reviewed within its review_every period (default annual) of last_reviewed (or effective).',
  check({ model, today, report }) {
    for (const policy of model.policies) {
      const { data } = policy;
      const every = data.review_every ?? 'annual';
      const since = data.last_reviewed ?? data.effective;
      if (!since) continue;
      const due = addFrequency(since, every);
      if (!due || due >= today) continue;
      report({
        at: { source: policy.source, path: [data.last_reviewed ? 'last_reviewed' : 'effective'] },
        message: `policy ${data.id} was due for its ${every} review on ${due} (${data.last_reviewed ? 'last reviewed' : 'effective'} ${since})`,
        hint: 'Review the policy with its owner, then set last_reviewed to the review date (and bump version if the text changes).',
      });
    }
  },
});
