import { BASE_FILES, EVIDENCE_FILE, sha256Of } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { evidenceHashMismatch } from './evidence-hash-mismatch.js';
import { patch } from '../testing/patch.js';

const record = BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!;
const DIGEST = sha256Of(EVIDENCE_FILE);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

const HINT = /Evidence is append-only: restore the original file/;

testRule(evidenceHashMismatch, {
  valid: [
    {
      name: 'a binary file whose digest matches',
      files: {
        'evidence/IAM-MFA/2026-Q1-screenshot.png': PNG,
        'evidence/IAM-MFA/2026-Q1.yaml': `${record}  - path: 2026-Q1-screenshot.png\n    sha256: ${sha256Of(PNG)}\n`,
      },
    },
    {
      name: 'a missing file is evidence/missing-file’s concern',
      files: { 'evidence/IAM-MFA/2026-Q1-okta-policy.json': null },
    },
    {
      name: 'a malformed digest is schema/invalid’s concern',
      files: { 'evidence/IAM-MFA/2026-Q1.yaml': record.replace(DIGEST, DIGEST.toUpperCase()) },
    },
  ],
  invalid: [
    {
      name: 'the file content was changed after collection',
      files: { 'evidence/IAM-MFA/2026-Q1-okta-policy.json': patch(EVIDENCE_FILE, 'webauthn-required', 'password-only') },
      errors: [
        {
          file: 'evidence/IAM-MFA/2026-Q1.yaml',
          line: 8,
          column: 13,
          message: new RegExp(
            `^evidence/IAM-MFA/2026-Q1-okta-policy\\.json does not match its recorded SHA-256 \\(file is [0-9a-f]{12}…, record says ${DIGEST.slice(0, 12)}…\\)$`,
          ),
          hint: HINT,
        },
      ],
    },
    {
      name: 'one trailing newline removed',
      files: { 'evidence/IAM-MFA/2026-Q1-okta-policy.json': EVIDENCE_FILE.trimEnd() },
      errors: [{ file: 'evidence/IAM-MFA/2026-Q1.yaml', line: 8, column: 13, message: /does not match its recorded SHA-256/ }],
    },
    {
      name: 'the second file of a record, binary, with the digest of another file',
      files: {
        'evidence/IAM-MFA/2026-Q1-screenshot.png': PNG,
        'evidence/IAM-MFA/2026-Q1.yaml': `${record}  - path: 2026-Q1-screenshot.png\n    sha256: ${DIGEST}\n`,
      },
      errors: [
        {
          file: 'evidence/IAM-MFA/2026-Q1.yaml',
          line: 10,
          column: 13,
          message: new RegExp(`^evidence/IAM-MFA/2026-Q1-screenshot\\.png does not match .*file is ${sha256Of(PNG).slice(0, 12)}…`),
        },
      ],
    },
  ],
});
