import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { RISK, RISK_BASE, RISK_FILE } from '../testing/risk-fixture.js';
import { testRule } from '../testing/rule-tester.js';
import { riskAboveAppetite } from './risk-above-appetite.js';

const high = patch(RISK, 'residual: { likelihood: 2, impact: 4 }', 'residual: { likelihood: 3, impact: 4 }');

testRule(riskAboveAppetite, {
  base: RISK_BASE,
  valid: [
    { name: 'residual 8 within an appetite of 9' },
    { name: 'residual 9 equals the appetite', files: { [RISK_FILE]: patch(RISK, 'likelihood: 2, impact: 4', 'likelihood: 3, impact: 3') } },
    { name: 'residual 12 above the appetite, accepted in writing', files: { [RISK_FILE]: `${high}acceptance: { by: Dana Whitfield (CEO), on: 2026-02-01, until: 2026-12-31 }\n` } },
    { name: 'no appetite in compliance.yaml: nothing to compare with', files: { [RISK_FILE]: high, 'compliance.yaml': BASE_FILES['compliance.yaml']! } },
  ],
  invalid: [
    {
      name: 'residual 12 above 9 without an acceptance',
      files: { [RISK_FILE]: high },
      errors: [
        {
          file: RISK_FILE,
          line: 7,
          column: 11,
          message: /^risk R-001: its residual score 12 \(likelihood 3 x impact 4\) is above the risk appetite 9, and no written acceptance is in force$/,
          hint: /acceptance: \{ by, on, until \}/,
          related: ['compliance.yaml:19'],
        },
      ],
    },
    {
      name: 'an acceptance that expired no longer covers it',
      files: { [RISK_FILE]: `${high}acceptance: { by: CISO, on: 2025-11-01, until: 2026-10-31 }\n` },
      errors: [{ file: RISK_FILE, line: 7, message: /above the risk appetite 9/ }],
    },
  ],
});
