import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { testRule } from '../testing/rule-tester.js';
import { configVersionUnmigrated } from './config-version-unmigrated.js';

const CONTROL = 'controls/iam/IAM-MFA.yaml';
const SSRM = 'controls/responsibility/ccm.yaml';
const config = BASE_FILES['compliance.yaml']!;
const control = BASE_FILES[CONTROL]!;
const ssrm = BASE_FILES[SSRM]!;
const on41 = patch(config, 'version: "4.0.13"', 'version: "4.1"');
// What `trustops migrate --ccm 4.1` makes of the base repository (IAM-14 → IAM-13, DCS-01 → DCS-02, DCS-07 → DCS-08).
const migrated = {
  'compliance.yaml': patch(on41, 'id: DCS-07', 'id: DCS-08'),
  [CONTROL]: patch(control, 'ccm: [IAM-14]', 'ccm: [IAM-13]'),
  [SSRM]: patch(patch(patch(ssrm, 'framework: ccm\n', 'framework: ccm\nversion: "4.1"\n'), '  IAM-14:', '  IAM-13:'), '  DCS-01:', '  DCS-02:'),
};

testRule(configVersionUnmigrated, {
  valid: [
    { name: 'the version did not change', baseRevision: {}, files: { [CONTROL]: patch(control, 'maturity: 4', 'maturity: 3') } },
    { name: 'migrated: every renumbered id follows the crosswalk', baseRevision: {}, files: migrated },
    {
      name: 'an id that another BASE id became is migrated, not stale (v4.0 IAM-15 is v4.1 IAM-14)',
      baseRevision: { [CONTROL]: patch(control, 'ccm: [IAM-14]', 'ccm: [IAM-14, IAM-15]') },
      files: { ...migrated, [CONTROL]: patch(control, 'ccm: [IAM-14]', 'ccm: [IAM-13, IAM-14]') },
    },
    {
      name: 'a placeholder entry for a control new in 4.1 under an old number (v4.1 DCS-01 is new; v4.0 DCS-01 is v4.1 DCS-02)',
      baseRevision: {},
      files: { ...migrated, [SSRM]: `${migrated[SSRM]}  DCS-01:\n    ownership: csp-owned\n    csp: "TODO: how we meet DCS-01"\n` },
    },
    {
      name: 'an SSRM file that records another version is config/version-mismatch\'s finding',
      baseRevision: {},
      files: { 'compliance.yaml': on41, [SSRM]: patch(ssrm, 'framework: ccm\n', 'framework: ccm\nversion: "4.0.13"\n') },
    },
    { name: 'without BASE there is nothing to compare', files: { 'compliance.yaml': on41 } },
  ],
  invalid: [
    {
      name: 'only the version was edited: every renumbered id still has its 4.0.13 number',
      baseRevision: {},
      files: { 'compliance.yaml': on41 },
      errors: [
        {
          file: 'compliance.yaml',
          line: 7,
          column: 14,
          message:
            /^the CCM version changed from 4\.0\.13 to 4\.1 since BASE, but 2 ids kept their 4\.0\.13 numbers and now name other controls \(IAM-14 in control IAM-MFA: "Strong Authentication" in 4\.0\.13, "Credentials Management" in 4\.1\)$/,
          hint: /^Start from BASE's files and run `trustops migrate --ccm 4\.1`.*`trustops migrate --ccm 4\.1 --from 4\.0\.13` does it in place\.$/,
          related: ['controls/iam/IAM-MFA.yaml:14', 'compliance.yaml:15', 'controls/responsibility/ccm.yaml:3'],
        },
      ],
    },
    {
      name: 'the controls were migrated by hand, the SSRM was not',
      baseRevision: {},
      files: { ...migrated, [SSRM]: ssrm },
      errors: [{ file: 'compliance.yaml', line: 7, message: /but 1 id kept its 4\.0\.13 number and now names another control \(IAM-14 in the shared-responsibility model:/, related: ['controls/responsibility/ccm.yaml:3'] }],
    },
  ],
});
