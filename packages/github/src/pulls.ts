import type { GitHubClient } from './client.js';
import { GitHubError, toGitHubError } from './errors.js';

export interface PullRequestInfo {
  number: number;
  state: string;
  headSha: string;
  baseSha: string;
  /** "owner/repo" of the head branch (a fork's name for a fork). */
  headRepository?: string;
}

export async function getPullRequest(client: GitHubClient, options: { owner: string; repo: string; number: number }): Promise<PullRequestInfo> {
  try {
    const { data } = await client.rest.pulls.get({ owner: options.owner, repo: options.repo, pull_number: options.number });
    return {
      number: data.number,
      state: data.state,
      headSha: data.head.sha,
      baseSha: data.base.sha,
      ...(data.head.repo?.full_name ? { headRepository: data.head.repo.full_name } : {}),
    };
  } catch (error) {
    throw toGitHubError(error, { action: 'read the pull request', target: `pull request #${options.number} of ${options.owner}/${options.repo}`, permission: 'pull-requests: read' });
  }
}

/**
 * Refuses to go on unless the pull request's head is `headSha`: a workflow_run job takes the PR number from
 * the pull request's own (untrusted) run, and must not be talked into commenting on another pull request.
 */
export async function assertPullRequestHead(client: GitHubClient, options: { owner: string; repo: string; number: number; headSha: string }): Promise<PullRequestInfo> {
  const pr = await getPullRequest(client, options);
  if (pr.headSha !== options.headSha) {
    throw new GitHubError(
      'GITHUB_INPUT',
      `pull request #${options.number} of ${options.owner}/${options.repo} is at ${pr.headSha.slice(0, 12)}, not at the commit the workflow run built (${options.headSha.slice(0, 12)}): not commenting (a newer push, or a wrong --pr)`,
    );
  }
  return pr;
}
