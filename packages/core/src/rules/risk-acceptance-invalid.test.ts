import { patch } from '../testing/patch.js';
import { RISK, RISK_BASE, RISK_FILE } from '../testing/risk-fixture.js';
import { testRule } from '../testing/rule-tester.js';
import { riskAcceptanceInvalid } from './risk-acceptance-invalid.js';

const accepted = patch(RISK, 'treatment: mitigate', 'treatment: accept\nacceptance: { by: Dana Whitfield (CEO), on: 2026-02-01, until: 2026-12-31 }');

testRule(riskAcceptanceInvalid, {
  base: RISK_BASE,
  valid: [
    { name: 'accepted by the CEO until the end of the year', files: { [RISK_FILE]: accepted } },
    { name: 'on the last day of the acceptance', files: { [RISK_FILE]: accepted }, today: '2026-12-31' },
    { name: 'an acceptance without an end date holds', files: { [RISK_FILE]: patch(accepted, ', until: 2026-12-31', '') }, today: '2028-01-01' },
    { name: 'a mitigated risk needs no acceptance', files: { [RISK_FILE]: RISK } },
  ],
  invalid: [
    {
      name: 'treatment accept with no acceptance at all',
      files: { [RISK_FILE]: patch(RISK, 'treatment: mitigate', 'treatment: accept') },
      errors: [{ file: RISK_FILE, line: 8, column: 12, message: /^risk R-001 is accepted, but it has no written acceptance/, hint: /acceptance: \{ by:/ }],
    },
    {
      name: 'an acceptance without an acceptor',
      files: { [RISK_FILE]: patch(accepted, 'by: Dana Whitfield (CEO), ', '') },
      errors: [{ file: RISK_FILE, line: 9, message: /names no one who accepted it/ }],
    },
    {
      name: 'past its until',
      files: { [RISK_FILE]: accepted },
      today: '2027-01-01',
      errors: [{ file: RISK_FILE, line: 9, message: /^risk R-001 is accepted, but its acceptance by Dana Whitfield \(CEO\) expired on 2026-12-31$/, hint: /renew the acceptance/ }],
    },
    {
      name: 'a mitigated risk whose residual acceptance expired',
      files: { [RISK_FILE]: `${RISK}acceptance:\n  by: CISO\n  on: 2025-12-01\n  until: 2026-11-30\n` },
      today: '2026-12-01',
      errors: [{ file: RISK_FILE, line: 15, column: 10, message: /expired on 2026-11-30/ }],
    },
    {
      name: 'an acceptance dated after the check',
      files: { [RISK_FILE]: patch(accepted, 'on: 2026-02-01', 'on: 2026-12-01') },
      errors: [{ file: RISK_FILE, line: 9, message: /dated 2026-12-01, after 2026-11-22/ }],
    },
  ],
});
