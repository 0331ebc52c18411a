import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient, type RateLimitEvent } from '../client.js';
import { emptyRepo, installCollectRoutes, productionRules, type FakePull } from '../testing/fake-collect.js';
import { FakeGitHub } from '../testing/fake-github.js';
import { collectGitHub, type GitHubCollectorName } from './index.js';

// The collectors against the loopback GitHub with the real Octokit client: pagination, rate limits,
// refusals, and what each collector makes of the data.

const TOKEN = 'ghs_collectorToken0123456789';
const Q1 = { start: '2026-01-01', end: '2026-03-31' };
const TIMING = { msPerSecond: 10, writeIntervalMs: 0, notificationIntervalMs: 0 };

/** A pull request merged on `day` at 10:00 + i minutes, approved by someone else, with CI passed. */
function pull(number: number, day: string, overrides: Partial<FakePull> = {}): FakePull {
  const at = `${day}T10:${String(number % 60).padStart(2, '0')}:00Z`;
  return {
    number,
    title: `Change ${number}`,
    author: 'dev-a',
    createdAt: at,
    mergedAt: at,
    updatedAt: at,
    base: 'main',
    headSha: number.toString(16).padStart(40, '0'),
    reviews: [{ user: 'dev-b', state: 'APPROVED', submittedAt: at.replace('T10', 'T09') }],
    checks: [{ name: 'ci', conclusion: 'success' }],
    ...overrides,
  };
}

const dayOfQ1 = (i: number) => new Date(Date.UTC(2026, 0, 1) + (i % 90) * 86_400_000).toISOString().slice(0, 10);

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await FakeGitHub.start();
  fake.addToken(TOKEN, { user: { login: 'collector[bot]', id: 1, type: 'Bot' } });
});
afterEach(async () => {
  await fake.close();
});

function run(repositories: string[], names: GitHubCollectorName[], options: { token?: string; organization?: string; events?: RateLimitEvent[] } = {}) {
  const client = createGitHubClient({ token: options.token ?? TOKEN, baseUrl: fake.url, timing: TIMING, onRateLimit: (e) => options.events?.push(e) });
  return collectGitHub(client, { repositories, ...(options.organization ? { organization: options.organization } : {}), collectors: names.map((name) => ({ name, window: Q1 })) });
}

