import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { evidenceLateStart } from './evidence-late-start.js';
import { patch } from '../testing/patch.js';

const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;

testRule(evidenceLateStart, {
  valid: [
    { name: 'live since 2025, evidence from the first quarter' },
    { name: 'a planned control is not judged', files: { 'controls/iam/IAM-MFA.yaml': patch(patch(control, 'status: operating', 'status: planned'), 'implemented_on: 2025-11-03', 'implemented_on: 2026-10-15') } },
  ],
  invalid: [
    {
      name: 'went live less than three months before the period ends',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'implemented_on: 2025-11-03', 'implemented_on: 2026-10-15') },
      errors: [{ file: 'controls/iam/IAM-MFA.yaml', line: 7, column: 17, message: /implemented on 2026-10-15, less than three months before the observation period ends \(2026-12-31\)$/ }],
    },
    {
      name: 'evidence starts after its first window ended',
      files: { 'evidence/IAM-MFA/2026-Q1.yaml': null },
      errors: [{ file: 'controls/iam/IAM-MFA.yaml', line: 18, message: /evidence "mfa-policy-export" starts on 2026-04-01, after its first window \(2026-01-01\.\.2026-03-31\) had ended$/ }],
    },
  ],
});
