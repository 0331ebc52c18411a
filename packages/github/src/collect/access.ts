import type { GitHubClient } from '../client.js';
import { githubMessage, statusOf } from '../errors.js';
import { call, type CollectedException, type CollectPeriod, type CollectorResult, type RepositoryRef } from './shared.js';

interface Collaborator {
  login: string;
  role_name?: string;
  permissions?: Record<string, boolean>;
}

export interface AccessItem {
  key: string;
  repository: string;
  kind: 'user' | 'team';
  name: string;
  permission: string;
  outside_collaborator: boolean;
}

/** The highest permission GitHub lists for a collaborator (role_name when it says, else from the flags). */
function permissionOf(c: Collaborator): string {
  if (c.role_name) return c.role_name;
  const p = c.permissions ?? {};
  return p['admin'] ? 'admin' : p['maintain'] ? 'maintain' : p['push'] ? 'write' : p['triage'] ? 'triage' : 'read';
}

/** An organisation list the token may not be allowed to read (2FA status is for owners): null then, with why. */
async function optionalOrgList(request: () => Promise<{ login: string }[]>): Promise<{ logins: string[] | null; why?: string }> {
  try {
    return { logins: (await request()).map((m) => m.login).sort() };
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 422 || status === 404) return { logins: null, why: `not readable with this token (${status} ${githubMessage(error)})` };
    throw error;
  }
}

/**
 * The access collector: per repository, every collaborator (direct, through a team or as an organisation
 * owner) and every team with their permission, which of them are outside collaborators, and, where the
 * token may read it, the organisation's members without two-factor authentication.
 */
export async function collectAccess(client: GitHubClient, repositories: readonly RepositoryRef[], organization: string | undefined, window: CollectPeriod): Promise<CollectorResult> {
  const items: AccessItem[] = [];
  for (const r of repositories) {
    const target = `repository ${r.fullName}`;
    const all = (await call({ action: 'list the collaborators', target, permission: 'Metadata: read' }, () =>
      client.paginate(client.rest.repos.listCollaborators, { owner: r.owner, repo: r.repo, affiliation: 'all', per_page: 100 }),
    )) as Collaborator[];
    const outside = (await call({ action: 'list the outside collaborators', target, permission: 'Metadata: read' }, () =>
      client.paginate(client.rest.repos.listCollaborators, { owner: r.owner, repo: r.repo, affiliation: 'outside', per_page: 100 }),
    )) as Collaborator[];
    const teams = await call({ action: 'list the teams', target, permission: 'Administration: read' }, () =>
      client.paginate(client.rest.repos.listTeams, { owner: r.owner, repo: r.repo, per_page: 100 }),
    );
    const outsiders = new Set(outside.map((c) => c.login));
    for (const c of all) items.push({ key: `${r.fullName}:user:${c.login}`, repository: r.fullName, kind: 'user', name: c.login, permission: permissionOf(c), outside_collaborator: outsiders.has(c.login) });
    for (const t of teams) items.push({ key: `${r.fullName}:team:${t.slug}`, repository: r.fullName, kind: 'team', name: t.slug, permission: t.permission, outside_collaborator: false });
  }
  items.sort((a, b) => (a.key < b.key ? -1 : 1));
  const org = organization
    ? {
        organization,
        without_2fa: await optionalOrgList(() => client.paginate(client.rest.orgs.listMembers, { org: organization, filter: '2fa_disabled', per_page: 100 })),
        outside_collaborators: await optionalOrgList(() => client.paginate(client.rest.orgs.listOutsideCollaborators, { org: organization, per_page: 100 })),
      }
    : undefined;
  const exceptions: CollectedException[] = (org?.without_2fa.logins ?? []).map((login) => ({
    description: `${login}, a member of the ${organization} organisation, has no two-factor authentication on GitHub`,
    severity: 'high',
  }));
  const names = repositories.map((r) => r.fullName).join(', ');
  return {
    collector: 'github/access',
    data: { collector: 'github/access', window, note: 'Access when collected (GitHub keeps no history of permissions).', ...(org ? { organization: org } : {}), items },
    csv: {
      header: ['repository', 'kind', 'name', 'permission', 'outside_collaborator'],
      rows: items.map((i) => [i.repository, i.kind, i.name, i.permission, i.outside_collaborator ? 'yes' : 'no']),
    },
    population: { source: `GitHub REST API: collaborators and teams of ${names} with their permission, when collected`, size: items.length },
    exceptions,
  };
}
