import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { testRule } from '../testing/rule-tester.js';
import { controlWeakened } from './control-weakened.js';

const CONTROL = 'controls/iam/IAM-MFA.yaml';
const control = BASE_FILES[CONTROL]!;
const on41 = patch(BASE_FILES['compliance.yaml']!, 'version: "4.0.13"', 'version: "4.1"');

testRule(controlWeakened, {
  valid: [
    { name: 'nothing changed since BASE', baseRevision: {} },
    { name: 'maturity went up', baseRevision: {}, files: { [CONTROL]: patch(control, 'maturity: 4', 'maturity: 5') } },
    { name: 'a mapping added', baseRevision: {}, files: { [CONTROL]: patch(control, 'tsc: [CC6.1, CC6.6]', 'tsc: [CC6.1, CC6.6, CC6.2]') } },
    { name: 'a weakening the pull request acknowledges', baseRevision: {}, files: { [CONTROL]: patch(control, 'maturity: 4', 'maturity: 2') }, acknowledged: ['IAM-MFA'] },
    { name: 'a control new since BASE', baseRevision: { [CONTROL]: null }, files: {} },
    { name: 'without BASE the rule has nothing to compare', files: { [CONTROL]: patch(control, 'maturity: 4', 'maturity: 2') } },
    {
      name: 'renumbered by a CCM version switch (v4.0 IAM-14 is v4.1 IAM-13): the same requirement, not a lost mapping',
      baseRevision: {},
      files: { 'compliance.yaml': on41, [CONTROL]: patch(control, 'ccm: [IAM-14]', 'ccm: [IAM-13]') },
    },
  ],
  invalid: [
    {
      name: 'maturity went down',
      baseRevision: {},
      files: { [CONTROL]: patch(control, 'maturity: 4', 'maturity: 2') },
      errors: [{ file: CONTROL, line: 1, message: /^control IAM-MFA is weakened since BASE: maturity 4 → 2$/, hint: /--acknowledge IAM-MFA/ }],
    },
    {
      name: 'status and automation went down, a mapping was removed',
      baseRevision: {},
      files: { [CONTROL]: patch(patch(patch(control, 'status: operating', 'status: implemented'), 'automation: automated', 'automation: manual'), '  ccm: [IAM-14]\n', '') },
      errors: [{ file: CONTROL, line: 1, message: /status operating → implemented; automation automated → manual; ccm mapping removed: IAM-14$/ }],
    },
    {
      name: 'an evidence item was removed',
      baseRevision: {},
      files: { [CONTROL]: patch(control, /evidence:\n(  .*\n)+/, '') },
      errors: [{ file: CONTROL, line: 1, message: /evidence item removed: mfa-policy-export/ }],
    },
    {
      name: 'another acknowledgement does not cover this control',
      baseRevision: {},
      files: { [CONTROL]: patch(control, 'maturity: 4', 'maturity: 3') },
      acknowledged: ['LOG-CENTRAL'],
      errors: [{ file: CONTROL, line: 1, message: /maturity 4 → 3/ }],
    },
    {
      name: 'the CCM version was switched by hand: IAM-14 kept its number, so the control lost what it mapped (v4.1 IAM-13)',
      baseRevision: {},
      files: { 'compliance.yaml': on41 },
      errors: [{ file: CONTROL, line: 1, message: /ccm mapping removed: IAM-13$/ }],
    },
  ],
});
