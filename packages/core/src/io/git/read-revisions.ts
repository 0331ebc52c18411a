import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { RepoInput } from '../../model/repo-input.js';
import { RELEASE_TAG_PATTERN, type FileChange, type Revision, type RevisionPair } from '../../model/revisions.js';
import { TrustopsError } from '../../model/errors.js';
import type { EvidenceFileAccess, EvidenceFileFacts } from '../../model/evidence-files.js';
import { classifyPath, decodeSourceFile, type SourceFile } from '../../load/source-files.js';
import { openParseCache } from '../parse-cache-store.js';
import { readRepo } from '../read-repo.js';
import { GitRepo } from './git-repo.js';

export interface ReadRevisionsOptions {
  base?: string;
  /** A revision; the work tree when undefined. */
  head?: string;
  tagPattern?: string;
}

const FORMAT_PREFIXES = ['compliance.yaml', 'compliance.yml', 'controls/', 'policies/', 'evidence/', 'risks/'];

function isFormatPath(path: string): boolean {
  return FORMAT_PREFIXES.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p));
}

/**
 * Reads two revisions of a compliance repository for comparison. HEAD is read whole (from the work tree, or
 * from git for a commit); BASE is HEAD with the files that differ swapped for their BASE versions, read in
 * one `git cat-file --batch`. Nothing walks history.
 */
export async function readRevisionPair(dir: string, options: ReadRevisionsOptions = {}): Promise<RevisionPair> {
  const git = new GitRepo(dir);
  const top = await git.root();
  // The compliance repository may be a folder inside the git repository.
  const prefix = relative(realpathSync(top), realpathSync(dir)).split(sep).join('/');
  const toRepoPath = (gitPath: string) => (prefix ? (gitPath.startsWith(`${prefix}/`) ? gitPath.slice(prefix.length + 1) : undefined) : gitPath);
  const toGitPath = (repoPath: string) => (prefix ? `${prefix}/${repoPath}` : repoPath);

  let headCommit: string | undefined;
  if (options.head !== undefined) {
    headCommit = await git.resolve(options.head);
    if (!headCommit) throw await missingRevision(git, options.head);
  }
  const { base: baseRev, reason: baseReason } = await pickBase(git, options, headCommit);
  const baseCommit = await git.resolve(baseRev);
  if (!baseCommit) throw await missingRevision(git, baseRev);

  const head: Revision =
    headCommit === undefined
      ? { label: 'work tree', input: await readRepo(dir) }
      : { label: options.head!, commit: headCommit, input: await readCommit(git, headCommit, prefix, toRepoPath, toGitPath) };

  const changes: FileChange[] = [];
  for (const change of await git.diff(baseCommit, headCommit)) {
    const path = toRepoPath(change.path);
    const oldPath = change.oldPath === undefined ? undefined : toRepoPath(change.oldPath);
    if ((path && isFormatPath(path)) || (oldPath && isFormatPath(oldPath))) {
      changes.push({ ...change, path: path ?? change.path, ...(oldPath ? { oldPath } : {}) });
    }
  }
  changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const base = await applyBase(git, baseCommit, head.input, changes, toGitPath);
  return { base: { label: baseRev, commit: baseCommit, input: base }, head, changes, baseReason };
}

async function pickBase(git: GitRepo, options: ReadRevisionsOptions, headCommit: string | undefined): Promise<{ base: string; reason: string }> {
  if (options.base !== undefined) return { base: options.base, reason: 'given' };
  const from = headCommit ?? 'HEAD';
  const tag = await git.nearestTag(from, options.tagPattern ?? RELEASE_TAG_PATTERN);
  if (tag) return { base: tag, reason: `latest release tag (${options.tagPattern ?? RELEASE_TAG_PATTERN})` };
  // In a shallow clone the release tag and the merge base may simply not have been fetched: guessing
  // would compare against the wrong revision.
  if (await git.isShallow()) throw shallowError('a release tag or the merge base');
  const branch = await git.defaultBranch();
  const headSha = headCommit ?? (await git.resolve('HEAD'));
  if (branch) {
    const mergeBase = await git.mergeBase(branch, from);
    if (mergeBase && (mergeBase !== headSha || headCommit === undefined)) return { base: mergeBase, reason: `merge base with ${branch}` };
  }
  if (await git.resolve(`${from}~1`)) return { base: `${from}~1`, reason: 'previous commit (no release tag yet)' };
  return { base: from, reason: 'first commit' };
}

function shallowError(what: string): TrustopsError {
  return new TrustopsError(
    'INVALID_OPTION',
    `${what} is not in this shallow clone. Fetch history first: in GitHub Actions set "fetch-depth: 0" on actions/checkout, or run "git fetch --tags --unshallow origin" (or "git fetch origin <base>" and pass it as BASE).`,
  );
}

