import { escapeMarkdown } from '@trustops/core';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { checkCommentBody, COMMENT_LIMIT, COMMENT_MARKER, hardenMarkdown, truncateMarkdown } from './markdown.js';
import { patch } from '@trustops/core/testing';

const EVIL = '[click](https://evil.example) @org/team <img src=x onerror=alert(1)>';
const NASTIER = `${EVIL} ![pixel](https://evil.example/p.png) www.evil.example mallory@evil.example &commat;admins &#64;x <script>alert(1)</script> | cell | \n# heading\n[ref]: https://evil.example`;
const PREFIX = 'https://github.com/acme/compliance/';

/** Every node of the body as GitHub-flavoured Markdown parses it, with text decoded. */
function nodes(markdown: string): Nodes[] {
  const out: Nodes[] = [];
  const walk = (n: Nodes) => {
    out.push(n);
    if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root);
  return out;
}

const text = (markdown: string) =>
  nodes(markdown)
    .filter((n): n is Extract<Nodes, { type: 'text' }> => n.type === 'text')
    .map((n) => n.value)
    .join('');

/** Repository text as trustops puts it into a comment: core's escape, then this package's hardening. */
const safe = (s: string) => hardenMarkdown(escapeMarkdown(s));
const body = (line: string) => `${COMMENT_MARKER}\n## trustops\n\n| Rule | Message |\n|---|---|\n| x | ${line} |\n\n- control ${line}\n\n**${line}**\n`;

