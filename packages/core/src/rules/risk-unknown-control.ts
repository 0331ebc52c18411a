import { suggestClosest } from '@trustops/frameworks';
import { defineRule } from './define-rule.js';
import { knownIds } from './known-ids.js';

export const riskUnknownControl = defineRule({
  id: 'risk/unknown-control',
  severity: 'error',
  description: "A risk's controls: are controls that exist under controls/ and are not retired: a risk treated by nothing real is untreated.",
  check({ model, index, report }) {
    for (const risk of model.risks) {
      (risk.data.controls ?? []).forEach((id, i) => {
        const control = index.controls.get(id);
        if (control && control.data.status !== 'retired') return;
        const guess = control ? undefined : suggestClosest(id, knownIds(index.controls));
        report({
          at: { source: risk.source, path: ['controls', i] },
          message: control ? `risk ${risk.data.id} is treated by control ${id}, which is retired` : `risk ${risk.data.id} names control ${id}, which does not exist`,
          hint: control
            ? `Name the control that replaced ${id}, or review the risk's treatment and residual score.`
            : guess
              ? `Did you mean ${guess}?`
              : 'Name a control under controls/ that treats the risk, or create it.',
        });
      });
    }
  },
});
