import { getCcmCatalog } from '@trustops/frameworks';
import { BASE_FILES } from '../testing/base-repo.js';
import { testRule } from '../testing/rule-tester.js';
import { ssrmMissingAssignment } from './ssrm-missing-assignment.js';
import { patch } from '../testing/patch.js';

const config = BASE_FILES['compliance.yaml']!;
const catalog = getCcmCatalog('4.0.13');
/** Every CCM v4.0.13 control except DCS-07, which the base compliance.yaml excludes. */
const inScope = catalog.requirements.map((c) => c.id).filter((id) => id !== 'DCS-07');

/** A shared-responsibility file with one entry per id: line 3 is the first entry. */
function ssrmFile(ids: readonly string[]): string {
  return `framework: ccm\nassignments:\n${ids.map((id) => `  "${id}": { ownership: csp-owned }\n`).join('')}`;
}
const without = (...omit: string[]) => inScope.filter((id) => !omit.includes(id));

testRule(ssrmMissingAssignment, {
  // The base SSRM covers only two controls; give every in-scope control an entry.
  base: { 'controls/responsibility/ccm.yaml': ssrmFile(inScope) },
  valid: [
    {
      name: 'entries split over two files',
      files: {
        'controls/responsibility/ccm.yaml': ssrmFile(inScope.filter((id) => !id.startsWith('IAM-'))),
        'controls/responsibility/identity.yaml': ssrmFile(inScope.filter((id) => id.startsWith('IAM-'))),
      },
    },
    {
      name: 'a control without an entry that is excluded in compliance.yaml',
      files: {
        'compliance.yaml': patch(config, 'exclusions:\n', 'exclusions:\n  - { framework: ccm, id: DCS-08, reason: "No equipment of our own to take off-site." }\n'),
        'controls/responsibility/ccm.yaml': ssrmFile(without('DCS-08')),
      },
    },
    {
      name: 'with lite: true only CCM-Lite controls need an entry',
      files: {
        'compliance.yaml': patch(config, '    version: "4.0.13"\n', '    version: "4.0.13"\n    lite: true\n'),
        'controls/responsibility/ccm.yaml': ssrmFile(catalog.requirements.filter((c) => c.ccmLite && c.id !== 'DCS-07').map((c) => c.id)),
      },
    },
    {
      name: 'CCM not in scope: no shared-responsibility model needed',
      files: { 'compliance.yaml': patch(config, '  ccm:\n    version: "4.0.13"\n', ''), 'controls/responsibility/ccm.yaml': null },
    },
    {
      name: 'a CCM version trustops does not ship: config/unknown-version explains',
      files: { 'compliance.yaml': patch(config, 'version: "4.0.13"', 'version: "4.2"'), 'controls/responsibility/ccm.yaml': null },
    },
  ],
  invalid: [
    {
      name: 'one control without an entry',
      files: { 'controls/responsibility/ccm.yaml': ssrmFile(without('IAM-14')) },
      errors: [
        {
          file: 'controls/responsibility/ccm.yaml',
          line: 2,
          column: 1,
          message: /^CCM IAM-14 \(Strong Authentication\) has no shared-responsibility entry$/,
          hint: /^Add "IAM-14: \{ ownership: \.\.\., csp: \.\.\. \}" under assignments \(CCM typical SaaS ownership: Shared\), or exclude it/,
        },
      ],
    },
    {
      name: 'no responsibility file at all: a single finding on compliance.yaml',
      files: { 'controls/responsibility/ccm.yaml': null },
      errors: [
        {
          file: 'compliance.yaml',
          line: 6,
          column: 3,
          message: new RegExp(`^no shared-responsibility model: ${inScope.length} in-scope CCM controls have no owner$`),
          hint: /Create controls\/responsibility\/ccm\.yaml with framework: ccm/,
        },
      ],
    },
    {
      name: 'the exclusion dropped: DCS-07 now needs an entry',
      files: { 'compliance.yaml': patch(config, /exclusions:\n.*\n/, '') },
      errors: [{ file: 'controls/responsibility/ccm.yaml', line: 2, column: 1, message: /^CCM DCS-07 \(.*\) has no shared-responsibility entry$/ }],
    },
    {
      name: 'entries split over two files with two missing: reported on the first file, in message order',
      files: {
        'controls/responsibility/ccm.yaml': ssrmFile(without('A&A-01', 'SEF-03').filter((id) => !id.startsWith('IAM-'))),
        'controls/responsibility/identity.yaml': `# Identity controls\n${ssrmFile(inScope.filter((id) => id.startsWith('IAM-')))}`,
      },
      errors: [
        { file: 'controls/responsibility/ccm.yaml', line: 2, column: 1, message: /^CCM A&A-01 / },
        { file: 'controls/responsibility/ccm.yaml', line: 2, column: 1, message: /^CCM SEF-03 / },
      ],
    },
  ],
});
