import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { GitRepo, normalizePathPrefix, type ReportType } from '@trustops/core/check';
import { UsageError, type CliIo } from '../io.js';

// Apart so that `trustops catalog` finds its repository and writes its listing without loading core's check.
export { emit, findRepoRoot, resolveRepoDir } from './repo-dir.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date given on the command line (YYYY-MM-DD, a real day), or a usage error naming the option. */
export function parseDateOption(value: string, option: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${option} must be a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

/** START..END, two dates, START on or before END. */
export function parsePeriodOption(value: string, option: string): { start: string; end: string } {
  const m = /^(\S+)\.\.(\S+)$/.exec(value);
  if (!m) throw new UsageError(`${option} must be START..END (YYYY-MM-DD..YYYY-MM-DD), got "${value}"`);
  const start = parseDateOption(m[1]!, option);
  const end = parseDateOption(m[2]!, option);
  if (start > end) throw new UsageError(`${option} starts after it ends: ${value}`);
  return { start, end };
}

/** --today, else $TRUSTOPS_TODAY, else today's UTC date. */
export function resolveToday(option: string | undefined, io: CliIo): string {
  const value = option ?? io.env.TRUSTOPS_TODAY;
  if (value === undefined || value === '') return new Date().toISOString().slice(0, 10);
  return parseDateOption(value, '--today');
}

/** Colour only on a terminal, and never when NO_COLOR is set; FORCE_COLOR forces it. */
export function useColor(io: CliIo, output: string | undefined): boolean {
  if (output !== undefined) return false;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.isTty;
}

/** --type1 or --type2; neither: what compliance.yaml implies. */
export function resolveReportType(options: { type1?: boolean; type2?: boolean }): ReportType | undefined {
  if (options.type1 && options.type2) throw new UsageError('use --type1 or --type2, not both');
  return options.type1 ? 'type1' : options.type2 ? 'type2' : undefined;
}

/**
 * The compliance repository's folder inside the repository GitHub knows, for the paths of annotations and
 * SARIF: --path-prefix when given, else the folder of --repo in its git work tree (`git rev-parse
 * --show-prefix`), else none.
 */
export async function resolvePathPrefix(option: string | undefined, dir: string): Promise<string> {
  if (option !== undefined) {
    const prefix = normalizePathPrefix(option);
    if (prefix === undefined) throw new UsageError(`--path-prefix must be a relative folder inside the repository, got "${option}"`);
    return prefix;
  }
  const fromGit = await new GitRepo(dir).prefix().catch(() => '');
  return normalizePathPrefix(fromGit) ?? '';
}

/**
 * Where the JSON Schemas are, relative to the repository: @trustops/cli ships them, and it is the package a
 * user installs directly, so node_modules/@trustops/cli is there under npm, pnpm and yarn alike (pnpm links
 * only direct dependencies at the top of node_modules). Found from the repository up; by default beside it.
 */
export function findSchemaDir(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    const candidate = join(d, 'node_modules/@trustops/cli/schemas');
    if (existsSync(join(candidate, 'compliance.schema.json'))) return relative(dir, candidate).split('\\').join('/');
    if (dirname(d) === d) return 'node_modules/@trustops/cli/schemas';
  }
}

