import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { testRule } from '../testing/rule-tester.js';
import { configVersionMismatch } from './config-version-mismatch.js';

const config = BASE_FILES['compliance.yaml']!;
const ssrm = BASE_FILES['controls/responsibility/ccm.yaml']!;
const SSRM = 'controls/responsibility/ccm.yaml';
const withCcm = (version: string) => patch(config, 'version: "4.0.13"', `version: ${version}`);
const ssrmOf = (version: string) => patch(ssrm, 'framework: ccm\n', `framework: ccm\nversion: ${version}\n`);

testRule(configVersionMismatch, {
  valid: [
    { name: 'the SSRM records the version compliance.yaml names', files: { [SSRM]: ssrmOf('"4.0.13"') } },
    { name: 'another spelling of the same version', files: { [SSRM]: ssrmOf('"4.0"') } },
    { name: 'both on 4.1', files: { 'compliance.yaml': withCcm('"4.1"'), [SSRM]: ssrmOf('"4.1.0"') } },
    {
      name: 'no version: and keys that are ids of both versions: nothing tells them apart (history does, with --base)',
      files: { 'compliance.yaml': withCcm('"4.1"') },
    },
    {
      name: 'no version: and one key of neither version (mapping/unknown-requirement reports it)',
      files: { [SSRM]: `${ssrm}  IAM-99:\n    ownership: csp-owned\n` },
    },
    { name: 'CCM not in scope', files: { 'compliance.yaml': patch(config, '  ccm:\n    version: "4.0.13"\n', ''), [SSRM]: ssrmOf('"4.1"') } },
    { name: 'an unknown compliance.yaml version is config/unknown-version\'s finding', files: { 'compliance.yaml': withCcm('"4.2"'), [SSRM]: ssrmOf('"4.1"') } },
  ],
  invalid: [
    {
      name: 'compliance.yaml edited from 4.0.13 to 4.1 by hand, the SSRM still records 4.0.13',
      files: { 'compliance.yaml': withCcm('"4.1"'), [SSRM]: ssrmOf('"4.0.13"') },
      errors: [
        {
          file: 'compliance.yaml',
          line: 7,
          column: 14,
          message:
            /^frameworks\.ccm\.version is "4\.1" but controls\/responsibility\/ccm\.yaml holds CCM 4\.0\.13 ids \(version: "4\.0\.13"\): read as CCM 4\.1 ids, 3 of the ids the program names mean other controls \(IAM-14 is "Strong Authentication" in 4\.0\.13, "Credentials Management" in 4\.1\)$/,
          hint: /^Run `trustops migrate --ccm 4\.1`: it renumbers every id through CSA's crosswalk in one pass and records the new version; or put back "4\.0\.13"\.$/,
          related: ['controls/responsibility/ccm.yaml:2'],
        },
      ],
    },
    {
      name: 'backwards: compliance.yaml says 4.0.13, the SSRM records 4.1',
      files: { [SSRM]: ssrmOf('"4.1"') },
      errors: [{ file: 'compliance.yaml', line: 7, message: /holds CCM 4\.1 ids/, hint: /^Put back "4\.1": trustops migrates CCM 4\.0\.13 to 4\.1 only\.$/ }],
    },
    {
      name: 'a version trustops does not ship, at the SSRM file',
      files: { [SSRM]: ssrmOf('"5.0"') },
      errors: [{ file: SSRM, line: 2, column: 10, message: /^version "5\.0" is not a CCM version trustops ships$/, hint: /4\.0\.13, 4\.0, 4, 4\.1\.0, 4\.1/ }],
    },
    {
      name: 'no version: in a 4.1 program whose keys are all 4.0.13 ids, some of them only 4.0.13 ids',
      files: { 'compliance.yaml': withCcm('"4.1"'), [SSRM]: `${ssrm}  IVS-01:\n    ownership: csp-owned\n  IVS-02:\n    ownership: csp-owned\n` },
      errors: [
        {
          file: SSRM,
          line: 11,
          column: 3,
          message:
            /^controls\/responsibility\/ccm\.yaml states no version: and its keys are CCM 4\.0\.13 ids: 2 of them \(IVS-01, IVS-02\) are not ids of CCM 4\.1$/,
          hint: /^If compliance\.yaml's version was changed by hand, run `trustops migrate --ccm 4\.1 --from 4\.0\.13`/,
        },
      ],
    },
    {
      name: 'no version: in a 4.0.13 program whose keys are 4.1 ids',
      files: { [SSRM]: `${ssrm}  I&S-01:\n    ownership: csp-owned\n` },
      errors: [{ file: SSRM, line: 11, message: /keys are CCM 4\.1 ids: 1 of them \(I&S-01\) are not ids of CCM 4\.0\.13$/, hint: /^Put back version "4\.1" in compliance\.yaml/ }],
    },
  ],
});
