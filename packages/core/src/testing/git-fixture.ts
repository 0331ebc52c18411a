import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { writeTempRepo } from './temp-repo.js';

/** A real git repository in a temporary folder, for tests that need history. */
export interface GitFixture {
  dir: string;
  git: SimpleGit;
  write(files: Record<string, string | null>): void;
  /** `date` (ISO 8601) is the author and committer date; default 2026-11-01T12:00:00Z. */
  commit(message: string, files?: Record<string, string | null>, date?: string): Promise<string>;
  cleanup(): void;
}

export async function createGitFixture(files: Record<string, string>, options: { date?: string } = {}): Promise<GitFixture> {
  const { dir, cleanup: removeRepo } = writeTempRepo(files);
  // git runs with a minimal environment of its own: no editor, pager or askpass from the caller (npx sets
  // EDITOR, which simple-git refuses), and a HOME without the developer's ~/.gitconfig (signing, hooks).
  const home = mkdtempSync(join(tmpdir(), 'trustops-git-home-'));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C', TZ: 'UTC', GIT_TERMINAL_PROMPT: '0' };
  const git = simpleGit({ baseDir: dir }).env(env);
  const cleanup = () => {
    removeRepo();
    rmSync(home, { recursive: true, force: true });
  };
  await git.init(['--initial-branch=main', '--quiet']);
  await git.addConfig('user.email', 'tests@trustops.invalid');
  await git.addConfig('user.name', 'trustops tests');
  await git.addConfig('commit.gpgsign', 'false');
  const write = (changes: Record<string, string | null>) => {
    for (const [path, content] of Object.entries(changes)) {
      const target = join(dir, ...path.split('/'));
      if (content === null) rmSync(target, { force: true });
      else {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
    }
  };
  const commit = async (message: string, changes: Record<string, string | null> = {}, date = '2026-11-01T12:00:00Z') => {
    write(changes);
    await git.add(['-A']);
    // Fixed dates keep commit ids stable within a run's assertions on order.
    await git.env({ ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }).commit(message, { '--allow-empty': null });
    git.env(env);
    return (await git.revparse(['HEAD'])).trim();
  };
  await commit('initial program', {}, options.date);
  return { dir, git, write, commit, cleanup };
}
