import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { fullSsrmFile } from '../testing/temp-repo.js';
import { readinessBelowThreshold } from './readiness-below-threshold.js';
import { patch } from '../testing/patch.js';

const compliance = BASE_FILES['compliance.yaml']!;
const withGate = (gate: string) => ({ 'compliance.yaml': patch(compliance, '  fail_on: error\n', `  fail_on: error\n${gate}`) });

testRule(readinessBelowThreshold, {
  valid: [
    { name: 'no minimum set' },
    { name: 'readiness above the minimum', files: withGate('  min_readiness: { ccm: 0.001 }\n') },
    // With the full SSRM every DCS control is inherited from AWS: readiness goes up, not down.
    { name: 'inherited requirements count', files: { ...withGate('  min_readiness: { ccm: 0.05 }\n'), 'controls/responsibility/ccm.yaml': fullSsrmFile() } },
  ],
  invalid: [
    {
      name: 'CCM below its minimum',
      files: withGate('  min_readiness: { ccm: 0.8 }\n'),
      errors: [{ file: 'compliance.yaml', line: 18, column: 25, message: /^ccm readiness is \d+\.\d% \(type2\), below the gate's 80\.0%$/ }],
    },
    {
      name: 'two frameworks below',
      files: withGate('  min_readiness:\n    ccm: 0.9\n    tsc: 0.95\n'),
      errors: [
        { file: 'compliance.yaml', line: 19, message: /^ccm readiness/ },
        { file: 'compliance.yaml', line: 20, message: /^tsc readiness/ },
      ],
    },
  ],
});
