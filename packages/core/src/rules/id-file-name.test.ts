import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { idFileName } from './id-file-name.js';
import { patch } from '../testing/patch.js';
import { RISK } from '../testing/risk-fixture.js';

const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
const vendor = BASE_FILES['controls/vendors/aws.yaml']!;

testRule(idFileName, {
  valid: [
    {
      name: 'a .yml extension and a nested folder',
      files: { 'controls/iam/IAM-MFA.yaml': null, 'controls/identity/workforce/IAM-MFA.yml': control },
    },
    {
      name: 'a malformed id is schema/invalid’s concern',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'id: IAM-MFA', 'id: iam-mfa'), 'controls/vendors/aws.yaml': patch(vendor, 'id: aws', 'id: AWS') },
    },
    { name: 'a risk file named after its id, in a folder of the register', files: { 'risks/identity/R-001.yaml': RISK } },
    {
      name: 'policies, SSRM files and evidence records are not named after ids',
      files: {
        'policies/access-control.md': BASE_FILES['policies/access-control.md']!,
        'controls/responsibility/shared-responsibility.yaml': BASE_FILES['controls/responsibility/ccm.yaml']!,
      },
    },
  ],
  invalid: [
    {
      name: 'a control file named differently from its id',
      files: { 'controls/iam/IAM-MFA.yaml': null, 'controls/iam/mfa.yaml': control },
      errors: [
        {
          file: 'controls/iam/mfa.yaml',
          line: 1,
          column: 5,
          message: /^the file is named mfa but holds IAM-MFA$/,
          hint: /^Rename the file to IAM-MFA\.yaml\.$/,
        },
      ],
    },
    {
      name: 'a name that differs only in case, with the .yml extension kept in the hint',
      files: { 'controls/iam/IAM-MFA.yaml': null, 'controls/iam/iam-mfa.yml': control },
      errors: [{ file: 'controls/iam/iam-mfa.yml', line: 1, column: 5, hint: /^Rename the file to IAM-MFA\.yml\.$/ }],
    },
    {
      name: 'a risk file named differently from its id',
      files: { 'risks/phishing.yaml': RISK },
      errors: [{ file: 'risks/phishing.yaml', line: 1, column: 5, message: /^the file is named phishing but holds R-001$/, hint: /Rename the file to R-001\.yaml/ }],
    },
    {
      name: 'a vendor file named differently from its id',
      files: { 'controls/vendors/aws.yaml': null, 'controls/vendors/amazon.yaml': `# Our IaaS\n${vendor}` },
      errors: [
        {
          file: 'controls/vendors/amazon.yaml',
          line: 2,
          column: 5,
          message: /^the file is named amazon but holds aws$/,
          hint: /Rename the file to aws\.yaml/,
        },
      ],
    },
  ],
});
