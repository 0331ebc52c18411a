import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { RISK, RISK_FILE } from '../testing/risk-fixture.js';
import { testRule } from '../testing/rule-tester.js';
import { contentPlaceholder } from './content-placeholder.js';

const SSRM = 'controls/responsibility/ccm.yaml';
const CONTROL = 'controls/iam/IAM-MFA.yaml';
const POLICY = 'policies/access-control.md';
const AWS = 'controls/vendors/aws.yaml';

testRule(contentPlaceholder, {
  valid: [
    { name: 'an SSRM entry without csc: is not a placeholder (the text is optional)', files: { [SSRM]: patch(BASE_FILES[SSRM]!, '    csc: Customers enable SSO and MFA for the users of their own tenants.\n', '') } },
    { name: 'a risk written out, and one without a description (the field is optional)', files: { [RISK_FILE]: RISK, 'risks/R-002.yaml': patch(patch(RISK, 'id: R-001', 'id: R-002'), /^description: .*\n/m, '') } },
    { name: 'prose that mentions a to-do list', files: { [CONTROL]: patch(BASE_FILES[CONTROL]!, 'for every application.', 'for every application; exceptions go on the to-do list of IT.') } },
  ],
  invalid: [
    {
      name: "a risk's description, owner, asset and acceptor left as TODO (what trustops init writes)",
      files: {
        [RISK_FILE]: patch(
          patch(patch(RISK, /^description: .*$/m, 'description: "TODO: how it happens"'), 'owner: ciso', 'owner: TODO'),
          'assets: [okta, aws-production]',
          'assets: [okta, "TODO: the systems it affects"]\nacceptance: { by: TBD, on: 2026-10-05 }',
        ),
      },
      errors: [
        { file: RISK_FILE, line: 3, column: 14, message: /^the description of risk R-001 is a placeholder \(TODO\)$/ },
        { file: RISK_FILE, line: 4, column: 8, message: /^the owner of risk R-001 is a placeholder \(TODO\)$/ },
        { file: RISK_FILE, line: 5, column: 16, message: /^an asset of risk R-001 is a placeholder \(TODO\)$/ },
        { file: RISK_FILE, line: 6, column: 19, message: /^the acceptor of risk R-001 is a placeholder \(TBD\)$/ },
      ],
    },
    {
      name: 'csc: TODO in the SSRM',
      files: { [SSRM]: patch(BASE_FILES[SSRM]!, 'csc: Customers enable SSO and MFA for the users of their own tenants.', 'csc: TODO') },
      errors: [{ file: SSRM, line: 6, column: 10, message: /^the SSRM's csc text for IAM-14 is a placeholder \(TODO\)$/ }],
    },
    {
      name: 'an empty csp text',
      files: { [SSRM]: patch(BASE_FILES[SSRM]!, 'csp: We enforce WebAuthn MFA for all workforce access (control IAM-MFA).', 'csp: ""') },
      errors: [{ file: SSRM, line: 5, message: /^the SSRM's csp text for IAM-14 is empty$/ }],
    },
    {
      name: 'a control description that is a template slot',
      files: { [CONTROL]: patch(BASE_FILES[CONTROL]!, 'All workforce sign-in goes through Okta with WebAuthn required for every application.', '<describe what the control does, with tools and settings>') },
      errors: [{ file: CONTROL, line: 3, message: /^the description of control IAM-MFA is a placeholder \(<describe what the control does, with t…\)$/ }],
    },
    {
      name: 'a policy section still to be written',
      files: { [POLICY]: patch(BASE_FILES[POLICY]!, 'Violations lead to disciplinary action.', 'To be written by HR.') },
      errors: [{ file: POLICY, line: 19, column: 1, message: /^the "Enforcement" section of policy POL-ACCESS is a placeholder \("To be written"\)$/ }],
    },
    {
      name: 'an empty policy section',
      files: { [POLICY]: patch(BASE_FILES[POLICY]!, '## Scope\nAll workforce accounts.\n', '## Scope\n') },
      errors: [{ file: POLICY, line: 15, message: /"Scope" section of policy POL-ACCESS is empty/ }],
    },
    {
      name: 'an attestation reference and an exclusion reason left as TBD',
      files: {
        [AWS]: patch(BASE_FILES[AWS]!, 'reference: SOC 2 Type II report from AWS Artifact', 'reference: TBD'),
        'compliance.yaml': patch(BASE_FILES['compliance.yaml']!, 'reason: "No facilities of our own; all hosting is AWS."', 'reason: "TBD: explain why"'),
      },
      errors: [
        { file: 'compliance.yaml', line: 15, message: /^the reason for excluding DCS-07 is a placeholder \(TBD\)$/ },
        { file: AWS, line: 10, message: /^the reference of aws's soc2-type2 is a placeholder \(TBD\)$/ },
      ],
    },
    {
      name: 'an organization, a system and owners left as TODO (what trustops init writes until they are filled in)',
      files: {
        'compliance.yaml': patch(patch(BASE_FILES['compliance.yaml']!, /^organization: .*$/m, 'organization: "TODO: legal name"'), /^  name: .*$/m, '  name: TODO'),
        [CONTROL]: patch(BASE_FILES[CONTROL]!, /^owner: .*$/m, 'owner: "TODO: a team"'),
        [POLICY]: patch(BASE_FILES[POLICY]!, /^owner: .*$/m, 'owner: TBD'),
      },
      errors: [
        { file: 'compliance.yaml', line: 1, column: 15, message: /^the organization is a placeholder \(TODO\)$/ },
        { file: 'compliance.yaml', line: 3, message: /^the system's name is a placeholder \(TODO\)$/ },
        { file: CONTROL, line: 5, message: /^the owner of control IAM-MFA is a placeholder \(TODO\)$/ },
        { file: POLICY, line: 4, message: /^the owner of policy POL-ACCESS is a placeholder \(TBD\)$/ },
      ],
    },
  ],
});
