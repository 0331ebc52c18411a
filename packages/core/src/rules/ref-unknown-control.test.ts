import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { refUnknownControl } from './ref-unknown-control.js';
import { patch } from '../testing/patch.js';

const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
const record = BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!;

testRule(refUnknownControl, {
  valid: [
    {
      name: 'a control missing another required field still resolves by its id',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'owner: security-engineering\n', '') },
    },
    {
      name: 'a malformed control id in a record is schema/invalid’s concern',
      files: { 'evidence/IAM-MFA/2026-Q1.yaml': patch(record, 'control: IAM-MFA', 'control: iam-mfa') },
    },
    {
      name: 'records of two controls',
      files: {
        'controls/iam/IAM-SSO.yaml': 'id: IAM-SSO\ntitle: SSO\ndescription: Every application is reached through Okta SSO.\nowner: it\nstatus: planned\n',
        'evidence/IAM-SSO/2026-Q1.yaml': patch(record, 'control: IAM-MFA', 'control: IAM-SSO'),
      },
    },
  ],
  invalid: [
    {
      name: 'a misspelt control id',
      files: { 'evidence/IAM-MFA/2026-Q1.yaml': patch(record, 'control: IAM-MFA', 'control: IAM-MFX') },
      errors: [
        {
          file: 'evidence/IAM-MFA/2026-Q1.yaml',
          line: 1,
          column: 10,
          message: /^evidence for control IAM-MFX, which does not exist$/,
          hint: /^Did you mean IAM-MFA\?$/,
        },
      ],
    },
    {
      name: 'a control nothing resembles',
      files: { 'evidence/NET-FW/2026-Q1.yaml': `# firewall review\n${patch(record, 'control: IAM-MFA', 'control: NET-FIREWALL-REVIEW')}` },
      errors: [
        {
          file: 'evidence/NET-FW/2026-Q1.yaml',
          line: 2,
          column: 10,
          message: /evidence for control NET-FIREWALL-REVIEW/,
          hint: /Create the control or move the record to the control it proves/,
        },
      ],
    },
    {
      name: 'a control whose id is malformed is not offered as a guess',
      files: {
        'controls/iam/IAM-SSO.yaml': 'id: iam-sso\ntitle: SSO\ndescription: Every application is reached through Okta SSO.\nowner: it\nstatus: planned\n',
        'evidence/IAM-MFA/2026-Q1.yaml': patch(record, 'control: IAM-MFA', 'control: IAM-SSX'),
      },
      errors: [{ file: 'evidence/IAM-MFA/2026-Q1.yaml', line: 1, column: 10, message: /evidence for control IAM-SSX/, hint: /^Did you mean IAM-MFA\?$/ }],
    },
    {
      name: 'the control file deleted while its records remain',
      files: { 'controls/iam/IAM-MFA.yaml': null, 'evidence/IAM-MFA/2026-Q2.yaml': record },
      errors: [
        { file: 'evidence/IAM-MFA/2026-Q1.yaml', line: 1, column: 10 },
        { file: 'evidence/IAM-MFA/2026-Q2.yaml', line: 1, column: 10 },
        { file: 'evidence/IAM-MFA/2026-Q3.yaml', line: 1, column: 10 },
      ],
    },
  ],
});
