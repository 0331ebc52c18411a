import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { configMissing } from './config-missing.js';

const config = BASE_FILES['compliance.yaml']!;

testRule(configMissing, {
  valid: [
    { name: 'compliance.yml is accepted', files: { 'compliance.yaml': null, 'compliance.yml': config } },
    { name: 'a compliance.yaml that does not parse still exists (yaml/syntax reports it)', files: { 'compliance.yaml': 'organization: [\n' } },
    { name: 'an empty compliance.yaml still exists (schema/invalid reports it)', files: { 'compliance.yaml': '' } },
  ],
  invalid: [
    {
      name: 'no compliance.yaml',
      files: { 'compliance.yaml': null },
      errors: [
        {
          file: 'compliance.yaml',
          line: 1,
          column: 1,
          message: /^compliance\.yaml is missing, so nothing is in scope$/,
          hint: /Create compliance\.yaml at the repository root/,
        },
      ],
    },
    {
      name: 'only in a subfolder, which is not the repository root',
      files: { 'compliance.yaml': null, 'config/compliance.yaml': config, 'controls/compliance.yaml.bak': config },
      errors: [{ file: 'compliance.yaml', line: 1, column: 1 }],
    },
    {
      name: 'a different spelling of the name',
      files: { 'compliance.yaml': null, 'Compliance.yaml': config, 'compliance.json': '{}' },
      errors: [{ file: 'compliance.yaml', line: 1, column: 1 }],
    },
  ],
});
