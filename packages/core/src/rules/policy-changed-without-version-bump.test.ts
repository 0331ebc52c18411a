import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { testRule } from '../testing/rule-tester.js';
import { policyChangedWithoutVersionBump } from './policy-changed-without-version-bump.js';

const POLICY = 'policies/access-control.md';
const policy = BASE_FILES[POLICY]!;
const textChanged = patch(policy, 'reviewed quarterly', 'reviewed yearly');

testRule(policyChangedWithoutVersionBump, {
  valid: [
    { name: 'nothing changed since BASE', baseRevision: {} },
    { name: 'a new last_reviewed alone records a review and needs no new version', baseRevision: {}, files: { [POLICY]: patch(policy, 'last_reviewed: 2026-01-10', 'last_reviewed: 2026-11-10') } },
    { name: 'changed text with a bumped version', baseRevision: {}, files: { [POLICY]: patch(textChanged, 'version: 2.1.0', 'version: 2.1.1') } },
    { name: 'a policy new since BASE', baseRevision: { [POLICY]: null }, files: {} },
    { name: 'a policy removed since BASE', baseRevision: {}, files: { [POLICY]: null } },
    { name: 'without BASE the rule has nothing to compare', files: { [POLICY]: textChanged } },
    {
      name: 'a CCM version switch renumbered a mapped id: the same requirement, no change of the policy',
      baseRevision: { [POLICY]: patch(policy, 'ccm: [IAM-01]', 'ccm: [IAM-01, IAM-14]') },
      files: {
        'compliance.yaml': patch(BASE_FILES['compliance.yaml']!, 'version: "4.0.13"', 'version: "4.1"'),
        [POLICY]: patch(policy, 'ccm: [IAM-01]', 'ccm: [IAM-01, IAM-13]'),
      },
    },
  ],
  invalid: [
    {
      name: 'the text changed, the version did not',
      baseRevision: {},
      files: { [POLICY]: textChanged },
      errors: [{ file: POLICY, line: 5, column: 10, message: /^policy POL-ACCESS changed \(its text\) since BASE but is still version 2\.1\.0$/, hint: /Bump version/ }],
    },
    {
      name: 'a field changed (the owner), the version did not',
      baseRevision: {},
      files: { [POLICY]: patch(policy, 'owner: CISO', 'owner: Head of IT') },
      errors: [{ file: POLICY, line: 5, message: /changed \(owner\) since BASE/ }],
    },
    {
      name: 'text and mappings changed',
      baseRevision: {},
      files: { [POLICY]: patch(textChanged, 'ccm: [IAM-01]', 'ccm: [IAM-02]') },
      errors: [{ file: POLICY, line: 5, message: /changed \(its text and maps\)/ }],
    },
    {
      name: 'the version was switched by hand: the unmigrated IAM-14 now names another control',
      baseRevision: { [POLICY]: patch(policy, 'ccm: [IAM-01]', 'ccm: [IAM-01, IAM-14]') },
      files: {
        'compliance.yaml': patch(BASE_FILES['compliance.yaml']!, 'version: "4.0.13"', 'version: "4.1"'),
        [POLICY]: patch(policy, 'ccm: [IAM-01]', 'ccm: [IAM-01, IAM-14]'),
      },
      errors: [{ file: POLICY, line: 5, message: /changed \(maps\) since BASE/ }],
    },
  ],
});
