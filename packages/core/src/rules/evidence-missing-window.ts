import { defineRule } from './define-rule.js';

export const evidenceMissingWindow = defineRule({
  id: 'evidence/missing-window',
  severity: 'warning',
  description: 'For a SOC 2 Type II period, every ended window of each evidence item (every: F) is covered by a record of an implemented control.',
  check({ model, readiness, report }) {
    const r = readiness;
    const period = r.period;
    if (r.type !== 'type2' || !period) return;
    for (const control of model.controls) {
      const a = r.controls.get(control.data.id);
      if (!a || (a.status !== 'operating' && a.status !== 'implemented')) continue;
      (control.data.evidence ?? []).forEach((item, i) => {
        const state = a.evidence.find((e) => e.id === item.id);
        if (!state || state.missingWindows.length === 0) return;
        report({
          at: { source: control.source, path: ['evidence', i, 'id'] },
          message: `evidence "${item.id}" of ${control.data.id} (${item.every}) is missing for ${state.missingWindows.map((w) => `${w.start}..${w.end}`).join(', ')} of the period ${period.start}..${period.end}`,
          hint: `Add a record under evidence/${control.data.id}/ whose covers: spans each missing window (a Type II auditor samples every window).`,
        });
      });
    }
  },
});
