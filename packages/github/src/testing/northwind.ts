import { emptyRepo, productionRules, type FakeAlert, type FakeOrgState, type FakePull, type FakeRepoState } from './fake-collect.js';

/**
 * Northwind Cloud's GitHub organisation as the example program's evidence was collected from it: five
 * production repositories under the organisation's "production" ruleset, their pull requests merged from
 * December 2025 to September 2026, and their Dependabot and code scanning alerts. Generated from a fixed
 * seed, so the same data comes back every time: re-collecting a quarter of the example writes nothing.
 *
 * What an auditor should find in it: the SEC-355 emergency change query-engine#4711 (2026-09-22 21:14 UTC),
 * merged past the rules and approved the next morning (CCC-EMERGENCY-CHANGE, CHG-0001); a high Dependabot
 * alert of analytics-api fixed after 41 days in Q1; a medium one of web-console still open, past its SLA, at
 * the end of Q3.
 */
export const NORTHWIND_ORG = 'northwind-cloud';
export const NORTHWIND_REPOSITORIES = ['analytics-api', 'deploy', 'infra-terraform', 'query-engine', 'web-console'].map((r) => `${NORTHWIND_ORG}/${r}`);
export const NORTHWIND_CHECKS = ['ci/lint', 'ci/test'];
const ENGINEERS = ['acosta', 'dlewin', 'evarga', 'jpark', 'kobi', 'lmoreau', 'mduarte', 'rfinch', 'siqbal', 'tnowak'];
const FIRST_NUMBER: Record<string, number> = { 'analytics-api': 2840, deploy: 4060, 'infra-terraform': 2870, 'web-console': 4670 };

