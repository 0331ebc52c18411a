import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { testRule } from '../testing/rule-tester.js';
import { vendorCoverageGap } from './vendor-coverage-gap.js';

const AWS = 'controls/vendors/aws.yaml';
const aws = BASE_FILES[AWS]!;
const withoutLetter = patch(aws, /  - type: bridge-letter\n[\s\S]*$/, '');
const compliance = BASE_FILES['compliance.yaml']!;

testRule(vendorCoverageGap, {
  valid: [
    { name: 'the fall report and a reviewed bridge letter cover 2026-01-01..2026-11-22' },
    { name: 'a Type I report needs no coverage of a period', files: { [AWS]: withoutLetter, 'compliance.yaml': patch(compliance, 'report: type2', 'report: type1') } },
    { name: 'a vendor no SSRM entry relies on is not judged', files: { 'controls/vendors/stripe.yaml': 'id: stripe\nname: Stripe\nkind: subprocessor\n' } },
  ],
  invalid: [
    {
      name: 'the report ends 2026-09-30 and no bridge letter follows',
      files: { [AWS]: withoutLetter },
      errors: [
        {
          file: AWS,
          line: 8,
          message: /^vendor aws: no reviewed SOC 2 Type II report or bridge letter covers 2026-10-01\.\.2026-11-22 of the observation period 2026-01-01\.\.2026-12-31 \(relied on by DCS-01\)$/,
          hint: /bridge letter/,
        },
      ],
    },
    {
      name: 'a bridge letter nobody reviewed does not close the gap',
      files: { [AWS]: patch(aws, '    reviewed_on: 2026-11-05\n', '') },
      errors: [{ file: AWS, line: 14, message: /covers 2026-10-01\.\.2026-11-22/ }],
    },
    {
      name: 'a certificate vouches for a date, not for a period of operation',
      files: { [AWS]: patch(withoutLetter, '    expires: 2027-11-07', '    expires: 2028-11-07') },
      errors: [{ file: AWS, line: 8, message: /covers 2026-10-01\.\.2026-11-22/ }],
    },
  ],
});
