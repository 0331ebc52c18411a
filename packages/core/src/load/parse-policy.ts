import type { Heading, Nodes, Root, Yaml } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
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

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/** Parses a policy: YAML front matter (with positions in the Markdown file) and its headings. */
export function parsePolicy(file: string, text: string): ParsedPolicy {
  const markdown = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const tree = processor.parse(markdown) as Root;
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

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}
