import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYamlFile } from '../load/parse-yaml-file.js';
import { BAD_INPUT_TABLE } from '../testing/bad-input-table.js';
import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { readComplianceConfig } from './read-compliance-config.js';

const base = BASE_FILES['compliance.yaml']!;
const example = readFileSync(new URL('../../../../compliance.yaml', import.meta.url), 'utf8');

// Each file once through the fast path (js-yaml and the yes-or-no schema check) and once the whole way:
// the value `catalog` takes its CCM version from must be the one `check` reads.
const texts: [string, string][] = [
  ['the base program', base],
  ["the repository's example program", example],
  ['with a BOM', `\uFEFF${base}`],
  ['CRLF line ends', base.replace(/\n/g, '\r\n')],
  ['an unknown top-level field (pruned, version kept)', `${base}colour: blue\n`],
  ['an unknown framework (frameworks is unusable)', patch(base, 'frameworks:\n', 'frameworks:\n  nist: {}\n')],
  ['a version that is a number', patch(base, 'version: "4.0.13"', 'version: 4.1')],
  ['ccm without its version', patch(base, 'version: "4.0.13"', 'lite: true')],
  ['an anchor (yaml reads it)', patch(base, 'version: "4.0.13"', 'version: &v "4.1"')],
  ['a syntax error', `${base}  : :\n- x`],
  ['empty', ''],
  ['a list', '- a\n- b\n'],
  ...BAD_INPUT_TABLE.flatMap((row): [string, string][] => {
    const text = row.files['compliance.yaml'];
    return typeof text === 'string' ? [[`bad input: ${row.name}`, text]] : [];
  }),
];

describe('readComplianceConfig', () => {
  it.each(texts)('gives what parseYamlFile prunes to: %s', async (_name, text) => {
    expect(await readComplianceConfig('compliance.yaml', text)).toEqual(parseYamlFile('compliance.yaml', 'compliance', text).pruned);
  });

  it('keeps the CCM version of a valid file, and of a file pruned elsewhere', async () => {
    expect(await readComplianceConfig('compliance.yaml', base)).toMatchObject({ frameworks: { ccm: { version: '4.0.13' } } });
    expect(await readComplianceConfig('compliance.yaml', `${base}colour: blue\n`)).toMatchObject({ frameworks: { ccm: { version: '4.0.13' } } });
  });
});
