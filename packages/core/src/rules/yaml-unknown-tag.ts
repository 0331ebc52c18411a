import { defineRule } from './define-rule.js';

export const yamlUnknownTag = defineRule({
  id: 'yaml/unknown-tag',
  severity: 'error',
  description: 'A YAML tag (!custom, !!binary, !!timestamp) the format does not use; the value would be read as something other than what the tag says.',
  check({ model, report }) {
    for (const file of model.files) {
      for (const warning of file.warnings) {
        if (warning.code !== 'UNKNOWN_TAG') continue;
        report({
          at: { file: file.path, line: warning.position.line, column: warning.position.column },
          message: `${warning.message} is not part of the format: trustops reads plain values only`,
          hint: 'Remove the tag and write the value plainly (quote it to keep it text).',
        });
      }
    }
  },
});
