import { spawn } from 'node:child_process';
import type { SimpleGit } from 'simple-git';
import { TrustopsError } from '../../model/errors.js';
import { RELEASE_TAG_PATTERN, type FileChange } from '../../model/revisions.js';

/**
 * Variables that make git run another program (an editor, a pager, an askpass helper, hooks from a
 * template) or read other configuration. trustops only reads, and simple-git refuses to run at all when
 * one is set (npx sets EDITOR), so git gets an environment without them.
 */
const UNSAFE_GIT_ENV = /^(EDITOR|VISUAL|PAGER|PREFIX|GIT_(EDITOR|SEQUENCE_EDITOR|PAGER|ASKPASS|SSH|SSH_COMMAND|PROXY_COMMAND|EXTERNAL_DIFF|EXEC_PATH|TEMPLATE_DIR|CONFIG|CONFIG_GLOBAL|CONFIG_SYSTEM|CONFIG_COUNT|CONFIG_KEY_\d+|CONFIG_VALUE_\d+)|SSH_ASKPASS)$/i;

/** The environment git runs in: the caller's, without what would run other programs, and never prompting. */
export function gitEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && !UNSAFE_GIT_ENV.test(key)) out[key] = value;
  out.GIT_TERMINAL_PROMPT = '0';
  return out;
}

/**
 * The git operations trustops needs, over the real `git` through simple-git. Everything here costs in
 * proportion to what changed between two revisions, never to the length of history.
 */
export class GitRepo {
  private client: SimpleGit | undefined;

  constructor(readonly dir: string) {}

  /** simple-git, loaded on first use so that commands without history start faster. */
  private async git(): Promise<SimpleGit> {
    if (!this.client) {
      const { simpleGit } = await import('simple-git');
      this.client = simpleGit({ baseDir: this.dir, maxConcurrentProcesses: 4, trimmed: true }).env(gitEnvironment());
    }
    return this.client;
  }

  /** The top folder of the work tree, or a REPO_NOT_FOUND error when `dir` is not in a git repository. */
  async root(): Promise<string> {
    try {
      return await (await this.git()).revparse(['--show-toplevel']);
    } catch (cause) {
      throw new TrustopsError('REPO_NOT_FOUND', `${this.dir} is not inside a git repository`, { cause });
    }
  }

  /** A git configuration value as git resolves it (repository, user, system), or undefined. */
  async config(key: string): Promise<string | undefined> {
    try {
      const value = (await (await this.git()).getConfig(key)).value;
      return value === null || value.trim() === '' ? undefined : value.trim();
    } catch {
      return undefined;
    }
  }

  /** The commit a revision names, or undefined when git does not know it. */
  async resolve(rev: string): Promise<string | undefined> {
    try {
      return await (await this.git()).revparse(['--verify', '--quiet', `${rev}^{commit}`]);
    } catch {
      return undefined;
    }
  }

  async isShallow(): Promise<boolean> {
    return (await this.read(['rev-parse', '--is-shallow-repository'], 'cannot tell whether this clone is shallow')).trim() === 'true';
  }

  /** A git command whose failure is an operational error saying what was being read. */
  private async read(args: string[], what: string): Promise<string> {
    try {
      return await (await this.git()).raw(args);
    } catch (cause) {
      throw gitReadError(what, cause);
    }
  }

