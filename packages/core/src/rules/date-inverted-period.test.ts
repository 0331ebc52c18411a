import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { dateInvertedPeriod } from './date-inverted-period.js';
import { patch } from '../testing/patch.js';

const config = BASE_FILES['compliance.yaml']!;
const vendor = BASE_FILES['controls/vendors/aws.yaml']!;
const record = BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!;

const HINT = /Swap start and end, or correct the date that is wrong/;

testRule(dateInvertedPeriod, {
  valid: [
    {
      name: 'a period of one day',
      files: { 'evidence/IAM-MFA/2026-Q1.yaml': patch(record, 'covers: { start: 2026-01-01, end: 2026-03-31 }', 'covers: { start: 2026-03-31, end: 2026-03-31 }') },
    },
    {
      name: 'a period across a year end, in block style',
      files: {
        'compliance.yaml': patch(config, '    period: { start: 2026-01-01, end: 2026-12-31 }\n', '    period:\n      start: 2025-07-01\n      end: 2026-06-30\n'),
      },
    },
    {
      name: 'an impossible start or end date is left to schema/invalid, not compared',
      files: {
        'evidence/IAM-MFA/2026-Q1.yaml': patch(record, 'start: 2026-01-01', 'start: 2026-04-31'),
        'compliance.yaml': patch(config, 'end: 2026-12-31', 'end: 2025-12-32'),
      },
    },
  ],
  invalid: [
    {
      name: 'the Type II observation period in compliance.yaml',
      files: { 'compliance.yaml': patch(config, 'period: { start: 2026-01-01, end: 2026-12-31 }', 'period: { start: 2026-12-31, end: 2026-01-01 }') },
      errors: [
        {
          file: 'compliance.yaml',
          line: 11,
          column: 39,
          message: /^the period ends \(2026-01-01\) before it starts \(2026-12-31\)$/,
          hint: HINT,
        },
      ],
    },
    {
      name: 'what an evidence record covers',
      files: { 'evidence/IAM-MFA/2026-Q1.yaml': patch(record, 'covers: { start: 2026-01-01, end: 2026-03-31 }', 'covers: { start: 2026-03-31, end: 2026-01-01 }') },
      errors: [{ file: 'evidence/IAM-MFA/2026-Q1.yaml', line: 4, column: 35, message: /ends \(2026-01-01\) before it starts \(2026-03-31\)/ }],
    },
    {
      name: 'an attestation period in block style, by one day',
      files: {
        'controls/vendors/aws.yaml': patch(vendor, '    period: { start: 2025-10-01, end: 2026-09-30 }\n', '    period:\n      start: 2025-10-01\n      end: 2025-09-30\n'),
      },
      errors: [{ file: 'controls/vendors/aws.yaml', line: 10, column: 12, message: /ends \(2025-09-30\) before it starts \(2025-10-01\)/ }],
    },
    {
      name: 'two records of one control',
      files: {
        'evidence/IAM-MFA/2026-Q1.yaml': patch(record, 'start: 2026-01-01', 'start: 2026-04-01'),
        'evidence/IAM-MFA/2026-Q2.yaml': patch(record, 'covers: { start: 2026-01-01, end: 2026-03-31 }', 'covers:\n  start: 2026-06-30\n  end: 2026-04-01'),
      },
      errors: [
        { file: 'evidence/IAM-MFA/2026-Q1.yaml', line: 4, column: 35 },
        { file: 'evidence/IAM-MFA/2026-Q2.yaml', line: 6, column: 8 },
      ],
    },
  ],
});
