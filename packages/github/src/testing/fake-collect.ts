import type { FakeGitHub, FakeRouteContext } from './fake-github.js';

/**
 * The parts of GitHub's REST API the evidence collectors read, on the loopback FakeGitHub: a repository and
 * its default branch, closed pull requests (newest update first, paged), their reviews, the check runs and
 * commit statuses of their head commit, the branch's effective rules and classic protection,
 * collaborators and teams, organisation members without 2FA and outside collaborators, and Dependabot,
 * code scanning and secret scanning alerts. A token's `denied` list names what it may not read:
 * "administration", "checks", "statuses", "pull-requests", "dependabot", "code-scanning",
 * "secret-scanning", "members".
 */

export interface FakePull {
  number: number;
  title: string;
  author: string;
  /** ISO timestamps. */
  createdAt: string;
  mergedAt: string | null;
  updatedAt: string;
  base: string;
  headSha: string;
  reviews: { user: string; state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED'; submittedAt: string }[];
  checks: { name: string; conclusion: 'success' | 'failure' | 'skipped' | 'neutral' | 'cancelled' }[];
  statuses?: { context: string; state: 'success' | 'failure' | 'pending' | 'error' }[];
}

export interface FakeAlert {
  number: number;
  createdAt: string;
  /** fixed_at / resolved_at. */
  closedAt?: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  title: string;
}

export type FakeAlerts = FakeAlert[] | 'disabled';

export interface FakeRepoState {
  defaultBranch: string;
  pulls: FakePull[];
  /** GET /rules/branches/{branch}: the effective rules. */
  rules: { type: string; parameters?: Record<string, unknown>; ruleset_id?: number; ruleset_source?: string; ruleset_source_type?: string }[];
  /** Classic branch protection, or null (404 Branch not protected). */
  protection: Record<string, unknown> | null;
  collaborators: { login: string; role: 'read' | 'triage' | 'write' | 'maintain' | 'admin'; outside?: boolean }[];
  teams: { slug: string; permission: string }[];
  dependabot: FakeAlerts;
  codeScanning: FakeAlerts;
  secretScanning: FakeAlerts;
}

export interface FakeOrgState {
  without2fa: string[];
  outsideCollaborators: string[];
}

/** The rules of a "production" ruleset: one approval, stale reviews dismissed, CI required, no force-push or deletion. */
export function productionRules(checks: readonly string[], approvals = 1): FakeRepoState['rules'] {
  const source = { ruleset_id: 4242, ruleset_source: 'northwind-cloud', ruleset_source_type: 'Organization' };
  return [
    { type: 'pull_request', parameters: { required_approving_review_count: approvals, dismiss_stale_reviews_on_push: true, require_code_owner_review: true, require_last_push_approval: false, required_review_thread_resolution: false }, ...source },
    { type: 'required_status_checks', parameters: { required_status_checks: checks.map((context) => ({ context })), strict_required_status_checks_policy: false }, ...source },
    { type: 'non_fast_forward', ...source },
    { type: 'deletion', ...source },
  ];
}

export function emptyRepo(overrides: Partial<FakeRepoState> = {}): FakeRepoState {
  return { defaultBranch: 'main', pulls: [], rules: [], protection: null, collaborators: [], teams: [], dependabot: [], codeScanning: [], secretScanning: [], ...overrides };
}

const ROLE_FLAGS = { read: ['pull'], triage: ['pull', 'triage'], write: ['pull', 'triage', 'push'], maintain: ['pull', 'triage', 'push', 'maintain'], admin: ['pull', 'triage', 'push', 'maintain', 'admin'] } as const;

/** Adds the collectors' routes to `fake` for these repositories and organisations; returns the state to change in tests. */
export function installCollectRoutes(fake: FakeGitHub, repos: Record<string, FakeRepoState>, orgs: Record<string, FakeOrgState> = {}): { repos: Record<string, FakeRepoState>; orgs: Record<string, FakeOrgState> } {
  for (const name of Object.keys(repos)) fake.addRepo(name);
  fake.addRoutes((ctx) => route(fake, ctx, repos, orgs));
  return { repos, orgs };
}

function route(fake: FakeGitHub, ctx: FakeRouteContext, repos: Record<string, FakeRepoState>, orgs: Record<string, FakeOrgState>): boolean {
  if (ctx.method !== 'GET') return false;
  const path = ctx.url.pathname;
  const denied = (what: string) => (ctx.token.denied ?? []).includes(what);
  const org = /^\/orgs\/([^/]+)\/(members|outside_collaborators)$/.exec(path);
  if (org) {
    const state = orgs[decodeURIComponent(org[1]!)];
    if (!state) return (ctx.notFound(), true);
    if (denied('members')) return (ctx.forbidden(), true);
    if (org[2] === 'members') {
      if (ctx.url.searchParams.get('filter') !== '2fa_disabled') return (ctx.sendPage([]), true);
      ctx.sendPage(state.without2fa.map((login, i) => ({ login, id: 5000 + i, type: 'User' })));
    } else ctx.sendPage(state.outsideCollaborators.map((login, i) => ({ login, id: 6000 + i, type: 'User' })));
    return true;
  }
  const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
  if (!m) return false;
  const name = `${decodeURIComponent(m[1]!)}/${decodeURIComponent(m[2]!)}`;
  const repo = repos[name];
  if (!repo) return false;
  const rest = m[3] ?? '';
  // Web links point at github.com, as GitHub's html_url does: they never depend on the port of the fake.
  const html = `https://github.com/${name}`;
  let x: RegExpExecArray | null;
  if (rest === '') return (ctx.send(200, { full_name: name, name: m[2], owner: { login: m[1] }, default_branch: repo.defaultBranch, private: true, html_url: html }), true);
  if (rest === '/pulls') {
    if (denied('pull-requests')) return (ctx.forbidden(), true);
    const base = ctx.url.searchParams.get('base');
    const state = ctx.url.searchParams.get('state') ?? 'open';
    const pulls = repo.pulls
      .filter((p) => (!base || p.base === base) && (state === 'all' || (state === 'closed') === (p.mergedAt !== null)))
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : b.number - a.number));
    ctx.sendPage(
      pulls.map((p) => ({
        number: p.number,
        title: p.title,
        state: 'closed',
        html_url: `${html}/pull/${p.number}`,
        user: { login: p.author, type: 'User' },
        created_at: p.createdAt,
        updated_at: p.updatedAt,
        closed_at: p.mergedAt,
        merged_at: p.mergedAt,
        merge_commit_sha: p.mergedAt ? p.headSha.split('').reverse().join('') : null,
        head: { sha: p.headSha, ref: `feature-${p.number}` },
        base: { ref: p.base },
      })),
    );
    return true;
  }
  if ((x = /^\/pulls\/(\d+)\/reviews$/.exec(rest))) {
    if (denied('pull-requests')) return (ctx.forbidden(), true);
    const pull = repo.pulls.find((p) => p.number === Number(x![1]));
    if (!pull) return (ctx.notFound(), true);
    ctx.sendPage(pull.reviews.map((r, i) => ({ id: pull.number * 100 + i, user: { login: r.user, type: 'User' }, state: r.state, submitted_at: r.submittedAt, commit_id: pull.headSha })));
    return true;
  }
  if ((x = /^\/commits\/([^/]+)\/(check-runs|status)$/.exec(rest))) {
    if (denied(x[2] === 'status' ? 'statuses' : 'checks')) return (ctx.forbidden(), true);
    const pull = repo.pulls.find((p) => p.headSha === x![1]);
    if (x[2] === 'status') {
      const statuses = (pull?.statuses ?? []).map((s, i) => ({ id: i + 1, context: s.context, state: s.state }));
      ctx.send(200, { state: statuses.every((s) => s.state === 'success') ? 'success' : 'failure', sha: x[1], total_count: statuses.length, statuses });
    } else {
      const runs = (pull?.checks ?? []).map((c, i) => ({ id: (pull?.number ?? 0) * 100 + i, name: c.name, status: 'completed', conclusion: c.conclusion, head_sha: x![1] }));
      ctx.send(200, { total_count: runs.length, check_runs: runs });
    }
    return true;
  }
  if ((x = /^\/rules\/branches\/(.+)$/.exec(rest))) return (ctx.sendPage(decodeURIComponent(x[1]!) === repo.defaultBranch ? repo.rules : []), true);
  if (/^\/branches\/.+\/protection$/.test(rest)) {
    if (denied('administration')) return (ctx.forbidden(), true);
    if (!repo.protection) return (ctx.send(404, { message: 'Branch not protected', documentation_url: 'https://docs.github.com/rest', status: '404' }), true);
    return (ctx.send(200, repo.protection), true);
  }
  if (rest === '/collaborators') {
    const outside = ctx.url.searchParams.get('affiliation') === 'outside';
    const list = repo.collaborators.filter((c) => !outside || c.outside);
    ctx.sendPage(list.map((c, i) => ({ login: c.login, id: 7000 + i, type: 'User', role_name: c.role, permissions: Object.fromEntries(['pull', 'triage', 'push', 'maintain', 'admin'].map((f) => [f, (ROLE_FLAGS[c.role] as readonly string[]).includes(f)])) })));
    return true;
  }
  if (rest === '/teams') {
    if (denied('administration')) return (ctx.forbidden(), true);
    ctx.sendPage(repo.teams.map((t, i) => ({ id: 8000 + i, slug: t.slug, name: t.slug, permission: t.permission })));
    return true;
  }
  const alerts = /^\/(dependabot|code-scanning|secret-scanning)\/alerts$/.exec(rest);
  if (alerts) {
    const kind = alerts[1] as 'dependabot' | 'code-scanning' | 'secret-scanning';
    if (denied(kind)) return (ctx.forbidden(), true);
    const list = kind === 'dependabot' ? repo.dependabot : kind === 'code-scanning' ? repo.codeScanning : repo.secretScanning;
    if (list === 'disabled') {
      if (kind === 'dependabot') return (ctx.send(403, { message: 'Dependabot alerts are disabled for this repository.', documentation_url: 'https://docs.github.com/rest', status: '403' }), true);
      return (ctx.send(404, { message: kind === 'code-scanning' ? 'no analysis found' : 'Secret scanning is disabled on this repository.', documentation_url: 'https://docs.github.com/rest', status: '404' }), true);
    }
    ctx.sendPage([...list].sort((a, b) => b.number - a.number).map((a) => alertJson(kind, a, `${html}/security/${kind}/${a.number}`)));
    return true;
  }
  return false;
}

function alertJson(kind: 'dependabot' | 'code-scanning' | 'secret-scanning', a: FakeAlert, url: string): Record<string, unknown> {
  const common = { number: a.number, html_url: url, created_at: a.createdAt, state: a.closedAt ? (kind === 'secret-scanning' ? 'resolved' : 'fixed') : 'open' };
  if (kind === 'dependabot') {
    return { ...common, fixed_at: a.closedAt ?? null, dismissed_at: null, auto_dismissed_at: null, security_advisory: { summary: a.title, severity: a.severity, ghsa_id: `GHSA-${a.number}` }, security_vulnerability: { severity: a.severity, package: { name: a.title.split(' ')[0] } } };
  }
  if (kind === 'code-scanning') return { ...common, fixed_at: a.closedAt ?? null, dismissed_at: null, rule: { id: `rule-${a.number}`, description: a.title, security_severity_level: a.severity, severity: 'error' } };
  return { ...common, resolved_at: a.closedAt ?? null, secret_type: 'generic', secret_type_display_name: a.title };
}
