import type { Heading, Nodes, Root, Yaml } from 'mdast';
import { classifyPath, type SourceFile } from './source-files.js';
import { parseYamlSource, type ParsedYaml } from './yaml-source.js';

export interface PolicyHeading {
  depth: number;
  text: string;
  line: number;
}

export interface ParsedPolicy {
  /** The front matter; undefined when the file has none. */
  frontMatter?: ParsedYaml;
  headings: PolicyHeading[];
  /** The Markdown after the front matter, as written. */
  body: string;
  /** Line of the first body line, for findings about the body. */
  bodyLine: number;
}

type ParseMarkdownTree = (markdown: string) => Root;
let fullParser: ParseMarkdownTree | undefined;

/** Whether every policy among these texts can be read without the full Markdown parser. */
export function arePlainPolicies(texts: Iterable<string>): boolean {
  for (const text of texts) if (!scanPlainPolicy(stripBom(text))) return false;
  return true;
}

/**
 * Loads the full Markdown parser (remark), for policies that are not plain Markdown. The async pipelines
 * call it before loading when a policy needs it; the full index of @trustops/core loads it at import.
 */
export async function loadMarkdownParser(): Promise<void> {
  fullParser ??= (await import('./markdown-tree.js')).parseMarkdownTree;
}

/** Loads the full Markdown parser when a policy among these files needs it (before a synchronous load). */
export async function preparePolicyParser(files: readonly SourceFile[]): Promise<void> {
  if (fullParser) return;
  const policies = files.filter((f) => !f.binary && !f.link && classifyPath(f.path) === 'policy').map((f) => f.text);
  if (!arePlainPolicies(policies)) await loadMarkdownParser();
}

/** Makes the full Markdown parser available to synchronous callers (the full index does this at import). */
export function useMarkdownParser(parse: ParseMarkdownTree): void {
  fullParser = parse;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parses a policy: YAML front matter (with positions in the Markdown file) and its headings. */
export function parsePolicy(file: string, text: string): ParsedPolicy {
  const markdown = stripBom(text);
  const plain = scanPlainPolicy(markdown);
  if (plain) {
    const frontMatter = plain.frontMatter ? parseYamlSource(file, plain.frontMatter.value, 1) : undefined;
    const body = plain.frontMatter ? markdown.slice(plain.frontMatter.endOffset).replace(/^\r?\n/, '') : markdown;
    return { ...(frontMatter ? { frontMatter } : {}), headings: plain.headings, body, bodyLine: plain.frontMatter ? plain.frontMatter.endLine + 1 : 1 };
  }
  if (!fullParser) throw new Error(`the Markdown parser is not loaded (reading ${file}): call loadMarkdownParser() first`);
  return parsePolicyWith(file, markdown, fullParser);
}

/** parsePolicy through the full Markdown parser: the reference the plain reading must agree with. */
export function parsePolicyWith(file: string, text: string, parse: ParseMarkdownTree): ParsedPolicy {
  const markdown = stripBom(text);
  const tree = parse(markdown);
  const first = tree.children[0];
  let frontMatter: ParsedYaml | undefined;
  let body = markdown;
  let bodyLine = 1;
  if (first?.type === 'yaml') {
    const yamlNode = first as Yaml;
    const startLine = yamlNode.position?.start.line ?? 1;
    // The YAML starts on the line after the opening '---'.
    frontMatter = parseYamlSource(file, yamlNode.value, startLine);
    const endOffset = yamlNode.position?.end.offset ?? 0;
    body = markdown.slice(endOffset).replace(/^\r?\n/, '');
    bodyLine = (yamlNode.position?.end.line ?? 0) + 1;
  }
  const headings: PolicyHeading[] = [];
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    const heading = node as Heading;
    headings.push({ depth: heading.depth, text: textOf(heading).trim(), line: heading.position?.start.line ?? 1 });
  }
  return { ...(frontMatter ? { frontMatter } : {}), headings, body, bodyLine };
}

interface PlainPolicy {
  frontMatter?: { value: string; endOffset: number; endLine: number };
  headings: PolicyHeading[];
}

