import { defineRule } from './define-rule.js';

export const schemaUnknownField = defineRule({
  id: 'schema/unknown-field',
  severity: 'error',
  description: 'A field the format does not define (often a typo), with the closest known field as a hint.',
  check({ model, report }) {
    for (const file of model.files) {
      for (const problem of file.schemaProblems) {
        if (problem.kind !== 'unknown-field') continue;
        report({
          at: file.source ? { source: file.source, path: problem.path, target: 'key' } : { file: file.path },
          message: problem.message,
          hint: problem.hint,
        });
      }
    }
  },
});
