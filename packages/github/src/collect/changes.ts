import type { GitHubClient } from '../client.js';
import { defaultBranchOf, readBranchRules, type BranchRules } from './branch-rules.js';
import { call, dayOf, mapLimit, type CollectedException, type CollectPeriod, type CollectorResult, type RepositoryRef, yesNo } from './shared.js';

/** One pull request of the change population. */
export interface ChangeItem {
  key: string;
  repository: string;
  number: number;
  title: string;
  url: string;
  author: string;
  merged_at: string;
  approvers: string[];
  independent_approval: boolean;
  required_checks: { name: string; result: 'passed' | 'failed' | 'missing' }[];
  bypass: boolean;
  problems: string[];
}

interface PullSummary {
  number: number;
  title: string;
  html_url: string;
  user: { login: string } | null;
  merged_at: string | null;
  updated_at: string;
  merge_commit_sha: string | null;
  head: { sha: string };
}

interface Review {
  user: { login: string } | null;
  state: string;
  submitted_at?: string | null;
}

const PASSING = new Set(['success', 'neutral', 'skipped']);

/**
 * Every pull request merged into a repository's default branch in the window. The list is read newest
 * update first and stops at the first page whose pull requests were all last updated before the window
 * (a merged pull request is updated when it merges), so a busy repository's years of history are not read.
 * The search API is not used: it returns at most 1,000 results.
 */
async function mergedPulls(client: GitHubClient, r: RepositoryRef, branch: string, window: CollectPeriod): Promise<PullSummary[]> {
  const need = { action: 'list the pull requests', target: `repository ${r.fullName}`, permission: 'Pull requests: read' };
  const pulls = (await call(need, () =>
    client.paginate(client.rest.pulls.list, { owner: r.owner, repo: r.repo, state: 'closed', base: branch, sort: 'updated', direction: 'desc', per_page: 100 }, (response, done) => {
      const page = response.data as PullSummary[];
      if (page.length && page.every((p) => dayOf(p.updated_at) < window.start)) done();
      return page;
    }),
  )) as PullSummary[];
  return pulls.filter((p) => p.merged_at && dayOf(p.merged_at) >= window.start && dayOf(p.merged_at) <= window.end);
}

