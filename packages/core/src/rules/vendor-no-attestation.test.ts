import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { vendorNoAttestation } from './vendor-no-attestation.js';
import { patch } from '../testing/patch.js';

const ssrm = BASE_FILES['controls/responsibility/ccm.yaml']!;
const vendor = BASE_FILES['controls/vendors/aws.yaml']!;
const withoutAttestations = patch(vendor, /attestations:\n(.*\n)+/, '');

testRule(vendorNoAttestation, {
  valid: [
    {
      name: 'a vendor no SSRM entry relies on may list no attestation',
      files: { 'controls/vendors/okta.yaml': 'id: okta\nname: Okta\nkind: tool\n' },
    },
    {
      name: 'an expired attestation still counts here (vendor/attestation-expired judges it)',
      files: { 'controls/vendors/aws.yaml': vendor },
      today: '2030-01-01',
    },
    {
      name: 'a relied-on vendor without a file is ref/unknown-vendor’s concern',
      files: { 'controls/vendors/aws.yaml': null },
    },
    {
      name: 'a tool a control depends on, vouched for by our own current review',
      files: {
        'controls/vendors/okta.yaml': 'id: okta\nname: Okta\nkind: tool\nreviews:\n  - { on: 2026-06-01, by: GRC Lead, outcome: approved }\n',
        'controls/iam/IAM-MFA.yaml': patch(BASE_FILES['controls/iam/IAM-MFA.yaml']!, 'policies: [POL-ACCESS]', 'policies: [POL-ACCESS]\nvendors: [okta]'),
      },
    },
  ],
  invalid: [
    {
      name: 'a tool a control depends on, with neither an attestation nor a current review (last reviewed 2025)',
      files: {
        'controls/vendors/okta.yaml': 'id: okta\nname: Okta\nkind: tool\nreviews:\n  - { on: 2025-06-01, by: GRC Lead }\n',
        'controls/iam/IAM-MFA.yaml': patch(BASE_FILES['controls/iam/IAM-MFA.yaml']!, 'policies: [POL-ACCESS]', 'policies: [POL-ACCESS]\nvendors: [okta]'),
      },
      errors: [{ file: 'controls/vendors/okta.yaml', line: 1, message: /^vendor okta carries control\(s\) IAM-MFA but lists no attestation and no current review of ours$/ }],
    },
    {
      name: 'the vendor of DCS-01 without attestations',
      files: { 'controls/vendors/aws.yaml': withoutAttestations },
      errors: [
        {
          file: 'controls/vendors/aws.yaml',
          line: 1,
          column: 5,
          message: /^vendor aws carries 1 CCM control\(s\) \(DCS-01\) but lists no attestation and no current review of ours$/,
          hint: /Add attestations: with the SOC 2 report, ISO 27001 or CSA STAR certificate/,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'an empty attestation list; more than five controls are shortened',
      files: {
        'controls/vendors/aws.yaml': `${withoutAttestations}attestations: []\n`,
        'controls/responsibility/ccm.yaml': `${ssrm}${['DCS-02', 'DCS-03', 'DCS-04', 'DCS-05', 'DCS-06']
          .map((id) => `  ${id}: { ownership: third-party-outsourced, vendor: aws }\n`)
          .join('')}`,
      },
      errors: [
        {
          file: 'controls/vendors/aws.yaml',
          line: 1,
          column: 5,
          message: /^vendor aws carries 6 CCM control\(s\) \(DCS-01, DCS-02, DCS-03, DCS-04, DCS-05, \.\.\.\) but lists no attestation and no current review of ours$/,
        },
      ],
    },
    {
      name: 'two vendors relied on in two SSRM files',
      files: {
        'controls/vendors/aws.yaml': withoutAttestations,
        'controls/vendors/okta.yaml': '# identity provider\nid: okta\nname: Okta\nkind: subprocessor\n',
        'controls/responsibility/identity.yaml': 'framework: ccm\nassignments:\n  IAM-02: { ownership: shared-csp-third-party, vendor: okta }\n  IAM-03: { ownership: shared-csp-third-party, vendor: aws }\n',
      },
      errors: [
        { file: 'controls/vendors/aws.yaml', line: 1, column: 5, message: /vendor aws carries 2 CCM control\(s\) \(DCS-01, IAM-03\)/ },
        { file: 'controls/vendors/okta.yaml', line: 2, column: 5, message: /vendor okta carries 1 CCM control\(s\) \(IAM-02\)/ },
      ],
    },
  ],
});
