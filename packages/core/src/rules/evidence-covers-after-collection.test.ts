import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { testRule } from '../testing/rule-tester.js';
import { evidenceCoversAfterCollection } from './evidence-covers-after-collection.js';

const Q1 = 'evidence/IAM-MFA/2026-Q1.yaml';
const q1 = BASE_FILES[Q1]!;

testRule(evidenceCoversAfterCollection, {
  valid: [
    { name: 'collected on the last day it covers' },
    { name: 'collected after the window', files: { [Q1]: patch(q1, 'collected_on: 2026-03-31', 'collected_on: 2026-04-03') } },
    { name: 'an impossible date is left to schema/invalid', files: { [Q1]: patch(q1, 'collected_on: 2026-03-31', 'collected_on: 2026-02-30') } },
  ],
  invalid: [
    {
      name: 'collected on 2026-02-01, it claims all of Q1',
      files: { [Q1]: patch(q1, 'collected_on: 2026-03-31', 'collected_on: 2026-02-01') },
      errors: [{ file: Q1, line: 4, column: 35, message: /^the record covers up to 2026-03-31 but was collected on 2026-02-01; it covers nothing$/, hint: /on or before 2026-02-01/ }],
    },
    {
      name: 'a record that claims the whole year in February',
      files: { [Q1]: patch(patch(q1, 'collected_on: 2026-03-31', 'collected_on: 2026-02-01'), 'end: 2026-03-31 }', 'end: 2026-12-31 }') },
      errors: [{ file: Q1, line: 4, message: /covers up to 2026-12-31/ }],
    },
  ],
});
