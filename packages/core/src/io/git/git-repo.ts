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

  /** The commit a revision names, or undefined when git does not know it. */
  async resolve(rev: string): Promise<string | undefined> {
    try {
      return await (await this.git()).revparse(['--verify', '--quiet', `${rev}^{commit}`]);
    } catch {
      return undefined;
    }
  }

  async isShallow(): Promise<boolean> {
    return (await (await this.git()).revparse(['--is-shallow-repository'])) === 'true';
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
    const seconds = Number((await (await this.git()).raw(['show', '-s', '--format=%ct', sha])).trim());
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
    return (await (await this.git()).raw(['log', '-1', '--format=%cI', rev])).trim();
  }

  /** Whether any of `paths` differ from HEAD in the work tree or the index (untracked files included). */
  async hasChanges(paths: readonly string[]): Promise<boolean> {
    return (await (await this.git()).raw(['status', '--porcelain', '--', ...paths])).trim() !== '';
  }

  /** Where `dir` sits inside the work tree ("compliance/" for a subfolder, "" at the top). */
  async prefix(): Promise<string> {
    return (await (await this.git()).revparse(['--show-prefix'])).trim();
  }

  /** Files that differ between `base` and `head` (a commit, or the work tree when undefined). */
  async diff(base: string, head?: string): Promise<FileChange[]> {
    const args = ['diff', '--name-status', '-z', '--find-renames', '--no-ext-diff', base, ...(head ? [head] : []), '--'];
    const out = await (await this.git()).raw(args);
    const changes = parseNameStatus(out);
    if (!head) {
      // The work tree also holds files git does not track yet.
      const untracked = (await (await this.git()).raw(['ls-files', '--others', '--exclude-standard', '-z'])).split('\0').filter(Boolean);
      for (const path of untracked) changes.push({ status: 'added', path });
    }
    return changes;
  }

  /** The tracked files under `prefixes` (folders or files) at a revision, with their blob ids and modes. */
  async listFiles(rev: string, prefixes: readonly string[]): Promise<TreeEntry[]> {
    const entries: TreeEntry[] = [];
    // Chunks keep the command line short when many single paths are asked for.
    for (let i = 0; i < prefixes.length; i += 500) {
      const out = await (await this.git()).raw(['ls-tree', '-r', '-z', '--full-tree', rev, '--', ...prefixes.slice(i, i + 500)]);
      for (const record of out.split('\0')) {
        const tab = record.indexOf('\t');
        if (tab < 0) continue;
        const [mode, type, oid] = record.slice(0, tab).split(' ') as [string, string, string];
        if (type === 'blob') entries.push({ path: record.slice(tab + 1), mode, oid });
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
    return this.readObjects(paths.map((p) => [p, oids.get(p)] as const));
  }

  /** Blob contents by id; a path without an id (not in the revision) maps to undefined. */
  async readObjects(items: readonly (readonly [string, string | undefined])[]): Promise<Map<string, Buffer | undefined>> {
    const present = items.filter((i): i is readonly [string, string] => i[1] !== undefined);
    const blobs = await catFileBatch(this.dir, present.map((i) => i[1]));
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

/** Streams object names into `git cat-file --batch` and parses the replies; missing objects give undefined. */
function catFileBatch(cwd: string, objects: readonly string[]): Promise<(Buffer | undefined)[]> {
  if (objects.length === 0) return Promise.resolve([]);
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: gitEnvironment() });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (cause) => reject(new TrustopsError('READ_FAILED', `cannot run git: ${cause.message}`, { cause })));
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new TrustopsError('READ_FAILED', `git cat-file failed: ${stderr.trim()}`));
        return;
      }
      const data = Buffer.concat(chunks);
      const out: (Buffer | undefined)[] = [];
      let offset = 0;
      for (let i = 0; i < objects.length; i++) {
        const eol = data.indexOf(0x0a, offset);
        const header = data.subarray(offset, eol).toString();
        offset = eol + 1;
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          out.push(undefined);
          continue;
        }
        const size = Number(header.split(' ')[2]);
        out.push(data.subarray(offset, offset + size));
        offset += size + 1;
      }
      resolvePromise(out);
    });
    // Object names never contain newlines here: they are repo paths from git itself or the format's folders.
    child.stdin.end(`${objects.join('\n')}\n`);
  });
}
