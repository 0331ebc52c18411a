import type { GitHubClient } from '../client.js';
import { call, dayOf, daysBetween, isNotEnabled, type CollectedException, type CollectPeriod, type CollectorResult, type Need, type RepositoryRef } from './shared.js';

export type AlertSeverity = 'critical' | 'high' | 'medium' | 'low';
export type SlaDays = Record<AlertSeverity, number>;
export const DEFAULT_SLA_DAYS: SlaDays = { critical: 7, high: 30, medium: 90, low: 180 };

export interface AlertItem {
  key: string;
  repository: string;
  source: 'dependabot' | 'code-scanning' | 'secret-scanning';
  number: number;
  title: string;
  severity: AlertSeverity;
  created_on: string;
  /** When it was fixed, dismissed or resolved, if that was by the window's end. */
  closed_on: string | null;
  /** Open or closed at the window's end: later changes do not change this window's record. */
  state_at_window_end: 'open' | 'closed';
  age_days: number;
  sla_days: number;
  overdue: boolean;
  url: string;
}

interface RawAlert {
  number: number;
  html_url: string;
  created_at: string;
  fixed_at?: string | null;
  dismissed_at?: string | null;
  auto_dismissed_at?: string | null;
  resolved_at?: string | null;
  security_advisory?: { summary?: string; severity?: string; ghsa_id?: string };
  security_vulnerability?: { severity?: string; package?: { name?: string } };
  rule?: { id?: string; description?: string; security_severity_level?: string | null; severity?: string | null };
  secret_type_display_name?: string;
  secret_type?: string;
}

function toSeverity(value: string | null | undefined): AlertSeverity {
  const v = (value ?? '').toLowerCase();
  if (v === 'critical') return 'critical';
  if (v === 'high' || v === 'error') return 'high';
  if (v === 'medium' || v === 'moderate' || v === 'warning') return 'medium';
  return 'low';
}

const SOURCES = [
  {
    source: 'dependabot' as const,
    action: 'list the Dependabot alerts',
    permission: 'Dependabot alerts: read',
    list: (client: GitHubClient, r: RepositoryRef) => client.paginate(client.rest.dependabot.listAlertsForRepo, { owner: r.owner, repo: r.repo, per_page: 100 }),
    title: (a: RawAlert) => `${a.security_vulnerability?.package?.name ?? 'dependency'}: ${a.security_advisory?.summary ?? a.security_advisory?.ghsa_id ?? 'advisory'}`,
    severity: (a: RawAlert) => toSeverity(a.security_advisory?.severity ?? a.security_vulnerability?.severity),
  },
  {
    source: 'code-scanning' as const,
    action: 'list the code scanning alerts',
    permission: 'Code scanning alerts: read',
    list: (client: GitHubClient, r: RepositoryRef) => client.paginate(client.rest.codeScanning.listAlertsForRepo, { owner: r.owner, repo: r.repo, per_page: 100 }),
    title: (a: RawAlert) => a.rule?.description ?? a.rule?.id ?? 'code scanning alert',
    severity: (a: RawAlert) => toSeverity(a.rule?.security_severity_level ?? a.rule?.severity),
  },
  {
    source: 'secret-scanning' as const,
    action: 'list the secret scanning alerts',
    permission: 'Secret scanning alerts: read',
    list: (client: GitHubClient, r: RepositoryRef) => client.paginate(client.rest.secretScanning.listAlertsForRepo, { owner: r.owner, repo: r.repo, per_page: 100 }),
    title: (a: RawAlert) => `exposed secret: ${a.secret_type_display_name ?? a.secret_type ?? 'credential'}`,
    // A leaked credential is treated as critical: it is usable by whoever saw it until it is revoked.
    severity: () => 'critical' as const,
  },
];

