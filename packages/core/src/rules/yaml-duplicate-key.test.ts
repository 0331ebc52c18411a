import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { yamlDuplicateKey } from './yaml-duplicate-key.js';
import { patch } from '../testing/patch.js';

const config = BASE_FILES['compliance.yaml']!;
const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
const ssrm = BASE_FILES['controls/responsibility/ccm.yaml']!;
const policy = BASE_FILES['policies/access-control.md']!;
const record = BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!;

const HINT = /Keep one entry for this key and merge the values into it/;

testRule(yamlDuplicateKey, {
  valid: [
    {
      name: 'the same key in sibling mappings of a list',
      files: {
        'controls/iam/IAM-MFA.yaml': `${control}  - id: mfa-enrolment-report
    description: Okta report of users without a WebAuthn factor
    every: monthly
`,
      },
    },
    {
      name: 'keys that differ only in case are different keys',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'owner: security-engineering\n', 'owner: security-engineering\nOwner: it\n') },
    },
    {
      name: 'repeated "key: value" lines in a policy body are Markdown',
      files: { 'policies/access-control.md': `${policy}\nowner: CISO\nowner: CTO\n` },
    },
    {
      name: 'the same SSRM entry in two files is for id/duplicate',
      files: { 'controls/responsibility/platform.yaml': 'framework: ccm\nassignments:\n  IAM-14: { ownership: csp-owned }\n' },
    },
  ],
  invalid: [
    {
      name: 'a top-level field twice',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'status: operating\n', 'status: operating\nowner: it\n') },
      errors: [{ file: 'controls/iam/IAM-MFA.yaml', line: 7, column: 1, message: /^duplicate key "owner" in the same mapping$/, hint: HINT }],
    },
    {
      name: 'a nested key twice',
      files: { 'compliance.yaml': patch(config, '    version: "4.0.13"\n', '    version: "4.0.13"\n    version: "4.1"\n') },
      errors: [{ file: 'compliance.yaml', line: 8, column: 5, message: /duplicate key "version"/ }],
    },
    {
      name: 'a key twice in a flow mapping',
      files: { 'evidence/IAM-MFA/2026-Q1.yaml': patch(record, 'end: 2026-03-31 }', 'start: 2026-03-31 }') },
      errors: [{ file: 'evidence/IAM-MFA/2026-Q1.yaml', line: 4, column: 30, message: /duplicate key "start"/ }],
    },
    {
      name: 'a key twice in policy front matter: the line is counted in the Markdown file',
      files: { 'policies/access-control.md': patch(policy, 'owner: CISO\n', 'owner: CISO\nowner: CTO\n') },
      errors: [{ file: 'policies/access-control.md', line: 5, column: 1, message: /duplicate key "owner"/ }],
    },
    {
      name: 'one SSRM entry twice in one file, once quoted',
      files: { 'controls/responsibility/ccm.yaml': `${ssrm}  IAM-14:\n    ownership: csp-owned\n  "DCS-01": { ownership: csp-owned }\n` },
      errors: [
        { file: 'controls/responsibility/ccm.yaml', line: 11, column: 3, message: /duplicate key "IAM-14"/ },
        { file: 'controls/responsibility/ccm.yaml', line: 13, column: 3, message: /duplicate key "DCS-01"/ },
      ],
    },
  ],
});
