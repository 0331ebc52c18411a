import { diffModels, type Changelog } from '../diff/diff-models.js';
import { loadRepoCached } from '../load/parse-cache.js';
import { preparePolicyParser } from '../load/parse-policy.js';
import type { RepoModel } from '../load/load-repo.js';
import type { EvidenceFileAccess, EvidenceFileFacts } from '../model/evidence-files.js';
import type { RevisionPair } from '../model/revisions.js';
import type { ReportType } from '../score/assess-controls.js';
import type { ReadinessReport } from '../score/readiness.js';
import { assessModel, type Assessment } from './assess.js';
import { collectEvidenceFacts } from './evidence-facts.js';

export interface LoadedRevision {
  label: string;
  commit?: string;
  model: RepoModel;
  readiness: ReadinessReport;
}

export interface LoadedPair {
  base: LoadedRevision;
  head: LoadedRevision;
  /** HEAD assessed (model, scope, evidence facts, readiness), for checking HEAD without loading it again. */
  headAssessment: Assessment;
  /** Evidence facts of HEAD, for checking HEAD without hashing again. */
  headFacts: Map<string, EvidenceFileFacts>;
  changelog: Changelog;
}

/**
 * Loads both revisions and compares them. HEAD is parsed once; BASE reuses HEAD's parse of every file
 * that did not change, so the cost follows the size of the change plus one load of HEAD.
 */
export async function computeChangelog(pair: RevisionPair, options: { today: string; type?: ReportType }): Promise<LoadedPair> {
  await preparePolicyParser([...pair.head.input.files, ...pair.base.input.files]);
  const headModel = loadRepoCached(pair.head.input);
  const changed = new Set(pair.changes.flatMap((c) => (c.oldPath ? [c.path, c.oldPath] : [c.path])));
  const reusable = new Map([...headModel.parsed].filter(([path]) => !changed.has(path)));
  const baseModel = loadRepoCached(pair.base.input, reusable);
  const headFacts = await collectEvidenceFacts(headModel.evidence, pair.head.input.evidence);
  // Evidence files that did not change have the same digest in BASE: hash each file once.
  const baseFacts = await collectEvidenceFacts(baseModel.evidence, reuseFacts(headFacts, changed, pair.base.input.evidence));
  const assessOptions = { today: options.today, ...(options.type ? { type: options.type } : {}) };
  const headAssessment = assessModel(headModel, headFacts, assessOptions);
  const baseAssessment = assessModel(baseModel, baseFacts, assessOptions);
  const revision = (side: RevisionPair['head'], a: Assessment): LoadedRevision => ({
    label: side.label,
    ...(side.commit ? { commit: side.commit } : {}),
    model: a.model,
    readiness: a.readiness,
  });
  const head = revision(pair.head, headAssessment);
  const base = revision(pair.base, baseAssessment);
  return { base, head, headAssessment, headFacts, changelog: diffModels({ base, head, changes: pair.changes }) };
}

/**
 * BASE's evidence access, answering from HEAD's facts for every file that did not change, and asking
 * BASE (in one batch when it can: a commit's blobs) only about the rest.
 */
function reuseFacts(headFacts: ReadonlyMap<string, EvidenceFileFacts>, changed: ReadonlySet<string>, base: EvidenceFileAccess): EvidenceFileAccess {
  const known = (path: string) => (changed.has(path) ? undefined : headFacts.get(path));
  return {
    inspect: async (path) => known(path) ?? base.inspect(path),
    async inspectMany(paths) {
      const rest = paths.filter((path) => known(path) === undefined);
      const asked = base.inspectMany ? await base.inspectMany(rest) : new Map(await Promise.all(rest.map(async (path) => [path, await base.inspect(path)] as const)));
      return new Map(paths.map((path) => [path, known(path) ?? asked.get(path)!]));
    },
  };
}
