import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { mappingUnmappedControl } from './mapping-unmapped-control.js';
import { patch } from '../testing/patch.js';

const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
const withoutMaps = patch(control, /maps:\n(  .*\n)+/, '');

testRule(mappingUnmappedControl, {
  valid: [
    { name: 'mapped to CCM only', files: { 'controls/iam/IAM-MFA.yaml': patch(control, /  tsc: .*\n  iso27001: .*\n/, '') } },
    { name: 'retired control without maps', files: { 'controls/iam/IAM-MFA.yaml': patch(withoutMaps, 'status: operating', 'status: retired') } },
    {
      name: 'only ISO in scope and mapped there',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, /  ccm: .*\n  tsc: .*\n/, '') },
    },
  ],
  invalid: [
    {
      name: 'maps removed: points at the id line',
      files: { 'controls/iam/IAM-MFA.yaml': withoutMaps },
      errors: [{ file: 'controls/iam/IAM-MFA.yaml', line: 1, column: 1, message: /IAM-MFA maps to no in-scope requirement/ }],
    },
    {
      name: 'empty maps',
      files: { 'controls/iam/IAM-MFA.yaml': patch(withoutMaps, 'evidence:', 'maps: {}\nevidence:') },
      errors: [{ file: 'controls/iam/IAM-MFA.yaml', line: 13, column: 1 }],
    },
    {
      name: 'mapped only to an excluded requirement',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, /maps:\n(  .*\n)+/, 'maps:\n  ccm: [DCS-07]\n') },
      errors: [{ file: 'controls/iam/IAM-MFA.yaml', line: 13 }],
    },
    {
      name: 'mapped only to a TSC category that is not selected',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, /maps:\n(  .*\n)+/, 'maps:\n  tsc: [P1.1]\n') },
      errors: [{ file: 'controls/iam/IAM-MFA.yaml', line: 13 }],
    },
    {
      name: 'mapped only to unknown ids',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, /maps:\n(  .*\n)+/, 'maps:\n  ccm: [IAM-99]\n') },
      errors: [{ file: 'controls/iam/IAM-MFA.yaml', line: 13 }],
    },
  ],
});
