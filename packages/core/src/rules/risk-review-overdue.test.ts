import { patch } from '../testing/patch.js';
import { COMPLIANCE_WITH_APPETITE, RISK, RISK_BASE, RISK_FILE } from '../testing/risk-fixture.js';
import { testRule } from '../testing/rule-tester.js';
import { riskReviewOverdue } from './risk-review-overdue.js';

testRule(riskReviewOverdue, {
  base: RISK_BASE,
  valid: [
    { name: 'on the due date itself (last reviewed 2026-10-05, quarterly: due 2027-01-05)', today: '2027-01-05' },
    { name: 'annual by default: reviewed 2026-01-31, due 2027-01-31', files: { [RISK_FILE]: patch(patch(RISK, 'review_every: quarterly\n', ''), 'last_reviewed: 2026-10-05', 'last_reviewed: 2026-01-31') }, today: '2027-01-31' },
    { name: 'per-event reviews have no schedule', files: { [RISK_FILE]: patch(RISK, 'review_every: quarterly', 'review_every: per-event') }, today: '2030-01-01' },
  ],
  invalid: [
    {
      name: 'a quarterly review one day late',
      today: '2027-01-06',
      errors: [{ file: RISK_FILE, line: 11, column: 16, message: /^risk R-001: its quarterly review was due on 2027-01-05 \(last reviewed 2026-10-05\)$/, hint: /set last_reviewed/, severity: 'warning' }],
    },
    {
      name: 'a monthly review clamped to the end of a month: reviewed 2026-08-31, due 2026-09-30',
      files: { [RISK_FILE]: patch(patch(RISK, 'review_every: quarterly', 'review_every: monthly'), 'last_reviewed: 2026-10-05', 'last_reviewed: 2026-08-31') },
      today: '2026-10-01',
      errors: [{ file: RISK_FILE, line: 11, message: /due on 2026-09-30/ }],
    },
    {
      name: 'never reviewed',
      files: { [RISK_FILE]: patch(RISK, 'last_reviewed: 2026-10-05\n', '') },
      errors: [{ file: RISK_FILE, line: 1, message: /^risk R-001: it has never been reviewed \(no last_reviewed\)$/ }],
    },
    {
      name: 'compliance.yaml raises the rule to error',
      files: { 'compliance.yaml': `${COMPLIANCE_WITH_APPETITE}rules: { risk/review-overdue: error }\n` },
      today: '2027-02-01',
      errors: [{ file: RISK_FILE, line: 11, severity: 'error' }],
    },
  ],
});
