import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_INPUT_TABLE, CLEAN, HOSTILE_INPUT_TABLE, VALID_VARIANTS } from '../testing/bad-input-table.js';
import { BASE_FILES } from '../testing/base-repo.js';
import { mergeFiles, type FileOverrides } from '../testing/in-memory-repo.js';
import { readPlainYaml } from './fast-yaml.js';
import { decodeSourceFile } from './source-files.js';
import { parseYamlSource, parseYamlSourceExact } from './yaml-source.js';
import { filesUnder, REPO_ROOT } from '../testing/files-under.js';

/**
 * The differential test of the fast path: whatever js-yaml reads must read exactly as `yaml` reads it
 * (same value, no error and no warning `yaml` would report), over every fixture of the repository, the
 * whole bad-input table and the constructs where the two parsers are known to differ.
 */
function expectAlike(file: string, text: string): void {
  const fast = parseYamlSource(file, text);
  const exact = parseYamlSourceExact(file, text);
  expect({ value: fast.value, errors: fast.errors, warnings: fast.warnings }, `${file}:\n${text.slice(0, 400)}`).toEqual({
    value: exact.value,
    errors: exact.errors,
    warnings: exact.warnings,
  });
}

/** The YAML of a file as the loader parses it: a policy's front matter, any other file whole. */
function yamlOf(path: string, text: string): string | undefined {
  if (!path.endsWith('.md')) return /\.ya?ml$/.test(path) ? text : undefined;
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  return match?.[1];
}

const root = REPO_ROOT;

const CONSTRUCTS: [string, string][] = [
  ['binary int (js-yaml: 3)', 'a: 0b11\n'],
  ['underscores (js-yaml: 1000)', 'a: 1_000\nb: 1_0.5\n'],
  ['octal and hex', 'a: 0o17\nb: 0x1F\nc: -0x1F\nd: 012\ne: 0o8\n'],
  ['floats', 'a: 1e3\nb: .5\nc: +.inf\nd: -.Inf\ne: .NaN\nf: 1.50\ng: 5.10\nh: 1.\ni: +1\nj: -0\n'],
  ['YAML 1.1 booleans are text', 'a: yes\nb: no\nc: on\nd: off\ne: y\nf: True\ng: FALSE\nh: tRUE\n'],
  ['nulls', 'a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nULL\n'],
  ['dates stay text', 'a: 2026-01-01\nb: 2026-01-01T10:00:00Z\nc: 2026-02-30\n'],
  ['sexagesimal stays text', 'a: 1:20\nb: 190:20:30\n'],
  ['null and typed keys', '~: a\n', ],
  ['null key spelled out', 'null: a\n'],
  ['number and bool keys', '1: a\n1.50: b\ntrue: c\n0x10: d\n'],
  ['same key as number and text', '1: a\n"1": b\n'],
  ['merge key', 'a: &x { b: 1 }\nc:\n  <<: *x\n'],
  ['merge key without anchors', '<<: { b: 1 }\n'],
  ['__proto__ key', '__proto__: { polluted: true }\n'],
  ['constructor key', 'constructor: 1\ntoString: 2\n'],
  ['long key', `${'k'.repeat(1100)}: 1\n`],
  ['long quoted key', `"${'k'.repeat(1030)}": 1\n`],
  ['multi-line quoted key', '"a\n b": 1\n'],
  ['multi-line plain key', 'a\nb: 1\n'],
  ['explicit key', '? a\n: 1\n'],
  ['flow collection as key', '[a, b]: 1\n'],
  ['one-item flow collection as key', '[a]: 1\n- x\n'],
  ['flow collection as key in a sequence', 'x:\n  - [a]: 1\n  - {b: 2}: 3\n'],
  ['flow mapping as key in flow', '[{a: 1}: 2]\n'],
  ['JSON-like key after a bracket', '{"a":[1],"b":{"c":2}}\n'],
  ['flow map with a collection key', 'x: {[a]: 1}\n'],
  ['nested flow', 'x: [[a], {b: c}]\n'],
  ['flow mapping in a sequence', 'x:\n  - { a: 1, b: [2, 3] }\n'],
  ['json-like adjacent values', '{"a":1,"b":[2]}\n'],
  ['comment without space after quotes', 'a: "b"# c\n'],
  ['comment without space after flow', 'a: [b]# c\n'],
  ['hash inside plain text', 'a: b#c\n'],
  ['colon inside plain text', 'a: b:c\nd: http://x.y/z\n'],
  ['compact nested mapping', 'a: b: c\n'],
  ['block scalars', 'a: |\n  x\n  y\n\nb: >-\n  x\n  y\n\n  z\nc: |+\n  k\n\nd: |2\n   indented\ne: >\n  folded\n   more\n  back\n'],
  ['block scalar with trailing spaces and CRLF', 'a: |\r\n  x  \r\n  y\r\nb: c\r\n'],
  ['quoted escapes', 'a: "\\x41\\u00e9\\U0001F600\\t\\/\\ \\_\\N\\L\\P\\0\\e"\nb: \'it\'\'s\'\n'],
  ['bad escape', 'a: "\\q"\n'],
  ['multi-line quoted', 'a: "one\n  two\n\n  three"\nb: \'x\n  y\'\n'],
  ['multi-line plain', 'a: one\n  two\n\n  three\n'],
  ['document markers', '---\na: 1\n...\n'],
  ['document marker with comment', '--- # doc\na: 1\n'],
  ['two documents', 'a: 1\n---\nb: 2\n'],
  ['directive', '%YAML 1.1\n---\na: yes\n'],
  ['empty', ''],
  ['comment only', '# x\n'],
  ['only a marker', '---\n'],
  ['scalar document', 'just text\n'],
  ['sequence document', '- a\n- b\n'],
  ['tab in a value', 'a: "x\ty"\n'],
  ['tab indentation', 'a:\n\tb: 1\n'],
  ['anchor and alias', 'a: &x 1\nb: *x\n'],
  ['ampersand and star in text', 'a: R&D\nb: 5*3\nc: "*x"\n'],
  ['tags', 'a: !!str 1\nb: !custom x\n'],
  ['exclamation in text', 'a: Hello!\n'],
  ['reserved indicators', 'a: @x\n'],
  ['backtick', 'a: `x`\n'],
  ['bad indentation', 'a:\n  b: 1\n c: 2\n'],
  ['duplicate keys', 'a: 1\na: 2\n'],
  ['duplicate keys in flow', 'x: {a: 1, a: 2}\n'],
  ['duplicate keys differing in form', 'a: 1\n"a": 2\n'],
  ['non-printable', 'a: "\u0007"\n'],
  ['unicode', 'a: ünïcødé 日本\nb: "😀"\n'],
  ['trailing comma in flow', 'a: [1, 2,]\nb: {c: 1,}\n'],
  ['empty flow entries', 'a: [1, , 2]\n'],
  ['flow over lines', 'a: [\n  1,\n  2\n]\nb: {\n  c: 1\n}\n'],
  ['plain multi-line in flow', 'a: [one\n  two]\n'],
  ['dash without space', 'a:\n  -b\n'],
  ['sequence of mappings', 'a:\n  - id: x\n    n: 1\n  -   id: y\n'],
  ['indentless sequence', 'a:\n- 1\n- 2\nb: 3\n'],
  ['key with trailing spaces', 'a   : 1\n'],
  ['quoted key', '"a b": 1\n\'c\': 2\n'],
  ['deep nesting', `${'['.repeat(200)}${']'.repeat(200)}\n`],
  ['very deep nesting', `a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`],
  ['CR only', 'a: 1\rb: 2\r'],
  ['BOM', '\uFEFFa: 1\n'],
  ['BOM inside', 'a: 1\n\uFEFFb: 2\n'],
  ['NUL', 'a: 1\n\0'],
  ['line separator', 'a: x\u2028y\n'],
  ['question mark in text', 'a: why? because\nb: ?x\n'],
  ['percent in text', 'a: 50%\n'],
  ['leading zero version', 'version: 01.2\n'],
  ['big int', 'a: 123456789012345678901234567890\n'],
  ['negative zero float', 'a: -0.0\n'],
];

