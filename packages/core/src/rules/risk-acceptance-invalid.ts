import { acceptanceProblem } from '../model/risks.js';
import { defineRule } from './define-rule.js';

export const riskAcceptanceInvalid = defineRule({
  id: 'risk/acceptance-invalid',
  severity: 'warning',
  description: 'An accepted risk (treatment: accept, or an acceptance: block) has a written acceptance that names who accepted it and is in force: not past its until, not dated later.',
  check({ model, today, report }) {
    for (const risk of model.risks) {
      const d = risk.data;
      if (d.treatment !== 'accept' && !d.acceptance) continue;
      const problem = acceptanceProblem(d, today);
      if (!problem) continue;
      const path = !d.acceptance ? ['treatment'] : problem.field ? ['acceptance', problem.field] : ['acceptance'];
      report({
        at: { source: risk.source, path },
        message: `risk ${d.id} is accepted, but ${problem.message}`,
        hint:
          problem.field === 'until'
            ? 'Review the risk: renew the acceptance (new on and until, by whom your risk policy names), or treat it otherwise.'
            : 'Record the acceptance: acceptance: { by: <who may accept it under your risk policy>, on: <date>, until: <date> }.',
      });
    }
  },
});
