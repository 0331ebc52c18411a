import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { RepoInput } from './check.js';
import { TrustopsError } from './errors.js';
import type { EvidenceFileAccess, EvidenceFileFacts } from './evidence-files.js';
import { classifyPath, decodeSourceFile, type SourceFile } from './load/source-files.js';

const READ_CONCURRENCY = 32;

/**
 * The IO layer for a work tree: lists and reads the files of the format under `dir` (never following
 * links out of it) and gives lazy access to evidence files, hashed only when a record points at them.
 */
export async function readRepo(dir: string): Promise<RepoInput & { root: string }> {
  let root: string;
  try {
    root = await realpath(dir);
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
  } catch (cause) {
    throw new TrustopsError('REPO_NOT_FOUND', `repository folder not found: ${dir}`, { cause });
  }
  const paths = await listFormatFiles(root);
  const files: SourceFile[] = new Array(paths.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(READ_CONCURRENCY, paths.length) }, async () => {
      for (let i = next++; i < paths.length; i = next++) {
        const path = paths[i]!;
        try {
          files[i] = decodeSourceFile(path, await readFile(join(root, path)));
        } catch (cause) {
          throw new TrustopsError('READ_FAILED', `cannot read ${path}: ${(cause as Error).message}`, { cause });
        }
      }
    }),
  );
  return { root, files, evidence: createDiskEvidenceAccess(root) };
}

/** Repo-relative paths of the files the format reads, found by walking only the format's folders. */
async function listFormatFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of ['compliance.yaml', 'compliance.yml']) {
    if ((await lstat(join(root, name)).catch(() => undefined))?.isFile()) out.push(name);
  }
  const walk = async (rel: string, depth: number, maxDepth: number): Promise<void> => {
    const entries = await readdir(join(root, rel), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = `${rel}/${entry.name}`;
      // Links are not followed: a format file that is a link could point anywhere on the machine.
      if (entry.isDirectory() && depth < maxDepth && !entry.name.startsWith('.')) await walk(path, depth + 1, maxDepth);
      else if (entry.isFile() && classifyPath(path)) out.push(path);
    }
  };
  await walk('controls', 1, 16);
  await walk('policies', 1, 16);
  // Records sit directly in evidence/<control>/; deeper folders hold artefacts, read only when referenced.
  await walk('evidence', 1, 2);
  return out;
}

function createDiskEvidenceAccess(root: string): EvidenceFileAccess {
  const evidenceRoot = join(root, 'evidence');
  let evidenceReal: Promise<string> | undefined;
  return {
    async inspect(repoPath): Promise<EvidenceFileFacts> {
      const absolute = join(root, ...repoPath.split('/'));
      const info = await lstat(absolute).catch(() => undefined);
      if (!info) return { kind: 'missing' };
      evidenceReal ??= realpath(evidenceRoot).catch(() => evidenceRoot);
      const real = await realpath(absolute).catch(() => undefined);
      if (!real) return { kind: 'missing' };
      const base = await evidenceReal;
      if (real !== base && !real.startsWith(base + sep)) {
        return { kind: 'outside', reason: `it is a link to ${relative(root, real).startsWith('..') ? 'a file outside the repository' : 'a file outside evidence/'}` };
      }
      if (!(await stat(real)).isFile()) return { kind: 'not-a-file' };
      return { kind: 'file', sha256: await hashFile(real) };
    },
  };
}

/** Streams the file through SHA-256 so large evidence never sits in memory whole. */
export function hashFile(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}
