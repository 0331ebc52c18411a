/**
 * What can go wrong when talking to GitHub, as a code the CLI maps to an exit status:
 * - GITHUB_AUTH: no token, or GitHub rejected it (401).
 * - GITHUB_PERMISSION: the token lacks a permission (403); the message names the one the workflow needs.
 * - GITHUB_NOT_FOUND: the repository, pull request or release does not exist, or the token cannot see it (404).
 * - GITHUB_API: anything else GitHub answered (rate limit still hit after the bounded retries, 5xx after
 *   retries, 422 validation), or GitHub could not be reached.
 * - GITHUB_CONTEXT: the Actions environment lacks something (GITHUB_REPOSITORY, the event payload, a PR number).
 * - GITHUB_INPUT: an input was refused (a body file that is not ours, a PR number that does not match the run).
 *
 * Messages never contain the token: they are built from the action, the target and GitHub's `message`.
 */
export type GitHubErrorCode = 'GITHUB_AUTH' | 'GITHUB_PERMISSION' | 'GITHUB_NOT_FOUND' | 'GITHUB_API' | 'GITHUB_CONTEXT' | 'GITHUB_INPUT';

export class GitHubError extends Error {
  readonly code: GitHubErrorCode;
  /** The HTTP status GitHub answered, when there was an answer. */
  readonly status: number | undefined;

  constructor(code: GitHubErrorCode, message: string, status?: number) {
    super(message);
    this.name = 'GitHubError';
    this.code = code;
    this.status = status;
  }
}

/** What a failed request was for, so that the error can say what to fix. */
export interface RequestPurpose {
  /** "create the pull-request comment" */
  action: string;
  /** "o/r#12", "release compliance-2026-11-01-ab12cd3 of o/r" */
  target: string;
  /** The `permissions:` entry the workflow's job needs, e.g. "pull-requests: write". */
  permission: string;
}

interface RequestErrorLike {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

/** GitHub's own `message` (without the documentation URL Octokit appends), or the error's text. */
export function githubMessage(error: unknown): string {
  const e = error as RequestErrorLike;
  const data = e.response?.data as { message?: unknown; errors?: unknown } | undefined;
  let message = typeof data?.message === 'string' ? data.message : typeof e.message === 'string' ? e.message : String(error);
  if (Array.isArray(data?.errors)) {
    const details = data.errors
      .map((x: { code?: unknown; field?: unknown; message?: unknown }) => [x.message, x.field, x.code].filter((v) => typeof v === 'string').join(' '))
      .filter(Boolean);
    if (details.length) message = `${message} (${details.join('; ')})`;
  }
  return message.replace(/\s+-\s+https:\/\/docs\.github\.com\S*$/, '').slice(0, 500);
}

/** The `code` of each entry of a 422's `errors`, e.g. "already_exists". */
export function validationCodes(error: unknown): string[] {
  const data = (error as RequestErrorLike).response?.data as { errors?: unknown } | undefined;
  return Array.isArray(data?.errors) ? data.errors.map((x: { code?: unknown }) => (typeof x.code === 'string' ? x.code : '')).filter(Boolean) : [];
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as RequestErrorLike).status;
  return typeof status === 'number' ? status : undefined;
}

/** A 403/429 that is a rate limit (primary or secondary), not a missing permission. */
export function isRateLimited(error: unknown): boolean {
  const e = error as RequestErrorLike;
  const headers = e.response?.headers ?? {};
  return statusOf(error) === 429 || headers['x-ratelimit-remaining'] === '0' || /\brate limit\b/i.test(githubMessage(error));
}

/** Turns an Octokit failure into a GitHubError whose message says what to do. */
export function toGitHubError(error: unknown, purpose: RequestPurpose): GitHubError {
  if (error instanceof GitHubError) return error;
  const status = statusOf(error);
  const said = githubMessage(error);
  if (status === 401) {
    return new GitHubError('GITHUB_AUTH', `GitHub rejected the token (401 ${said}) when trying to ${purpose.action} on ${purpose.target}: check that GITHUB_TOKEN holds a valid, unexpired token`, status);
  }
  if ((status === 403 || status === 429) && isRateLimited(error)) {
    return new GitHubError('GITHUB_API', `GitHub's rate limit was still exceeded after retrying, when trying to ${purpose.action} on ${purpose.target} (${status} ${said}); run the job again later`, status);
  }
  if (status === 403) {
    return new GitHubError(
      'GITHUB_PERMISSION',
      `GitHub refused to ${purpose.action} on ${purpose.target} (403 ${said}): the workflow's token needs \`${purpose.permission}\`; add \`permissions: { ${purpose.permission} }\` to the job. ` +
        'A pull request from a fork gets a read-only GITHUB_TOKEN: build the body with --body-only there and post it from a workflow_run job.',
      status,
    );
  }
  if (status === 404) {
    return new GitHubError('GITHUB_NOT_FOUND', `${purpose.target} was not found when trying to ${purpose.action} (404 ${said}); check the name and number, and that the token can see the repository`, status);
  }
  // Octokit reports a network failure as a status 500 without a response.
  if (status === undefined || (error as RequestErrorLike).response === undefined) {
    return new GitHubError('GITHUB_API', `GitHub could not be reached when trying to ${purpose.action} on ${purpose.target}: ${said}`);
  }
  if (status >= 500) {
    return new GitHubError('GITHUB_API', `GitHub kept failing (${status} ${said}) after retries when trying to ${purpose.action} on ${purpose.target}`, status);
  }
  return new GitHubError('GITHUB_API', `GitHub refused to ${purpose.action} on ${purpose.target} (${status} ${said})`, status);
}
