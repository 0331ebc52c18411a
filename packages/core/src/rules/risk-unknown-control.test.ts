import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { RISK, RISK_BASE, RISK_FILE } from '../testing/risk-fixture.js';
import { testRule } from '../testing/rule-tester.js';
import { riskUnknownControl } from './risk-unknown-control.js';

const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;

testRule(riskUnknownControl, {
  base: RISK_BASE,
  valid: [
    { name: 'a risk with no controls (no-control reports a mitigation without one)', files: { [RISK_FILE]: patch(RISK, 'controls: [IAM-MFA]\n', '') } },
    { name: 'a planned control exists: it is a treatment in progress', files: { [RISK_FILE]: patch(RISK, '[IAM-MFA]', '[IAM-MFA, IAM-PAM]'), 'controls/iam/IAM-PAM.yaml': patch(patch(control, 'id: IAM-MFA', 'id: IAM-PAM'), 'status: operating', 'status: planned') } },
  ],
  invalid: [
    {
      name: 'a typo in the control id',
      files: { [RISK_FILE]: patch(RISK, '[IAM-MFA]', '[IAM-MFX]') },
      errors: [{ file: RISK_FILE, line: 9, column: 12, message: /^risk R-001 names control IAM-MFX, which does not exist$/, hint: /Did you mean IAM-MFA\?/ }],
    },
    {
      name: 'a retired control treats nothing',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'status: operating', 'status: retired') },
      errors: [{ file: RISK_FILE, line: 9, message: /^risk R-001 is treated by control IAM-MFA, which is retired$/, hint: /replaced/ }],
    },
    {
      name: 'each unknown id of a block list is reported at its line',
      files: { [RISK_FILE]: patch(RISK, 'controls: [IAM-MFA]', 'controls:\n  - IAM-MFA\n  - LOG-SIEM\n  - NET-WAF') },
      errors: [
        { file: RISK_FILE, line: 11, message: /LOG-SIEM/ },
        { file: RISK_FILE, line: 12, message: /NET-WAF/ },
      ],
    },
  ],
});
