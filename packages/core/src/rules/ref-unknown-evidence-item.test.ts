import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { refUnknownEvidenceItem } from './ref-unknown-evidence-item.js';
import { patch } from '../testing/patch.js';

const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
const record = BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!;

const secondItem = `  - id: mfa-enrolment-report
    description: Okta report of users without a WebAuthn factor
    every: monthly
`;

testRule(refUnknownEvidenceItem, {
  valid: [
    {
      name: 'a record for the second evidence item',
      files: {
        'controls/iam/IAM-MFA.yaml': control + secondItem,
        'evidence/IAM-MFA/2026-03.yaml': patch(record, 'evidence: mfa-policy-export', 'evidence: mfa-enrolment-report'),
      },
    },
    {
      name: 'an empty evidence item in a record is schema/invalid’s concern',
      files: { 'evidence/IAM-MFA/2026-Q1.yaml': patch(record, 'evidence: mfa-policy-export', 'evidence: ""') },
    },
    {
      name: 'a record of an unknown control is ref/unknown-control’s concern',
      files: { 'evidence/IAM-MFA/2026-Q1.yaml': patch(record, 'control: IAM-MFA', 'control: IAM-XYZ') },
    },
  ],
  invalid: [
    {
      name: 'a misspelt evidence item',
      files: { 'evidence/IAM-MFA/2026-Q1.yaml': patch(record, 'evidence: mfa-policy-export', 'evidence: mfa-policy-exprt') },
      errors: [
        {
          file: 'evidence/IAM-MFA/2026-Q1.yaml',
          line: 2,
          column: 11,
          message: /^control IAM-MFA has no evidence item "mfa-policy-exprt"$/,
          hint: /^Did you mean "mfa-policy-export"\?$/,
        },
      ],
    },
    {
      name: 'an item nothing resembles: the hint lists the items',
      files: {
        'controls/iam/IAM-MFA.yaml': control + secondItem,
        'evidence/IAM-MFA/2026-Q1.yaml': patch(record, 'evidence: mfa-policy-export', 'evidence: screenshot'),
      },
      errors: [
        {
          file: 'evidence/IAM-MFA/2026-Q1.yaml',
          line: 2,
          column: 11,
          message: /has no evidence item "screenshot"/,
          hint: /^Its evidence items: mfa-policy-export, mfa-enrolment-report\.$/,
        },
      ],
    },
    {
      name: 'the control’s only item has a malformed id (schema/invalid): it is not a match',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, '- id: mfa-policy-export', '- id: MFA_policy_export') },
      errors: ['2026-Q1', '2026-Q2', '2026-Q3'].map((q) => ({
        file: `evidence/IAM-MFA/${q}.yaml`,
        line: 2,
        column: 11,
        message: /has no evidence item "mfa-policy-export"/,
        hint: /Declare the item under evidence:/,
      })),
    },
    {
      name: 'a control that declares no evidence items',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, /evidence:\n(.*\n)+/, '') },
      errors: ['2026-Q1', '2026-Q2', '2026-Q3'].map((q) => ({
        file: `evidence/IAM-MFA/${q}.yaml`,
        line: 2,
        column: 11,
        message: /control IAM-MFA has no evidence item "mfa-policy-export"/,
        hint: /^Declare the item under evidence: in controls\/iam\/IAM-MFA\.yaml\.$/,
      })),
    },
  ],
});
