import type { RepoInput } from '../model/repo-input.js';
import { factsOfBytes, resolveEvidencePath, type EvidenceFileAccess } from '../model/evidence-files.js';
import { classifyPath, decodeSourceFile } from '../load/source-files.js';

/** File contents by repo path; `null` removes a file of the base repository. */
export type FileOverrides = Readonly<Record<string, string | Uint8Array | null>>;

export function mergeFiles(base: Readonly<Record<string, string>>, overrides: FileOverrides = {}): Map<string, string | Uint8Array> {
  const merged = new Map<string, string | Uint8Array>(Object.entries(base));
  for (const [path, content] of Object.entries(overrides)) {
    if (content === null) merged.delete(path);
    else merged.set(path, content);
  }
  return merged;
}

/** A repository held in memory: the same RepoInput the disk reader produces, for pure tests of the core. */
export function createInMemoryRepo(files: ReadonlyMap<string, string | Uint8Array>): RepoInput {
  const sources = [...files]
    .filter(([path]) => classifyPath(path))
    .map(([path, content]) => decodeSourceFile(path, typeof content === 'string' ? new TextEncoder().encode(content) : content));
  const evidence: EvidenceFileAccess = {
    async inspect(repoPath) {
      const content = files.get(repoPath);
      if (content !== undefined) return factsOfBytes(repoPath, typeof content === 'string' ? new TextEncoder().encode(content) : content);
      const isDir = [...files.keys()].some((p) => p.startsWith(`${repoPath}/`));
      return isDir ? { kind: 'not-a-file' } : { kind: 'missing' };
    },
  };
  return { files: sources, evidence };
}

export { resolveEvidencePath };
