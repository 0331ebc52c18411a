import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { schemaUnknownField } from './schema-unknown-field.js';
import { patch } from '../testing/patch.js';

const config = BASE_FILES['compliance.yaml']!;
const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
const ssrm = BASE_FILES['controls/responsibility/ccm.yaml']!;
const policy = BASE_FILES['policies/access-control.md']!;
const record = BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!;

testRule(schemaUnknownField, {
  valid: [
    {
      name: 'the optional extension fields of compliance.yaml',
      files: {
        'compliance.yaml': `${config}  min_readiness: { ccm: 0.8 }
rules:
  id/file-name: off
policies:
  required_sections: [Purpose, Scope, Policy]
`,
      },
    },
    {
      name: 'an evidence record with uri and its digest',
      files: {
        'evidence/IAM-MFA/2026-Q1.yaml': `${record}uri: https://evidence.example/okta/2026-Q1.zip\nsha256: ${'a'.repeat(64)}\n`,
      },
    },
    {
      name: 'a wrong value of a known field is left to schema/invalid',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'status: operating', 'status: running') },
    },
  ],
  invalid: [
    {
      name: 'a misspelt top-level field: "ownr"',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'owner: security-engineering', 'ownr: security-engineering') },
      errors: [{ file: 'controls/iam/IAM-MFA.yaml', line: 5, column: 1, message: /^unknown field "ownr"$/, hint: /Did you mean "owner"\?/ }],
    },
    {
      name: 'a misspelt nested field in compliance.yaml',
      files: { 'compliance.yaml': patch(config, 'categories: [security', 'catgories: [security') },
      errors: [
        { file: 'compliance.yaml', line: 9, column: 5, message: /^unknown field "catgories" in frameworks\.tsc$/, hint: /Did you mean "categories"\?/ },
      ],
    },
    {
      name: 'a misspelt field in an SSRM entry',
      files: { 'controls/responsibility/ccm.yaml': patch(ssrm, 'vendor: aws', 'vender: aws') },
      errors: [
        {
          file: 'controls/responsibility/ccm.yaml',
          line: 9,
          column: 5,
          message: /^unknown field "vender" in assignments\.DCS-01$/,
          hint: /Did you mean "vendor"\?/,
        },
      ],
    },
    {
      name: 'policy front matter: the line is counted in the Markdown file',
      files: { 'policies/access-control.md': patch(policy, 'last_reviewed: 2026-01-10', 'last_review: 2026-01-10') },
      errors: [{ file: 'policies/access-control.md', line: 7, column: 1, message: /unknown field "last_review"/, hint: /Did you mean "last_reviewed"\?/ }],
    },
    {
      name: 'a framework that is not a maps key and a field an evidence item does not have',
      files: {
        'controls/iam/IAM-MFA.yaml': patch(patch(control, '  tsc: [CC6.1, CC6.6]', '  soc2: [CC6.1, CC6.6]'), '    every: quarterly', '    cadence: quarterly'),
      },
      errors: [
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 15,
          column: 3,
          message: /^unknown field "soc2" in maps$/,
          hint: /Allowed fields here: ccm, tsc, iso27001\./,
        },
        { file: 'controls/iam/IAM-MFA.yaml', line: 20, column: 5, message: /^unknown field "cadence" in evidence\[0\]$/, hint: /Allowed fields here: id, description, every\./ },
      ],
    },
  ],
});
