import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { mappingOutOfScope } from './mapping-out-of-scope.js';
import { patch } from '../testing/patch.js';

const config = BASE_FILES['compliance.yaml']!;
const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
const policy = BASE_FILES['policies/access-control.md']!;

testRule(mappingOutOfScope, {
  valid: [
    {
      name: 'an availability criterion while availability is selected',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'tsc: [CC6.1, CC6.6]', 'tsc: [CC6.1, A1.2]') },
    },
    {
      name: 'policies are not checked, only controls',
      files: { 'policies/access-control.md': patch(policy, 'tsc: [CC5.3, CC6.1]', 'tsc: [CC5.3, P1.1]') },
    },
    {
      name: 'an excluded requirement is in scope but excluded: mapping/unmapped-control counts it out',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'ccm: [IAM-14]', 'ccm: [IAM-14, DCS-07]') },
    },
    {
      name: 'an unknown id is left to mapping/unknown-requirement',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'tsc: [CC6.1, CC6.6]', 'tsc: [CC6.1, P9.9]') },
    },
  ],
  invalid: [
    {
      name: 'a privacy criterion while privacy is not selected',
      files: { 'controls/iam/IAM-MFA.yaml': patch(control, 'tsc: [CC6.1, CC6.6]', 'tsc: [CC6.1, P1.1]') },
      errors: [
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 15,
          column: 16,
          message: /^P1\.1 is outside the configured scope, so it does not count for control IAM-MFA$/,
          hint: /Select its TSC category under frameworks\.tsc\.categories/,
          severity: 'info',
        },
      ],
    },
    {
      name: 'a framework compliance.yaml does not list: one finding for its key, not one per id',
      files: { 'compliance.yaml': patch(config, '  iso27001:\n    version: "2022"\n', '') },
      errors: [
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 16,
          column: 3,
          message: /^control IAM-MFA maps to iso27001, which compliance\.yaml does not scope$/,
          hint: /Add iso27001 under frameworks: in compliance\.yaml, or remove these ids/,
        },
      ],
    },
    {
      name: 'a CCM control outside CCM-Lite while lite is true',
      files: {
        'compliance.yaml': patch(config, '    version: "4.0.13"\n', '    version: "4.0.13"\n    lite: true\n'),
        'controls/iam/IAM-MFA.yaml': patch(control, 'ccm: [IAM-14]', 'ccm: [IAM-14, IAM-02]'),
      },
      errors: [
        {
          file: 'controls/iam/IAM-MFA.yaml',
          line: 14,
          column: 17,
          message: /^IAM-02 is outside the configured scope/,
          hint: /With lite: true only CCM-Lite controls are in scope/,
        },
      ],
    },
    {
      name: 'availability criteria in a second control after availability was dropped',
      files: {
        'compliance.yaml': patch(config, 'categories: [security, availability]', 'categories: [security]'),
        'controls/ops/OPS-BACKUP.yaml': `id: OPS-BACKUP
title: Daily encrypted backups
description: RDS snapshots are taken daily and copied to a second region.
owner: platform
status: operating
maps:
  tsc:
    - CC7.5
    - A1.2
    - A1.3
`,
      },
      errors: [
        { file: 'controls/ops/OPS-BACKUP.yaml', line: 9, column: 7, message: /^A1\.2 is outside the configured scope, so it does not count for control OPS-BACKUP$/ },
        { file: 'controls/ops/OPS-BACKUP.yaml', line: 10, column: 7, message: /^A1\.3 is outside/ },
      ],
    },
  ],
});
