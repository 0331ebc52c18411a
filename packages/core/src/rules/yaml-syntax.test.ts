import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { yamlSyntax } from './yaml-syntax.js';
import { patch } from '../testing/patch.js';

const config = BASE_FILES['compliance.yaml']!;
const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
const policy = BASE_FILES['policies/access-control.md']!;

const SYNTAX_HINT = /Check indentation \(spaces, not tabs\), colons after keys and closing quotes or brackets/;

// Each level repeats the one before ten times: 10 + 100 + 1000 aliases once expanded.
const ALIAS_BOMB = `a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
`;

testRule(yamlSyntax, {
  valid: [
    {
      name: 'Windows line endings and a UTF-8 byte order mark',
      files: { 'compliance.yaml': `\uFEFF${patch(config, /\n/g, '\r\n')}` },
    },
    {
      name: 'an anchor and an alias used once',
      files: {
        'controls/iam/IAM-MFA.yaml': patch(control, /evidence:\n(.*\n)+/, `evidence:
  - id: mfa-policy-export
    description: &export Okta sign-on policy export showing WebAuthn required
    every: quarterly
  - id: mfa-policy-export-eu
    description: *export
    every: quarterly
`),
      },
    },
    {
      name: 'binary artefacts and files outside the format are never parsed',
      files: {
        'evidence/IAM-MFA/2026-Q1-screenshot.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a]),
        'evidence/IAM-MFA/raw/export.yaml': 'not: [closed\n',
        'policies/README.md': '---\nbroken: "yaml\n---\n# Policies\n',
        'controls/NOTES.txt': '\tkey: [\n',
      },
    },
    {
      name: 'a duplicate key is reported by yaml/duplicate-key, not here',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'status: operating\n', 'status: operating\nowner: it\n') },
    },
    {
      name: 'a policy body is Markdown, not YAML',
      files: { 'policies/access-control.md': `${policy}\n\tindented: [with a tab\n"an unclosed quote\n` },
    },
  ],
  invalid: [
    {
      name: 'bad indentation: a mapping item one column to the right',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, '  tsc: [CC6.1', '   tsc: [CC6.1') },
      errors: [
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 15,
          column: 1,
          message: /YAML syntax: All mapping items must start at the same column/,
          hint: SYNTAX_HINT,
        },
      ],
    },
    {
      name: 'an unclosed quote and an unclosed bracket',
      files: {
        'compliance.yaml': patch(config, 'organization: Example', 'organization: "Example'),
        'controls/iam/IAM-MFA.yaml': patch(control, 'policies: [POL-ACCESS]', 'policies: [POL-ACCESS'),
      },
      errors: [
        // At the end of the line that opens the quote.
        { file: 'compliance.yaml', line: 1, column: 33, message: /Missing closing "quote/, hint: SYNTAX_HINT },
        // yaml notices the open bracket where the next key starts.
        { file: 'controls/iam/IAM-MFA.yaml', line: 13, column: 1, message: /end with a \]/, hint: SYNTAX_HINT },
      ],
    },
    {
      name: 'tab indentation in policy front matter: the line is counted in the Markdown file',
      files: { 'policies/access-control.md': patch(policy, 'approved_by: [Dana Whitfield, CEO]', 'approved_by:\n\t- Dana Whitfield\n  - CEO') },
      errors: [{ file: 'policies/access-control.md', line: 10, column: 1, message: /Tabs are not allowed as indentation/, hint: SYNTAX_HINT }],
    },
    {
      name: 'binary bytes: a NUL byte, and bytes that are not UTF-8',
      files: {
        'compliance.yaml': new Uint8Array([0x6f, 0x72, 0x67, 0x3a, 0x00, 0x0a]),
        'controls/vendors/aws.yaml': new Uint8Array([0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
      },
      errors: [
        // At the byte itself: "org:" then the NUL; "id: " then 0xFF.
        { file: 'compliance.yaml', line: 1, column: 5, message: /the file is not UTF-8 text: a NUL byte/, hint: /Save it as UTF-8 text/ },
        { file: 'controls/vendors/aws.yaml', line: 1, column: 5, message: /the file is not UTF-8 text: a byte that is not UTF-8 \(0xFF\)/ },
      ],
    },
    {
      name: 'an alias bomb expanding nested anchors more than 100 times',
      files: { 'controls/iam/IAM-MFA.yaml': ALIAS_BOMB },
      errors: [
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 1,
          column: 1,
          message: /expands too many aliases/,
          hint: /Write the values out instead of expanding anchors and aliases/,
        },
      ],
    },
  ],
});
