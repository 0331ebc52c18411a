import type { GitHubClient } from './client.js';
import { GitHubError, isRateLimited, statusOf, toGitHubError } from './errors.js';
import { COMMENT_LIMIT, COMMENT_MARKER, isValidMarker } from './markdown.js';

/**
 * Who wrote "our" comments. With a user token (a PAT) GET /user names the account. A workflow's
 * GITHUB_TOKEN and GitHub App installation tokens may not call GET /user (403 "Resource not accessible by
 * integration"); their comments are written by a bot ("github-actions[bot]" for GITHUB_TOKEN, "<app>[bot]"
 * for an App), so then ours are the comments of a user of type "Bot" that start with the marker. Comments by
 * people (type "User") are never ours, whatever they contain: nobody can make us overwrite their comment by
 * pasting the marker. Pass `authorLogin` to pin the login instead (e.g. "github-actions[bot]").
 */
export interface CommentAuthor {
  login?: string;
  how: 'given' | 'authenticated-user' | 'any-bot';
  matches(user: { login?: string; type?: string } | null | undefined): boolean;
}

export async function resolveCommentAuthor(client: GitHubClient, authorLogin?: string): Promise<CommentAuthor> {
  if (authorLogin) return { login: authorLogin, how: 'given', matches: (u) => u?.login === authorLogin };
  try {
    const { data } = await client.rest.users.getAuthenticated();
    const login = data.login;
    return { login, how: 'authenticated-user', matches: (u) => u?.login === login };
  } catch (error) {
    const status = statusOf(error);
    if ((status === 403 && !isRateLimited(error)) || status === 404) return { how: 'any-bot', matches: (u) => u?.type === 'Bot' };
    throw toGitHubError(error, { action: 'find out who the token belongs to (GET /user)', target: 'the GitHub API', permission: 'pull-requests: write' });
  }
}

export interface UpsertCommentOptions {
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  /** A hidden HTML comment that starts our comment; default `<!-- trustops:pr-comment -->`. */
  marker?: string;
  authorLogin?: string;
  /** Page size of the comment listing (1-100; default 100). */
  perPage?: number;
}

export interface UpsertCommentResult {
  action: 'created' | 'updated';
  id: number;
  url: string;
}

/**
 * Creates our comment on a pull request (or issue), or updates it in place when a previous run left one:
 * one comment per pull request however often the workflow runs. All comments are listed (every page); ours
 * is the oldest that starts with the marker and was written by us (see CommentAuthor).
 */
export async function upsertStickyComment(client: GitHubClient, options: UpsertCommentOptions): Promise<UpsertCommentResult> {
  const { owner, repo, issueNumber } = options;
  const marker = options.marker ?? COMMENT_MARKER;
  if (!isValidMarker(marker)) throw new GitHubError('GITHUB_INPUT', `the comment marker must be an HTML comment like ${COMMENT_MARKER}`);
  const body = options.body.startsWith(marker) ? options.body : `${marker}\n${options.body}`;
  if (body.length > COMMENT_LIMIT) throw new GitHubError('GITHUB_INPUT', `the comment is ${body.length} characters long; GitHub accepts at most ${COMMENT_LIMIT}`);
  const target = `pull request #${issueNumber} of ${owner}/${repo}`;
  const author = await resolveCommentAuthor(client, options.authorLogin);

  let comments: { id: number; body?: string | null; html_url: string; user: { login?: string; type?: string } | null }[];
  try {
    comments = await client.paginate(client.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: options.perPage ?? 100 });
  } catch (error) {
    throw toGitHubError(error, { action: 'list the comments', target, permission: 'pull-requests: read' });
  }
  const ours = comments.find((c) => author.matches(c.user) && (c.body ?? '').trimStart().startsWith(marker));
  try {
    if (ours) {
      const { data } = await client.rest.issues.updateComment({ owner, repo, comment_id: ours.id, body });
      return { action: 'updated', id: data.id, url: data.html_url };
    }
    const { data } = await client.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    return { action: 'created', id: data.id, url: data.html_url };
  } catch (error) {
    throw toGitHubError(error, { action: ours ? 'update the trustops comment' : 'create the trustops comment', target, permission: 'pull-requests: write' });
  }
}