async function missingRevision(git: GitRepo, rev: string): Promise<TrustopsError> {
  if (await git.isShallow()) return shallowError(`revision ${rev}`);
  return new TrustopsError('INVALID_OPTION', `unknown revision "${rev}" (not a commit, branch or tag here; "git fetch origin ${rev}" if it lives on the remote)`);
}

/** All files of the format at a commit, and evidence access from the same commit. */
async function readCommit(
  git: GitRepo,
  commit: string,
  prefix: string,
  toRepoPath: (p: string) => string | undefined,
  toGitPath: (p: string) => string,
): Promise<RepoInput> {
  // One listing of the format's folders gives every blob id, format files and evidence artefacts alike.
  const listed = await git.listFiles(commit, FORMAT_PREFIXES.map((p) => (prefix ? `${prefix}/${p}` : p)));
  const byRepoPath = new Map<string, { oid: string; link: boolean }>();
  for (const entry of listed) {
    const path = toRepoPath(entry.path);
    if (path !== undefined) byRepoPath.set(path, { oid: entry.oid, link: entry.mode === '120000' });
  }
  // Links are not followed, as on disk.
  const repoPaths = [...byRepoPath].filter(([p, e]) => !e.link && classifyPath(p) !== undefined).map(([p]) => p);
  const blobs = await git.readObjects(repoPaths.map((p) => [p, byRepoPath.get(p)!.oid] as const));
  const files: SourceFile[] = repoPaths.map((p) => decodeSourceFile(p, blobs.get(p) ?? Buffer.alloc(0)));
  const parseCache = openParseCache(git.dir);
  return { files, evidence: createBlobEvidenceAccess(git, byRepoPath), ...(parseCache ? { parseCache } : {}) };
}

/** Evidence files read from a commit: digests of blobs; a link is refused, never followed. */
function createBlobEvidenceAccess(git: GitRepo, entries: ReadonlyMap<string, { oid: string; link: boolean }>): EvidenceFileAccess {
  return {
    async inspect(repoPath) {
      return (await this.inspectMany!([repoPath])).get(repoPath)!;
    },
    async inspectMany(repoPaths) {
      const facts = new Map<string, EvidenceFileFacts>();
      const wanted: (readonly [string, string])[] = [];
      for (const p of repoPaths) {
        const entry = entries.get(p);
        if (!entry) facts.set(p, [...entries.keys()].some((k) => k.startsWith(`${p}/`)) ? { kind: 'not-a-file' } : { kind: 'missing' });
        else if (entry.link) facts.set(p, { kind: 'outside', reason: 'it is a symbolic link, which is never followed' });
        else wanted.push([p, entry.oid]);
      }
      const blobs = await git.readObjects(wanted);
      for (const [p] of wanted) facts.set(p, { kind: 'file', sha256: createHash('sha256').update(blobs.get(p)!).digest('hex') });
      return facts;
    },
  };
}

/** BASE = HEAD with every changed file replaced by its BASE version (or removed, if BASE had none). */
async function applyBase(
  git: GitRepo,
  baseCommit: string,
  head: RepoInput,
  changes: readonly FileChange[],
  toGitPath: (p: string) => string,
): Promise<RepoInput> {
  const removed = new Set<string>();
  const fromBase = new Set<string>();
  for (const c of changes) {
    if (c.status === 'added') removed.add(c.path);
    else if (c.status === 'renamed') {
      removed.add(c.path);
      if (c.oldPath) fromBase.add(c.oldPath);
    } else fromBase.add(c.path);
  }
  const baseBlobs = await git.readBlobs(baseCommit, [...fromBase].map(toGitPath));
  const blobOf = (p: string) => baseBlobs.get(toGitPath(p));
  const files = head.files.filter((f) => !removed.has(f.path) && !fromBase.has(f.path));
  for (const p of fromBase) {
    const blob = blobOf(p);
    if (blob && classifyPath(p)) files.push(decodeSourceFile(p, blob));
  }
  const changed = new Set([...removed, ...fromBase]);
  const evidence: EvidenceFileAccess = {
    async inspect(repoPath) {
      if (!changed.has(repoPath)) return head.evidence.inspect(repoPath);
      const blob = blobOf(repoPath);
      return blob ? { kind: 'file', sha256: createHash('sha256').update(blob).digest('hex') } : { kind: 'missing' };
    },
  };
  return {
    files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    evidence,
    ...(head.parseCache ? { parseCache: head.parseCache } : {}),
  };
}

