import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import { GitHubError } from './errors.js';

const TrustopsOctokit = Octokit.plugin(retry, throttling);

/**
 * An Octokit REST client with retries (5xx) and throttling (primary and secondary rate limits); the plugins
 * add no methods we use, so it is typed as the plain REST client.
 */
export type GitHubClient = Octokit;

/** Reported each time GitHub says a rate limit was hit, before waiting (or giving up). */
export interface RateLimitEvent {
  kind: 'primary' | 'secondary';
  /** The wait GitHub stated (Retry-After, or until x-ratelimit-reset), in seconds. */
  retryAfterSeconds: number;
  method: string;
  /** The route template, e.g. "/repos/{owner}/{repo}/issues/{issue_number}/comments". */
  route: string;
  /** How many times this request was already retried for a rate limit. */
  retryCount: number;
  willRetry: boolean;
}

export interface GitHubClientOptions {
  /** The token (GITHUB_TOKEN in a workflow). Never logged, never part of an error message. */
  token: string | undefined;
  /** The REST API root: GITHUB_API_URL (https://api.github.com, or a GHES /api/v3). */
  baseUrl: string;
  userAgent?: string;
  /** How many times a 5xx answer (or a network failure) is retried; default 3, waiting 1, 4, 9 s. */
  retries?: number;
  /** How many times a request that hit a rate limit is retried after the wait GitHub states; default 2. */
  rateLimitRetries?: number;
  /** A stated wait longer than this is not waited for: the request fails; default 300 s. */
  maxRateLimitWaitSeconds?: number;
  onRateLimit?: (event: RateLimitEvent) => void;
  /** Octokit's warnings (deprecations); request logs and errors are not printed (errors are thrown). */
  log?: (message: string) => void;
  /**
   * Time scales, for tests: `msPerSecond` turns every stated or computed wait (Retry-After, rate-limit
   * reset, retry back-off) into milliseconds (default 1000); `writeIntervalMs` and
   * `notificationIntervalMs` space writes and notification-triggering writes (GitHub asks for at least one
   * second between writes; defaults 1000 and 3000).
   */
  timing?: { msPerSecond?: number; writeIntervalMs?: number; notificationIntervalMs?: number };
}

const noop = () => {};

/**
 * Creates the client every other function of this package takes. Throws GITHUB_AUTH without a token, so
 * that nothing is sent anonymously (and fails later with a confusing 404).
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  if (!options.token) {
    throw new GitHubError(
      'GITHUB_AUTH',
      'no GitHub token: set GITHUB_TOKEN (in a workflow step: `env: { GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }} }`)',
    );
  }
  let baseUrl: URL;
  try {
    baseUrl = new URL(options.baseUrl);
    if (baseUrl.protocol !== 'https:' && baseUrl.protocol !== 'http:') throw new Error('not http');
  } catch {
    throw new GitHubError('GITHUB_CONTEXT', `the GitHub API URL "${options.baseUrl}" is not an http(s) URL`);
  }
  const msPerSecond = options.timing?.msPerSecond ?? 1000;
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const maxWait = options.maxRateLimitWaitSeconds ?? 300;
  const onLimit =
    (kind: RateLimitEvent['kind']) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const willRetry = retryCount < rateLimitRetries && retryAfter <= maxWait;
      options.onRateLimit?.({ kind, retryAfterSeconds: retryAfter, method: request.method, route: request.url, retryCount, willRetry });
      return willRetry;
    };
  const groups =
    options.timing?.writeIntervalMs !== undefined || options.timing?.notificationIntervalMs !== undefined
      ? {
          write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.timing.writeIntervalMs ?? 1000 }),
          notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.timing.notificationIntervalMs ?? 3000 }),
        }
      : {};
  return new TrustopsOctokit({
    auth: options.token,
    baseUrl: baseUrl.href.replace(/\/+$/, ''),
    userAgent: options.userAgent ?? 'trustops',
    log: { debug: noop, info: noop, warn: (message: string) => options.log?.(String(message)), error: noop },
    retry: {
      retries: options.retries ?? 3,
      retryAfterBaseValue: msPerSecond,
      // Rate limits (403, 429) are the throttling plugin's: waiting for what GitHub states, not a back-off.
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
    throttle: {
      retryAfterBaseValue: msPerSecond,
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      ...groups,
    },
  });
}
