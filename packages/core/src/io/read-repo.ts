import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { RepoInput } from '../model/repo-input.js';
import { TrustopsError } from '../model/errors.js';
import type { EvidenceFileAccess, EvidenceFileFacts } from '../model/evidence-files.js';
import { classifyPath, decodeSourceFile } from '../load/source-files.js';
import { openParseCache } from './parse-cache-store.js';

/**
 * The IO layer for a work tree: lists and reads the files of the format under `dir` (never following
 * links out of it) and gives lazy access to evidence files, hashed only when a record points at them.
 *
 * Reads are synchronous on purpose: the files are many and small, and libuv's thread pool makes each
 * asynchronous read four round trips; one synchronous read is several times faster here, and the CLI has
 * nothing else to do meanwhile.
 */
export async function readRepo(dir: string, options: { cache?: boolean } = {}): Promise<RepoInput & { root: string }> {
  let root: string;
  try {
    root = realpathSync(dir);
    if (!statSync(root).isDirectory()) throw new Error('not a directory');
  } catch (cause) {
    throw new TrustopsError('REPO_NOT_FOUND', `repository folder not found: ${dir}`, { cause });
  }
  const files = listFormatFiles(root).map((path) => {
    try {
      return decodeSourceFile(path, readFileSync(join(root, path)));
    } catch (cause) {
      throw new TrustopsError('READ_FAILED', `cannot read ${path}: ${(cause as Error).message}`, { cause });
    }
  });
  const parseCache = options.cache === false ? undefined : openParseCache(root, options.cache ? {} : process.env);
  return { root, files, evidence: createDiskEvidenceAccess(root), ...(parseCache ? { parseCache } : {}) };
}

/** Repo-relative paths of the files the format reads, found by walking only the format's folders. */
function listFormatFiles(root: string): string[] {
  const out: string[] = [];
  for (const name of ['compliance.yaml', 'compliance.yml']) {
    if (lstatOrUndefined(join(root, name))?.isFile()) out.push(name);
  }
  const walk = (rel: string, depth: number, maxDepth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch (cause) {
      // A folder the format does not require may be absent; anything else (permissions, I/O) is an error:
      // skipping it would check part of the program and call it passed.
      const code = (cause as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      throw new TrustopsError('READ_FAILED', `cannot read the folder ${rel}: ${(cause as Error).message}`, { cause });
    }
    for (const entry of entries) {
      const path = `${rel}/${entry.name}`;
      // Links are not followed: a format file that is a link could point anywhere on the machine.
      if (entry.isDirectory() && depth < maxDepth && !entry.name.startsWith('.')) walk(path, depth + 1, maxDepth);
      else if (entry.isFile() && classifyPath(path)) out.push(path);
    }
  };
  walk('controls', 1, 16);
  walk('policies', 1, 16);
  walk('risks', 1, 16);
  // Records sit directly in evidence/<control>/; deeper folders hold artefacts, read only when referenced.
  walk('evidence', 1, 2);
  return out;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

// Files above this size are streamed through the hash instead of read whole.
const STREAM_THRESHOLD = 8 * 1024 * 1024;

function createDiskEvidenceAccess(root: string): EvidenceFileAccess {
  let evidenceReal: string | undefined;
  // The real path of each folder, resolved once: a linked folder may lead out of evidence/.
  const folders = new Map<string, string | undefined>();
  const realFolder = (folder: string) => {
    if (!folders.has(folder)) {
      try {
        folders.set(folder, realpathSync(folder));
      } catch {
        folders.set(folder, undefined);
      }
    }
    return folders.get(folder);
  };
  return {
    async inspect(repoPath): Promise<EvidenceFileFacts> {
      evidenceReal ??= realFolder(join(root, 'evidence')) ?? join(root, 'evidence');
      const absolute = join(root, ...repoPath.split('/'));
      const info = lstatOrUndefined(absolute);
      if (!info) return { kind: 'missing' };
      const folder = realFolder(dirname(absolute));
      let real = folder === undefined ? undefined : join(folder, basename(absolute));
      if (info.isSymbolicLink()) {
        try {
          real = realpathSync(absolute);
        } catch {
          return { kind: 'missing' };
        }
      }
      if (!real) return { kind: 'missing' };
      if (real !== evidenceReal && !real.startsWith(evidenceReal + sep)) {
        return {
          kind: 'outside',
          reason: `it is a link to ${relative(root, real).startsWith('..') ? 'a file outside the repository' : 'a file outside evidence/'}`,
        };
      }
      const target = info.isSymbolicLink() ? statSync(real) : info;
      if (!target.isFile()) return { kind: 'not-a-file' };
      const sha256 =
        target.size > STREAM_THRESHOLD ? await hashFile(real) : createHash('sha256').update(readFileSync(real)).digest('hex');
      return { kind: 'file', sha256 };
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
