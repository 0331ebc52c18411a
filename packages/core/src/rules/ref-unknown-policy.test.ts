import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { refUnknownPolicy } from './ref-unknown-policy.js';
import { patch } from '../testing/patch.js';

const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
const policy = BASE_FILES['policies/access-control.md']!;

testRule(refUnknownPolicy, {
  valid: [
    {
      name: 'a second policy in its own file',
      files: {
        'policies/hr-security.md': patch(patch(policy, 'id: POL-ACCESS', 'id: POL-HR'), 'title: Access Control Policy', 'title: HR Security Policy'),
        'controls/iam/IAM-MFA.yaml': patch(control, 'policies: [POL-ACCESS]', 'policies:\n  - POL-ACCESS\n  - POL-HR'),
      },
    },
    { name: 'a control without policies', files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'policies: [POL-ACCESS]\n', '') } },
    {
      name: 'a policy with another invalid field still resolves by its id',
      files: { 'policies/access-control.md': patch(policy, 'version: 2.1.0', 'version: v2') },
    },
  ],
  invalid: [
    {
      name: 'a misspelt policy id',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'policies: [POL-ACCESS]', 'policies: [POL-ACCES]') },
      errors: [
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 12,
          column: 12,
          message: /^control IAM-MFA refers to policy POL-ACCES, which does not exist$/,
          hint: /^Did you mean POL-ACCESS\?$/,
        },
      ],
    },
    {
      name: 'a policy whose id is malformed is not offered as a guess',
      files: {
        'policies/hr-security.md': patch(policy, 'id: POL-ACCESS', 'id: pol-hr'),
        'controls/iam/IAM-MFA.yaml': patch(control, 'policies: [POL-ACCESS]', 'policies: [POL-ACCESS, POL-HR]'),
      },
      errors: [{ file: 'controls/iam/IAM-MFA.yaml', line: 12, column: 24, message: /refers to policy POL-HR/, hint: /Create the policy/ }],
    },
    {
      name: 'a policy that was never written, second in the list',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'policies: [POL-ACCESS]', 'policies: [POL-ACCESS, POL-HR]') },
      errors: [
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 12,
          column: 24,
          message: /refers to policy POL-HR, which does not exist/,
          hint: /Create the policy under policies\/ or remove the reference/,
        },
      ],
    },
    {
      name: 'the only policy file removed: every reference is reported',
      files: {
        'policies/access-control.md': null,
        'controls/iam/IAM-SSO.yaml': `id: IAM-SSO
title: Single sign-on for workforce applications
description: Every workforce application is reached through Okta SSO only.
owner: security-engineering
status: operating
policies:
  - POL-ACCESS
`,
      },
      errors: [
        { file: 'controls/iam/IAM-MFA.yaml', line: 12, column: 12, message: /control IAM-MFA refers to policy POL-ACCESS/ },
        { file: 'controls/iam/IAM-SSO.yaml', line: 7, column: 5, message: /control IAM-SSO refers to policy POL-ACCESS/ },
      ],
    },
  ],
});