/** Who approved: each reviewer's last decisive review before the merge is an approval. */
export function approversOf(reviews: readonly Review[], mergedAt: string): string[] {
  const last = new Map<string, string>();
  for (const review of reviews) {
    if (!review.user || (review.submitted_at && review.submitted_at > mergedAt)) continue;
    if (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED' || review.state === 'DISMISSED') last.set(review.user.login, review.state);
  }
  return [...last.entries()].filter(([, state]) => state === 'APPROVED').map(([login]) => login).sort();
}

async function describePull(client: GitHubClient, r: RepositoryRef, rules: BranchRules, p: PullSummary, withChecks: boolean): Promise<ChangeItem> {
  const target = `${r.fullName}#${p.number}`;
  const reviews = (await call({ action: 'list the reviews', target: `pull request ${target}`, permission: 'Pull requests: read' }, () =>
    client.paginate(client.rest.pulls.listReviews, { owner: r.owner, repo: r.repo, pull_number: p.number, per_page: 100 }),
  )) as Review[];
  const results = new Map<string, 'passed' | 'failed'>();
  if (withChecks) {
    const runs = await call({ action: 'list the check runs', target: `commit ${p.head.sha.slice(0, 12)} of ${target}`, permission: 'Checks: read' }, () =>
      client.paginate(client.rest.checks.listForRef, { owner: r.owner, repo: r.repo, ref: p.head.sha, per_page: 100 }),
    );
    const statuses = await call({ action: 'read the commit statuses', target: `commit ${p.head.sha.slice(0, 12)} of ${target}`, permission: 'Commit statuses: read' }, () =>
      client.rest.repos.getCombinedStatusForRef({ owner: r.owner, repo: r.repo, ref: p.head.sha, per_page: 100 }),
    );
    for (const s of statuses.data.statuses) results.set(s.context, s.state === 'success' ? 'passed' : 'failed');
    // A check run that passed counts even when a re-run of it failed earlier (GitHub takes the latest).
    for (const run of [...runs].sort((a, b) => a.id - b.id)) results.set(run.name, run.status === 'completed' && PASSING.has(run.conclusion ?? '') ? 'passed' : 'failed');
  }
  const author = p.user?.login ?? 'ghost';
  const approvers = approversOf(reviews, p.merged_at!);
  const independent = approvers.some((a) => a !== author);
  const required = rules.required_checks.map((name) => ({ name, result: results.get(name) ?? ('missing' as const) }));
  const problems: string[] = [];
  if (!independent) problems.push('no approval from anyone but the author');
  for (const c of required) if (c.result !== 'passed') problems.push(`required check ${c.name} ${c.result}`);
  // The rules required what was missing, yet the merge went through: someone bypassed them.
  const bypass = (rules.required_approvals > 0 && !independent) || required.some((c) => c.result !== 'passed');
  if (bypass) problems.push('merged past the default branch rules (a bypass)');
  return {
    key: target,
    repository: r.fullName,
    number: p.number,
    title: p.title,
    url: p.html_url,
    author,
    merged_at: p.merged_at!,
    approvers,
    independent_approval: independent,
    required_checks: required,
    bypass,
    problems,
  };
}

/** The change population collector: every pull request merged into each default branch in the window. */
export async function collectChanges(client: GitHubClient, repositories: readonly RepositoryRef[], window: CollectPeriod): Promise<CollectorResult> {
  const items: ChangeItem[] = [];
  const repos: Record<string, unknown>[] = [];
  for (const r of repositories) {
    const branch = await defaultBranchOf(client, r);
    const rules = await readBranchRules(client, r, branch, false);
    const pulls = await mergedPulls(client, r, branch, window);
    items.push(...(await mapLimit(pulls, 8, (p) => describePull(client, r, rules, p, rules.required_checks.length > 0))));
    repos.push({ repository: r.fullName, default_branch: branch, required_approvals: rules.required_approvals, required_checks: rules.required_checks, merged: pulls.length });
  }
  items.sort((a, b) => (a.merged_at < b.merged_at ? -1 : a.merged_at > b.merged_at ? 1 : a.key < b.key ? -1 : 1));
  const exceptions: CollectedException[] = items
    .filter((i) => i.problems.length > 0)
    .map((i) => ({
      description: `${i.key} "${i.title.slice(0, 80)}" by ${i.author}, merged ${dayOf(i.merged_at)}: ${i.problems.join('; ')}`,
      severity: i.independent_approval ? 'medium' : 'high',
      window: { start: dayOf(i.merged_at), end: dayOf(i.merged_at) },
    }));
  const names = repositories.map((r) => r.fullName).join(', ');
  return {
    collector: 'github/changes',
    data: {
      collector: 'github/changes',
      window,
      note: 'Required checks and approvals are judged against the default branch rules when collected (GitHub keeps no history of rules).',
      repositories: repos,
      summary: {
        merged: items.length,
        without_independent_approval: items.filter((i) => !i.independent_approval).length,
        with_failed_or_missing_checks: items.filter((i) => i.required_checks.some((c) => c.result !== 'passed')).length,
        bypassed: items.filter((i) => i.bypass).length,
      },
      items,
    },
    csv: {
      header: ['pr', 'title', 'merged_at', 'author', 'approvers', 'independent_approval', 'required_checks', 'bypass', 'url'],
      rows: items.map((i) => [i.key, i.title, i.merged_at, i.author, i.approvers.join(' '), yesNo(i.independent_approval), i.required_checks.map((c) => `${c.name}=${c.result}`).join(' '), yesNo(i.bypass), i.url]),
    },
    population: { source: `GitHub REST API: pull requests merged into the default branch of ${names} from ${window.start} to ${window.end} (UTC)`, size: items.length },
    exceptions,
  };
}
