import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

// remark -> rehype with raw HTML dropped (remark-rehype ignores it by default) and the result sanitised
// with GitHub's schema: nothing in a policy can run script, load a resource or add an event handler.
const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize)
  .use(rehypeStringify);

/** Markdown (a policy, the changelog) as safe HTML. */
export function renderMarkdownHtml(markdown: string): string {
  return String(processor.processSync(markdown));
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text from files placed into HTML. */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}
