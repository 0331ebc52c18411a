import { riskReviewProblem } from '../model/risks.js';
import { defineRule } from './define-rule.js';

export const riskReviewOverdue = defineRule({
  id: 'risk/review-overdue',
  severity: 'warning',
  description: 'A risk was reviewed within its review_every period (default annual) of last_reviewed; a risk never reviewed is overdue.',
  check({ model, today, report }) {
    for (const risk of model.risks) {
      const problem = riskReviewProblem(risk.data, today);
      if (!problem) continue;
      report({
        at: { source: risk.source, path: [risk.data.last_reviewed ? 'last_reviewed' : 'id'] },
        message: `risk ${risk.data.id}: ${problem}`,
        hint: 'Review the risk with its owner (likelihood, impact, treatment, acceptance), then set last_reviewed to the review date.',
      });
    }
  },
});
