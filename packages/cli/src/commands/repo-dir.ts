import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { batchChunks, TrustopsError } from '@trustops/core/catalog';
import type { CliIo } from '../io.js';

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

/** Writes a report (whole, or in pieces) to --output (relative to the working directory; missing folders created) or to standard output. */
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
