import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_INPUT_TABLE, CLEAN, HOSTILE_INPUT_TABLE, VALID_VARIANTS } from '../testing/bad-input-table.js';
import { BASE_FILES } from '../testing/base-repo.js';
import { mergeFiles } from '../testing/in-memory-repo.js';
import { parseMarkdownTree } from './markdown-tree.js';
import { arePlainPolicies, parsePolicy, parsePolicyWith } from './parse-policy.js';
import { filesUnder, REPO_ROOT } from '../testing/files-under.js';

/**
 * The differential test of policies read without remark: where the plain reading applies, it gives what
 * remark gives (front matter, headings with their lines, body, body line).
 */
function view(policy: ReturnType<typeof parsePolicy>) {
  const fm = policy.frontMatter;
  return {
    frontMatter: fm ? { text: fm.source.text, lineOffset: fm.source.lineOffset, value: fm.value, errors: fm.errors, warnings: fm.warnings } : undefined,
    headings: policy.headings,
    body: policy.body,
    bodyLine: policy.bodyLine,
  };
}

let plainCount = 0;
function expectAlike(file: string, text: string): void {
  const reference = view(parsePolicyWith(file, text, parseMarkdownTree));
  if (!arePlainPolicies([text])) return;
  plainCount++;
  expect(view(parsePolicy(file, text)), `${file}:\n${text.slice(0, 300)}`).toEqual(reference);
}

const root = REPO_ROOT;
const markdownUnder = (dir: string) => filesUnder(dir, (e) => e.name.endsWith('.md'));

const FM = '---\nid: POL-X\ntitle: X\n---\n';
const CONSTRUCTS: [string, string][] = [
  ['headings of every depth', `${FM}# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six\n####### Seven\n`],
  ['closing hashes', `${FM}# Title #\n## Purpose ##   \n## Scope#\n# #\n#\n##   \n`],
  ['no space after hashes', `${FM}#Purpose\n## Scope\n`],
  ['indented headings', `${FM} # One\n   ## Two\n    ## Code\n`],
  ['heading interrupting a paragraph', `${FM}Some text\n## Purpose\nmore text\n`],
  ['setext headings', `${FM}Purpose\n=======\nScope\n-----\n`],
  ['thematic breaks', `${FM}## A\n***\n## B\n___\n- - -\n`],
  ['fenced code with a hash line', `${FM}## A\n\`\`\`\n# not a heading\n\`\`\`\n~~~\n# nor this\n~~~\n`],
  ['block quote heading', `${FM}> # Quoted\n## Real\n`],
  ['list heading', `${FM}- # Listed\n1. # Numbered\n## Real\n`],
  ['HTML block', `${FM}<div>\n# inside\n</div>\n## Real\n`],
  ['inline markup in headings', `${FM}## **Purpose**\n## \`Scope\`\n## [Policy](x)\n## R&amp;D\n## A\\#B\n## Image ![x](y)\n`],
  ['internal spaces', `${FM}## Purpose   and  scope\n`],
  ['unicode', `${FM}## Zweck — ünïcødé\n`],
  ['no front matter', '# Title\n## Purpose\n'],
  ['unclosed front matter', '---\nid: X\n# Title\n'],
  ['empty front matter', '---\n---\n# Title\n'],
  ['front matter fence with spaces', '--- \nid: X\n---\n# T\n'],
  ['front matter closing with spaces', '---\nid: X\n--- \n# T\n'],
  ['thematic break first', '***\n# T\n'],
  ['front matter and nothing else', '---\nid: X\n---'],
  ['front matter then blank lines', '---\nid: X\n---\n\n\n## A\n'],
  ['yaml document marker inside', '---\nid: X\n...\n---\n## A\n'],
  ['CRLF', '---\r\nid: X\r\n---\r\n## A\r\n'],
  ['tabs', `${FM}##\tA\n`],
  ['BOM', `\uFEFF${FM}## A\n`],
  ['trailing text without newline', `${FM}## A\ntext`],
  ['link reference definition', `${FM}[a]: http://x\n## A\n`],
  ['numbers that are not lists', `${FM}2026 was the year.\n## A\n`],
  ['plus and star in text', `${FM}a + b * c\n## A\n`],
  ['lists then headings', `${FM}## A\n- one\n- two\n  continued\n## B\n1. first\n2. second\n## C\n`],
  ['nested lists', `${FM}## A\n- one\n    - nested\n        deeper\n- two\n## B\n`],
  ['heading indented under a list', `${FM}- item\n  # in the item\n## B\n`],
  ['heading after a list, indented less than its content', `${FM}1.  item\n   # top level\n`],
  ['lazy continuation then indented heading', `${FM}- item\nlazy\n  # H\n`],
  ['paragraph after a blank closes the list', `${FM}- item\n\ntext\n  # H\n`],
  ['list interrupting a paragraph', `${FM}text\n- item\n## A\ntext\n2. not a list\n## B\n`],
  ['empty list item', `${FM}-\n  # H\n`],
  ['list item with a heading', `${FM}- # H\n`],
  ['wide list marker spacing', `${FM}-      code in item\n## A\n`],
  ['indented code', `${FM}## A\n\n    # code\n`],
  ['indented line after a paragraph', `${FM}text\n    # more text\n`],
  ['star and plus bullets', `${FM}* a\n+ b\n## A\n`],
  ['fence inside a list', `${FM}- a\n\n      \`\`\`\n      # x\n      \`\`\`\n## A\n`],
];

describe('policies read without remark read as remark reads them', () => {
  it.each(CONSTRUCTS)('%s', (_name, text) => {
    expectAlike('policies/x.md', text);
  });

  it('over every fixture, the example program and the whole bad-input table', () => {
    plainCount = 0;
    for (const file of [...markdownUnder(join(root, 'policies')), ...markdownUnder(join(root, 'packages/core/test')), ...markdownUnder(join(root, 'packages/cli/test'))]) {
      expectAlike(file, readFileSync(file, 'utf8'));
    }
    const rows = [...BAD_INPUT_TABLE, ...HOSTILE_INPUT_TABLE].map((r) => r.files).concat(VALID_VARIANTS.map(([, files]) => files));
    for (const overrides of rows) {
      for (const [path, content] of mergeFiles(BASE_FILES, { ...CLEAN, ...overrides })) {
        if (path.endsWith('.md') && typeof content === 'string') expectAlike(path, content);
      }
    }
    // The example program's policies and the base's are plain: the comparison is not vacuous.
    expect(plainCount).toBeGreaterThan(20);
  });
});