describe('the change population', () => {
  it('pages through more than 1,000 merged pull requests and stops at the window', async () => {
    const pulls = Array.from({ length: 1100 }, (_, i) => pull(i + 1, dayOfQ1(i)));
    // Before the window (never read past the first page of them) and after it (read, left out).
    for (let i = 0; i < 300; i++) pulls.push(pull(2000 + i, '2025-11-15'));
    pulls.push(pull(3000, '2026-04-02'));
    // No required checks here: one request per pull request (its reviews) keeps the test quick.
    installCollectRoutes(fake, { 'acme/api': emptyRepo({ pulls, rules: productionRules([]) }) });
    const [changes] = await run(['acme/api'], ['changes']);
    expect(changes!.result.population).toMatchObject({ size: 1100 });
    expect(changes!.result.exceptions).toEqual([]);
    const pages = fake.requests.filter((r) => r.path.startsWith('/repos/acme/api/pulls?'));
    // 1,101 in or after the window, then one page of older ones: 12 pages of 100, not 15.
    expect(pages).toHaveLength(13);
    expect(changes!.requests).toEqual([
      'GET /repos/{owner}/{repo} (2)',
      'GET /repos/{owner}/{repo}/branches/{branch}/protection (1)',
      'GET /repos/{owner}/{repo}/pulls (13)',
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews (1100)',
      'GET /repos/{owner}/{repo}/rules/branches/{branch} (1)',
    ]);
  }, 60_000);

  it('waits out a secondary rate limit and loses no page', async () => {
    const pulls = Array.from({ length: 250 }, (_, i) => pull(i + 1, dayOfQ1(i)));
    installCollectRoutes(fake, { 'acme/api': emptyRepo({ pulls, rules: productionRules(['ci']) }) });
    fake.injectFault({ kind: 'secondary-rate-limit', path: /^\/repos\/acme\/api\/pulls$/, retryAfterSeconds: 2 });
    const events: RateLimitEvent[] = [];
    const [changes] = await run(['acme/api'], ['changes'], { events });
    expect(events).toEqual([expect.objectContaining({ kind: 'secondary', retryAfterSeconds: 2, willRetry: true })]);
    expect(changes!.result.population!.size).toBe(250);
  });

  it('records a merge without an independent approval, a failed check and the bypass as exceptions', async () => {
    const pulls = [
      pull(1, '2026-01-10'),
      // Approved by its own author only.
      pull(2, '2026-02-11', { author: 'dev-c', reviews: [{ user: 'dev-c', state: 'APPROVED', submittedAt: '2026-02-11T08:00:00Z' }] }),
      // Approved, then changes requested by the same reviewer: no approval stands.
      pull(3, '2026-02-12', { reviews: [{ user: 'dev-b', state: 'APPROVED', submittedAt: '2026-02-12T08:00:00Z' }, { user: 'dev-b', state: 'CHANGES_REQUESTED', submittedAt: '2026-02-12T09:00:00Z' }] }),
      pull(4, '2026-03-01', { checks: [{ name: 'ci', conclusion: 'failure' }] }),
      pull(5, '2026-03-02', { checks: [] }),
    ];
    installCollectRoutes(fake, { 'acme/api': emptyRepo({ pulls, rules: productionRules(['ci']) }) });
    const [changes] = await run(['acme/api'], ['changes']);
    const items = changes!.result.data['items'] as { key: string; independent_approval: boolean; bypass: boolean; approvers: string[] }[];
    expect(items.map((i) => [i.key, i.independent_approval, i.bypass])).toEqual([
      ['acme/api#1', true, false],
      ['acme/api#2', false, true],
      ['acme/api#3', false, true],
      ['acme/api#4', true, true],
      ['acme/api#5', true, true],
    ]);
    expect(changes!.result.exceptions.map((x) => [x.severity, x.description])).toEqual([
      ['high', 'acme/api#2 "Change 2" by dev-c, merged 2026-02-11: no approval from anyone but the author; merged past the default branch rules (a bypass)'],
      ['high', 'acme/api#3 "Change 3" by dev-a, merged 2026-02-12: no approval from anyone but the author; merged past the default branch rules (a bypass)'],
      ['medium', 'acme/api#4 "Change 4" by dev-a, merged 2026-03-01: required check ci failed; merged past the default branch rules (a bypass)'],
      ['medium', 'acme/api#5 "Change 5" by dev-a, merged 2026-03-02: required check ci missing; merged past the default branch rules (a bypass)'],
    ]);
  });
});

