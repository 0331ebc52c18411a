import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { maturityUnsupportedClaim } from './maturity-unsupported-claim.js';
import { patch } from '../testing/patch.js';

const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;

testRule(maturityUnsupportedClaim, {
  valid: [
    { name: 'maturity 4 with evidence for every ended window' },
    { name: 'maturity 3 needs no evidence on schedule', files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'maturity: 4', 'maturity: 3'), 'evidence/IAM-MFA/2026-Q2.yaml': null } },
  ],
  invalid: [
    {
      name: 'maturity 4 with a missing quarter',
      files: { 'evidence/IAM-MFA/2026-Q2.yaml': null },
      errors: [{ file: 'controls/iam/IAM-MFA.yaml', line: 8, column: 11, message: /claims maturity 4 \(monitored\) .* "mfa-policy-export" is missing for 2026-04-01\.\.2026-06-30; it counts as 3$/ }],
    },
    {
      name: 'maturity 5 without any evidence item',
      files: { 'controls/iam/IAM-MFA.yaml': patch(patch(control, 'maturity: 4', 'maturity: 5'), /evidence:\n(.*\n)+/, '') },
      errors: [{ file: 'controls/iam/IAM-MFA.yaml', line: 8, message: /claims maturity 5 \(optimised\) .* it declares no evidence items/ }],
    },
  ],
});
