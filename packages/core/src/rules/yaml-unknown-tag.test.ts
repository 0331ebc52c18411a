import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { testRule } from '../testing/rule-tester.js';
import { yamlUnknownTag } from './yaml-unknown-tag.js';

const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
const policy = BASE_FILES['policies/access-control.md']!;

testRule(yamlUnknownTag, {
  valid: [
    { name: 'tags that only restate a plain value', files: { 'controls/iam/IAM-MFA.yaml': patch(patch(control, 'maturity: 4', 'maturity: !!int 4'), 'kind: preventive', 'kind: !!str preventive') } },
    { name: 'an exclamation mark inside text is no tag', files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'title: Phishing-resistant MFA', 'title: "Phishing-resistant MFA!"') } },
  ],
  invalid: [
    {
      name: 'a custom tag, and a YAML 1.1 tag that turns text into bytes',
      files: { 'controls/iam/IAM-MFA.yaml': patch(patch(control, 'owner: security-engineering', 'owner: !custom security-engineering'), 'kind: preventive', 'kind: !!binary cHJldmVudGl2ZQ==') },
      errors: [
        { file: 'controls/iam/IAM-MFA.yaml', line: 5, column: 8, message: /^the tag !custom is not part of the format/, hint: /Remove the tag/ },
        { file: 'controls/iam/IAM-MFA.yaml', line: 9, column: 7, message: /^the tag !!binary is not part of the format/ },
      ],
    },
    {
      name: 'a tag in policy front matter, on its line of the Markdown file',
      files: { 'policies/access-control.md': patch(policy, 'owner: CISO', 'owner: !<tag:example.com,2026:person> CISO') },
      errors: [{ file: 'policies/access-control.md', line: 4, message: /the tag tag:example\.com,2026:person/ }],
    },
  ],
});
