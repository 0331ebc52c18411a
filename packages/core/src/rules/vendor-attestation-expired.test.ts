import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { vendorAttestationExpired } from './vendor-attestation-expired.js';
import { patch } from '../testing/patch.js';

const vendor = BASE_FILES['controls/vendors/aws.yaml']!;
/** The aws vendor with only its SOC 2 Type II report (lines 6-10). */
const soc2Only = patch(vendor, /  - type: iso27001\n.*\n/, '');

testRule(vendorAttestationExpired, {
  valid: [
    { name: 'the SOC 2 report on the last day of its 12-month horizon', files: { 'controls/vendors/aws.yaml': soc2Only }, today: '2027-09-30' },
    { name: 'the ISO certificate on its expiry date, after the SOC 2 report lapsed', today: '2027-11-07' },
    {
      name: 'a vendor without attestations is vendor/no-attestation’s concern',
      files: { 'controls/vendors/okta.yaml': 'id: okta\nname: Okta\nkind: subprocessor\nattestations: []\n' },
    },
  ],
  invalid: [
    {
      name: 'today 2028-01-01: both lapsed; points at the one that lapsed last',
      today: '2028-01-01',
      errors: [
        {
          file: 'controls/vendors/aws.yaml',
          line: 12,
          column: 14,
          message: /^vendor aws has no current attestation: its latest iso27001 lapsed on 2027-11-07$/,
          hint: /Record the renewed certificate's expires date/,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a SOC 2 report whose period ended more than 12 months ago',
      files: { 'controls/vendors/aws.yaml': soc2Only },
      today: '2027-10-01',
      errors: [
        {
          file: 'controls/vendors/aws.yaml',
          line: 8,
          column: 13,
          message: /its latest soc2-type2 lapsed on 2027-09-30$/,
          hint: /Obtain Amazon Web Services's newest SOC 2 report \(or a bridge letter\)/,
        },
      ],
    },
    {
      name: 'attestations without a period or an expiry date',
      files: {
        'controls/vendors/aws.yaml': patch(vendor, /attestations:\n(.*\n)+/, 'attestations:\n  - type: soc2-type1\n'),
        'controls/vendors/okta.yaml': 'id: okta\nname: Okta\nkind: subprocessor\nattestations:\n  - { type: csa-star-level2, reference: STAR registry }\n',
      },
      errors: [
        { file: 'controls/vendors/aws.yaml', line: 7, column: 11, message: /^vendor aws has no current attestation: soc2-type1 has no period$/, hint: /newest SOC 2 report/ },
        {
          file: 'controls/vendors/okta.yaml',
          line: 5,
          column: 13,
          message: /^vendor okta has no current attestation: csa-star-level2 has no expiry date$/,
        },
      ],
    },
    {
      name: 'a misspelt attestation type (schema/invalid) does not stop the check',
      files: { 'controls/vendors/aws.yaml': patch(vendor, 'type: iso27001', 'type: iso-27001') },
      today: '2028-01-01',
      // The attestation with the invalid type is dropped; the SOC 2 report is what is left to judge.
      errors: [{ file: 'controls/vendors/aws.yaml', line: 8, column: 13, message: /lapsed on 2027-09-30$/ }],
    },
  ],
});