// Lines whose meaning depends on more than the line (code fences, HTML, block quotes, setext underlines
// and thematic breaks), at any indentation: a policy with any of them goes to the full parser.
const NOT_PLAIN_LINE = /^ *(?:`{3}|~{3}|<|>)|^[ ]*[-*_=][-*_= ]*$/;
const ATX = /^ {0,3}(#{1,6})(?:[ ]+(.*?))?(?:[ ]+#+)?[ ]*$/;
const LIST_ITEM = /^( {0,3})([-+*]|\d{1,9}[.)])( +|$)/;
// Inline markup a heading's text would be parsed for (emphasis, code, links, HTML, entities, escapes).
const INLINE_MARKUP = /[*_`[\]<>&\\!]/;

/** Column where a list item's content starts (CommonMark: 1-4 spaces after the marker, else 1). */
function contentColumn(item: RegExpExecArray): number {
  const spaces = item[3]!.length;
  return item[1]!.length + item[2]!.length + (spaces >= 1 && spaces <= 4 ? spaces : 1);
}

/**
 * Front matter and top-level ATX headings of a policy in plain Markdown (paragraphs, headings whose text
 * has no inline markup, lists without headings in them), exactly as remark reads them; undefined for
 * anything else. load/parse-policy.test.ts compares the two over every fixture and the bad-input table.
 */
function scanPlainPolicy(markdown: string): PlainPolicy | undefined {
  if (markdown.includes('\r') || markdown.includes('\t') || markdown.includes('\0')) return undefined;
  const lines = markdown.split('\n');
  let first = 0;
  let frontMatter: PlainPolicy['frontMatter'];
  if (lines[0]!.startsWith('-')) {
    if (lines[0] !== '---') return undefined;
    const close = lines.indexOf('---', 1);
    // An empty front matter or one never closed: the full parser decides.
    if (close < 2) return undefined;
    const value = lines.slice(1, close).join('\n');
    let endOffset = 0;
    for (let i = 0; i <= close; i++) endOffset += lines[i]!.length + 1;
    frontMatter = { value, endOffset: endOffset - 1, endLine: close + 1 };
    first = close + 1;
  }
  const headings: PolicyHeading[] = [];
  // The open top-level list, as the column its items' content starts at; 0 when none is open.
  let listContent = 0;
  let blankBefore = true;
  let paragraphBefore = false;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      blankBefore = true;
      paragraphBefore = false;
      continue;
    }
    if (NOT_PLAIN_LINE.test(line)) return undefined;
    const indent = line.length - line.trimStart().length;
    const wasBlank = blankBefore;
    blankBefore = false;
    if (listContent > 0 && indent >= listContent) {
      // Inside a list item: a heading there is not the policy's, and would make what follows ambiguous.
      if (line.trimStart().startsWith('#')) return undefined;
      paragraphBefore = true;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      // An ordered list interrupts a paragraph only when it starts at 1; an item that opens with a
      // heading or is empty is left to the full parser.
      if (paragraphBefore && listContent === 0 && /^\d/.test(item[2]!) && !/^0*1[.)]$/.test(item[2]!)) return undefined;
      if (item[3] === '' || line.slice(item[0].length).startsWith('#')) return undefined;
      listContent = contentColumn(item);
      paragraphBefore = true;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      listContent = 0;
      paragraphBefore = false;
      // Content of only '#' is a closing sequence: the heading is empty.
      const text = /^#+$/.test(atx[2] ?? '') ? '' : (atx[2] ?? '');
      if (INLINE_MARKUP.test(text)) return undefined;
      headings.push({ depth: atx[1]!.length, text: text.trim(), line: i + 1 });
      continue;
    }
    // Paragraph text: after a blank line it closes an open list; right after text it continues it (lazily).
    if (listContent > 0 && wasBlank) listContent = 0;
    // Indented code needs a blank line or a non-paragraph before it.
    if (indent >= 4 && !paragraphBefore) return undefined;
    paragraphBefore = true;
  }
  return { ...(frontMatter ? { frontMatter } : {}), headings };
}

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}
