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
  /** --max-warnings N: more warnings than this fail the check too. */
  maxWarnings?: number;
  /** --quiet: the report lists errors only (the counts stay those of every finding). */
  quiet?: boolean;
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

/**
 * ESLint's habits on a check result: `quiet` keeps only errors in the report, `maxWarnings` fails the check
 * when there are more warnings than that. The counts in the summary stay those of every finding.
 */
export function applyCheckLimits<T extends Pick<CheckResult, 'findings' | 'summary'>>(result: T, limits: { quiet?: boolean; maxWarnings?: number }): T {
  const tooMany = limits.maxWarnings !== undefined && result.summary.warnings > limits.maxWarnings;
  const summary: CheckSummary = {
    ...result.summary,
    passed: result.summary.passed && !tooMany,
    ...(limits.maxWarnings !== undefined ? { maxWarnings: limits.maxWarnings } : {}),
    ...(limits.quiet ? { quiet: true } : {}),
  };
  const findings = limits.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
  return { ...result, findings, summary };
}
