import { locate } from '../load/yaml-source.js';
import { isAccepted, riskScore } from '../model/risks.js';
import { defineRule } from './define-rule.js';

export const riskAboveAppetite = defineRule({
  id: 'risk/above-appetite',
  severity: 'warning',
  description: 'A risk whose residual score (likelihood x impact) is above risk.appetite in compliance.yaml has a written acceptance in force.',
  check({ model, today, report }) {
    const appetite = model.config?.data.risk?.appetite;
    const config = model.config;
    if (appetite === undefined || !config) return;
    for (const risk of model.risks) {
      const d = risk.data;
      const score = riskScore(d.residual);
      if (score === undefined || !d.residual || score <= appetite || isAccepted(d, today)) continue;
      report({
        at: { source: risk.source, path: ['residual'] },
        message: `risk ${d.id}: its residual score ${score} (likelihood ${d.residual.likelihood} x impact ${d.residual.impact}) is above the risk appetite ${appetite}, and no written acceptance is in force`,
        hint: 'Treat it further (controls that lower the residual likelihood or impact), or record who accepted it: acceptance: { by, on, until }.',
        related: [{ at: { file: config.source.file, line: locate(config.source, ['risk', 'appetite']).line }, message: `risk.appetite is ${appetite}` }],
      });
    }
  },
});
