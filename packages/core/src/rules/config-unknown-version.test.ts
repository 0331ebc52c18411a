import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { configUnknownVersion } from './config-unknown-version.js';
import { patch } from '../testing/patch.js';

const config = BASE_FILES['compliance.yaml']!;
const withCcmVersion = (version: string) => patch(config, 'version: "4.0.13"', `version: ${version}`);

testRule(configUnknownVersion, {
  valid: [
    { name: 'CCM "4.1"', files: { 'compliance.yaml': withCcmVersion('"4.1"') } },
    { name: 'CCM "4", single-quoted', files: { 'compliance.yaml': withCcmVersion("'4'") } },
    { name: 'CCM 4.1.0 unquoted is still text', files: { 'compliance.yaml': withCcmVersion('4.1.0') } },
    {
      name: 'unquoted 4.1 is a number: schema/invalid reports it, not this rule',
      files: { 'compliance.yaml': withCcmVersion('4.1') },
    },
    { name: 'CCM not in scope', files: { 'compliance.yaml': patch(config, '  ccm:\n    version: "4.0.13"\n', '') } },
  ],
  invalid: [
    {
      name: 'a version that does not exist yet: "4.2", nearest to the newest shipped',
      files: { 'compliance.yaml': withCcmVersion('"4.2"') },
      errors: [
        {
          file: 'compliance.yaml',
          line: 7,
          column: 14,
          message: /^CCM version "4\.2" is not one trustops ships, so CCM checks are skipped$/,
          hint: /^Did you mean "4\.1"\? Shipped: 4\.0\.13, 4\.0, 4, 4\.1\.0, 4\.1\.$/,
        },
      ],
    },
    {
      name: 'an old major version: "3.0"',
      files: { 'compliance.yaml': withCcmVersion('"3.0"') },
      errors: [{ file: 'compliance.yaml', line: 7, column: 14, message: /CCM version "3\.0"/, hint: /^Did you mean "4\.0"\? Shipped:/ }],
    },
    {
      name: 'a "v" prefix, in a flow mapping',
      files: { 'compliance.yaml': patch(config, '  ccm:\n    version: "4.0.13"\n', '  ccm: { version: v4.1, lite: true }\n') },
      errors: [{ file: 'compliance.yaml', line: 6, column: 19, message: /CCM version "v4\.1"/, hint: /^Did you mean "4\.1"\?/ }],
    },
  ],
});
