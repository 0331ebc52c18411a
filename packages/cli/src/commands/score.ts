import { assess, readRepo, requireConfig, renderScoreJsonChunks, renderScoreMarkdown, renderScoreText, type Assessment, type FrameworkKey } from '@trustops/core';
import { EXIT, type CliIo } from '../io.js';
import { emit, resolveReportType, resolveRepoDir, resolveToday } from './shared.js';

export interface ScoreCommandOptions {
  repo?: string;
  framework?: FrameworkKey;
  type1?: boolean;
  type2?: boolean;
  format: 'text' | 'json' | 'markdown';
  output?: string;
  today?: string;
}

/** The repository assessed as the options say (date, Type I or II): shared by score, gaps and explain. */
export async function assessRepo(options: { repo?: string; today?: string; type1?: boolean; type2?: boolean }, io: CliIo): Promise<Assessment> {
  const today = resolveToday(options.today, io);
  const type = resolveReportType(options);
  const dir = resolveRepoDir(options.repo, io);
  const assessment = await assess(await readRepo(dir), { today, ...(type ? { type } : {}) });
  requireConfig(assessment.model.files, dir);
  return assessment;
}

export async function runScore(options: ScoreCommandOptions, io: CliIo): Promise<number> {
  const { readiness } = await assessRepo(options, io);
  const render = { json: renderScoreJsonChunks, markdown: renderScoreMarkdown, text: renderScoreText }[options.format];
  await emit(render(readiness, options.framework), options.output, io);
  return EXIT.ok;
}
