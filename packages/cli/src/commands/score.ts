import { computeReadiness, loadRepoCached, collectEvidenceFacts, readRepo, resolveScope, renderScoreJson, renderScoreMarkdown, renderScoreText, type FrameworkKey, type ReportType } from '@trustops/core';
import { EXIT, type CliIo } from '../io.js';
import { emit, resolveRepoDir, resolveToday } from './shared.js';

export interface ScoreCommandOptions {
  repo: string;
  framework?: FrameworkKey;
  type1?: boolean;
  type2?: boolean;
  format: 'text' | 'json' | 'markdown';
  output?: string;
  today?: string;
}

/** Loads the repository and computes readiness: shared by score, gaps and explain. */
export async function loadReadiness(options: { repo: string; today?: string; type1?: boolean; type2?: boolean }, io: CliIo) {
  const today = resolveToday(options.today, io);
  const repo = await readRepo(resolveRepoDir(options.repo, io));
  const model = loadRepoCached(repo);
  const scope = resolveScope(model.config?.data);
  const evidenceFiles = await collectEvidenceFacts(model.evidence, repo.evidence);
  const type: ReportType | undefined = options.type1 ? 'type1' : options.type2 ? 'type2' : undefined;
  const report = computeReadiness(model, scope, { today, evidenceFiles, ...(type ? { type } : {}) });
  return { model, scope, report };
}

export async function runScore(options: ScoreCommandOptions, io: CliIo): Promise<number> {
  const { report } = await loadReadiness(options, io);
  const text =
    options.format === 'json'
      ? renderScoreJson(report, options.framework)
      : options.format === 'markdown'
        ? renderScoreMarkdown(report, options.framework)
        : renderScoreText(report, options.framework);
  await emit(text, options.output, io);
  return EXIT.ok;
}
