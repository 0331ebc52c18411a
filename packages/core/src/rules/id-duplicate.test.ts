import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { idDuplicate } from './id-duplicate.js';
import { patch } from '../testing/patch.js';
import { RISK } from '../testing/risk-fixture.js';

const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
const policy = BASE_FILES['policies/access-control.md']!;
const vendor = BASE_FILES['controls/vendors/aws.yaml']!;

const otherControl = `id: IAM-SSO
title: Single sign-on for workforce applications
description: Every workforce application is reached through Okta SSO only.
owner: security-engineering
status: operating
maps:
  ccm: [IAM-16]
evidence:
  - id: mfa-policy-export
    every: quarterly
`;

testRule(idDuplicate, {
  valid: [
    {
      name: 'the same evidence item id in two different controls',
      files: { 'controls/iam/IAM-SSO.yaml': otherControl },
    },
    {
      name: 'SSRM entries for different controls in two files',
      files: { 'controls/responsibility/platform.yaml': 'framework: ccm\nassignments:\n  IAM-16: { ownership: csp-owned }\n' },
    },
    {
      name: 'two malformed ids are schema/invalid’s concern, not duplicates',
      files: {
        'controls/iam/IAM-MFA.yaml': patch(control, 'id: IAM-MFA', 'id: iam-mfa'),
        'controls/iam/IAM-SSO.yaml': patch(otherControl, 'id: IAM-SSO', 'id: iam-sso'),
      },
    },
    {
      name: 'a control and a policy may share an id: they are different kinds',
      files: { 'controls/policy/POL-ACCESS.yaml': patch(otherControl, 'id: IAM-SSO', 'id: POL-ACCESS') },
    },
  ],
  invalid: [
    {
      name: 'a control id in two files: the later path is reported',
      files: { 'controls/ops/IAM-MFA.yaml': control },
      errors: [
        {
          file: 'controls/ops/IAM-MFA.yaml',
          line: 1,
          column: 5,
          message: /^duplicate control IAM-MFA$/,
          hint: /IAM-MFA is already defined at controls\/iam\/IAM-MFA\.yaml:1; give this one another id or merge the two/,
          related: ['controls/iam/IAM-MFA.yaml:1'],
        },
      ],
    },
    {
      name: 'an evidence item id twice in one control',
      files: {
        'controls/iam/IAM-MFA.yaml': `${control}  - id: mfa-policy-export
    description: The same export, from the EU tenant
    every: quarterly
`,
      },
      errors: [
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 21,
          column: 9,
          message: /^duplicate evidence item of IAM-MFA: mfa-policy-export$/,
          hint: /already defined at controls\/iam\/IAM-MFA\.yaml:18/,
        },
      ],
    },
    {
      name: 'an SSRM entry in two files',
      files: { 'controls/responsibility/platform.yaml': 'framework: ccm\nassignments:\n  IAM-16: { ownership: csp-owned }\n  IAM-14: { ownership: csp-owned }\n' },
      errors: [
        {
          file: 'controls/responsibility/platform.yaml',
          line: 4,
          column: 3,
          message: /^duplicate shared-responsibility entry for IAM-14$/,
          hint: /already defined at controls\/responsibility\/ccm\.yaml:3/,
        },
      ],
    },
    {
      name: 'a policy id in two files: the line is counted in the Markdown file',
      files: { 'policies/remote-access.md': patch(policy, 'title: Access Control Policy', 'title: Remote Access Policy') },
      errors: [
        {
          file: 'policies/remote-access.md',
          line: 2,
          column: 5,
          message: /^duplicate policy POL-ACCESS$/,
          hint: /already defined at policies\/access-control\.md:2/,
        },
      ],
    },
    {
      name: 'a risk id in two files of the register',
      files: { 'risks/R-001.yaml': RISK, 'risks/phishing.yaml': RISK },
      errors: [{ file: 'risks/phishing.yaml', line: 1, column: 5, message: /^duplicate risk R-001$/, hint: /already defined at risks\/R-001\.yaml:1/ }],
    },
    {
      name: 'a vendor id in two files: files are taken in path order, so aws.yaml comes second',
      files: { 'controls/vendors/amazon.yaml': vendor },
      errors: [
        {
          file: 'controls/vendors/aws.yaml',
          line: 1,
          column: 5,
          message: /^duplicate vendor aws$/,
          hint: /already defined at controls\/vendors\/amazon\.yaml:1/,
        },
      ],
    },
  ],
});
