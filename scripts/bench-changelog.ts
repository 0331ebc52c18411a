// Benchmark for `trustops changelog`: a 2,000-control repository (8,000 evidence records) in git, two
// revisions that differ in 20 files; then the same with 1,000 unrelated commits in between, to show the
// cost does not grow with history. Run `pnpm build` first; `pnpm bench:changelog`.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateRepo } from './generate-repo.js';

const root = join(import.meta.dirname, '..');
const dir = join(root, '.bench', 'changelog-2000');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 }).trim();
const env = { ...process.env, GIT_AUTHOR_DATE: '2026-11-01T12:00:00Z', GIT_COMMITTER_DATE: '2026-11-01T12:00:00Z' };

generateRepo(dir, { controls: 2000, recordsPerControl: 4 });
git('init', '--quiet', '--initial-branch=main');
git('config', 'user.email', 'bench@trustops.invalid');
git('config', 'user.name', 'bench');
git('add', '-A');
execFileSync('git', ['commit', '--quiet', '-m', 'base'], { cwd: dir, env });
const base = git('rev-parse', 'HEAD');

// 20 changed files: 10 controls change maturity and owner, 10 new evidence records.
const controls = git('ls-files', 'controls/').split('\n').filter((p) => /GEN-\d+\.yaml$/.test(p)).slice(0, 10);
for (const path of controls) {
  const text = readFileSync(join(dir, path), 'utf8');
  writeFileSync(join(dir, path), text.replace('maturity: 3', 'maturity: 2').replace(/owner: team-\d/, 'owner: team-x'));
}
for (let i = 0; i < 10; i++) {
  const id = controls[i]!.split('/').pop()!.replace('.yaml', '');
  writeFileSync(join(dir, `evidence/${id}/2026-extra.yaml`), `control: ${id}\nevidence: export\ncollected_on: 2026-11-01\ncovers: { start: 2026-10-01, end: 2026-10-31 }\ncollected_by: automation:bench\n`);
}
git('add', '-A');
execFileSync('git', ['commit', '--quiet', '-m', '20 files'], { cwd: dir, env });
const head = git('rev-parse', 'HEAD');

function measure(cold: boolean): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Cold: without the parse cache trustops keeps in .git/trustops; warm: with it.
    if (cold) rmSync(join(dir, '.git', 'trustops'), { recursive: true, force: true });
    const t0 = performance.now();
    execFileSync(process.execPath, [join(root, 'packages/cli/bin/trustops.js'), 'changelog', base, 'HEAD', '--repo', dir, '--format', 'json', '--today', '2026-11-22'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    times.push(performance.now() - t0);
  }
  return Math.round(times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!);
}

const direct = measure(true);
const directWarm = measure(false);
// 1,000 unrelated commits between BASE and HEAD (a file outside the format), made with plumbing for speed.
let parent = head;
const tree = git('rev-parse', 'HEAD^{tree}');
for (let i = 0; i < 1000; i++) {
  parent = execFileSync('git', ['commit-tree', tree, '-p', parent, '-m', `unrelated ${i}`], { cwd: dir, env, encoding: 'utf8' }).trim();
}
git('update-ref', 'refs/heads/main', parent);
const withHistory = measure(true);
const withHistoryWarm = measure(false);
console.log(`node ${process.version}, median of ${runs}`);
console.log('| repository | BASE..HEAD | `trustops changelog`, cold | with the parse cache warm |');
console.log('|---|---|---:|---:|');
console.log(`| 2,000 controls, 8,000 evidence records | 20 files differ, adjacent commits | ${direct} ms | ${directWarm} ms |`);
console.log(`| same | same 20 files, 1,000 unrelated commits in between | ${withHistory} ms | ${withHistoryWarm} ms |`);