/** mulberry32: a small PRNG with a fixed seed, so the organisation is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const DAY = 86_400_000;

function pullsOf(repo: string, rnd: () => number): FakePull[] {
  const pulls: FakePull[] = [];
  for (let day = Date.UTC(2025, 11, 1); day <= Date.UTC(2026, 8, 30); day += DAY) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6 || rnd() > 0.36) continue;
    const merged = day + Math.floor((9 + rnd() * 8) * 3_600_000);
    const author = ENGINEERS[Math.floor(rnd() * ENGINEERS.length)]!;
    const others = ENGINEERS.filter((e) => e !== author);
    const reviewer = others[Math.floor(rnd() * others.length)]!;
    const reviews: FakePull['reviews'] = [];
    if (rnd() < 0.3) reviews.push({ user: others[(others.indexOf(reviewer) + 1) % others.length]!, state: 'COMMENTED', submittedAt: iso(merged - 5 * 3_600_000) });
    reviews.push({ user: reviewer, state: 'APPROVED', submittedAt: iso(merged - Math.floor((0.5 + rnd() * 4) * 3_600_000)) });
    // A flaky test run retried: the latest run passed.
    const checks: FakePull['checks'] = [{ name: 'ci/lint', conclusion: 'success' }, ...(rnd() < 0.1 ? [{ name: 'ci/test', conclusion: 'failure' as const }] : []), { name: 'ci/test', conclusion: 'success' }];
    pulls.push({ number: 0, title: '', author, createdAt: iso(merged - 2 * DAY), mergedAt: iso(merged), updatedAt: iso(merged + (rnd() < 0.1 ? 3 * DAY : 60_000)), base: 'main', headSha: '', reviews, checks });
  }
  if (repo === 'query-engine') {
    const at = Date.UTC(2026, 8, 22, 21, 14);
    pulls.push({
      number: 0,
      title: 'SEC-355: cap query memory per tenant (emergency change CHG-0001)',
      author: 'tnowak',
      createdAt: iso(at - 40 * 60_000),
      mergedAt: iso(at),
      updatedAt: iso(Date.UTC(2026, 8, 23, 9, 40)),
      base: 'main',
      headSha: '',
      // The retrospective approval of the emergency procedure, the morning after the merge.
      reviews: [{ user: 'lmoreau', state: 'APPROVED', submittedAt: iso(Date.UTC(2026, 8, 23, 9, 40)) }],
      checks: [{ name: 'ci/lint', conclusion: 'success' }, { name: 'ci/test', conclusion: 'success' }],
    });
  }
  pulls.sort((a, b) => (a.mergedAt! < b.mergedAt! ? -1 : 1));
  const emergency = pulls.findIndex((p) => p.title.startsWith('SEC-355'));
  const first = repo === 'query-engine' ? 4711 - emergency : FIRST_NUMBER[repo]!;
  const areas = ['fix', 'feat', 'chore', 'refactor', 'perf'];
  return pulls.map((p, i) => {
    const number = first + i;
    return { ...p, number, title: p.title || `${areas[number % areas.length]}: ${repo} change ${number} (NA-${1000 + ((number * 37) % 9000)})`, headSha: `${repo.length.toString(16)}${number.toString(16)}`.padEnd(40, 'a') };
  });
}

const SEVERITIES: FakeAlert['severity'][] = ['low', 'low', 'medium', 'medium', 'medium', 'high', 'critical'];
const SLA = { critical: 7, high: 30, medium: 90, low: 180 };
const PACKAGES = ['lodash', 'axios', 'golang.org/x/net', 'jsonwebtoken', 'semver', 'github.com/docker/docker', 'tar', 'protobufjs'];

/** Alerts fixed within their SLA (never overdue), created from December 2025 to September 2026. */
function alertsOf(rnd: () => number, count: number, first: number, titles: readonly string[]): FakeAlert[] {
  const alerts: FakeAlert[] = [];
  for (let i = 0; i < count; i++) {
    const severity = SEVERITIES[Math.floor(rnd() * SEVERITIES.length)]!;
    const created = Date.UTC(2025, 11, 1) + Math.floor(rnd() * 300) * DAY + Math.floor(rnd() * DAY);
    const closed = created + Math.floor(rnd() * SLA[severity] * 0.6) * DAY + 3_600_000;
    alerts.push({ number: first + i, createdAt: iso(created), ...(closed < Date.UTC(2026, 10, 20) ? { closedAt: iso(closed) } : {}), severity, title: `${titles[Math.floor(rnd() * titles.length)]} advisory ${first + i}` });
  }
  return alerts;
}

export function northwindGitHub(): { repos: Record<string, FakeRepoState>; orgs: Record<string, FakeOrgState> } {
  const rnd = random(20260101);
  const repos: Record<string, FakeRepoState> = {};
  for (const full of NORTHWIND_REPOSITORIES) {
    const repo = full.split('/')[1]!;
    const dependabot = alertsOf(rnd, 12, 1, PACKAGES);
    if (repo === 'analytics-api') dependabot.push({ number: 90, createdAt: '2026-02-03T08:00:00Z', closedAt: '2026-03-16T11:00:00Z', severity: 'high', title: 'golang.org/x/crypto SSH authorization bypass' });
    if (repo === 'web-console') dependabot.push({ number: 91, createdAt: '2026-05-11T08:00:00Z', closedAt: '2026-10-19T10:00:00Z', severity: 'medium', title: 'postcss line return parsing' });
    repos[full] = emptyRepo({
      pulls: pullsOf(repo, rnd),
      rules: productionRules(NORTHWIND_CHECKS),
      collaborators: ENGINEERS.map((login, i) => ({ login, role: i < 2 ? 'admin' : 'write' })),
      teams: [{ slug: 'platform', permission: 'maintain' }, { slug: 'engineering', permission: 'push' }],
      dependabot,
      codeScanning: alertsOf(rnd, 4, 1, ['go/sql-injection', 'js/xss', 'go/path-injection', 'js/prototype-pollution']),
      secretScanning: [],
    });
  }
  return { repos, orgs: { [NORTHWIND_ORG]: { without2fa: [], outsideCollaborators: [] } } };
}
