import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { policyMissingSection } from './policy-missing-section.js';
import { patch } from '../testing/patch.js';

const config = BASE_FILES['compliance.yaml']!;
const policy = BASE_FILES['policies/access-control.md']!;
/** The front matter, lines 1-11. */
const frontMatter = policy.slice(0, policy.indexOf('# Access Control Policy'));

testRule(policyMissingSection, {
  valid: [
    {
      name: 'numbered, upper-case, emphasised and setext headings',
      files: {
        'policies/access-control.md': `${frontMatter}# Access Control Policy
## 1. Purpose
Protect customer data.
## 2.1 SCOPE
All workforce accounts.
### *Policy*
Access is granted by role.

Enforcement
-----------
Violations lead to disciplinary action.
`,
      },
    },
    {
      name: 'required_sections in compliance.yaml replaces the default list',
      files: {
        'compliance.yaml': `${config}policies:\n  required_sections: [Purpose, Scope]\n`,
        'policies/access-control.md': `${frontMatter}# Access Control Policy\n## Purpose\nx\n## Scope\ny\n`,
      },
    },
    {
      name: 'a policy without front matter is schema/invalid’s concern',
      files: { 'policies/access-control.md': '# Access Control Policy\n' },
    },
  ],
  invalid: [
    {
      name: 'no Enforcement section: points at the last heading',
      files: { 'policies/access-control.md': patch(policy, '## Enforcement\nViolations lead to disciplinary action.\n', '') },
      errors: [
        {
          file: 'policies/access-control.md',
          line: 17,
          column: 1,
          message: /^policy POL-ACCESS has no "Enforcement" section$/,
          hint: /^Add a "## Enforcement" heading with its text\.$/,
        },
      ],
    },
    {
      name: 'no headings at all: every section, on the first body line',
      files: { 'policies/access-control.md': `${frontMatter}Access is granted by role and reviewed quarterly.\n` },
      errors: [
        { file: 'policies/access-control.md', line: 12, column: 1, message: /has no "Enforcement" section/ },
        { file: 'policies/access-control.md', line: 12, column: 1, message: /has no "Policy" section/ },
        { file: 'policies/access-control.md', line: 12, column: 1, message: /has no "Purpose" section/ },
        { file: 'policies/access-control.md', line: 12, column: 1, message: /has no "Scope" section/ },
      ],
    },
    {
      name: 'a section required by compliance.yaml; a heading in a code block does not count',
      files: {
        'compliance.yaml': `${config}policies:\n  required_sections: [Purpose, Scope, Policy, Enforcement, Exceptions]\n`,
        'policies/access-control.md': `${policy}\n\`\`\`\n## Exceptions\n\`\`\`\n`,
      },
      errors: [
        {
          file: 'policies/access-control.md',
          line: 19,
          column: 1,
          message: /^policy POL-ACCESS has no "Exceptions" section$/,
          hint: /Add a "## Exceptions" heading/,
        },
      ],
    },
  ],
});
