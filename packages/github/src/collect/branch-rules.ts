import type { GitHubClient } from '../client.js';
import { statusOf } from '../errors.js';
import { call, type CollectorResult, type RepositoryRef, yesNo } from './shared.js';

/** What the default branch requires, from its rulesets and its classic branch protection together. */
export interface BranchRules {
  repository: string;
  default_branch: string;
  required_approvals: number;
  dismiss_stale_reviews: boolean;
  require_code_owner_review: boolean;
  required_checks: string[];
  /** Classic protection's "do not allow bypassing": rules apply to administrators too (null: no classic protection, or not readable; rulesets say it with their bypass list). */
  enforce_admins: boolean | null;
  blocks_force_pushes: boolean;
  blocks_deletion: boolean;
  rulesets: { id: number; source: string }[];
  /** Whether classic branch protection exists (null: the token may not read it). */
  classic_protection: boolean | null;
}

interface Rule {
  type: string;
  parameters?: Record<string, unknown>;
  ruleset_id?: number;
  ruleset_source?: string;
}

interface ClassicProtection {
  required_status_checks?: { contexts?: string[]; checks?: { context: string }[] } | null;
  required_pull_request_reviews?: { required_approving_review_count?: number; dismiss_stale_reviews?: boolean; require_code_owner_reviews?: boolean } | null;
  enforce_admins?: { enabled: boolean } | null;
  allow_force_pushes?: { enabled: boolean } | null;
  allow_deletions?: { enabled: boolean } | null;
}

export async function defaultBranchOf(client: GitHubClient, r: RepositoryRef): Promise<string> {
  const { data } = await call({ action: 'read the repository', target: `repository ${r.fullName}`, permission: 'Metadata: read' }, () =>
    client.rest.repos.get({ owner: r.owner, repo: r.repo }),
  );
  return data.default_branch;
}

/**
 * The default branch's effective rules (GET /repos/{o}/{r}/rules/branches/{branch}: every active ruleset,
 * the organisation's included) merged with its classic protection. Classic protection needs
 * "Administration: read": with `classicRequired`, a refusal is an error; without, it is recorded as unknown.
 */
export async function readBranchRules(client: GitHubClient, r: RepositoryRef, branch: string, classicRequired: boolean): Promise<BranchRules> {
  const rules = (await call({ action: 'read the rules of the default branch', target: `${r.fullName}@${branch}`, permission: 'Metadata: read' }, () =>
    client.paginate(client.rest.repos.getBranchRules, { owner: r.owner, repo: r.repo, branch, per_page: 100 }),
  )) as Rule[];
  let classic: ClassicProtection | null | undefined;
  try {
    classic = (await client.rest.repos.getBranchProtection({ owner: r.owner, repo: r.repo, branch })).data as ClassicProtection;
  } catch (error) {
    if (statusOf(error) === 404) classic = null;
    else if (classicRequired || statusOf(error) !== 403) {
      await call({ action: 'read the branch protection', target: `${r.fullName}@${branch}`, permission: 'Administration: read' }, () => Promise.reject(error));
    }
  }
  const byType = (type: string) => rules.filter((x) => x.type === type);
  const pr = byType('pull_request').map((x) => x.parameters ?? {});
  const checks = new Set<string>();
  for (const x of byType('required_status_checks')) for (const c of (x.parameters?.['required_status_checks'] as { context: string }[] | undefined) ?? []) checks.add(c.context);
  for (const c of classic?.required_status_checks?.contexts ?? []) checks.add(c);
  for (const c of classic?.required_status_checks?.checks ?? []) checks.add(c.context);
  const reviews = classic?.required_pull_request_reviews;
  const rulesets = new Map<number, string>();
  for (const x of rules) if (x.ruleset_id !== undefined) rulesets.set(x.ruleset_id, x.ruleset_source ?? '');
  return {
    repository: r.fullName,
    default_branch: branch,
    required_approvals: Math.max(0, ...pr.map((p) => Number(p['required_approving_review_count'] ?? 0)), reviews?.required_approving_review_count ?? 0),
    dismiss_stale_reviews: pr.some((p) => p['dismiss_stale_reviews_on_push'] === true) || reviews?.dismiss_stale_reviews === true,
    require_code_owner_review: pr.some((p) => p['require_code_owner_review'] === true) || reviews?.require_code_owner_reviews === true,
    required_checks: [...checks].sort(),
    // Without classic protection there is no admin setting to read: rulesets name who may bypass them instead.
    enforce_admins: classic ? classic.enforce_admins?.enabled === true : null,
    blocks_force_pushes: byType('non_fast_forward').length > 0 || (classic ? classic.allow_force_pushes?.enabled !== true : false),
    blocks_deletion: byType('deletion').length > 0 || (classic ? classic.allow_deletions?.enabled !== true : false),
    rulesets: [...rulesets.entries()].sort(([a], [b]) => a - b).map(([id, source]) => ({ id, source })),
    classic_protection: classic === undefined ? null : classic !== null,
  };
}

/** The branch protection collector: each repository's default branch rules at collection time. */
export async function collectBranchProtection(client: GitHubClient, repositories: readonly RepositoryRef[], window: { start: string; end: string }): Promise<CollectorResult> {
  const branches: BranchRules[] = [];
  for (const r of repositories) branches.push(await readBranchRules(client, r, await defaultBranchOf(client, r), true));
  return {
    collector: 'github/branch-protection',
    data: { collector: 'github/branch-protection', window, note: "The default branches' rules when collected (GitHub keeps no history of rules).", branches },
    csv: {
      header: ['repository', 'default_branch', 'required_approvals', 'dismiss_stale_reviews', 'require_code_owner_review', 'required_checks', 'enforce_admins', 'blocks_force_pushes', 'blocks_deletion', 'rulesets'],
      rows: branches.map((b) => [
        b.repository,
        b.default_branch,
        b.required_approvals,
        yesNo(b.dismiss_stale_reviews),
        yesNo(b.require_code_owner_review),
        b.required_checks.join(' '),
        b.enforce_admins === null ? 'n/a' : yesNo(b.enforce_admins),
        yesNo(b.blocks_force_pushes),
        yesNo(b.blocks_deletion),
        b.rulesets.map((x) => `${x.id}:${x.source}`).join(' '),
      ]),
    },
    exceptions: [],
  };
}
