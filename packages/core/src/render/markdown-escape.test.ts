import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import type { Nodes, Root } from 'mdast';
import { escapeMarkdown, fileLink } from './markdown-escape.js';

function nodeTypes(markdown: string): string[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;
  const types: string[] = [];
  const walk = (n: Nodes) => {
    types.push(n.type);
    if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(tree);
  return types;
}

describe('escapeMarkdown', () => {
  const hostile = '[click](https://evil.example) ![x](y.png) @org/team <img src=x onerror=alert(1)> www.evil.example | **bold** &amp;';

  it('leaves no link, image, HTML or emphasis when GitHub-flavoured Markdown parses it', () => {
    const types = nodeTypes(`- ${escapeMarkdown(hostile)}`);
    for (const forbidden of ['link', 'image', 'html', 'strong', 'emphasis', 'linkReference']) expect(types).not.toContain(forbidden);
  });

  it('keeps the text readable and breaks mentions', () => {
    const out = escapeMarkdown('owner @org/team, see https://x.example');
    expect(out).toContain('@\u200borg/team');
    expect(out).not.toMatch(/@org/);
    expect(out.replace(/\\/g, '').replace(/\u200b/g, '')).toBe('owner @org/team, see https://x.example');
  });

  it('breaks issue references: #123, GH-123 and owner/repo#123 get a zero-width space before the number', () => {
    const out = escapeMarkdown('Fixes #123, GH-45 and acme/other#7');
    expect(out).toBe('Fixes \\#\u200b123, GH\u200b-45 and acme/other\\#\u200b7');
    expect(out.replace(/\\/g, '').replace(/\u200b/g, '')).toBe('Fixes #123, GH-45 and acme/other#7');
  });

  it('keeps a link to a repository file a link, with its label escaped', () => {
    const link = fileLink('IAM-MFA [x]', 'controls/iam/IAM-MFA.yaml', 1, 'https://github.com/o/r/blob/abc/');
    expect(link).toBe('[IAM-MFA \\[x\\]](https://github.com/o/r/blob/abc/controls/iam/IAM-MFA.yaml#L1)');
    expect(nodeTypes(link)).toContain('link');
  });
});
