import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { GitRepo, normalizePathPrefix, TrustopsError, type ReportType } from '@trustops/core';
import { UsageError, type CliIo } from '../io.js';

/** The repository folder, relative to the caller's working directory. */
export function resolveRepoDir(repo: string, io: CliIo): string {
  return resolve(io.cwd, repo);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** --today, else $TRUSTOPS_TODAY, else today's UTC date. */
export function resolveToday(option: string | undefined, io: CliIo): string {
  const value = option ?? io.env.TRUSTOPS_TODAY;
  if (value === undefined || value === '') return new Date().toISOString().slice(0, 10);
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--today must be a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

/** Writes a report to --output (relative to the working directory) or to standard output. */
export async function emit(text: string, output: string | undefined, io: CliIo): Promise<void> {
  if (output === undefined) {
    io.stdout(text);
    return;
  }
  try {
    await writeFile(resolve(io.cwd, output), text, 'utf8');
  } catch (cause) {
    throw new TrustopsError('WRITE_FAILED', `cannot write ${output}: ${(cause as Error).message}`, { cause });
  }
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
