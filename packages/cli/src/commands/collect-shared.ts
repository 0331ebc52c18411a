import { loadRepo, parseWindow, readRepo, redactSecrets, refuseEvidence, type CollectedEvidence, type CollectedOutcome, type RepoModel } from '@trustops/core';
import { UsageError, type CliIo } from '../io.js';
import { toolVersion } from '../version.js';

/** The repository as the collectors see it: the model of every file, read without the cache. */
export async function loadModel(dir: string): Promise<RepoModel> {
  return loadRepo((await readRepo(dir, { cache: false })).files);
}

/** The moment of collection: $TRUSTOPS_NOW (an ISO timestamp, for reproducible examples), else now; to the second. */
export function collectedAt(io: CliIo): string {
  const now = io.env.TRUSTOPS_NOW ? new Date(io.env.TRUSTOPS_NOW) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`TRUSTOPS_NOW must be an ISO timestamp (2026-04-01T06:00:00Z), got "${io.env.TRUSTOPS_NOW}"`);
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The Actions run that collects, when running in GitHub Actions. */
export function runUrl(io: CliIo): string | undefined {
  const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = io.env;
  return io.env.GITHUB_ACTIONS === 'true' && repo && run && /^\d+$/.test(run) ? `${server.replace(/\/+$/, '')}/${repo}/actions/runs/${run}` : undefined;
}

export const TOOL = `trustops ${toolVersion}`;

/** Refuses (exit 2, nothing written) a record the model cannot take: unknown control or item, a window not ended. */
export function refuseTarget(model: RepoModel, c: Pick<CollectedEvidence, 'control' | 'item' | 'covers' | 'label' | 'collectedOn'>, today: string, what: string): void {
  const refusal = refuseEvidence(model, { ...c, today });
  if (refusal) throw new UsageError(`${what}: ${refusal}`);
}

/** Credentials in collected text (a pull request title, a command's output) are masked before they are stored and hashed. */
export function redactText(text: string, name: string): { text: string; redacted: string[] } {
  const { text: masked, redacted } = redactSecrets(text, { path: name });
  return { text: masked, redacted: redacted.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId}`) };
}

/** The name of a record's window for file names: 2026-Q1, 2026-03, 2026-H1, 2026 when it is one, else START_END. */
export function labelOf(covers: { start: string; end: string }): string {
  const y = covers.start.slice(0, 4);
  const candidates = [y, `${y}-H1`, `${y}-H2`, ...[1, 2, 3, 4].map((q) => `${y}-Q${q}`), ...Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`)];
  return candidates.find((label) => { const w = parseWindow(label); return w?.start === covers.start && w.end === covers.end; }) ?? `${covers.start}_${covers.end}`;
}

/** One line per record: written, would be written, or unchanged (and why nothing was written). */
export function outcomeLines(outcomes: readonly CollectedOutcome[], describe: (o: CollectedOutcome) => string): string[] {
  return outcomes.map((o) =>
    o.status === 'unchanged'
      ? `  unchanged ${o.record}: it already shows this data; nothing written`
      : `  ${o.status === 'written' ? 'wrote' : 'would write'} ${o.record} (${describe(o)}) with ${o.files.map((f) => f.name).join(', ')}`,
  );
}
