import type { Entity, RepoModel } from '../load/load-repo.js';
import type { EvidenceFileFacts } from '../model/evidence-files.js';
import { MAX_MESSAGE, shorten, sortFindings, type Finding, type Severity } from '../model/findings.js';
import type { Scope } from '../model/scope.js';
import type { ReadinessReport } from '../score/readiness.js';
import { locationKey, resolveLocation, ruleUrl, type HistoryContext, type RepoIndex, type Rule, type RuleMeta } from './define-rule.js';
import { rules as registeredRules } from './registry.js';

export interface RunRulesInput {
  model: RepoModel;
  scope: Scope;
  evidenceFiles: ReadonlyMap<string, EvidenceFileFacts>;
  /** Readiness of this model, computed once by the pipeline and shared with every rule that reads it. */
  readiness: ReadinessReport;
  today: string;
  /** Rules to run; every registered rule by default. */
  rules?: readonly Rule[];
  /** The rule ids a `rules:` entry of compliance.yaml may name; every registered rule by default. */
  registry?: readonly RuleMeta[];
  history?: HistoryContext;
}

/** Runs rules over a loaded model: pure and synchronous. Severities follow compliance.yaml `rules:`. */
export function runRules(input: RunRulesInput): Finding[] {
  const { model, scope, evidenceFiles, readiness, today, history } = input;
  const overrides = model.config?.data.rules ?? {};
  const index = buildIndex(model);
  const ruleIds: ReadonlySet<string> = new Set((input.registry ?? registeredRules).map((r) => r.id));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of input.rules ?? registeredRules) {
    const configured = overrides[rule.id];
    if (configured === 'off') continue;
    const severity: Severity = configured ?? rule.severity;
    rule.check({
      model,
      scope,
      index,
      evidenceFiles,
      today,
      readiness,
      ruleIds,
      ...(history ? { history } : {}),
      report({ at, message, hint, related }) {
        const location = resolveLocation(at);
        const logical = locationKey(at);
        const finding: Finding = {
          ruleId: rule.id,
          severity,
          // Rules quote values from files: whatever they quote, no message grows without bound.
          message: message.length > MAX_MESSAGE ? shorten(message, MAX_MESSAGE) : message,
          ...location,
          hint: hint.length > MAX_MESSAGE ? shorten(hint, MAX_MESSAGE) : hint,
          url: ruleUrl(rule.id),
          ...(related?.length ? { related: related.map(({ at: where, message: note }) => ({ ...resolveLocation(where), message: shorten(note, MAX_MESSAGE) })) } : {}),
          ...(logical ? { key: logical } : {}),
        };
        const seenKey = `${finding.ruleId}\0${finding.file}\0${finding.line}\0${finding.column}\0${finding.message}`;
        if (seen.has(seenKey)) return;
        seen.add(seenKey);
        findings.push(finding);
      },
    });
  }
  return sortFindings(findings);
}

/** First definition wins for lookups; id/duplicate reports the others. */
export function buildIndex(model: RepoModel): RepoIndex {
  const byId = <T extends { id: string }>(entities: Entity<T>[]) => {
    const map = new Map<string, Entity<T>>();
    for (const e of entities) if (!map.has(e.data.id)) map.set(e.data.id, e);
    return map;
  };
  return { controls: byId(model.controls), policies: byId(model.policies), vendors: byId(model.vendors) };
}
