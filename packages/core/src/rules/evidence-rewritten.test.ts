import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { testRule } from '../testing/rule-tester.js';
import { evidenceRewritten } from './evidence-rewritten.js';

const Q1 = 'evidence/IAM-MFA/2026-Q1.yaml';
const Q1_FILE = 'evidence/IAM-MFA/2026-Q1-okta-policy.json';
const Q2 = 'evidence/IAM-MFA/2026-Q2.yaml';

testRule(evidenceRewritten, {
  valid: [
    { name: 'nothing changed since BASE', baseRevision: {} },
    { name: 'a record and its file added (evidence grows)', baseRevision: { [Q2]: null, 'evidence/IAM-MFA/2026-Q2-okta-policy.json': null }, files: {} },
    { name: 'a file that no record lists, added', baseRevision: {}, files: { 'evidence/IAM-MFA/notes.txt': 'context\n' } },
    { name: 'without BASE the rule has nothing to compare', files: { [Q1_FILE]: 'edited\n' } },
    {
      name: 'a deviation recorded on a collected record (exceptions: added) annotates it, it does not rewrite it',
      baseRevision: {},
      files: { [Q1]: `${BASE_FILES[Q1]!}exceptions:\n  - { description: One MFA policy change was not reviewed, severity: low }\n` },
    },
  ],
  invalid: [
    {
      name: 'a collected file was edited: the finding points back at the record that collected it',
      baseRevision: {},
      files: { [Q1_FILE]: 'edited\n' },
      errors: [{ file: Q1_FILE, line: 1, message: /^evidence evidence\/IAM-MFA\/2026-Q1-okta-policy\.json was changed after it was collected \(since BASE\)$/, related: [`${Q1}:7`] }],
    },
    {
      name: 'a record was deleted',
      baseRevision: {},
      files: { [Q2]: null },
      errors: [{ file: Q2, line: 1, message: /was deleted after it was collected/, hint: /add a new record/ }],
    },
    {
      name: 'a record whose period changes along with its exceptions is rewritten',
      baseRevision: {},
      files: { [Q1]: `${patch(BASE_FILES[Q1]!, 'end: 2026-03-31 }', 'end: 2026-03-30 }')}exceptions:\n  - { description: One MFA policy change was not reviewed, severity: low }\n` },
      errors: [{ file: Q1, line: 1, message: /2026-Q1\.yaml was changed/ }],
    },
    {
      name: 'a record was changed',
      baseRevision: {},
      files: { [Q1]: patch(BASE_FILES[Q1]!, 'collected_by: automation:okta-export', 'collected_by: dana') },
      errors: [{ file: Q1, line: 1, message: /2026-Q1\.yaml was changed/ }],
    },
  ],
});
