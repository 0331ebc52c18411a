import { BASE_FILES, sha256Of } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { testRule } from '../testing/rule-tester.js';
import { evidenceSecret } from './evidence-secret.js';

const RECORD = 'evidence/IAM-MFA/2026-Q1.yaml';
const FILE = 'evidence/IAM-MFA/2026-Q1-okta-policy.json';
const config = BASE_FILES['compliance.yaml']!;
// Fake credentials, assembled so that no scanner flags this file.
const AWS_KEY = ['AKIA', 'Z7QKXW3ND5RPLM4Y'].join('');
const SLACK = ['xoxb', '1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'].join('-');
const withFile = (content: string) => ({ [FILE]: content, [RECORD]: patch(BASE_FILES[RECORD]!, /sha256: .*/, `sha256: ${sha256Of(content)}`) });
const allow = (entry: string) => `${config}secrets:\n  allowed:\n${entry}`;

testRule(evidenceSecret, {
  valid: [
    { name: "gitleaks' own placeholders: AWS's documented example key", files: withFile(`{"key": "${['AKIA', 'IOSFODNN7EXAMPLE'].join('')}"}\n`) },
    { name: 'words that only look like settings', files: withFile('{"api_version": "2024-01-01", "password_policy": "min-length-14"}\n') },
    { name: 'an allowed credential, by path and rule', files: { ...withFile(`{"key": "${AWS_KEY}"}\n`), 'compliance.yaml': allow(`    - { path: ${FILE}, rule: aws-access-token, reason: "Vendor documentation sample, never issued" }\n`) } },
    { name: 'a binary file is not scanned', files: withFile(`\u0000PNG${AWS_KEY}`) },
  ],
  invalid: [
    {
      name: 'a key in an evidence file and a token in a record, at their lines',
      files: { ...withFile(`{\n  "exportedBy": "ci",\n  "awsKey": "${AWS_KEY}"\n}\n`), 'evidence/IAM-MFA/2026-Q2.yaml': `${BASE_FILES['evidence/IAM-MFA/2026-Q2.yaml']}# slack ${SLACK}\n` },
      errors: [
        { file: FILE, line: 3, column: 14, message: /^this looks like a credential \(gitleaks rule aws-access-token\); it is not shown here, and the file is kept out of the audit packet$/, hint: /secrets\.allowed/ },
        { file: 'evidence/IAM-MFA/2026-Q2.yaml', line: 9, message: /slack-bot-token/ },
      ],
    },
    {
      name: 'an allowance for another line does not cover this one',
      files: { ...withFile(`{"key": "${AWS_KEY}"}\n`), 'compliance.yaml': allow(`    - { path: ${FILE}, line: 7, reason: "Vendor documentation sample, never issued" }\n`) },
      errors: [{ file: FILE, line: 1 }],
    },
  ],
});