describe('repository text in a comment', () => {
  it.each([EVIL, NASTIER])('cannot produce a link, an image, a mention or HTML: %s', (title) => {
    const md = body(safe(title));
    const all = nodes(md);
    expect(all.filter((n) => ['link', 'image', 'linkReference', 'imageReference', 'definition', 'footnoteReference'].includes(n.type))).toEqual([]);
    expect(all.filter((n) => n.type === 'html').map((n) => (n as { value: string }).value)).toEqual([COMMENT_MARKER]);
    // GitHub looks for mentions and e-mail addresses in the decoded text: "@" is never followed by a name.
    expect(text(md)).not.toMatch(/@[A-Za-z0-9]/);
    expect(text(md)).toContain('@\u200Borg/team');
    // The title is still readable, as text, in one table row and one list item.
    expect(text(md)).toMatch(/\[click\]\(https:(\u200B\/\/|\/\u200B\/)evil\.example\)/);
    expect(text(md)).toContain('<img src=x onerror=alert(1)>');
    expect(md).not.toMatch(/(?<!\\)<(?:img|script)|\]\(https?:\/\//);
    expect(all.filter((n) => n.type === 'tableRow')).toHaveLength(2);
    expect(checkCommentBody(md, { marker: COMMENT_MARKER, linkPrefix: PREFIX })).toEqual({ ok: true, problems: [] });
  });

  it("core's escape alone already breaks mentions and autolinks; hardening stays as a second line", () => {
    const md = body(escapeMarkdown(NASTIER));
    expect(text(md)).not.toMatch(/@org\/team/);
    expect(nodes(md).some((n) => n.type === 'link')).toBe(false);
    expect(checkCommentBody(md, { marker: COMMENT_MARKER, linkPrefix: PREFIX })).toEqual({ ok: true, problems: [] });
    // Text that never went through escapeMarkdown is refused by the body check.
    expect(checkCommentBody(body(NASTIER), { marker: COMMENT_MARKER, linkPrefix: PREFIX }).ok).toBe(false);
  });

  it('links no issue or pull request: #123, GH-123 and owner/repo#123 are broken like mentions', () => {
    const title = 'Fixes #123, see GH-45 and acme/other#7 (gh-9)';
    for (const md of [body(escapeMarkdown(title)), body(hardenMarkdown(title)), body(safe(title))]) {
      expect(text(md)).not.toMatch(/#\d|\bgh-\d/i);
      expect(text(md).replace(/\u200b/gi, '')).toContain('Fixes #123, see GH-45 and acme/other#7 (gh-9)');
      expect(checkCommentBody(md, { marker: COMMENT_MARKER, linkPrefix: PREFIX })).toEqual({ ok: true, problems: [] });
    }
    expect(checkCommentBody(body(title), { marker: COMMENT_MARKER, linkPrefix: PREFIX }).problems).toContainEqual(expect.stringMatching(/would link an issue or pull request/));
    expect(hardenMarkdown(hardenMarkdown(title))).toBe(hardenMarkdown(title));
  });

  it('hardening is idempotent and leaves our own links alone', () => {
    const link = `[controls/www.x/IAM-MFA.yaml](${PREFIX}blob/abc/controls/www.x/IAM-MFA.yaml#L3)`;
    const once = hardenMarkdown(`${safe(NASTIER)} ${link}`);
    expect(hardenMarkdown(once)).toBe(once);
    expect(once).toContain(`(${PREFIX}blob/abc/controls/www.x/IAM-MFA.yaml#L3)`);
  });
});

describe('checkCommentBody: a body built elsewhere is data', () => {
  const ok = (md: string) => checkCommentBody(md, { marker: COMMENT_MARKER, linkPrefix: PREFIX });
  const good = `${COMMENT_MARKER}\n## trustops\n\n<details><summary>3 entries</summary>\n\n- [IAM-MFA](${PREFIX}blob/abc/controls/iam/IAM-MFA.yaml#L1) ok\n\n</details>\n\n_run [42](${PREFIX}actions/runs/42)_\n`;

  it('accepts what trustops generates', () => {
    expect(ok(good)).toEqual({ ok: true, problems: [] });
  });

  it.each([
    ['no marker', good.replace(COMMENT_MARKER, '<!-- other -->')],
    ['marker not first', `hello\n${good}`],
    ['a foreign link', `${good}\n[click](https://evil.example)\n`],
    ['a link that leaves the repository by ..', `${good}\n[x](${PREFIX}../../evil/x)\n`],
    ['a link to another repository', `${good}\n[x](https://github.com/acme/compliance-evil/x)\n`],
    ['an autolink', `${good}\nsee https://evil.example\n`],
    ['a www autolink', `${good}\nsee www.evil.example\n`],
    ['an image', `${good}\n![x](${PREFIX}x.png)\n`],
    ['raw HTML', `${good}\n<img src=x onerror=alert(1)>\n`],
    ['inline HTML', `${good}\nhello <b>there</b>\n`],
    ['HTML inside details', patch(good, '<details><summary>3 entries</summary>', '<details><summary>3</summary><img src=x>')],
    ['a mention', `${good}\nping @org/team\n`],
    ['an entity mention', `${good}\nping &#64;org/team and &commat;admins\n`],
    ['an e-mail', `${good}\nmail mallory@evil.example\n`],
    ['a link definition', `${good}\n[x]: https://evil.example\n`],
    ['a footnote', `${good}\nx[^1]\n\n[^1]: https://evil.example\n`],
    ['a code block', `${good}\n\`\`\`\ncode\n\`\`\`\n`],
    ['too long', `${good}${'x'.repeat(COMMENT_LIMIT)}`],
  ])('refuses %s', (_what, md) => {
    const check = ok(md);
    expect(check.ok).toBe(false);
    expect(check.problems.length).toBeGreaterThan(0);
  });
});

describe('truncateMarkdown', () => {
  const note = (omitted: number) => `_Cut here: ${omitted} characters omitted._`;

  it('leaves a body that fits', () => {
    expect(truncateMarkdown('short\n', 100, note)).toBe('short\n');
  });

  it('cuts at a line, closes an open <details>, appends the note, and fits', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `| F${i} | ${'x'.repeat(20)} |`);
    const md = `${COMMENT_MARKER}\n## Findings\n\n<details><summary>5000 findings</summary>\n\n| a | b |\n|---|---|\n${lines.join('\n')}\n\n</details>\n`;
    const cut = truncateMarkdown(md, 20_000, note);
    expect(cut.length).toBeLessThanOrEqual(20_000);
    expect(cut).toMatch(/\| F\d+ \| x{20} \|\n\n<\/details>\n\n_Cut here: \d+ characters omitted\._\n$/);
    expect((cut.match(/<details>/g) ?? []).length).toBe((cut.match(/<\/details>/g) ?? []).length);
    expect(checkCommentBody(cut, { marker: COMMENT_MARKER, linkPrefix: PREFIX }).ok).toBe(true);
  });
});
