import type { RepoModel } from '../load/load-repo.js';
import { reachesGate, summarizeFindings, type Finding, type FindingSummary } from './findings.js';
import type { Scope } from './scope.js';

export interface CheckSummary extends FindingSummary {
  failOn: 'error' | 'warning';
  /** false when a finding reaches gate.fail_on: CI must fail. */
  passed: boolean;
  controls: number;
  policies: number;
  vendors: number;
  evidenceRecords: number;
  /** Risks of the register (risks/). */
  risks: number;
}

export interface CheckResult {
  findings: Finding[];
  summary: CheckSummary;
  model: RepoModel;
  scope: Scope;
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
    risks: model.risks.length,
  };
}
