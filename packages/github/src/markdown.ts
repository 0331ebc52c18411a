import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** GitHub refuses an issue or pull-request comment longer than this (characters). */
export const COMMENT_LIMIT = 65_536;
/** GitHub refuses release notes longer than this. */
export const RELEASE_BODY_LIMIT = 125_000;
/** The hidden first line that marks trustops' sticky pull-request comment. */
export const COMMENT_MARKER = '<!-- trustops:pr-comment -->';

const MARKER_FORM = /^<!-- [a-z0-9][a-z0-9:._-]{0,80} -->$/;

/** A marker is an HTML comment of a plain token, so that it cannot be confused with content. */
export function isValidMarker(marker: string): boolean {
  return MARKER_FORM.test(marker);
}

const ZWSP = '&#8203;';

/**
 * A second line of defence over Markdown whose repository text was escaped with core's `escapeMarkdown`
 * (backslash before Markdown punctuation, "@" as `&#64;`, "://" as `:&#47;&#47;`). GitHub decodes entities
 * before it looks for mentions and e-mail addresses, so an entity alone may not stop them; a zero-width space
 * after "@" (what Dependabot does) and inside "://" does. It also neutralises named entities that a file
 * could spell itself (`&commat;org` would decode to "@org") and "www." autolinks, which `escapeMarkdown`
 * leaves alone. Idempotent. Text in code spans is shown as written, so a ZWSP entity there is visible: our
 * renderers put no repository text in code spans except revision labels.
 */
export function hardenMarkdown(markdown: string): string {
  return (
    markdown
      // Named entities (&commat; &colon; &sol; ...): shown literally instead of decoded (&amp; is left,
      // it decodes to a harmless "&" and keeps this idempotent).
      .replace(/&(?!amp;)(?=[A-Za-z][A-Za-z0-9]{1,31};)/g, '&amp;')
      .replace(/&#64;(?!&#8203;)/g, `&#64;${ZWSP}`)
      // Issue and pull-request references (#123, GH-123, owner/repo#123), but not an entity's "&#".
      .replace(/(?<!&)#(?=\d)/g, `#${ZWSP}`)
      .replace(/\b(gh)-(?=\d)/gi, `$1${ZWSP}-`)
      .replace(/:&#47;&#47;/g, `:&#47;${ZWSP}&#47;`)
      // "www." starts an autolink after the start of a line, white space or punctuation (not after "/",
      // which is how it appears inside our own link targets).
      .replace(/(^|[^A-Za-z0-9/])(www)\./gim, `$1$2${ZWSP}.`)
  );
}

/**
 * Cuts Markdown at a line boundary so that it fits `limit` characters with `note` appended, closing any
 * <details> left open; returns it unchanged when it fits.
 */
export function truncateMarkdown(markdown: string, limit: number, note: (omitted: number) => string): string {
  if (markdown.length <= limit) return markdown;
  // Room for the note (its digits may change), closing tags and blank lines.
  const reserve = note(markdown.length).length + 200;
  let cut = markdown.lastIndexOf('\n', Math.max(0, limit - reserve));
  if (cut <= 0) cut = Math.max(0, limit - reserve);
  const kept = markdown.slice(0, cut).trimEnd();
  const open = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
  const closers = Array.from({ length: Math.max(0, open) }, () => '</details>');
  return [kept, '', ...closers.flatMap((c) => [c, '']), note(markdown.length - cut)].join('\n').concat('\n');
}

export interface CommentBodyCheck {
  ok: boolean;
  problems: string[];
}

export interface CheckCommentBodyOptions {
  marker: string;
  /** Links are allowed only below this URL: `${serverUrl}/${owner}/${repo}/` (files, the workflow run). */
  linkPrefix?: string;
  /** Also allow relative links (file links rendered without a repository URL); never for untrusted bodies. */
  allowRelativeLinks?: boolean;
  limit?: number;
}

const ALLOWED_HTML = [
  /^<details>(?:<summary>[^<>&]*<\/summary>)?$/,
  /^<\/details>$/,
  /^<summary>[^<>&]*<\/summary>$/,
];

const ALLOWED_NODES = new Set([
  'root',
  'paragraph',
  'heading',
  'thematicBreak',
  'list',
  'listItem',
  'table',
  'tableRow',
  'tableCell',
  'text',
  'emphasis',
  'strong',
  'delete',
  'inlineCode',
  'break',
  'html',
  'link',
]);

// What GitHub turns into a mention (@user, @org/team) or an e-mail link, in text after entities are decoded.
const MENTION = /@[A-Za-z0-9]/;
// What GitHub turns into a link to an issue or pull request: #123, GH-123, owner/repo#123.
const ISSUE_REFERENCE = /#\d|\bgh-\d/i;

/**
 * Whether Markdown is something trustops could have generated: it starts with the marker, fits the limit,
 * and, parsed as GitHub-flavoured Markdown, holds no image, no raw HTML except <details>/<summary> and the
 * marker, no link except to `linkPrefix`, no link definition or footnote, and no text that GitHub would turn
 * into a mention or an e-mail link. Used before posting a body built elsewhere (a fork's pull-request run),
 * which is data from an untrusted source.
 */
export function checkCommentBody(body: string, options: CheckCommentBodyOptions): CommentBodyCheck {
  const problems: string[] = [];
  const limit = options.limit ?? COMMENT_LIMIT;
  if (body.length > limit) problems.push(`it is ${body.length} characters long; the limit is ${limit}`);
  if (!isValidMarker(options.marker) || !body.startsWith(`${options.marker}\n`)) problems.push(`it does not start with the line ${options.marker}`);
  if (body.includes('\0')) problems.push('it contains a NUL character');
  if (problems.length) return { ok: false, problems };

  const prefix = options.linkPrefix === undefined ? undefined : new URL(options.linkPrefix);
  const tree = unified().use(remarkParse).use(remarkGfm).parse(body) as Root;
  let first = true;
  const visit = (node: Nodes) => {
    if (problems.length >= 20) return;
    const where = node.position ? ` (line ${node.position.start.line})` : '';
    if (!ALLOWED_NODES.has(node.type)) {
      problems.push(`it contains a ${node.type}${where}`);
      return;
    }
    if (node.type === 'html') {
      const value = node.value.trim();
      const isMarker = first && value === options.marker;
      if (!isMarker && !ALLOWED_HTML.some((re) => re.test(value))) problems.push(`it contains HTML${where}: ${value.slice(0, 60)}`);
    }
    first = false;
    if (node.type === 'link') {
      if (node.title) problems.push(`a link has a title${where}`);
      const relative = options.allowRelativeLinks === true && /^[A-Za-z0-9_.-][^:]*$/.test(node.url) && !node.url.startsWith('//');
      if (!relative && (!prefix || !isBelow(node.url, prefix))) problems.push(`it links outside ${options.linkPrefix ?? 'the repository'}${where}: ${node.url.slice(0, 80)}`);
    }
    if (node.type === 'text' && MENTION.test(node.value)) problems.push(`it would mention someone or link an e-mail address${where}`);
    if (node.type === 'text' && ISSUE_REFERENCE.test(node.value)) problems.push(`it would link an issue or pull request${where}`);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  for (const child of tree.children) visit(child);
  return { ok: problems.length === 0, problems };
}

function isBelow(url: string, prefix: URL): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const base = prefix.pathname.endsWith('/') ? prefix.pathname : `${prefix.pathname}/`;
  return target.origin === prefix.origin && target.pathname.startsWith(base) && target.username === '' && target.password === '';
}