/** The alert as of the window's end; undefined when it was not open at any time in the window. */
function alertInWindow(a: RawAlert, window: CollectPeriod, sla: SlaDays, base: Pick<AlertItem, 'repository' | 'source' | 'title' | 'severity'>): AlertItem | undefined {
  const created = dayOf(a.created_at);
  const closedAt = [a.fixed_at, a.dismissed_at, a.auto_dismissed_at, a.resolved_at].find((x): x is string => typeof x === 'string');
  const closed = closedAt ? dayOf(closedAt) : undefined;
  if (created > window.end || (closed !== undefined && closed < window.start)) return undefined;
  const closedByEnd = closed !== undefined && closed <= window.end ? closed : null;
  const age = daysBetween(created, closedByEnd ?? window.end);
  const days = sla[base.severity];
  return {
    key: `${base.repository}:${base.source}:${a.number}`,
    ...base,
    number: a.number,
    created_on: created,
    closed_on: closedByEnd,
    state_at_window_end: closedByEnd ? 'closed' : 'open',
    age_days: age,
    sla_days: days,
    overdue: age > days,
    url: a.html_url,
  };
}

/**
 * The vulnerability collector: Dependabot, code scanning and secret scanning alerts of each repository that
 * were open at any time in the window, each as of the window's end (its age then, or when it was closed),
 * against the SLA per severity. An alert older than its SLA is an exception: remediated on the day it was
 * closed when that was in the window, else open. A source switched off for a repository is recorded as such.
 */
export async function collectVulnerabilities(client: GitHubClient, repositories: readonly RepositoryRef[], window: CollectPeriod, sla: SlaDays): Promise<CollectorResult> {
  const items: AlertItem[] = [];
  const sources: { repository: string; source: string; enabled: boolean }[] = [];
  for (const r of repositories) {
    for (const s of SOURCES) {
      const need: Need = { action: s.action, target: `repository ${r.fullName}`, permission: s.permission };
      let alerts: RawAlert[];
      try {
        alerts = (await s.list(client, r)) as unknown as RawAlert[];
      } catch (error) {
        if (!isNotEnabled(error)) await call(need, () => Promise.reject(error));
        sources.push({ repository: r.fullName, source: s.source, enabled: false });
        continue;
      }
      sources.push({ repository: r.fullName, source: s.source, enabled: true });
      for (const a of alerts) {
        const item = alertInWindow(a, window, sla, { repository: r.fullName, source: s.source, title: s.title(a), severity: s.severity(a) });
        if (item) items.push(item);
      }
    }
  }
  items.sort((a, b) => (a.key < b.key ? -1 : 1));
  const exceptions: CollectedException[] = items
    .filter((i) => i.overdue)
    .map((i) => ({
      description: `${i.repository} ${i.source} alert ${i.number} (${i.severity}, ${i.title.slice(0, 80)}) was open ${i.age_days} days, past its SLA of ${i.sla_days} days`,
      severity: i.severity === 'critical' || i.severity === 'high' ? 'high' : i.severity,
      window: { start: i.created_on < window.start ? window.start : i.created_on, end: i.closed_on ?? window.end },
      ...(i.closed_on ? { remediated_on: i.closed_on } : {}),
    }));
  const names = repositories.map((r) => r.fullName).join(', ');
  return {
    collector: 'github/vulnerabilities',
    data: {
      collector: 'github/vulnerabilities',
      window,
      sla_days: sla,
      sources,
      summary: {
        alerts: items.length,
        open_at_window_end: items.filter((i) => i.state_at_window_end === 'open').length,
        closed_in_window: items.filter((i) => i.state_at_window_end === 'closed').length,
        overdue: items.filter((i) => i.overdue).length,
      },
      items,
    },
    csv: {
      header: ['repository', 'source', 'number', 'severity', 'title', 'created_on', 'closed_on', 'state_at_window_end', 'age_days', 'sla_days', 'overdue', 'url'],
      rows: items.map((i) => [i.repository, i.source, i.number, i.severity, i.title, i.created_on, i.closed_on, i.state_at_window_end, i.age_days, i.sla_days, i.overdue ? 'yes' : 'no', i.url]),
    },
    population: { source: `GitHub REST API: Dependabot, code scanning and secret scanning alerts of ${names} open at any time from ${window.start} to ${window.end}`, size: items.length },
    exceptions,
  };
}
