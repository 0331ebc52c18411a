import type { RepoInput } from '../model/repo-input.js';
import { factsOfBytes, resolveEvidencePath, type EvidenceFileAccess } from '../model/evidence-files.js';
import { posix } from 'node:path';
import { classifyPath, decodeSourceFile, mayHoldFormatFiles, type SourceFile } from '../load/source-files.js';

/** A symbolic link, as the disk reader meets it: its target as written (relative to the link's folder). */
export interface Symlink {
  symlink: string;
}

export type FileContent = string | Uint8Array | Symlink;

/** File contents by repo path; `null` removes a file of the base repository. */
export type FileOverrides = Readonly<Record<string, FileContent | null>>;

export function mergeFiles(base: Readonly<Record<string, string>>, overrides: FileOverrides = {}): Map<string, FileContent> {
  const merged = new Map<string, FileContent>(Object.entries(base));
  for (const [path, content] of Object.entries(overrides)) {
    if (content === null) merged.delete(path);
    else merged.set(path, content);
  }
  return merged;
}

/** A repository held in memory: the same RepoInput the disk reader produces, for pure tests of the core. */
export function createInMemoryRepo(files: ReadonlyMap<string, FileContent>): RepoInput {
  const bytesOf = (content: string | Uint8Array) => (typeof content === 'string' ? new TextEncoder().encode(content) : content);
  const sources: SourceFile[] = [];
  for (const [path, content] of files) {
    if (typeof content === 'object' && 'symlink' in content) {
      if (!mayHoldFormatFiles(path)) continue;
      const followed = follow(files, path);
      if ('problem' in followed) sources.push({ path, text: '', link: { problem: followed.problem, target: content.symlink } });
      else if (classifyPath(path)) sources.push(decodeSourceFile(path, bytesOf(followed.content)));
    } else if (classifyPath(path)) sources.push(decodeSourceFile(path, bytesOf(content)));
  }
  const evidence: EvidenceFileAccess = {
    async inspect(repoPath) {
      const content = files.get(repoPath);
      if (content !== undefined && typeof content === 'object' && 'symlink' in content) return { kind: 'outside', reason: 'it is a symbolic link, which is never followed' };
      if (content !== undefined) return factsOfBytes(repoPath, bytesOf(content));
      const isDir = [...files.keys()].some((p) => p.startsWith(`${repoPath}/`));
      return isDir ? { kind: 'not-a-file' } : { kind: 'missing' };
    },
  };
  return { files: sources, evidence };
}

/** Where a link leads, as the disk reader follows it: inside the repository only, loops and dead ends refused. */
function follow(files: ReadonlyMap<string, FileContent>, path: string): { content: string | Uint8Array } | { problem: 'outside' | 'broken' | 'loop' } {
  const seen = new Set([path]);
  for (let at = path; ; ) {
    const content = files.get(at);
    if (content === undefined) return { problem: 'broken' };
    if (typeof content === 'string' || content instanceof Uint8Array) return { content };
    const next = posix.normalize(posix.join(posix.dirname(at), content.symlink));
    if (content.symlink.startsWith('/') || next.startsWith('../')) return { problem: 'outside' };
    if (seen.has(next)) return { problem: 'loop' };
    seen.add(next);
    at = next;
  }
}

export { resolveEvidencePath };
