import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { ssrmVendorRequired } from './ssrm-vendor-required.js';
import { patch } from '../testing/patch.js';

const ssrm = BASE_FILES['controls/responsibility/ccm.yaml']!;

const HINT = /Add vendor: <id> naming the third party/;

testRule(ssrmVendorRequired, {
  valid: [
    {
      name: 'CSP-owned, CSC-owned and shared CSP/CSC entries need no vendor',
      files: {
        'controls/responsibility/ccm.yaml': `${ssrm}  IAM-02: { ownership: csp-owned }\n  IAM-03: { ownership: csc-owned, csc: Customers manage their own users. }\n`,
      },
    },
    {
      name: 'a shared CSP/third-party entry with its vendor',
      files: { 'controls/responsibility/ccm.yaml': `${ssrm}  IAM-02:\n    ownership: shared-csp-third-party\n    vendor: okta\n` },
    },
    {
      name: 'a vendor that does not exist is ref/unknown-vendor’s concern',
      files: { 'controls/responsibility/ccm.yaml': patch(ssrm, 'vendor: aws', 'vendor: azure') },
    },
  ],
  invalid: [
    {
      name: 'third-party-outsourced without vendor',
      files: { 'controls/responsibility/ccm.yaml': patch(ssrm, '    vendor: aws\n', '') },
      errors: [
        {
          file: 'controls/responsibility/ccm.yaml',
          line: 8,
          column: 16,
          message: /^DCS-01 is third-party-outsourced but names no vendor$/,
          hint: HINT,
        },
      ],
    },
    {
      name: 'shared-csp-third-party without vendor, in a flow mapping',
      files: { 'controls/responsibility/ccm.yaml': `${ssrm}  IAM-02: { ownership: shared-csp-third-party, csp: We configure Okta. }\n` },
      errors: [
        {
          file: 'controls/responsibility/ccm.yaml',
          line: 11,
          column: 24,
          message: /^IAM-02 is shared-csp-third-party but names no vendor$/,
          hint: HINT,
        },
      ],
    },
    {
      name: 'an empty vendor id',
      files: { 'controls/responsibility/ccm.yaml': patch(ssrm, 'vendor: aws', 'vendor: ""') },
      errors: [{ file: 'controls/responsibility/ccm.yaml', line: 8, column: 16, message: /DCS-01 is third-party-outsourced but names no vendor/ }],
    },
  ],
});
