import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { testRule } from '../testing/rule-tester.js';
import { configExcludedClause } from './config-excluded-clause.js';

const config = BASE_FILES['compliance.yaml']!;
const exclude = (id: string) => patch(config, 'exclusions:\n', `exclusions:\n  - { framework: iso27001, id: "${id}", reason: "We think this does not apply to us." }\n`);

testRule(configExcludedClause, {
  valid: [
    { name: 'an Annex A control may be excluded', files: { 'compliance.yaml': exclude('7.4') } },
    { name: 'a CCM exclusion is another matter', files: { 'compliance.yaml': exclude('7.4').replace('framework: iso27001', 'framework: ccm') } },
    { name: '8.2 is Annex A "Privileged access rights", not the clause', files: { 'compliance.yaml': exclude('8.2') } },
  ],
  invalid: [
    {
      name: 'internal audit excluded',
      files: { 'compliance.yaml': exclude('clause 9.2') },
      errors: [{ file: 'compliance.yaml', line: 15, message: /^clause 9\.2 is an ISMS clause of ISO 27001; clauses 4-10 cannot be excluded, so it stays in scope$/, hint: /Only Annex A controls may be excluded/ }],
    },
    { name: 'a bare clause number that is no Annex A id', files: { 'compliance.yaml': exclude('6.1.3') }, errors: [{ file: 'compliance.yaml', line: 15, message: /^6\.1\.3 is an ISMS clause/ }] },
  ],
});