  /** The nearest release tag reachable from `rev` (matching `pattern`), if any. */
  async nearestTag(rev: string, pattern = RELEASE_TAG_PATTERN): Promise<string | undefined> {
    try {
      return (await (await this.git()).raw(['describe', '--tags', '--abbrev=0', `--match=${pattern}`, rev])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  /** The default branch as the remote names it (origin/HEAD), else main or master when they exist. */
  async defaultBranch(): Promise<string | undefined> {
    try {
      const ref = (await (await this.git()).raw(['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'])).trim();
      if (ref) return ref.replace(/^refs\/remotes\//, '');
    } catch {
      // no remote HEAD: fall through
    }
    for (const candidate of ['origin/main', 'main', 'origin/master', 'master']) {
      if (await this.resolve(candidate)) return candidate;
    }
    return undefined;
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    try {
      return (await (await this.git()).raw(['merge-base', a, b])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  /** The commit HEAD names and its committer time (ISO 8601), or undefined before the first commit. */
  async headCommit(): Promise<{ sha: string; committedAt: string } | undefined> {
    const sha = await this.resolve('HEAD');
    if (!sha) return undefined;
    const seconds = Number((await this.read(['show', '-s', '--format=%ct', sha], `cannot read commit ${sha}`)).trim());
    return { sha, committedAt: new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
  }

  /**
   * The last commit on the first-parent history of `rev` committed before `date` (YYYY-MM-DD, 00:00 UTC),
   * or, when history begins after it, the first commit of that history (`first: true`).
   */
  async commitBefore(rev: string, date: string): Promise<{ commit: string; first: boolean } | undefined> {
    const git = await this.git();
    try {
      const before = (await git.raw(['rev-list', '-1', '--first-parent', `--before=${date}T00:00:00Z`, rev])).trim();
      if (before) return { commit: before, first: false };
      const roots = (await git.raw(['rev-list', '--first-parent', '--max-parents=0', rev])).trim().split('\n').filter(Boolean);
      return roots.length ? { commit: roots.at(-1)!, first: true } : undefined;
    } catch {
      return undefined;
    }
  }

  /** The committer time of a commit as git prints it (%cI: ISO 8601 with the committer's offset). */
  async commitTime(rev: string): Promise<string> {
    return (await this.read(['log', '-1', '--format=%cI', rev], `cannot read commit ${rev}`)).trim();
  }

  /** Whether any of `paths` differ from HEAD in the work tree or the index (untracked files included). */
  async hasChanges(paths: readonly string[]): Promise<boolean> {
    return (await this.read(['status', '--porcelain', '--', ...paths], 'cannot compare the work tree with HEAD')).trim() !== '';
  }

  /** Where `dir` sits inside the work tree ("compliance/" for a subfolder, "" at the top). */
  async prefix(): Promise<string> {
    return (await this.read(['rev-parse', '--show-prefix'], 'cannot locate the work tree')).trim();
  }

  /** Files that differ between `base` and `head` (a commit, or the work tree when undefined). */
  async diff(base: string, head?: string): Promise<FileChange[]> {
    const args = ['diff', '--name-status', '-z', '--find-renames', '--no-ext-diff', base, ...(head ? [head] : []), '--'];
    let out: string;
    try {
      out = await (await this.git()).raw(args);
    } catch (cause) {
      throw gitReadError(`cannot compare ${base} with ${head ?? 'the work tree'}`, cause);
    }
    const changes = parseNameStatus(out);
    if (!head) {
      // The work tree also holds files git does not track yet.
      const untracked = (await this.read(['ls-files', '--others', '--exclude-standard', '-z'], 'cannot list untracked files')).split('\0').filter(Boolean);
      for (const path of untracked) changes.push({ status: 'added', path });
    }
    return changes;
  }

  /** The tracked files under `prefixes` (folders or files) at a revision, with their blob ids and modes. */
  async listFiles(rev: string, prefixes: readonly string[]): Promise<TreeEntry[]> {
    const entries: TreeEntry[] = [];
    // Chunks keep the command line short when many single paths are asked for.
    for (let i = 0; i < prefixes.length; i += 500) {
      const chunk = prefixes.slice(i, i + 500);
      let out: string;
      try {
        out = await (await this.git()).raw(['ls-tree', '-r', '-z', '-l', '--full-tree', rev, '--', ...chunk]);
      } catch (cause) {
        throw gitReadError(`cannot list ${chunk.length === 1 ? chunk[0] : `${chunk.length} paths`} at ${rev}`, cause);
      }
      for (const record of out.split('\0')) {
        const tab = record.indexOf('\t');
        if (tab < 0) continue;
        const [mode, type, oid, size] = record.slice(0, tab).split(/ +/) as [string, string, string, string];
        if (type !== 'blob') continue;
        const path = record.slice(tab + 1);
        // ls-tree prints "BAD" as the size of a blob it cannot read: the object is missing.
        if (size === 'BAD') throw missingObject(rev, path, oid);
        entries.push({ path, mode, oid, size: Number(size) });
      }
    }
    return entries;
  }

  /**
   * The bytes of files at a revision, read through one `git cat-file --batch` process by blob id. (Asking
   * for "rev:path" instead makes git walk the tree for every file: 18,000 files took 5 s instead of 60 ms.)
   */
  async readBlobs(rev: string, paths: readonly string[]): Promise<Map<string, Buffer | undefined>> {
    const entries = await this.listFiles(rev, paths);
    const oids = new Map(entries.map((e) => [e.path, e.oid]));
    return this.readObjects(paths.map((p) => [p, oids.get(p)] as const), rev);
  }

  /**
   * Blob contents by id; a path without an id (not in the revision) maps to undefined. An object the
   * revision names but the repository lacks is an error naming revision, path and object: reading it as
   * absent would report a renamed control as added and drop history findings.
   */
  async readObjects(items: readonly (readonly [string, string | undefined])[], rev: string): Promise<Map<string, Buffer | undefined>> {
    const present = items.filter((i): i is readonly [string, string] => i[1] !== undefined);
    const blobs = await catFileBatch(this.dir, present, rev);
    const out = new Map<string, Buffer | undefined>(items.map(([p]) => [p, undefined]));
    present.forEach(([p], i) => out.set(p, blobs[i]));
    return out;
  }
}

export interface TreeEntry {
  path: string;
  /** 100644 file, 100755 executable, 120000 symbolic link. */
  mode: string;
  oid: string;
  /** Size in bytes. */
  size: number;
}

const GIT_REPAIR = 'The repository is damaged or incomplete: run "git fsck", and fetch the revision again ("git fetch origin", or "git fetch --unshallow" in a partial clone).';

/** A git read that failed, in one line: what was being read and what git said. */
function gitReadError(what: string, cause: unknown): TrustopsError {
  const said = ((cause as Error).message ?? String(cause)).split('\n').map((l) => l.trim()).find((l) => /fatal|error/i.test(l)) ?? (cause as Error).message;
  return new TrustopsError('READ_FAILED', `git ${what}: ${said?.replace(/^fatal: /, '')}. ${GIT_REPAIR}`, { cause });
}

function missingObject(rev: string, path: string, oid: string): TrustopsError {
  return new TrustopsError('READ_FAILED', `git cannot read ${path} at ${rev}: object ${oid} is missing. ${GIT_REPAIR}`);
}

function parseNameStatus(out: string): FileChange[] {
  const parts = out.split('\0').filter((p) => p !== '');
  const changes: FileChange[] = [];
  for (let i = 0; i < parts.length; ) {
    const code = parts[i++]!;
    if (code.startsWith('R') || code.startsWith('C')) {
      const oldPath = parts[i++]!;
      const path = parts[i++]!;
      changes.push(code.startsWith('R') ? { status: 'renamed', path, oldPath } : { status: 'added', path });
    } else {
      const path = parts[i++]!;
      changes.push({ status: code === 'A' ? 'added' : code === 'D' ? 'deleted' : 'modified', path });
    }
  }
  return changes;
}

/** Streams object names into `git cat-file --batch` and parses the replies; a missing object is an error. */
function catFileBatch(cwd: string, items: readonly (readonly [string, string])[], rev: string): Promise<Buffer[]> {
  const objects = items.map((i) => i[1]);
  if (objects.length === 0) return Promise.resolve([]);
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: gitEnvironment() });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (cause) => reject(new TrustopsError('READ_FAILED', `cannot run git: ${cause.message}`, { cause })));
    child.on('close', (code) => {
      const data = Buffer.concat(chunks);
      const out: Buffer[] = [];
      let offset = 0;
      for (let i = 0; i < objects.length; i++) {
        const eol = data.indexOf(0x0a, offset);
        if (eol === -1) {
          // git stopped before answering this object (a corrupt object ends cat-file): name it.
          const said = stderr.trim().split('\n').find((l) => /fatal|error/i.test(l))?.replace(/^(fatal|error): /, '') ?? `exit ${code}`;
          reject(new TrustopsError('READ_FAILED', `git cannot read ${items[i]![0]} at ${rev}: object ${objects[i]} (${said}). ${GIT_REPAIR}`));
          return;
        }
        const header = data.subarray(offset, eol).toString();
        offset = eol + 1;
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          reject(missingObject(rev, items[i]![0], objects[i]!));
          return;
        }
        const size = Number(header.split(' ')[2]);
        out.push(data.subarray(offset, offset + size));
        offset += size + 1;
      }
      if (code !== 0) {
        reject(new TrustopsError('READ_FAILED', `git cat-file failed at ${rev}: ${stderr.trim()}. ${GIT_REPAIR}`));
        return;
      }
      resolvePromise(out);
    });
    // Object names never contain newlines here: they are repo paths from git itself or the format's folders.
    child.stdin.end(`${objects.join('\n')}\n`);
  });
}
