import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { testRule } from '../testing/rule-tester.js';
import { configUnknownCollectTarget } from './config-unknown-collect-target.js';

const config = BASE_FILES['compliance.yaml']!;
const collect = (target: string) => patch(config, 'gate:\n', `collect:\n  github:\n    repositories: [acme/api]\n    changes: ${target}\ngate:\n`);

testRule(configUnknownCollectTarget, {
  valid: [
    { name: 'a control and one of its items', files: { 'compliance.yaml': collect('{ control: IAM-MFA, item: mfa-policy-export }') } },
    { name: 'no collect section', files: {} },
  ],
  invalid: [
    {
      name: 'a misspelt control',
      files: { 'compliance.yaml': collect('{ control: IAM-MF, item: mfa-policy-export }') },
      errors: [{ file: 'compliance.yaml', line: 19, message: /^collect\.github\.changes feeds control IAM-MF, which is not under controls\/$/, hint: /Did you mean IAM-MFA\?/ }],
    },
    {
      name: 'an item the control does not declare',
      files: { 'compliance.yaml': collect('{ control: IAM-MFA, item: mfa-policy-exprt }') },
      errors: [{ file: 'compliance.yaml', line: 19, message: /feeds evidence item "mfa-policy-exprt", which control IAM-MFA does not declare$/, hint: /Did you mean "mfa-policy-export"\?/ }],
    },
  ],
});
