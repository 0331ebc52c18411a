import { shorten } from '../model/findings.js';
import { defineRule } from './define-rule.js';

export const yamlSyntax = defineRule({
  id: 'yaml/syntax',
  severity: 'error',
  description: 'The file must be UTF-8 text that parses as YAML (policies: their front matter); alias bombs and runaway nesting are refused.',
  check({ model, report }) {
    for (const file of model.files) {
      if (file.tooLarge) continue;
      if (file.binary) {
        report({
          at: { file: file.path, ...(file.notText ? { line: file.notText.line, column: file.notText.column } : {}) },
          message: `the file is not UTF-8 text${file.notText ? `: ${file.notText.reason}` : ''}`,
          hint: 'Save it as UTF-8 text; binary artefacts belong in a subfolder of evidence/ and are referenced by a record.',
        });
        continue;
      }
      for (const error of file.syntaxErrors) {
        if (error.code === 'DUPLICATE_KEY') continue;
        report({
          at: { file: file.path, line: error.position.line, column: error.position.column },
          message: `YAML syntax: ${shorten(error.message, 300)}`,
          hint:
            error.code === 'ALIAS_LIMIT'
              ? 'Write the values out instead of expanding anchors and aliases this many times.'
              : error.code === 'NESTING_TOO_DEEP' || error.code === 'RESOURCE_EXHAUSTION'
                ? 'Flatten the structure: the format never nests more than a few levels.'
                : 'Check indentation (spaces, not tabs), colons after keys and closing quotes or brackets.',
        });
      }
    }
  },
});
