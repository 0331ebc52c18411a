import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { policyReviewOverdue } from './policy-review-overdue.js';
import { patch } from '../testing/patch.js';

const config = BASE_FILES['compliance.yaml']!;
const policy = BASE_FILES['policies/access-control.md']!;

const HINT = /Review the policy with its owner, then set last_reviewed to the review date/;

testRule(policyReviewOverdue, {
  valid: [
    { name: 'on the due date itself (last reviewed 2026-01-10, annual)', today: '2027-01-10' },
    {
      name: 'monthly review clamped to the end of February',
      files: { 'policies/access-control.md': patch(patch(policy, 'last_reviewed: 2026-01-10', 'last_reviewed: 2026-01-31'), 'review_every: annual', 'review_every: monthly') },
      today: '2026-02-28',
    },
    {
      name: 'per-event reviews have no schedule',
      files: { 'policies/access-control.md': patch(policy, 'review_every: annual', 'review_every: per-event') },
      today: '2030-01-01',
    },
  ],
  invalid: [
    {
      name: 'annual review one day late',
      today: '2027-01-11',
      errors: [
        {
          file: 'policies/access-control.md',
          line: 7,
          column: 16,
          message: /^policy POL-ACCESS was due for its annual review on 2027-01-10 \(last reviewed 2026-01-10\)$/,
          hint: HINT,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a quarterly review overdue on the base date',
      files: { 'policies/access-control.md': patch(policy, 'review_every: annual', 'review_every: quarterly') },
      errors: [{ file: 'policies/access-control.md', line: 7, column: 16, message: /due for its quarterly review on 2026-04-10/ }],
    },
    {
      name: 'never reviewed: counted from effective, with annual as the default',
      files: { 'policies/access-control.md': patch(policy, 'last_reviewed: 2026-01-10\nreview_every: annual\n', '') },
      today: '2027-01-16',
      errors: [{ file: 'policies/access-control.md', line: 6, column: 12, message: /^policy POL-ACCESS was due for its annual review on 2027-01-15 \(effective 2026-01-15\)$/ }],
    },
    {
      name: 'compliance.yaml raises the rule to error',
      files: { 'compliance.yaml': `${config}rules: { policy/review-overdue: error }\n` },
      today: '2027-02-01',
      errors: [{ file: 'policies/access-control.md', line: 7, column: 16, severity: 'error' }],
    },
  ],
});
