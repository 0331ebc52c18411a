import { canonicalJson, resolveCollectWindow, toCsv, writeCollectedEvidence, type CollectedEvidence, type CollectWindow, type RepoModel } from '@trustops/core';
import { collectGitHub, createGitHubClient, GITHUB_COLLECTORS, type CollectedFromGitHub, type GitHubCollectorName } from '@trustops/github';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { toolVersion } from '../version.js';
import { collectedAt, loadModel, outcomeLines, redactText, refuseTarget, runUrl, TOOL } from './collect-shared.js';
import { reportGitHubError } from './github.js';
import { findSchemaDir, parseDateOption, resolveRepoDir, resolveToday } from './shared.js';

export interface CollectGithubOptions {
  repo?: string;
  window?: string;
  since?: string;
  until?: string;
  dryRun?: boolean;
  ifConfigured?: boolean;
}

const WHAT: Record<GitHubCollectorName, string> = {
  changes: 'pull requests merged',
  branch_protection: 'default branches',
  access: 'accounts and teams with access',
  vulnerabilities: 'alerts',
};

/** Each configured collector with its control, item and window (a `previous` window follows the item's frequency). */
function plan(model: RepoModel, options: CollectGithubOptions, today: string) {
  const config = model.config?.data.collect?.github;
  if (!config) return undefined;
  const targets = GITHUB_COLLECTORS.flatMap((name) => {
    const target = config[name];
    if (!target) return [];
    const control = model.controls.find((c) => c.data.id === target.control);
    const every = control?.data.evidence?.find((e) => e.id === target.item)?.every ?? 'monthly';
    const window = resolveCollectWindow({ ...(options.window !== undefined ? { window: options.window } : {}), ...(options.since !== undefined ? { since: options.since, until: options.until! } : {}) }, every, today);
    if (!window) throw new UsageError(`--window must be previous, a year, half, quarter or month (2026, 2026-H1, 2026-Q1, 2026-03), got "${options.window}"`);
    refuseTarget(model, { control: target.control, item: target.item, covers: window.covers, label: window.label, collectedOn: today }, today, `collect.github.${name}`);
    return [{ name, control: target.control, item: target.item, window }];
  });
  if (targets.length === 0) throw new UsageError('collect.github in compliance.yaml names no collector: add changes, branch_protection, access or vulnerabilities, each with its control and item');
  return { config, targets };
}

function toEvidence(
  got: CollectedFromGitHub,
  target: { control: string; item: string; window: CollectWindow },
  context: { today: string; at: string; run?: string | undefined },
  redactions: string[],
): CollectedEvidence {
  const file = (suffix: string, text: string) => {
    const masked = redactText(text, `${target.window.label}-${target.item}${suffix}`);
    redactions.push(...masked.redacted);
    return { suffix, bytes: new TextEncoder().encode(masked.text) };
  };
  const r = got.result;
  return {
    control: target.control,
    item: target.item,
    covers: target.window.covers,
    label: target.window.label,
    collectedOn: context.today,
    collectedBy: 'automation:trustops-collect-github',
    note: `Collected from the GitHub REST API by \`trustops collect github\` (${r.collector}); the JSON file is the data, the CSV the same for people.`,
    files: [file('.json', canonicalJson(r.data)), file('.csv', toCsv(r.csv.header, r.csv.rows))],
    ...(r.population ? { population: { ...r.population, file: 0 } } : {}),
    ...(r.exceptions.length ? { exceptions: r.exceptions } : {}),
    provenance: { tool: TOOL, collector: r.collector, collected_at: context.at, ...(context.run ? { run_url: context.run } : {}), requests: got.requests },
    writtenBy: 'trustops collect github',
  };
}

/**
 * `trustops collect github`: runs the collectors compliance.yaml configures under collect.github against
 * the GitHub REST API (GITHUB_TOKEN, GITHUB_API_URL) and stores a record per collector, append-only: the
 * same data for the same window writes nothing, new data a new record. Everything is gathered before
 * anything is written, so a refusal half-way writes nothing.
 */
export async function runCollectGithub(options: CollectGithubOptions, io: CliIo): Promise<number> {
  const dir = resolveRepoDir(options.repo, io);
  const today = resolveToday(undefined, io);
  if ((options.window === undefined) === (options.since === undefined && options.until === undefined)) {
    throw new UsageError('give the window to collect: --window (previous, 2026-Q1, 2026-03, 2026-H1, 2026) or --since DATE --until DATE');
  }
  if (options.window === undefined && (options.since === undefined || options.until === undefined)) throw new UsageError('--since and --until go together');
  if (options.since !== undefined) parseDateOption(options.since, '--since');
  if (options.until !== undefined) parseDateOption(options.until, '--until');
  if (options.since !== undefined && options.until !== undefined && options.since > options.until) throw new UsageError(`--since ${options.since} is after --until ${options.until}`);

  const model = await loadModel(dir);
  const planned = plan(model, options, today);
  if (!planned) {
    if (options.ifConfigured) {
      io.stdout('trustops collect github: compliance.yaml has no collect.github; nothing to collect\n');
      return EXIT.ok;
    }
    throw new UsageError('compliance.yaml has no collect.github: name the repositories in scope and the control and item each collector feeds (see README, "Collecting evidence")');
  }
  try {
    const client = createGitHubClient({
      token: io.env.GITHUB_TOKEN,
      baseUrl: io.env.GITHUB_API_URL ?? 'https://api.github.com',
      userAgent: `trustops/${toolVersion}`,
      onRateLimit: (e) => {
        if (e.willRetry) io.stderr(`trustops: GitHub ${e.kind} rate limit on ${e.method} ${e.route}; waiting ${e.retryAfterSeconds} s as GitHub asks\n`);
      },
      log: (message) => io.stderr(`trustops: GitHub: ${message}\n`),
    });
    const gathered = await collectGitHub(client, {
      repositories: planned.config.repositories,
      ...(planned.config.organization ? { organization: planned.config.organization } : {}),
      collectors: planned.targets.map((t) => ({ name: t.name, window: t.window.covers })),
      ...(planned.config.vulnerabilities?.sla_days ? { slaDays: planned.config.vulnerabilities.sla_days } : {}),
    });
    const context = { today, at: collectedAt(io), run: runUrl(io) };
    const redactions: string[] = [];
    const evidence = gathered.map((got, i) => toEvidence(got, planned.targets[i]!, context, redactions));
    const outcomes = await writeCollectedEvidence(dir, model, evidence, { schemaDir: findSchemaDir(dir), ...(options.dryRun ? { dryRun: true } : {}) });
    const lines = [`trustops collect github: ${planned.config.repositories.length} repositor${planned.config.repositories.length === 1 ? 'y' : 'ies'}`];
    lines.push(
      ...outcomeLines(outcomes, (o) => {
        const i = outcomes.indexOf(o);
        const r = gathered[i]!.result;
        const size = r.population?.size ?? (r.data['branches'] as unknown[] | undefined)?.length ?? 0;
        return `${size} ${WHAT[gathered[i]!.name]}, ${r.exceptions.length} exception${r.exceptions.length === 1 ? '' : 's'}`;
      }),
    );
    if (redactions.length) lines.push(`Masked ${redactions.length} credential(s) before storing: ${redactions.join(', ')}`);
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT.ok;
  } catch (error) {
    return reportGitHubError(error, io);
  }
}
