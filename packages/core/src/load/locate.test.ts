import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_INPUT_TABLE, CLEAN, HOSTILE_INPUT_TABLE } from '../testing/bad-input-table.js';
import { BASE_FILES } from '../testing/base-repo.js';
import { mergeFiles } from '../testing/in-memory-repo.js';
import { fullSsrmFile } from '../testing/temp-repo.js';
import { locate, locateInTree, parseYamlSource } from './yaml-source.js';
import { filesUnder, REPO_ROOT } from '../testing/files-under.js';

/** The quick paths of locate give what the tree gives, key by key. */
function expectAlike(file: string, text: string): number {
  const parsed = parseYamlSource(file, text);
  const value = parsed.value as { assignments?: Record<string, unknown> } | undefined;
  if (parsed.errors.length > 0 || !value || typeof value !== 'object') return 0;
  const keys = Object.keys(value.assignments ?? {});
  for (const key of [...keys, 'MISSING-01']) {
    expect(locate(parsed.source, ['assignments', key], 'key'), `${file} ${key}`).toEqual(locateInTree(parsed.source, ['assignments', key], 'key'));
  }
  for (const top of Object.keys(value)) expect(locate(parsed.source, [top], 'key'), `${file} ${top}`).toEqual(locateInTree(parsed.source, [top], 'key'));
  return keys.length;
}

const root = REPO_ROOT;
const yamlUnder = (dir: string) => filesUnder(dir, (e) => /\.ya?ml$/.test(e.name));

describe('locate: the quick paths agree with the tree', () => {
  it.each([
    ['plain', 'framework: ccm\nassignments:\n  A&A-01: { ownership: csp-owned }\n  IAM-14: { ownership: shared-csp-csc }\n'],
    ['comments and blank lines', 'assignments: # all of them\n\n  # first\n  A&A-01: { ownership: csp-owned }\n\n  IAM-14:\n    ownership: shared-csp-csc\n'],
    ['CRLF', 'framework: ccm\r\nassignments:\r\n  A&A-01: { ownership: csp-owned }\r\n  IAM-14: { ownership: x }\r\n'],
    ['quoted key', 'assignments:\n  "A&A-01": { ownership: csp-owned }\n'],
    ['flow mapping', 'assignments: { A&A-01: { ownership: csp-owned } }\n'],
    ['deeper indentation', 'assignments:\n      A&A-01: 1\n      IAM-14: 2\nother: 3\n'],
    ['key as a prefix of another', 'assignments:\n  IAM-1: 1\n  IAM-14: 2\n'],
    ['block scalar mentioning a key', 'assignments:\n  A&A-01:\n    csp: |\n      IAM-14: not a key\n  IAM-14: 2\n'],
    ['after the block', 'assignments:\n  A&A-01: 1\nIAM-14: 2\n'],
    ['BOM and tabs', '\uFEFFassignments:\n  A&A-01: 1\n  IAM-14: "a\tb"\n'],
  ])('%s', (_name, text) => {
    expectAlike('x.yaml', text);
  });

  it('over every SSRM of the fixtures, the example program and the bad-input table', () => {
    let located = expectAlike('ssrm.yaml', fullSsrmFile());
    for (const file of [...yamlUnder(join(root, 'controls')), ...yamlUnder(join(root, 'packages/core/test')), ...yamlUnder(join(root, 'packages/cli/test'))]) {
      located += expectAlike(file, readFileSync(file, 'utf8'));
    }
    for (const row of [...BAD_INPUT_TABLE, ...HOSTILE_INPUT_TABLE]) {
      for (const [path, content] of mergeFiles(BASE_FILES, { ...CLEAN, ...row.files })) {
        if (path.startsWith('controls/responsibility/') && typeof content === 'string') located += expectAlike(path, content);
      }
    }
    expect(located).toBeGreaterThan(1000);
  });
});