describe('refusals end in one line that says what to fix', () => {
  it('a repository that does not exist', async () => {
    installCollectRoutes(fake, { 'acme/api': emptyRepo() });
    await expect(run(['acme/api', 'acme/gone'], ['changes'])).rejects.toMatchObject({
      code: 'GITHUB_NOT_FOUND',
      message: 'GitHub found no repository acme/gone when trying to read the repository (404 Not Found): check collect.github.repositories in compliance.yaml, and that the token can see it ("Metadata: read")',
    });
  });

  it.each([
    ['dependabot', 'vulnerabilities', 'GitHub refused to list the Dependabot alerts of repository acme/api (403 Resource not accessible by integration): the token needs the permission "Dependabot alerts: read"'],
    ['administration', 'branch_protection', 'GitHub refused to read the branch protection of acme/api@main (403 Resource not accessible by integration): the token needs the permission "Administration: read"'],
    ['checks', 'changes', 'GitHub refused to list the check runs of commit 000000000000 of acme/api#1 (403 Resource not accessible by integration): the token needs the permission "Checks: read"'],
  ] as const)('a token without %s', async (denied, collector, message) => {
    fake.addToken('ghs_limited', { user: { login: 'limited', id: 2, type: 'Bot' }, denied: [denied] });
    installCollectRoutes(fake, { 'acme/api': emptyRepo({ pulls: [pull(1, '2026-01-05')], rules: productionRules(['ci']) }) });
    const error = await run(['acme/api'], [collector], { token: 'ghs_limited' }).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'GITHUB_PERMISSION', message });
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('branch protection, access and vulnerability alerts', () => {
  it('merges rulesets with classic protection', async () => {
    installCollectRoutes(fake, {
      'acme/api': emptyRepo({ rules: productionRules(['ci', 'lint'], 2), protection: { enforce_admins: { enabled: true }, required_status_checks: { contexts: ['build'] } } }),
    });
    const [bp] = await run(['acme/api'], ['branch_protection']);
    expect(bp!.result.data['branches']).toEqual([
      expect.objectContaining({ required_approvals: 2, dismiss_stale_reviews: true, required_checks: ['build', 'ci', 'lint'], enforce_admins: true, blocks_force_pushes: true, classic_protection: true }),
    ]);
  });

  it('lists access with permissions, outside collaborators and members without 2FA (when readable)', async () => {
    installCollectRoutes(
      fake,
      { 'acme/api': emptyRepo({ collaborators: [{ login: 'ann', role: 'admin' }, { login: 'vendor-joe', role: 'write', outside: true }], teams: [{ slug: 'platform', permission: 'maintain' }] }) },
      { acme: { without2fa: ['bob'], outsideCollaborators: ['vendor-joe'] } },
    );
    const [access] = await run(['acme/api'], ['access'], { organization: 'acme' });
    expect(access!.result.csv.rows).toEqual([
      ['acme/api', 'team', 'platform', 'maintain', 'no'],
      ['acme/api', 'user', 'ann', 'admin', 'no'],
      ['acme/api', 'user', 'vendor-joe', 'write', 'yes'],
    ]);
    expect(access!.result.exceptions).toEqual([{ description: 'bob, a member of the acme organisation, has no two-factor authentication on GitHub', severity: 'high' }]);
    fake.addToken('ghs_nomembers', { user: { login: 'x', id: 3, type: 'Bot' }, denied: ['members'] });
    const [limited] = await run(['acme/api'], ['access'], { organization: 'acme', token: 'ghs_nomembers' });
    expect((limited!.result.data['organization'] as { without_2fa: unknown }).without_2fa).toEqual({ logins: null, why: 'not readable with this token (403 Resource not accessible by integration)' });
    expect(limited!.result.exceptions).toEqual([]);
  });

  it('judges alerts as of the window end against the SLA; overdue ones are exceptions', async () => {
    installCollectRoutes(fake, {
      'acme/api': emptyRepo({
        dependabot: [
          { number: 1, createdAt: '2026-01-05T00:00:00Z', closedAt: '2026-01-20T00:00:00Z', severity: 'high', title: 'lodash prototype pollution' },
          { number: 2, createdAt: '2026-02-01T00:00:00Z', closedAt: '2026-03-20T00:00:00Z', severity: 'high', title: 'express open redirect' },
          // Open at the end of March (fixed later): 30 days old then, within the medium SLA.
          { number: 3, createdAt: '2026-03-01T00:00:00Z', closedAt: '2026-06-01T00:00:00Z', severity: 'medium', title: 'yaml DoS' },
          { number: 4, createdAt: '2025-06-01T00:00:00Z', closedAt: '2025-07-01T00:00:00Z', severity: 'low', title: 'old thing' },
        ],
        codeScanning: 'disabled',
        secretScanning: [{ number: 9, createdAt: '2026-03-20T00:00:00Z', severity: 'critical', title: 'AWS key' }],
      }),
    });
    const [v] = await run(['acme/api'], ['vulnerabilities']);
    const rows = v!.result.csv.rows.map((r) => [r[1], r[2], r[7], r[8], r[10]]);
    expect(rows).toEqual([
      ['dependabot', 1, 'closed', 15, 'no'],
      ['dependabot', 2, 'closed', 47, 'yes'],
      ['dependabot', 3, 'open', 30, 'no'],
      ['secret-scanning', 9, 'open', 11, 'yes'],
    ]);
    expect(v!.result.exceptions).toEqual([
      expect.objectContaining({ severity: 'high', remediated_on: '2026-03-20', window: { start: '2026-02-01', end: '2026-03-20' } }),
      expect.objectContaining({ severity: 'high', window: { start: '2026-03-20', end: '2026-03-31' } }),
    ]);
    expect(v!.result.exceptions[1]).not.toHaveProperty('remediated_on');
    expect(v!.result.data['sources']).toContainEqual({ repository: 'acme/api', source: 'code-scanning', enabled: false });
  });
});
