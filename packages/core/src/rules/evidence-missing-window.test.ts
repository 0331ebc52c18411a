import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { evidenceMissingWindow } from './evidence-missing-window.js';
import { patch } from '../testing/patch.js';

const compliance = BASE_FILES['compliance.yaml']!;

testRule(evidenceMissingWindow, {
  valid: [
    { name: 'every ended quarter covered (Q4 has not ended on 2026-11-22)' },
    { name: 'a Type I report does not look at windows', files: { 'evidence/IAM-MFA/2026-Q2.yaml': null, 'compliance.yaml': patch(compliance, 'report: type2', 'report: type1') } },
    { name: 'a record that spans two quarters covers both', files: { 'evidence/IAM-MFA/2026-Q2.yaml': null, 'evidence/IAM-MFA/2026-Q3.yaml': patch(BASE_FILES['evidence/IAM-MFA/2026-Q3.yaml']!, 'start: 2026-07-01', 'start: 2026-04-01') } },
  ],
  invalid: [
    {
      name: 'Q2 has no record',
      files: { 'evidence/IAM-MFA/2026-Q2.yaml': null },
      errors: [{ file: 'controls/iam/IAM-MFA.yaml', line: 18, column: 9, message: /missing for 2026-04-01\.\.2026-06-30 of the period 2026-01-01\.\.2026-12-31$/ }],
    },
    {
      name: 'a tampered file makes its record not count',
      files: { 'evidence/IAM-MFA/2026-Q3-okta-policy.json': 'edited\n' },
      errors: [{ file: 'controls/iam/IAM-MFA.yaml', line: 18, message: /missing for 2026-07-01\.\.2026-09-30/ }],
    },
  ],
});
