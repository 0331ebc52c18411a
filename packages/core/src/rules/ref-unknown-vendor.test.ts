import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { refUnknownVendor } from './ref-unknown-vendor.js';
import { patch } from '../testing/patch.js';

const ssrm = BASE_FILES['controls/responsibility/ccm.yaml']!;
const vendor = BASE_FILES['controls/vendors/aws.yaml']!;
const config = BASE_FILES['compliance.yaml']!;

testRule(refUnknownVendor, {
  valid: [
    {
      name: 'a second vendor in its own file',
      files: {
        'controls/vendors/okta.yaml': 'id: okta\nname: Okta\nkind: subprocessor\n',
        'controls/responsibility/ccm.yaml': `${ssrm}  IAM-02:\n    ownership: shared-csp-third-party\n    vendor: okta\n`,
      },
    },
    {
      name: 'a subservice organisation carved out of the report is a vendor',
      files: { 'compliance.yaml': patch(config, '  service_model: saas\n', '  service_model: saas\n  subservice_organizations: [{ vendor: aws, method: carve-out, services: "Hosting" }]\n') },
    },
    {
      name: 'a vendor file with another invalid field still resolves by its id',
      files: { 'controls/vendors/aws.yaml': patch(vendor, 'kind: cloud-provider', 'kind: hyperscaler') },
    },
    {
      name: 'entries without a vendor are ssrm/vendor-required’s concern',
      files: { 'controls/responsibility/ccm.yaml': patch(ssrm, '    vendor: aws\n', '') },
    },
  ],
  invalid: [
    {
      name: 'a subservice organisation of the system description that is no vendor',
      files: { 'compliance.yaml': patch(config, '  service_model: saas\n', '  service_model: saas\n  subservice_organizations:\n    - { vendor: aws, method: carve-out }\n    - { vendor: amazon-web-services, method: carve-out }\n') },
      errors: [{ file: 'compliance.yaml', line: 7, column: 17, message: /^the subservice organisation "amazon-web-services" is not a vendor under controls\/vendors\/$/, hint: /Create controls\/vendors\/amazon-web-services\.yaml/ }],
    },
    {
      name: 'a misspelt vendor id; a vendor file with a malformed id is not offered',
      files: {
        'controls/responsibility/ccm.yaml': patch(ssrm, 'vendor: aws', 'vendor: awz'),
        'controls/vendors/awx.yaml': 'id: AWX\nname: Not a valid id\nkind: tool\n',
      },
      errors: [
        {
          file: 'controls/responsibility/ccm.yaml',
          line: 9,
          column: 13,
          message: /^DCS-01 names vendor "awz", which does not exist$/,
          hint: /^Did you mean "aws"\?$/,
        },
      ],
    },
    {
      name: 'a vendor without a file, in a flow mapping',
      files: { 'controls/responsibility/ccm.yaml': `${ssrm}  IAM-02: { ownership: shared-csp-third-party, vendor: google-workspace }\n` },
      errors: [
        {
          file: 'controls/responsibility/ccm.yaml',
          line: 11,
          column: 56,
          message: /^IAM-02 names vendor "google-workspace", which does not exist$/,
          hint: /Create controls\/vendors\/google-workspace\.yaml or correct the id/,
        },
      ],
    },
    {
      name: 'the vendor file removed',
      files: { 'controls/vendors/aws.yaml': null },
      errors: [{ file: 'controls/responsibility/ccm.yaml', line: 9, column: 13, message: /DCS-01 names vendor "aws"/ }],
    },
  ],
});
