import { FRAMEWORK_KEYS } from '@trustops/frameworks';
import { renderPercent } from '../render/score.js';
import { defineRule } from './define-rule.js';

export const readinessBelowThreshold = defineRule({
  id: 'readiness/below-threshold',
  severity: 'error',
  description: "A framework's readiness reaches gate.min_readiness in compliance.yaml.",
  check({ model, readiness, report }) {
    const config = model.config;
    const thresholds = config?.data.gate?.min_readiness;
    if (!config || !thresholds) return;
    const r = readiness;
    for (const key of FRAMEWORK_KEYS) {
      const threshold = thresholds[key];
      const fw = r.frameworks[key];
      if (threshold === undefined || !fw || fw.readiness === null || fw.readiness >= threshold) continue;
      report({
        at: { source: config.source, path: ['gate', 'min_readiness', key] },
        message: `${key} readiness is ${renderPercent(fw.readiness)} (${r.type}), below the gate's ${renderPercent(threshold)}`,
        hint: 'Run `trustops gaps` to see what is missing, worst domain first, and what would close it.',
      });
    }
  },
});
