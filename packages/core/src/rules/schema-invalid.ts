import { defineRule } from './define-rule.js';

export const schemaInvalid = defineRule({
  id: 'schema/invalid',
  severity: 'error',
  description: "A value has the wrong type, form or enum value (2026-02-30 is not a date), or a required field is missing (the kind's JSON Schema).",
  check({ model, report }) {
    for (const file of model.files) {
      for (const problem of file.schemaProblems) {
        if (problem.kind !== 'invalid') continue;
        report({
          at: file.source ? { source: file.source, path: problem.path, target: problem.target } : { file: file.path },
          message: problem.message,
          hint: problem.hint,
        });
      }
    }
  },
});
