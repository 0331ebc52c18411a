import { defineRule } from './define-rule.js';

export const riskNoControl = defineRule({
  id: 'risk/no-control',
  severity: 'warning',
  description: 'A risk whose treatment is mitigate names at least one control that is in place (implemented or operating), not only planned ones.',
  check({ model, index, report }) {
    for (const risk of model.risks) {
      const d = risk.data;
      if (d.treatment !== 'mitigate') continue;
      const listed = d.controls ?? [];
      const inPlace = listed.filter((id) => {
        const status = index.controls.get(id)?.data.status;
        return status === 'implemented' || status === 'operating';
      });
      if (inPlace.length > 0) continue;
      const planned = listed.filter((id) => index.controls.get(id)?.data.status === 'planned');
      report({
        at: { source: risk.source, path: [listed.length ? 'controls' : 'treatment'] },
        message:
          listed.length === 0
            ? `risk ${d.id} is to be mitigated, but no control treats it`
            : `risk ${d.id} is to be mitigated, but no control that treats it is in place${planned.length ? ` (${planned.join(', ')}: planned)` : ''}`,
        hint: 'List the controls that lower the risk under controls:, and make sure its residual score reflects only the controls in place.',
      });
    }
  },
});
