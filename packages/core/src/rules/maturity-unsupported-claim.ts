import { defineRule } from './define-rule.js';

const LEVEL = ['not performed', 'ad hoc', 'documented', 'implemented', 'monitored', 'optimised'];

export const maturityUnsupportedClaim = defineRule({
  id: 'maturity/unsupported-claim',
  severity: 'warning',
  description: 'A control that claims maturity 4 (monitored) or 5 (optimised) has evidence collected on schedule for every ended window; otherwise it counts as 3.',
  check({ model, readiness, report }) {
    const { controls } = readiness;
    for (const control of model.controls) {
      const assessment = controls.get(control.data.id);
      if (!assessment || assessment.maturitySupported || assessment.declaredMaturity === undefined) continue;
      const missing = assessment.evidence.filter((e) => e.missingWindows.length > 0);
      const why =
        assessment.evidence.length === 0
          ? 'it declares no evidence items'
          : missing.length > 0
            ? missing.map((e) => `"${e.id}" is missing for ${e.missingWindows.map((w) => `${w.start}..${w.end}`).join(', ')}`).join('; ')
            : 'no evidence has been collected yet';
      report({
        at: { source: control.source, path: ['maturity'] },
        message: `control ${control.data.id} claims maturity ${assessment.declaredMaturity} (${LEVEL[assessment.declaredMaturity]}) but its evidence is not on schedule: ${why}; it counts as 3`,
        hint: 'Collect the missing evidence records, or lower maturity to 3 (implemented) until evidence is collected on schedule.',
      });
    }
  },
});
