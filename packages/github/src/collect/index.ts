import type { GitHubClient } from '../client.js';
import { collectAccess } from './access.js';
import { collectBranchProtection, defaultBranchOf } from './branch-rules.js';
import { collectChanges } from './changes.js';
import { parseRepository, trackRequests, type CollectorResult, type CollectPeriod } from './shared.js';
import { collectVulnerabilities, DEFAULT_SLA_DAYS, type SlaDays } from './vulnerabilities.js';

export type GitHubCollectorName = 'changes' | 'branch_protection' | 'access' | 'vulnerabilities';
export const GITHUB_COLLECTORS: readonly GitHubCollectorName[] = ['changes', 'branch_protection', 'access', 'vulnerabilities'];

export interface CollectGitHubOptions {
  /** owner/name of each repository in scope. */
  repositories: readonly string[];
  organization?: string;
  /** The collectors to run, each with its window. */
  collectors: readonly { name: GitHubCollectorName; window: CollectPeriod }[];
  slaDays?: Partial<SlaDays>;
}

export interface CollectedFromGitHub {
  name: GitHubCollectorName;
  result: CollectorResult;
  /** The API requests this collector made (the first one: with the repositories' lookups), e.g. "GET /repos/{owner}/{repo}/pulls (12)". */
  requests: string[];
}

/**
 * Runs the configured collectors one after the other and returns everything they gathered; nothing is
 * written here. Each repository is looked up first, so that a name that does not exist (or that the token
 * cannot see) fails in one line before any other request.
 */
export async function collectGitHub(client: GitHubClient, options: CollectGitHubOptions): Promise<CollectedFromGitHub[]> {
  const repositories = options.repositories.map(parseRepository);
  const take = trackRequests(client);
  for (const r of repositories) await defaultBranchOf(client, r);
  const sla = { ...DEFAULT_SLA_DAYS, ...options.slaDays };
  const out: CollectedFromGitHub[] = [];
  for (const { name, window } of options.collectors) {
    let result: CollectorResult;
    switch (name) {
      case 'changes':
        result = await collectChanges(client, repositories, window);
        break;
      case 'branch_protection':
        result = await collectBranchProtection(client, repositories, window);
        break;
      case 'access':
        result = await collectAccess(client, repositories, options.organization, window);
        break;
      case 'vulnerabilities':
        result = await collectVulnerabilities(client, repositories, window, sla);
        break;
    }
    out.push({ name, result, requests: take() });
  }
  return out;
}

export type { CollectorResult, CollectedException, CollectPeriod } from './shared.js';
export type { SlaDays } from './vulnerabilities.js';
export { DEFAULT_SLA_DAYS } from './vulnerabilities.js';
export { approversOf } from './changes.js';
