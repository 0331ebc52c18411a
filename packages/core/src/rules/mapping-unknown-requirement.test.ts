import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { mappingUnknownRequirement } from './mapping-unknown-requirement.js';
import { patch } from '../testing/patch.js';

const config = BASE_FILES['compliance.yaml']!;
const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
const ssrm = BASE_FILES['controls/responsibility/ccm.yaml']!;
const ccm41 = patch(config, 'version: "4.0.13"', 'version: "4.1"');

testRule(mappingUnknownRequirement, {
  valid: [
    {
      name: 'v4.1 ids in a v4.1 program',
      files: { 'compliance.yaml': ccm41, 'controls/iam/IAM-MFA.yaml': patch(control, 'ccm: [IAM-14]', 'ccm: [IAM-13, IAM-15]') },
    },
    {
      name: 'a requirement that exists but is out of scope is mapping/out-of-scope, not unknown',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'tsc: [CC6.1, CC6.6]', 'tsc: [CC6.1, P1.1]') },
    },
    {
      name: 'ids of a framework that compliance.yaml does not scope are not checked',
      files: {
        'compliance.yaml': patch(config, '  iso27001:\n    version: "2022"\n', ''),
        'controls/iam/IAM-MFA.yaml': patch(control, 'iso27001: ["5.17", "8.5"]', 'iso27001: ["A.99"]'),
      },
    },
    {
      name: 'ISMS clauses: "clause 9.2", a bare clause number that is no Annex A id, a heading',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'iso27001: ["5.17", "8.5"]', 'iso27001: ["5.17", "8.5", "clause 9.2", "6.1.3", "clause 10"]') },
    },
    {
      name: 'an empty exclusion id is schema/invalid’s concern',
      files: { 'compliance.yaml': patch(config, 'id: DCS-07', 'id: ""') },
    },
    {
      name: 'nothing is checked against a CCM version trustops does not ship',
      files: { 'compliance.yaml': patch(config, 'version: "4.0.13"', 'version: "4.2"'), 'controls/iam/IAM-MFA.yaml': patch(control, 'IAM-14', 'IAM-99') },
    },
  ],
  invalid: [
    {
      name: 'CCM: IAM-41 gets the nearest id as a hint',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'ccm: [IAM-14]', 'ccm: [IAM-14, IAM-41]') },
      errors: [
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 14,
          column: 17,
          message: /^IAM-41 is not a requirement of CSA Cloud Controls Matrix 4\.0\.13$/,
          hint: /^Did you mean IAM-01 \(Identity and Access Management Policy and Procedures\)\?$/,
        },
      ],
    },
    {
      name: 'TSC and ISO: a criterion that does not exist and an Annex A id written with "A."',
      files: { 'controls/iam/IAM-MFA.yaml': patch(patch(control, 'tsc: [CC6.1, CC6.6]', 'tsc: [CC6.1, CC6.9]'), '"5.17"', '"A.5.17"') },
      errors: [
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 15,
          column: 16,
          message: /^CC6\.9 is not a requirement of AICPA Trust Services Criteria 2017$/,
          hint: /^Did you mean CC6\.1 /,
        },
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 16,
          column: 14,
          message: /^A\.5\.17 is not a requirement of ISO\/IEC 27001:2022 Annex A$/,
          hint: /^Write Annex A ids without "A\.": "5\.17"\.$/,
        },
      ],
    },
    {
      name: 'v4.0 ids in a v4.1 program get the crosswalk hint',
      files: { 'compliance.yaml': ccm41, 'controls/iam/IAM-MFA.yaml': patch(control, 'ccm: [IAM-14]', 'ccm: [IAM-16, IVS-04]') },
      errors: [
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 14,
          column: 9,
          message: /^IAM-16 is not a requirement of CSA Cloud Controls Matrix 4\.1\.0$/,
          hint: /^IAM-16 is a CCM v4\.0 id; in v4\.1 that control is IAM-15\. Renumber the whole program at once with `trustops migrate` rather than id by id\.$/,
        },
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 14,
          column: 17,
          message: /IVS-04 is not a requirement/,
          hint: /^IVS-04 is a CCM v4\.0 id; in v4\.1 that control is I&S-04\. Renumber/,
        },
      ],
    },
    {
      name: 'an exclusion id and an SSRM entry key',
      files: {
        'compliance.yaml': patch(config, 'id: DCS-07', 'id: DCS-77'),
        'controls/responsibility/ccm.yaml': `${ssrm}  IAM-99:\n    ownership: csp-owned\n`,
      },
      errors: [
        { file: 'compliance.yaml', line: 15, column: 27, message: /^DCS-77 is not a requirement of CSA Cloud Controls Matrix 4\.0\.13$/ },
        { file: 'controls/responsibility/ccm.yaml', line: 11, column: 3, message: /^IAM-99 is not a requirement/ },
      ],
    },
    {
      name: 'in policy front matter: the line is counted in the Markdown file',
      files: {
        'policies/access-control.md': patch(BASE_FILES['policies/access-control.md']!, 'ccm: [IAM-01]', 'ccm: [IAM01]'),
      },
      errors: [{ file: 'policies/access-control.md', line: 10, column: 36, message: /^IAM01 is not a requirement/, hint: /Did you mean IAM-01 / }],
    },
    {
      name: 'an ISMS clause that ISO 27001 does not have',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'iso27001: ["5.17", "8.5"]', 'iso27001: ["5.17", "clause 11.1"]') },
      errors: [
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 16,
          column: 22,
          message: /^clause 11\.1 is not a requirement of ISO\/IEC 27001:2022 Annex A$/,
          hint: /ISMS clauses are 4 to 10 of ISO\/IEC 27001:2022, written "clause 9\.2"/,
        },
      ],
    },
  ],
});
