import { runRules, summarizeCheck, type CheckSummary } from './check.js';
import type { Finding } from '../model/findings.js';
import { readRevisionPair, type ReadRevisionsOptions, type RevisionPair } from '../io/git/read-revisions.js';
import { rules } from '../rules/index.js';
import { resolveScope } from '../model/scope.js';
import { computeChangelog, type LoadedPair } from './changelog.js';

export interface CheckWithHistoryResult {
  findings: Finding[];
  summary: CheckSummary;
  pair: RevisionPair;
  loaded: LoadedPair;
}

/**
 * `trustops check --base REV`: the work tree (or HEAD) checked with every rule, the history rules
 * included, against BASE. Both revisions are loaded once and also give the changelog.
 */
export async function checkWithHistory(
  dir: string,
  options: ReadRevisionsOptions & { today: string; acknowledged?: Iterable<string> },
): Promise<CheckWithHistoryResult> {
  const { today, acknowledged, ...revisions } = options;
  const pair = await readRevisionPair(dir, revisions);
  const loaded = await computeChangelog(pair, { today });
  const model = loaded.head.model;
  const findings = runRules({
    model,
    scope: resolveScope(model.config?.data),
    evidenceFiles: loaded.headFacts,
    today,
    rules,
    history: { base: loaded.base.model, baseLabel: pair.base.label, changes: pair.changes, acknowledged: new Set(acknowledged ?? []) },
  });
  return { findings, summary: summarizeCheck(model, findings), pair, loaded };
}

/** Control ids from --acknowledge or $TRUSTOPS_ACKNOWLEDGE ("IAM-MFA, LOG-CENTRAL"). */
export function parseAcknowledged(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}
