import { createHash } from 'node:crypto';
import { closeSync, constants as fsConstants, createReadStream, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { RepoInput } from '../model/repo-input.js';
import { TrustopsError } from '../model/errors.js';
import { factsOfBytes, type EvidenceFileAccess, type EvidenceFileFacts } from '../model/evidence-files.js';
import { READ_CEILING } from '../load/limits.js';
import { classifyPath, decodeSourceFile, FORMAT_FOLDERS, isPacketOutput, mayHoldFormatFiles, type LinkProblem, type SourceFile } from '../load/source-files.js';
import { SecretStreamScanner } from '../secrets/scan-stream.js';
import { openParseCache } from './parse-cache-store.js';
import { ReadBuffer } from './read-buffer.js';

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
  const realEvidenceFolders = new Set<string>();
  const files = listFormatFiles(root, realEvidenceFolders);
  const parseCache = options.cache === false ? undefined : openParseCache(root, options.cache ? {} : process.env);
  return { root, files, evidence: createDiskEvidenceAccess(root, realEvidenceFolders), ...(parseCache ? { parseCache } : {}) };
}

// One buffer for every read (see ReadBuffer).
const scratch = new ReadBuffer(256 * 1024);

/** One file of the format, read whole unless it is over the read ceiling (then only its size is known). */
function readSourceFile(path: string, from: string): SourceFile {
  let fd: number | undefined;
  try {
    fd = openSync(from, 'r');
    const size = fstatSync(fd).size;
    if (size > READ_CEILING) return { path, text: '', size };
    return decodeSourceFile(path, scratch.readOpen(fd, size));
  } catch (cause) {
    throw new TrustopsError('READ_FAILED', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The files the format reads, found by walking only the format's folders and read as they are found (a
 * list of paths to read afterwards outlived two young-generation collections at 100,000 records, and was
 * then garbage the old generation carried to the end of the run).
 * A link is followed when its target is inside the repository (a loop is caught by the real paths seen);
 * a link that leads out, is broken or loops comes back as a SourceFile with `link` set. The folders of
 * evidence/ reached through no link go to `realEvidenceFolders`: a file in one that is no link itself is
 * inside evidence/, so the artefacts records point at are read there without resolving real paths.
 */
function listFormatFiles(root: string, realEvidenceFolders: Set<string>): SourceFile[] {
  const out: SourceFile[] = [];
  const inside = (real: string) => real === root || real.startsWith(root + sep);
  // A link to a folder that holds it (its own folder or a parent) would be walked forever: a loop. Real
  // paths are looked up only here, for links, not for every folder walked.
  const holds = (realTarget: string, folder: string) => {
    const here = realpathSync.native(folder);
    return here === realTarget || here.startsWith(realTarget + sep);
  };
  /** Follows a link: its real target, or why it is not followed. */
  const follow = (absolute: string): { real: string; stats: Stats } | LinkProblem => {
    const target = readLinkOrEmpty(absolute);
    try {
      const real = realpathSync(absolute);
      if (!inside(real)) return { problem: 'outside', target };
      return { real, stats: statSync(real) };
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      return { problem: code === 'ELOOP' ? 'loop' : code === 'ENOENT' && isAbsolute(target) && !inside(resolve(target)) ? 'outside' : 'broken', target };
    }
  };
  for (const name of ['compliance.yaml', 'compliance.yml']) {
    const info = lstatOrUndefined(join(root, name));
    if (info?.isFile()) out.push(readSourceFile(name, join(root, name)));
    else if (info?.isSymbolicLink()) {
      const followed = follow(join(root, name));
      if ('problem' in followed) out.push({ path: name, text: '', link: followed });
      else if (followed.stats.isFile()) out.push(readSourceFile(name, followed.real));
    }
  }
  const walk = (rel: string, absolute: string, depth: number, maxDepth: number, viaLink: boolean): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch (cause) {
      // A folder the format does not require may be absent; anything else (permissions, I/O) is an error:
      // skipping it would check part of the program and call it passed.
      const code = (cause as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      throw new TrustopsError('READ_FAILED', `cannot read the folder ${rel}: ${(cause as Error).message}`, { cause });
    }
    if (!viaLink && rel.startsWith('evidence/')) realEvidenceFolders.add(rel);
    for (const entry of entries) {
      const path = `${rel}/${entry.name}`;
      if (isPacketOutput(path)) continue;
      if (entry.isDirectory() && depth < maxDepth && !entry.name.startsWith('.')) walk(path, join(absolute, entry.name), depth + 1, maxDepth, viaLink);
      else if (entry.isFile() && classifyPath(path)) out.push(readSourceFile(path, join(absolute, entry.name)));
      else if (entry.isSymbolicLink() && mayHoldFormatFiles(path)) {
        const from = join(absolute, entry.name);
        const followed = follow(from);
        if ('problem' in followed) out.push({ path, text: '', link: followed });
        else if (followed.stats.isDirectory() && holds(followed.real, absolute)) out.push({ path, text: '', link: { problem: 'loop', target: readLinkOrEmpty(from) } });
        else if (followed.stats.isDirectory() && depth < maxDepth) walk(path, from, depth + 1, maxDepth, true);
        else if (followed.stats.isFile() && classifyPath(path)) out.push(readSourceFile(path, followed.real));
      }
    }
  };
  for (const folder of FORMAT_FOLDERS) {
    // Records sit directly in evidence/<control>/; deeper folders hold artefacts, read only when referenced.
    // A linked evidence/ is walked as a link: its artefacts are checked one by one.
    walk(folder, join(root, folder), 1, folder === 'evidence' ? 2 : 16, lstatOrUndefined(join(root, folder))?.isSymbolicLink() ?? false);
  }
  return out;
}

function readLinkOrEmpty(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
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

function createDiskEvidenceAccess(root: string, realEvidenceFolders: ReadonlySet<string>): EvidenceFileAccess {
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
  const access: EvidenceFileAccess = {
    async inspect(repoPath): Promise<EvidenceFileFacts> {
      // In a folder of evidence/ the walk reached through no link: opened without following a link, it is a
      // regular file inside evidence/ or not one for this quick way (then the careful way below answers).
      // No lstat, no realpath; and only the folders are remembered, not 100,000 file paths.
      if (OPEN_NO_LINK !== undefined && realEvidenceFolders.has(repoPath.slice(0, repoPath.lastIndexOf('/')))) {
        const facts = factsOfUnlinkedFile(join(root, ...repoPath.split('/')), repoPath);
        if (facts !== undefined) return facts;
      }
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
      if (target.size <= STREAM_THRESHOLD) return factsOfBytes(repoPath, readFileSync(real));
      return hashAndScanFile(real, repoPath);
    },
  };
  return access;
}

// Open flags that refuse a link as the last part of the path (ELOOP) and never wait on a FIFO; undefined
// where the platform has no O_NOFOLLOW (Windows), which always takes the careful way.
const OPEN_NO_LINK = fsConstants.O_NOFOLLOW === undefined ? undefined : fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | (fsConstants.O_NONBLOCK ?? 0);

/**
 * A file in a real folder of evidence/, read whole (one open, one fstat) or streamed when large; `missing`
 * when it is not there; undefined when it is a link or not a regular file, for the careful way to judge.
 */
function factsOfUnlinkedFile(absolute: string, repoPath: string): EvidenceFileFacts | Promise<EvidenceFileFacts> | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, OPEN_NO_LINK!);
    const info = fstatSync(fd);
    if (!info.isFile()) return undefined;
    if (info.size > STREAM_THRESHOLD) return hashAndScanFile(absolute, repoPath);
    return factsOfBytes(repoPath, scratch.readOpen(fd, info.size));
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'ENOENT' ? { kind: 'missing' } : undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
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

/** A large evidence file streamed once: its digest, and credentials found piece by piece (text files only). */
function hashAndScanFile(path: string, repoPath: string): Promise<EvidenceFileFacts> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    const scanner = new SecretStreamScanner(repoPath);
    const decoder = new TextDecoder('utf-8');
    let text: boolean | undefined;
    createReadStream(path, { highWaterMark: 1024 * 1024 })
      .on('error', reject)
      .on('data', (chunk) => {
        const bytes = chunk as Buffer;
        hash.update(bytes);
        text ??= !bytes.subarray(0, 8192).includes(0);
        if (text) scanner.push(decoder.decode(bytes, { stream: true }));
      })
      .on('end', () => {
        const secrets = scanner.matches();
        resolvePromise({ kind: 'file', sha256: hash.digest('hex'), ...(secrets.length ? { secrets } : {}) });
      });
  });
}
