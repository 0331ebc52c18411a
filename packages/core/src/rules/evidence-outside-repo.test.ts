import { BASE_FILES, EVIDENCE_FILE, sha256Of } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { evidenceOutsideRepo } from './evidence-outside-repo.js';
import { patch } from '../testing/patch.js';

const record = BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!;
const DIGEST = sha256Of(EVIDENCE_FILE);
const withPath = (path: string) => patch(record, 'path: 2026-Q1-okta-policy.json', `path: ${path}`);
/** The record with extra files listed after the first (which is on line 7). */
const withMorePaths = (...paths: string[]) => `${record}${paths.map((p) => `  - path: ${p}\n    sha256: ${DIGEST}\n`).join('')}`;

const HINT = /Store the file inside this record's folder under evidence\/ and give its path relative to the record/;

testRule(evidenceOutsideRepo, {
  valid: [
    {
      name: 'a path through .. that stays inside evidence/',
      files: { 'evidence/IAM-SSO/okta-policy.json': EVIDENCE_FILE, 'evidence/IAM-MFA/2026-Q1.yaml': withPath('../IAM-SSO/okta-policy.json') },
    },
    {
      name: 'dots inside a file name, and ./',
      files: { 'evidence/IAM-MFA/export..v2.json': EVIDENCE_FILE, 'evidence/IAM-MFA/2026-Q1.yaml': withMorePaths('./export..v2.json') },
    },
  ],
  invalid: [
    {
      name: 'climbing out of the repository: ../../secret.txt',
      files: { 'evidence/IAM-MFA/2026-Q1.yaml': withPath('../../secret.txt') },
      errors: [
        {
          file: 'evidence/IAM-MFA/2026-Q1.yaml',
          line: 7,
          column: 11,
          message: /^evidence path "\.\.\/\.\.\/secret\.txt" is refused: it leaves the evidence\/ folder$/,
          hint: HINT,
        },
      ],
    },
    {
      name: 'absolute paths: /etc/passwd, C:\\x and a URL',
      files: { 'evidence/IAM-MFA/2026-Q1.yaml': withMorePaths('/etc/passwd', "'C:\\x'", 'https://evidence.example/export.json') },
      errors: [
        { file: 'evidence/IAM-MFA/2026-Q1.yaml', line: 9, column: 11, message: /^evidence path "\/etc\/passwd" is refused: it is an absolute path$/, hint: HINT },
        { file: 'evidence/IAM-MFA/2026-Q1.yaml', line: 11, column: 11, message: /^evidence path "C:\\x" is refused: it is an absolute path$/ },
        { file: 'evidence/IAM-MFA/2026-Q1.yaml', line: 13, column: 11, message: /"https:\/\/evidence\.example\/export\.json" is refused: it is an absolute path/ },
      ],
    },
    {
      name: 'Windows separators and a detour that ends in another top-level folder',
      files: { 'evidence/IAM-MFA/2026-Q1.yaml': withMorePaths("'..\\..\\secret.txt'", 'sub/../../../policies/access-control.md') },
      errors: [
        { file: 'evidence/IAM-MFA/2026-Q1.yaml', line: 9, column: 11, message: /is refused: it leaves the evidence\/ folder/ },
        { file: 'evidence/IAM-MFA/2026-Q1.yaml', line: 11, column: 11, message: /"sub\/\.\.\/\.\.\/\.\.\/policies\/access-control\.md" is refused: it leaves the evidence\/ folder/ },
      ],
    },
  ],
});
