import { defineRule } from './define-rule.js';

export const configMissing = defineRule({
  id: 'config/missing',
  severity: 'error',
  description: 'The repository root has a compliance.yaml that states the scope.',
  check({ model, report }) {
    if (model.files.some((f) => f.kind === 'compliance')) return;
    report({
      at: { file: 'compliance.yaml' },
      message: 'compliance.yaml is missing, so nothing is in scope',
      hint: 'Create compliance.yaml at the repository root with organization, system and frameworks (see the README), or pass --repo with the right folder.',
    });
  },
});
