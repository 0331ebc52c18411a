import { applyCheckLimits, checkRepo, checkWithHistory, parseAcknowledged, readRepo, readRevisionPair, renderCheckResult, type CheckFormat, type CheckResult } from '@trustops/core/check';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { toolVersion } from '../version.js';
import { emit, resolvePathPrefix, resolveRepoDir, resolveToday, useColor } from './shared.js';

export interface CheckCommandOptions {
  repo?: string;
  format: CheckFormat;
  output?: string;
  today?: string;
  base?: string;
  acknowledge?: string;
  pathPrefix?: string;
  moreAt?: string;
  quiet?: boolean;
  maxWarnings?: string;
}

/** --max-warnings N: a whole number. */
function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings must be a whole number, got "${value}"`);
  return Number(value);
}

export async function runCheck(options: CheckCommandOptions, io: CliIo): Promise<number> {
  const today = resolveToday(options.today, io);
  const maxWarnings = parseMaxWarnings(options.maxWarnings);
  const dir = resolveRepoDir(options.repo, io);
  // Only the formats GitHub reads address the repository GitHub knows rather than the compliance folder.
  const forGithub = options.format === 'github' || options.format === 'sarif';
  const pathPrefix = forGithub ? await resolvePathPrefix(options.pathPrefix, dir) : '';
  let result: Pick<CheckResult, 'findings' | 'summary'>;
  let changedFiles: Set<string> | undefined;
  if (options.base === undefined) {
    result = await checkRepo(await readRepo(dir), { today });
  } else {
    // With a base revision the history rules run too; HEAD is the work tree, loaded once.
    const pair = await readRevisionPair(dir, { base: options.base });
    result = await checkWithHistory(pair, { today, acknowledged: parseAcknowledged(options.acknowledge ?? io.env.TRUSTOPS_ACKNOWLEDGE) });
    changedFiles = new Set(pair.changes.map((c) => c.path));
  }
  result = applyCheckLimits(result, { quiet: options.quiet === true, ...(maxWarnings !== undefined ? { maxWarnings } : {}) });
  const text = renderCheckResult(result, options.format, {
    color: useColor(io, options.output),
    toolVersion,
    pathPrefix,
    ...(changedFiles ? { changedFiles } : {}),
    ...(options.moreAt ? { moreAt: options.moreAt } : {}),
  });
  await emit(text, options.output, io);
  if (options.output !== undefined) {
    const s = result.summary;
    io.stderr(`trustops check: ${s.passed ? 'passed' : 'failed'}: ${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos (report: ${options.output})\n`);
  }
  return result.summary.passed ? EXIT.ok : EXIT.failed;
}
