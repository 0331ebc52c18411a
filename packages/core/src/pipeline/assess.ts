import { loadRepoCached } from '../load/parse-cache.js';
import { preparePolicyParser } from '../load/parse-policy.js';
import type { ParsedYamlFile, RepoModel } from '../load/load-repo.js';
import type { EvidenceFileFacts } from '../model/evidence-files.js';
import type { RepoInput } from '../model/repo-input.js';
import { resolveScope, type Scope } from '../model/scope.js';
import type { ReportType } from '../score/assess-controls.js';
import { computeReadiness, type ReadinessReport } from '../score/readiness.js';
import { collectEvidenceFacts } from './evidence-facts.js';

/** What every command starts from: the loaded model, its scope, the facts about evidence files, readiness. */
export interface Assessment {
  model: RepoModel;
  scope: Scope;
  evidenceFiles: Map<string, EvidenceFileFacts>;
  readiness: ReadinessReport;
}

export interface AssessOptions {
  /** The date to assess as of (YYYY-MM-DD). */
  today: string;
  /** Type I or Type II; by default what compliance.yaml implies. */
  type?: ReportType;
}

/**
 * The pipeline every command shares: load (through the parse cache when the input has one), scope,
 * evidence facts, readiness. Findings come after, from this readiness (pipeline/check.ts).
 */
export async function assess(input: RepoInput, options: AssessOptions, reuse?: ReadonlyMap<string, ParsedYamlFile>): Promise<Assessment> {
  await preparePolicyParser(input.files);
  const model = loadRepoCached(input, reuse);
  const evidenceFiles = await collectEvidenceFacts(model.evidence, input.evidence);
  return assessModel(model, evidenceFiles, options);
}

/** The pure half of `assess`, for a model whose evidence facts are already known. */
export function assessModel(model: RepoModel, evidenceFiles: Map<string, EvidenceFileFacts>, options: AssessOptions): Assessment {
  const scope = resolveScope(model.config?.data);
  const readiness = computeReadiness(model, scope, { today: options.today, evidenceFiles, ...(options.type ? { type: options.type } : {}) });
  return { model, scope, evidenceFiles, readiness };
}
