import { BASE_FILES, EVIDENCE_FILE, sha256Of } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { evidenceMissingFile } from './evidence-missing-file.js';
import { patch } from '../testing/patch.js';

const record = BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!;
const DIGEST = sha256Of(EVIDENCE_FILE);
const withPath = (path: string) => patch(record, 'path: 2026-Q1-okta-policy.json', `path: ${path}`);

const HINT = /Commit the file next to the record, or correct the path \(relative to the record’s folder\)/;

testRule(evidenceMissingFile, {
  valid: [
    {
      name: 'a file in a subfolder, written with ./ and with a Windows separator',
      files: {
        'evidence/IAM-MFA/2026-Q1/okta-policy.json': EVIDENCE_FILE,
        'evidence/IAM-MFA/2026-Q1.yaml': `${withPath('./2026-Q1/okta-policy.json')}  - path: '2026-Q1\\okta-policy.json'\n    sha256: ${DIGEST}\n`,
      },
    },
    {
      name: 'a file in the folder of another control, still inside evidence/',
      files: { 'evidence/IAM-SSO/okta-policy.json': EVIDENCE_FILE, 'evidence/IAM-MFA/2026-Q1.yaml': withPath('../IAM-SSO/okta-policy.json') },
    },
    {
      name: 'a path leaving evidence/ is evidence/outside-repo’s concern, and never looked up',
      files: { 'evidence/IAM-MFA/2026-Q1.yaml': withPath('../../compliance-missing.json') },
    },
  ],
  invalid: [
    {
      name: 'the file was never committed',
      files: { 'evidence/IAM-MFA/2026-Q1-okta-policy.json': null },
      errors: [
        {
          file: 'evidence/IAM-MFA/2026-Q1.yaml',
          line: 7,
          column: 11,
          message: /^evidence file evidence\/IAM-MFA\/2026-Q1-okta-policy\.json does not exist$/,
          hint: HINT,
        },
      ],
    },
    {
      name: 'the path names a folder',
      files: { 'evidence/IAM-MFA/exports/okta-policy.json': EVIDENCE_FILE, 'evidence/IAM-MFA/2026-Q1.yaml': withPath('exports') },
      errors: [{ file: 'evidence/IAM-MFA/2026-Q1.yaml', line: 7, column: 11, message: /^evidence\/IAM-MFA\/exports is not a file$/, hint: HINT }],
    },
    {
      name: 'the second of two files, misspelt; paths are case-sensitive',
      files: {
        'evidence/IAM-MFA/2026-Q1.yaml': `${record}  - path: 2026-Q1-Okta-Policy.json\n    sha256: ${DIGEST}\n`,
      },
      errors: [
        {
          file: 'evidence/IAM-MFA/2026-Q1.yaml',
          line: 9,
          column: 11,
          message: /^evidence file evidence\/IAM-MFA\/2026-Q1-Okta-Policy\.json does not exist$/,
        },
      ],
    },
  ],
});
