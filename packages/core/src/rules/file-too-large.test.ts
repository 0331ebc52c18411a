import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { fileTooLarge } from './file-too-large.js';

const config = BASE_FILES['compliance.yaml']!;
const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
const policy = BASE_FILES['policies/access-control.md']!;
const padded = (text: string, bytes: number) => `${text}# ${'x'.repeat(bytes)}\n`;

testRule(fileTooLarge, {
  valid: [
    { name: 'a control just under 256 KiB', files: { 'controls/iam/IAM-MFA.yaml': padded(control, 255 * 1024) } },
    { name: 'a limit raised in compliance.yaml', files: { 'compliance.yaml': `${config}limits:\n  file_bytes:\n    control: 1048576\n`, 'controls/iam/IAM-MFA.yaml': padded(control, 600 * 1024) } },
  ],
  invalid: [
    {
      name: 'a control over 256 KiB and a policy over 64 KiB',
      files: { 'controls/iam/IAM-MFA.yaml': padded(control, 300 * 1024), 'policies/access-control.md': `${policy}${'Text.\n'.repeat(12_000)}` },
      errors: [
        { file: 'controls/iam/IAM-MFA.yaml', line: 1, message: /^the file is 30\d KiB, over the 256 KiB limit for a control file; it was not read$/, hint: /limits\.file_bytes\.control/ },
        { file: 'policies/access-control.md', line: 1, message: /over the 64 KiB limit for a policy file/ },
      ],
    },
    {
      name: 'a limit lowered in compliance.yaml',
      files: { 'compliance.yaml': `${config}limits:\n  file_bytes:\n    evidence: 1024\n`, 'evidence/IAM-MFA/2026-Q1.yaml': padded(BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!, 2048) },
      errors: [{ file: 'evidence/IAM-MFA/2026-Q1.yaml', line: 1, message: /over the 1 KiB limit for an evidence record/ }],
    },
    {
      name: 'compliance.yaml itself: its limit is fixed',
      files: { 'compliance.yaml': padded(`${config}limits:\n  file_bytes:\n    control: 67108864\n`, 300 * 1024) },
      errors: [{ file: 'compliance.yaml', line: 1, hint: /Shorten compliance\.yaml/ }],
    },
  ],
});
