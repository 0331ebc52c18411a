import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { testRule } from '../testing/rule-tester.js';
import { evidenceFutureDate } from './evidence-future-date.js';

const Q3 = 'evidence/IAM-MFA/2026-Q3.yaml';
const q3 = BASE_FILES[Q3]!;

testRule(evidenceFutureDate, {
  valid: [
    { name: 'collected on the day of the check', files: { [Q3]: patch(q3, 'collected_on: 2026-09-30', 'collected_on: 2026-11-22') } },
    { name: 'the same record checked on a later day', files: { [Q3]: patch(q3, 'collected_on: 2026-09-30', 'collected_on: 2026-12-15') }, today: '2026-12-15' },
  ],
  invalid: [
    {
      name: 'collected the day after the check',
      files: { [Q3]: patch(q3, 'collected_on: 2026-09-30', 'collected_on: 2026-11-23') },
      errors: [{ file: Q3, line: 3, column: 15, message: /^the record says it was collected on 2026-11-23, after today \(2026-11-22\); it covers nothing$/ }],
    },
  ],
});
