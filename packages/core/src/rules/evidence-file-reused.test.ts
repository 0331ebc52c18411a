import { BASE_FILES, sha256Of } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { testRule } from '../testing/rule-tester.js';
import { evidenceFileReused } from './evidence-file-reused.js';

const Q2 = 'evidence/IAM-MFA/2026-Q2.yaml';
const Q3 = 'evidence/IAM-MFA/2026-Q3.yaml';
const q2File = BASE_FILES['evidence/IAM-MFA/2026-Q2-okta-policy.json']!;
const q3 = BASE_FILES[Q3]!;
// Q3's record shows Q2's export again: same bytes, so the same digest.
const reused = patch(patch(q3, 'path: 2026-Q3-okta-policy.json', 'path: 2026-Q2-okta-policy.json'), /sha256: [0-9a-f]{64}/, `sha256: ${sha256Of(q2File)}`);

testRule(evidenceFileReused, {
  valid: [
    { name: 'every window shows its own export' },
    { name: 'the same export shown again on purpose: an unchanged configuration', files: { [Q3]: `${reused}unchanged_snapshot: true\n` } },
    {
      name: 'the same file under two different evidence items is not reuse within an item',
      files: {
        'controls/iam/IAM-MFA.yaml': `${BASE_FILES['controls/iam/IAM-MFA.yaml']!}  - id: mfa-review\n    every: quarterly\n`,
        'evidence/IAM-MFA/2026-Q3-review.yaml': patch(reused, 'evidence: mfa-policy-export', 'evidence: mfa-review'),
      },
    },
  ],
  invalid: [
    {
      name: 'Q3 shows the Q2 export: it covers nothing beyond Q2, and the finding names the Q2 record',
      files: { [Q3]: reused },
      errors: [
        {
          file: Q3,
          line: 8,
          message: /^the files of this record are those evidence\/IAM-MFA\/2026-Q2\.yaml already showed; it covers nothing beyond that record's window$/,
          hint: /unchanged_snapshot: true/,
          related: [`${Q2}:4`],
        },
      ],
    },
  ],
});
