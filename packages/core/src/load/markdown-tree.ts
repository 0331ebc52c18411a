import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/**
 * The full Markdown parser for policies (remark, with YAML front matter). Loaded only when a policy needs
 * it (parse-policy.ts reads plain policies without it): importing it costs a command ~200 ms.
 */
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

export function parseMarkdownTree(markdown: string): Root {
  return processor.parse(markdown) as Root;
}
