import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { RISK, RISK_BASE, RISK_FILE } from '../testing/risk-fixture.js';
import { testRule } from '../testing/rule-tester.js';
import { riskNoControl } from './risk-no-control.js';

const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;

testRule(riskNoControl, {
  base: RISK_BASE,
  valid: [
    { name: 'mitigated by an operating control' },
    { name: 'a transferred risk needs no control of ours', files: { [RISK_FILE]: patch(patch(RISK, 'treatment: mitigate', 'treatment: transfer'), 'controls: [IAM-MFA]\n', '') } },
    { name: 'an implemented control is in place', files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'status: operating', 'status: implemented') } },
  ],
  invalid: [
    {
      name: 'mitigate with no controls listed',
      files: { [RISK_FILE]: patch(RISK, 'controls: [IAM-MFA]\n', '') },
      errors: [{ file: RISK_FILE, line: 8, column: 12, message: /^risk R-001 is to be mitigated, but no control treats it$/, hint: /controls:/ }],
    },
    {
      name: 'its only control is planned',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'status: operating', 'status: planned') },
      errors: [{ file: RISK_FILE, line: 9, column: 11, message: /no control that treats it is in place \(IAM-MFA: planned\)$/ }],
    },
    {
      name: 'its only control does not exist',
      files: { [RISK_FILE]: patch(RISK, '[IAM-MFA]', '[IAM-MFX]') },
      errors: [{ file: RISK_FILE, line: 9, message: /no control that treats it is in place$/ }],
    },
  ],
});
