import { checkRepo, formatCheckResult, readRepo, type CheckFormat } from '@trustops/core';
import { EXIT, type CliIo } from '../io.js';
import { toolVersion } from '../version.js';
import { emit, resolveRepoDir, resolveToday, useColor } from './shared.js';

export interface CheckCommandOptions {
  repo: string;
  format: CheckFormat;
  output?: string;
  today?: string;
}

export async function runCheck(options: CheckCommandOptions, io: CliIo): Promise<number> {
  const today = resolveToday(options.today, io);
  const repo = await readRepo(resolveRepoDir(options.repo, io));
  const result = await checkRepo(repo, { today });
  const text = formatCheckResult(result, options.format, { color: useColor(io, options.output), toolVersion });
  await emit(text, options.output, io);
  if (options.output !== undefined) {
    const s = result.summary;
    io.stderr(`trustops check: ${s.passed ? 'passed' : 'failed'}: ${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos (report: ${options.output})\n`);
  }
  return result.summary.passed ? EXIT.ok : EXIT.failed;
}
