import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { configUnknownRule } from './config-unknown-rule.js';

const config = BASE_FILES['compliance.yaml']!;

testRule(configUnknownRule, {
  valid: [
    {
      name: 'known rule ids with every severity',
      files: {
        'compliance.yaml': `${config}rules:
  policy/review-overdue: error
  id/file-name: warning
  mapping/out-of-scope: info
  vendor/no-attestation: off
`,
      },
    },
    { name: 'an empty rules mapping', files: { 'compliance.yaml': `${config}rules: {}\n` } },
    {
      name: 'a known rule with an invalid severity is left to schema/invalid',
      files: { 'compliance.yaml': `${config}rules:\n  id/file-name: critical\n` },
    },
  ],
  invalid: [
    {
      name: 'a misspelt rule id',
      files: { 'compliance.yaml': `${config}rules:\n  policy/review-overdu: warning\n` },
      errors: [
        {
          file: 'compliance.yaml',
          line: 19,
          column: 3,
          message: /^unknown rule "policy\/review-overdu"$/,
          hint: /^Did you mean "policy\/review-overdue"\?$/,
        },
      ],
    },
    {
      name: 'an id nothing resembles, beside a known one',
      files: { 'compliance.yaml': `${config}rules:\n  id/file-name: off\n  no-console: error\n` },
      errors: [{ file: 'compliance.yaml', line: 20, column: 3, message: /unknown rule "no-console"/, hint: /Run `trustops rules` to list the rule ids/ }],
    },
    {
      name: 'in a flow mapping, two unknown ids',
      files: { 'compliance.yaml': `${config}rules: { yaml/sintax: off, evidence/hash: error }\n` },
      errors: [
        { file: 'compliance.yaml', line: 18, column: 10, message: /unknown rule "yaml\/sintax"/, hint: /Did you mean "yaml\/syntax"\?/ },
        { file: 'compliance.yaml', line: 18, column: 28, message: /unknown rule "evidence\/hash"/ },
      ],
    },
  ],
});
