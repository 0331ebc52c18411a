import { posix } from 'node:path';
import { decodeSourceFile, mayHoldFormatFiles, classifyPath, type LinkProblem, type SourceFile } from '../../load/source-files.js';
import { READ_CEILING } from '../../load/limits.js';
import type { GitRepo, TreeEntry } from './git-repo.js';

/** Links followed one after another before trustops calls it a loop. */
const MAX_HOPS = 16;

export interface TreePaths {
  toGitPath: (repoPath: string) => string;
  toRepoPath: (gitPath: string) => string | undefined;
}

/**
 * The files of the format among `entries` (repo path -> tree entry) at a revision, read by blob id in one
 * batch. A link is followed when it leads to a file or folder inside the repository (its content then
 * appears at the link's path, as on disk); one that leads out, is broken or loops comes back as a
 * SourceFile with `link` set, so that file/symlink reports it. A blob over the read ceiling is not read.
 */
export async function readTreeFiles(git: GitRepo, rev: string, entries: ReadonlyMap<string, TreeEntry>, paths: TreePaths): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  const toRead: [string, TreeEntry][] = [];
  const links: [string, TreeEntry][] = [];
  for (const [path, entry] of entries) {
    if (entry.mode === '120000') {
      if (mayHoldFormatFiles(path)) links.push([path, entry]);
    } else if (classifyPath(path)) toRead.push([path, entry]);
  }
  for (const [path, result] of await resolveLinks(git, rev, entries, links, paths)) {
    if ('problem' in result) files.push({ path, text: '', link: result });
    else for (const [at, entry] of result) if (classifyPath(at)) toRead.push([at, entry]);
  }
  const small = toRead.filter(([, e]) => e.size <= READ_CEILING);
  const blobs = await git.readObjects(small.map(([p, e]) => [paths.toGitPath(p), e.oid] as const), rev);
  for (const [path, entry] of toRead) {
    const blob = entry.size <= READ_CEILING ? blobs.get(paths.toGitPath(path)) : undefined;
    files.push(blob ? decodeSourceFile(path, blob) : { path, text: '', size: entry.size });
  }
  return files;
}

type Resolved = LinkProblem | [string, TreeEntry][];

/** Where each link leads: the files it stands for (at paths under the link), or why it is not followed. */
async function resolveLinks(
  git: GitRepo,
  rev: string,
  entries: ReadonlyMap<string, TreeEntry>,
  links: readonly [string, TreeEntry][],
  paths: TreePaths,
): Promise<Map<string, Resolved>> {
  const out = new Map<string, Resolved>();
  if (links.length === 0) return out;
  const targets = await git.readObjects(links.map(([p, e]) => [paths.toGitPath(p), e.oid] as const), rev);
  const lookup = async (repoPath: string): Promise<TreeEntry[]> => {
    const exact = entries.get(repoPath);
    if (exact) return [{ ...exact, path: repoPath }];
    const listed = await git.listFiles(rev, [paths.toGitPath(repoPath)]);
    return listed.flatMap((e) => {
      const p = paths.toRepoPath(e.path);
      return p === undefined ? [] : [{ ...e, path: p }];
    });
  };
  for (const [linkPath] of links) {
    let target = targets.get(paths.toGitPath(linkPath))?.toString('utf8') ?? '';
    const written = target;
    let from = linkPath;
    const seen = new Set<string>([linkPath]);
    let result: Resolved | undefined;
    for (let hop = 0; hop < MAX_HOPS && !result; hop++) {
      const resolved = posix.normalize(posix.join(posix.dirname(from), target));
      if (target.startsWith('/') || resolved === '..' || resolved.startsWith('../')) {
        result = { problem: 'outside', target: written };
        break;
      }
      if (seen.has(resolved)) {
        result = { problem: 'loop', target: written };
        break;
      }
      seen.add(resolved);
      const found = await lookup(resolved);
      const only = found.length === 1 && found[0]!.path === resolved ? found[0]! : undefined;
      if (found.length === 0) result = { problem: 'broken', target: written };
      else if (only && only.mode === '120000') {
        target = (await git.readObjects([[paths.toGitPath(resolved), only.oid]], rev)).get(paths.toGitPath(resolved))?.toString('utf8') ?? '';
        from = resolved;
      } else if (only) result = [[linkPath, only]];
      else {
        // A folder: its files appear under the link's path. Links inside it are not followed again.
        result = found.filter((e) => e.mode !== '120000').map((e) => [`${linkPath}${e.path.slice(resolved.length)}`, e] as [string, TreeEntry]);
      }
    }
    out.set(linkPath, result ?? { problem: 'loop', target: written });
  }
  return out;
}