describe('the fast YAML path reads as yaml does', () => {
  it.each(CONSTRUCTS)('%s', (_name, text) => {
    expectAlike('x.yaml', text);
  });

  it('is taken for the files of a plain program (the test would pass vacuously otherwise)', () => {
    for (const [path, text] of Object.entries(BASE_FILES)) {
      const yaml = yamlOf(path, text);
      if (yaml !== undefined) expect(readPlainYaml(yaml), path).toBeDefined();
    }
    expect(readPlainYaml('a: 0b11\nb: [1, 2]\n')).toEqual({ value: { a: '0b11', b: [1, 2] } });
  });

  it('over every fixture and the example program', () => {
    const files = [
      ...['packages/core/test', 'packages/cli/test', 'packages/github/test', 'controls', 'evidence', 'policies', 'risks'].flatMap((d) => filesUnder(join(root, d))),
      join(root, 'compliance.yaml'),
    ];
    let parsed = 0;
    for (const file of files) {
      const yaml = yamlOf(file, readFileSync(file, 'utf8'));
      if (yaml === undefined) continue;
      expectAlike(file, yaml);
      parsed++;
    }
    expect(parsed).toBeGreaterThan(50);
  });

  const rows: [string, FileOverrides][] = [...BAD_INPUT_TABLE, ...HOSTILE_INPUT_TABLE].map((r) => [r.name, r.files] as [string, FileOverrides]).concat(VALID_VARIANTS);
  it.each(rows)('bad-input row: %s', (_name, overrides) => {
    for (const [path, content] of mergeFiles(BASE_FILES, { ...CLEAN, ...overrides })) {
      if (typeof content !== 'string' && !(content instanceof Uint8Array)) continue;
      const text = typeof content === 'string' ? content : decodeSourceFile(path, content).text;
      const yaml = yamlOf(path, text);
      if (yaml !== undefined) expectAlike(path, yaml);
    }
  });
});
