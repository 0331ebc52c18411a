import { defineRule } from './define-rule.js';

export const yamlDuplicateKey = defineRule({
  id: 'yaml/duplicate-key',
  severity: 'error',
  description: 'A key may appear once per mapping; YAML tools disagree on which value would win.',
  check({ model, report }) {
    for (const file of model.files) {
      for (const error of file.syntaxErrors) {
        if (error.code !== 'DUPLICATE_KEY') continue;
        const key = keyAt(error.excerpt);
        report({
          at: { file: file.path, line: error.position.line, column: error.position.column },
          message: key !== undefined ? `duplicate key "${key}" in the same mapping` : 'duplicate key in the same mapping',
          hint: 'Keep one entry for this key and merge the values into it.',
        });
      }
    }
  },
});

/** The key named at the start of the parser's excerpt ("name: value" or "\"name\": value"). */
function keyAt(excerpt: string | undefined): string | undefined {
  if (!excerpt) return undefined;
  const quoted = /^(["'])(.*?)\1\s*:/.exec(excerpt);
  if (quoted) return quoted[2];
  const plain = /^([^:#,{}[\]]+?)\s*:(\s|$)/.exec(excerpt);
  return plain ? plain[1] : undefined;
}
