import { summarizeCheck, type CheckSummary } from '../model/check-result.js';
import type { Finding } from '../model/findings.js';
import type { RevisionPair } from '../model/revisions.js';
import type { Rule } from '../rules/define-rule.js';
import { runRules } from '../rules/run-rules.js';
import { computeChangelog, type LoadedPair } from './changelog.js';

export interface CheckWithHistoryResult {
  findings: Finding[];
  summary: CheckSummary;
  pair: RevisionPair;
  loaded: LoadedPair;
}

/**
 * `trustops check --base REV`: HEAD checked with every rule, the history rules included, against BASE.
 * Both revisions are loaded once and also give the changelog.
 */
export async function checkWithHistory(
  pair: RevisionPair,
  options: { today: string; acknowledged?: Iterable<string>; rules?: readonly Rule[] },
): Promise<CheckWithHistoryResult> {
  const loaded = await computeChangelog(pair, { today: options.today });
  const findings = runRules({
    ...loaded.headAssessment,
    today: options.today,
    ...(options.rules ? { rules: options.rules } : {}),
    history: { base: loaded.base.model, baseLabel: pair.base.label, changes: pair.changes, acknowledged: new Set(options.acknowledged ?? []) },
  });
  return { findings, summary: summarizeCheck(loaded.head.model, findings), pair, loaded };
}

/** Control ids from --acknowledge or $TRUSTOPS_ACKNOWLEDGE ("IAM-MFA, LOG-CENTRAL"). */
export function parseAcknowledged(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}
