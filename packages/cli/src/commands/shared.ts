import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { batchChunks, GitRepo, normalizePathPrefix, TrustopsError, type ReportType } from '@trustops/core/check';
import { UsageError, type CliIo } from '../io.js';

/**
 * The repository folder: --repo, relative to the caller's working directory; without it, the nearest folder
 * from the working directory up that holds compliance.yaml (as ESLint finds its config), else the working
 * directory itself (where check then reports config/missing).
 */
export function resolveRepoDir(repo: string | undefined, io: CliIo): string {
  if (repo !== undefined) return resolve(io.cwd, repo);
  return findRepoRoot(io.cwd) ?? resolve(io.cwd);
}

/** The nearest folder from `start` up with a compliance.yaml (or .yml), or undefined. */
export function findRepoRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'compliance.yaml')) || existsSync(join(dir, 'compliance.yml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

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

/** Writes a report to --output (relative to the working directory; missing folders created) or to standard output. */
export async function emit(text: string | Iterable<string>, output: string | undefined, io: CliIo): Promise<void> {
  if (output === undefined) {
    if (typeof text === 'string') io.stdout(text);
    else for (const piece of batchChunks(text)) io.stdout(piece);
    return;
  }
  const file = resolve(io.cwd, output);
  try {
    // Like ESLint's --output-file: the folders on the way are created.
    await mkdir(dirname(file), { recursive: true });
    // A report in pieces is written in pieces: writeFile takes an iterable of strings.
    await writeFile(file, typeof text === 'string' ? text : batchChunks(text), 'utf8');
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

