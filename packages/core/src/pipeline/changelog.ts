import { collectEvidenceFacts, type EvidenceFileFacts } from '../model/evidence-files.js';
import type { RevisionPair } from '../io/git/read-revisions.js';
import type { RepoModel } from '../load/load-repo.js';
import { loadRepoCached } from '../io/parse-cache-store.js';
import type { ReportType } from '../score/assess-controls.js';
import { computeReadiness, type ReadinessReport } from '../score/readiness.js';
import { resolveScope } from '../model/scope.js';
import { diffModels, type Changelog } from '../diff/diff-models.js';

export interface LoadedRevision {
  label: string;
  commit?: string;
  model: RepoModel;
  readiness: ReadinessReport;
}

export interface LoadedPair {
  base: LoadedRevision;
  head: LoadedRevision;
  /** Evidence facts of HEAD, for checking HEAD without hashing again. */
  headFacts: Map<string, EvidenceFileFacts>;
  changelog: Changelog;
}

/**
 * Loads both revisions and compares them. HEAD is parsed once; BASE reuses HEAD's parse of every file
 * that did not change, so the cost follows the size of the change plus one load of HEAD.
 */
export async function computeChangelog(pair: RevisionPair, options: { today: string; type?: ReportType }): Promise<LoadedPair> {
  const headModel = loadRepoCached(pair.head.input);
  const changed = new Set(pair.changes.flatMap((c) => (c.oldPath ? [c.path, c.oldPath] : [c.path])));
  const reusable = new Map([...headModel.parsed].filter(([path]) => !changed.has(path)));
  const baseModel = loadRepoCached(pair.base.input, reusable);
  const headFacts = await collectEvidenceFacts(headModel.evidence, pair.head.input.evidence);
  // Evidence files that did not change have the same digest in BASE: hash each file once.
  const baseFacts = await collectEvidenceFacts(baseModel.evidence, {
    inspect: async (path) => (!changed.has(path) && headFacts.get(path)) || pair.base.input.evidence.inspect(path),
  });
  const score = (model: RepoModel, evidenceFiles: Map<string, EvidenceFileFacts>) =>
    computeReadiness(model, resolveScope(model.config?.data), { today: options.today, evidenceFiles, ...(options.type ? { type: options.type } : {}) });
  const head: LoadedRevision = { label: pair.head.label, ...(pair.head.commit ? { commit: pair.head.commit } : {}), model: headModel, readiness: score(headModel, headFacts) };
  const base: LoadedRevision = { label: pair.base.label, ...(pair.base.commit ? { commit: pair.base.commit } : {}), model: baseModel, readiness: score(baseModel, baseFacts) };
  return { base, head, headFacts, changelog: diffModels({ base, head, changes: pair.changes }) };
}
