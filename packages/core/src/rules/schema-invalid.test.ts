import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { schemaInvalid } from './schema-invalid.js';
import { patch } from '../testing/patch.js';

const config = BASE_FILES['compliance.yaml']!;
const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
const policy = BASE_FILES['policies/access-control.md']!;
const record = BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!;

testRule(schemaInvalid, {
  valid: [
    {
      name: 'a control with only the required fields',
      files: {
        'controls/iam/IAM-MFA.yaml': `id: IAM-MFA
title: Phishing-resistant MFA
description: Okta requires WebAuthn for every application.
owner: security-engineering
status: planned
`,
      },
    },
    {
      name: 'every optional field of compliance.yaml, CCM "4.1" quoted',
      files: {
        'compliance.yaml': patch(patch(patch(config, '  service_model: saas\n', '  description: Multi-tenant analytics SaaS\n  service_model: saas\n'), '    version: "4.0.13"\n', '    version: "4.1"\n    star_level: 2\n    lite: false\n'), '  fail_on: error\n', `  fail_on: warning
  min_readiness: { ccm: 0.8, tsc: 0.9, iso27001: 1 }
rules:
  id/file-name: off
  policy/review-overdue: error
policies:
  required_sections: [Purpose, Scope]
`),
      },
    },
    {
      name: 'a leap day, quoted ISO ids and a per-event evidence item',
      files: {
        'controls/iam/IAM-MFA.yaml': patch(patch(patch(control, 'implemented_on: 2025-11-03', 'implemented_on: 2028-02-29'), 'iso27001: ["5.17", "8.5"]', "iso27001: ['5.10', \"8.5\"]"), 'every: quarterly', 'every: per-event'),
      },
    },
    {
      name: 'an unknown field is left to schema/unknown-field',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'maturity: 4', 'maturty: 4') },
    },
    {
      name: 'a YAML syntax error is left to yaml/syntax',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'maturity: 4', 'maturity: [4') },
    },
  ],
  invalid: [
    {
      name: 'wrong enum, impossible date, maturity 7, wrong type and an unquoted ISO id in one control',
      files: {
        'controls/iam/IAM-MFA.yaml': patch(patch(patch(patch(patch(control, 'status: operating', 'status: operatin'), 'implemented_on: 2025-11-03', 'implemented_on: 2026-02-30'), 'maturity: 4', 'maturity: 7'), 'policies: [POL-ACCESS]', 'policies: POL-ACCESS'), 'iso27001: ["5.17", "8.5"]', 'iso27001: [5.10, "8.5"]'),
      },
      errors: [
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 6,
          column: 9,
          message: /^status is the text "operatin"; expected one of planned \| implemented \| operating \| retired$/,
          hint: /Did you mean "operating"\?/,
        },
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 7,
          column: 17,
          message: /implemented_on "2026-02-30" is not a valid date/,
          hint: /Write a real calendar date as YYYY-MM-DD/,
        },
        { file: 'controls/iam/IAM-MFA.yaml', line: 8, column: 11, message: /^maturity is 7; it must be at most 5$/, hint: /<= 5/ },
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 12,
          column: 11,
          message: /^policies is the text "POL-ACCESS"; expected a list$/,
          hint: /Write policies as a list/,
        },
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 16,
          column: 14,
          message: /^maps\.iso27001\[0\] is the number 5\.1; expected a text value$/,
          hint: /Quote it: "5\.10"/,
        },
      ],
    },
    {
      name: 'CCM version 4.1 unquoted is a number; a missing required field in an exclusion',
      files: {
        'compliance.yaml': patch(patch(config, 'version: "4.0.13"', 'version: 4.1'), ', reason: "No facilities of our own; all hosting is AWS." }', ' }'),
      },
      errors: [
        {
          file: 'compliance.yaml',
          line: 7,
          column: 14,
          message: /^frameworks\.ccm\.version is the number 4\.1; expected a text value$/,
          hint: /Quote it: "4\.1"/,
        },
        {
          file: 'compliance.yaml',
          line: 15,
          column: 5,
          message: /^missing required field "reason" in exclusions\[0\]$/,
          hint: /Add "reason:" \(Why it does not apply/,
        },
      ],
    },
    {
      name: 'policy version "v2" and a missing title: lines counted in the Markdown file',
      files: { 'policies/access-control.md': patch(patch(policy, 'version: 2.1.0', 'version: v2'), 'title: Access Control Policy\n', '') },
      errors: [
        { file: 'policies/access-control.md', line: 2, column: 1, message: /^missing required field "title"$/, hint: /Add "title:"/ },
        {
          file: 'policies/access-control.md',
          line: 4,
          column: 10,
          message: /^version "v2" does not have the expected form$/,
          hint: /Semantic version, bumped whenever the text changes/,
        },
      ],
    },
    {
      name: 'empty files: no content, only a comment, a policy without front matter',
      files: {
        'controls/iam/IAM-MFA.yaml': '',
        'controls/vendors/aws.yaml': '# TODO: fill in after the vendor review\n',
        'policies/access-control.md': '# Access Control Policy\n## Purpose\n',
      },
      errors: [
        { file: 'controls/iam/IAM-MFA.yaml', line: 1, column: 1, message: /^the file is empty; expected a control$/ },
        { file: 'controls/vendors/aws.yaml', line: 1, column: 1, message: /^the file is empty; expected a vendor$/ },
        { file: 'policies/access-control.md', line: 1, column: 1, message: /the policy has no YAML front matter/, hint: /front matter block between "---" lines/ },
      ],
    },
    {
      name: 'a scalar where a mapping belongs, a malformed digest and a misspelt enum value',
      files: {
        'compliance.yaml': patch(config, /system:\n  name: .*\n  service_model: saas\n/, 'system: Example Analytics\n'),
        'evidence/IAM-MFA/2026-Q1.yaml': patch(record, /sha256: [0-9a-f]{64}/, 'sha256: 3f5a0c'),
        'controls/vendors/aws.yaml': patch(BASE_FILES['controls/vendors/aws.yaml']!, 'type: iso27001', 'type: iso-27001'),
      },
      errors: [
        { file: 'compliance.yaml', line: 2, column: 9, message: /^system is the text "Example Analytics"; expected a mapping \(key: value\)$/ },
        { file: 'controls/vendors/aws.yaml', line: 11, column: 11, message: /attestations\[1\]\.type is the text "iso-27001"/, hint: /Did you mean "iso27001"\?/ },
        {
          file: 'evidence/IAM-MFA/2026-Q1.yaml',
          line: 8,
          column: 13,
          message: /^files\[0\]\.sha256 "3f5a0c" does not have the expected form$/,
          hint: /SHA-256 of the file bytes, lower-case hex/,
        },
      ],
    },
  ],
});
