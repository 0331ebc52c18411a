import { collectEvidenceFacts, type EvidenceFileAccess, type EvidenceFileFacts } from '../model/evidence-files.js';
import { reachesGate, sortFindings, summarizeFindings, type Finding, type FindingSummary, type Severity } from '../model/findings.js';
import type { Entity, RepoModel } from '../load/load-repo.js';
import { loadRepoCached, type ParseCache } from '../io/parse-cache-store.js';
import type { SourceFile } from '../load/source-files.js';
import { resolveLocation, rules as defaultRules, type HistoryContext, type RepoIndex, type Rule } from '../rules/index.js';
import { resolveScope, type Scope } from '../model/scope.js';
import { computeReadiness, type ReadinessReport } from '../score/readiness.js';

/** A repository as the IO layer hands it over: its format files and a way to reach evidence files. */
export interface RepoInput {
  files: readonly SourceFile[];
  evidence: EvidenceFileAccess;
  /** Parse results remembered between runs (the IO layer opens it; pure callers leave it out). */
  parseCache?: ParseCache;
}

export interface CheckOptions {
  /** The date to check against (YYYY-MM-DD): expiries, overdue reviews. */
  today: string;
  /** Rules to run; all rules by default. */
  rules?: readonly Rule[];
}

export interface CheckSummary extends FindingSummary {
  failOn: 'error' | 'warning';
  /** false when a finding reaches gate.fail_on: CI must fail. */
  passed: boolean;
  controls: number;
  policies: number;
  vendors: number;
  evidenceRecords: number;
}

export interface CheckResult {
  findings: Finding[];
  summary: CheckSummary;
  model: RepoModel;
  scope: Scope;
}

/** Loads the repository once and runs every rule over it. */
export async function checkRepo(input: RepoInput, options: CheckOptions): Promise<CheckResult> {
  const model = loadRepoCached(input);
  const evidenceFiles = await collectEvidenceFacts(model.evidence, input.evidence);
  const scope = resolveScope(model.config?.data);
  const findings = runRules({ model, scope, evidenceFiles, today: options.today, rules: options.rules ?? defaultRules });
  return { findings, summary: summarizeCheck(model, findings), model, scope };
}

export interface RunRulesInput {
  model: RepoModel;
  scope: Scope;
  evidenceFiles: ReadonlyMap<string, EvidenceFileFacts>;
  today: string;
  rules: readonly Rule[];
  history?: HistoryContext;
}

/** Runs rules over a loaded model: pure and synchronous. Severities follow compliance.yaml `rules:`. */
export function runRules({ model, scope, evidenceFiles, today, rules, history }: RunRulesInput): Finding[] {
  const overrides = model.config?.data.rules ?? {};
  const index = buildIndex(model);
  let readiness: ReadinessReport | undefined;
  const getReadiness = () => (readiness ??= computeReadiness(model, scope, { today, evidenceFiles }));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const configured = overrides[rule.id];
    if (configured === 'off') continue;
    const severity: Severity = configured ?? rule.severity;
    rule.check({
      model,
      scope,
      index,
      evidenceFiles,
      today,
      readiness: getReadiness,
      ...(history ? { history } : {}),
      report({ at, message, hint }) {
        const location = resolveLocation(at);
        const finding: Finding = { ruleId: rule.id, severity, message, ...location, hint };
        const key = `${finding.ruleId}\0${finding.file}\0${finding.line}\0${finding.column}\0${finding.message}`;
        if (seen.has(key)) return;
        seen.add(key);
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

export function summarizeCheck(model: RepoModel, findings: readonly Finding[]): CheckSummary {
  const failOn = model.config?.data.gate?.fail_on ?? 'error';
  return {
    ...summarizeFindings(findings),
    failOn,
    passed: !findings.some((f) => reachesGate(f.severity, failOn)),
    controls: model.controls.length,
    policies: model.policies.length,
    vendors: model.vendors.length,
    evidenceRecords: model.evidence.length,
  };
}
