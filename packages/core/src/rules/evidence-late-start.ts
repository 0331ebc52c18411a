import { defineRule } from './define-rule.js';

export const evidenceLateStart = defineRule({
  id: 'evidence/late-start',
  severity: 'warning',
  description: 'For a SOC 2 Type II period, a control went live at least three months before the period ends and its evidence starts with its first window.',
  check({ model, readiness, report }) {
    const r = readiness;
    if (r.type !== 'type2') return;
    for (const control of model.controls) {
      const a = r.controls.get(control.data.id);
      if (!a?.lateStart || a.status === 'planned' || a.status === 'retired') continue;
      report({
        at: { source: control.source, path: [a.lateStart.startsWith('implemented') ? 'implemented_on' : 'evidence'] },
        message: `control ${control.data.id} started too late for the Type II period: ${a.lateStart}`,
        hint: 'An auditor will report too short an operating period; agree a later period start with the auditor, or plan for it to be an exception.',
      });
    }
  },
});
