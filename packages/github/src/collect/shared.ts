import type { GitHubClient } from '../client.js';
import { GitHubError, githubMessage, statusOf, toGitHubError } from '../errors.js';

/** A collection window: whole UTC days, both ends included. */
export interface CollectPeriod {
  start: string;
  end: string;
}

/** One repository in scope, from compliance.yaml's collect.github.repositories. */
export interface RepositoryRef {
  owner: string;
  repo: string;
  fullName: string;
}

/** What a collector gives back: data for the JSON file, rows for the CSV, the population and exceptions. */
export interface CollectorResult {
  collector: 'github/changes' | 'github/branch-protection' | 'github/access' | 'github/vulnerabilities';
  /** The canonical JSON's content (the caller sorts keys); `items` is the population when there is one. */
  data: Record<string, unknown>;
  csv: { header: string[]; rows: (string | number | boolean | null)[][] };
  population?: { source: string; size: number };
  exceptions: CollectedException[];
}

export interface CollectedException {
  description: string;
  severity: 'low' | 'medium' | 'high';
  window?: CollectPeriod;
  remediated_on?: string;
}

export function parseRepository(fullName: string): RepositoryRef {
  const [owner, repo] = fullName.split('/') as [string, string];
  return { owner, repo, fullName };
}

/** What a request is for, and the permission it needs, named the way a fine-grained token or GitHub App names it. */
export interface Need {
  action: string;
  target: string;
  /** e.g. "Pull requests: read". */
  permission: string;
}

/**
 * Runs one API call; a refusal becomes one line that names the permission (and, for a repository that
 * does not exist or cannot be seen, the configuration to check). Nothing of the token is ever in it.
 */
export async function call<T>(need: Need, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 && !/rate limit/i.test(githubMessage(error))) {
      throw new GitHubError('GITHUB_PERMISSION', `GitHub refused to ${need.action} of ${need.target} (403 ${githubMessage(error)}): the token needs the permission "${need.permission}"`, status);
    }
    if (status === 404) {
      throw new GitHubError(
        'GITHUB_NOT_FOUND',
        `GitHub found no ${need.target} when trying to ${need.action} (404 ${githubMessage(error)}): check collect.github.repositories in compliance.yaml, and that the token can see it ("${need.permission}")`,
        status,
      );
    }
    throw toGitHubError(error, { action: need.action, target: need.target, permission: need.permission });
  }
}

/** A source that is switched off for the repository (code scanning without analyses, Dependabot alerts disabled), not a refusal. */
export function isNotEnabled(error: unknown): boolean {
  const status = statusOf(error);
  const message = githubMessage(error);
  return status === 404 || (status === 403 && /disabled|not enabled|must be enabled|no analysis/i.test(message));
}

/** Maps over items with at most `limit` requests in flight, keeping the order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The UTC day of an ISO timestamp. */
export const dayOf = (timestamp: string): string => timestamp.slice(0, 10);

/** Whole days from one UTC day to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Counts the API requests a collection makes, by method and route template: the record's provenance. The
 * function it returns gives the counts since it was last called, and starts counting again.
 */
export function trackRequests(client: GitHubClient): () => string[] {
  const counts = new Map<string, number>();
  client.hook.before('request', (options) => {
    const route = `${options.method} ${routeOf(String(options.url))}`;
    counts.set(route, (counts.get(route) ?? 0) + 1);
  });
  return () => {
    const out = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([route, n]) => `${route} (${n})`);
    counts.clear();
    return out;
  };
}

/**
 * The route template of a request: Octokit passes templates for first requests and absolute URLs for the
 * pages after (Link headers); both are counted under the template.
 */
function routeOf(url: string): string {
  if (url.startsWith('/') && url.includes('{')) return url.replace(/\?.*$/, '');
  const path = url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '').replace(/^\/api\/v3(?=\/)/, '');
  return path
    .replace(/^\/repos\/[^/]+\/[^/]+/, '/repos/{owner}/{repo}')
    .replace(/^\/orgs\/[^/]+/, '/orgs/{org}')
    .replace(/\/pulls\/\d+/, '/pulls/{pull_number}')
    .replace(/\/commits\/[^/]+/, '/commits/{ref}')
    .replace(/\/branches\/[^/]+/, '/branches/{branch}');
}

export const yesNo = (value: boolean): string => (value ? 'yes' : 'no');
