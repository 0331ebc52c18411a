import { diffControls } from '../diff/diff-models.js';
import { defineRule } from './define-rule.js';

export const controlWeakened = defineRule({
  id: 'control/weakened',
  severity: 'warning',
  description: 'With --base: a control whose status, maturity or automation went down, or that lost a mapping or evidence item, is acknowledged by the PR (--acknowledge ID).',
  check({ model, history, report }) {
    if (!history) return;
    for (const diff of diffControls(history.base, model)) {
      if (diff.weakened.length === 0 || history.acknowledged.has(diff.id)) continue;
      report({
        at: { file: diff.file, line: diff.kind === 'removed' ? 1 : diff.line },
        message: `control ${diff.id} is weakened since ${history.baseLabel}: ${diff.weakened.join('; ')}`,
        hint: `If intended, acknowledge it in the pull request (trustops check --acknowledge ${diff.id}) and say why in its description.`,
      });
    }
  },
});
