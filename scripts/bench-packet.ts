// Benchmark for `trustops packet --zip`: a 2,000-control repository (8,000 evidence records with files) in
// git; reports wall time and peak memory of a fresh process. Run `pnpm build` first; `pnpm bench:packet`.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { generateRepo } from './generate-repo.js';

const root = join(import.meta.dirname, '..');
const controls = Number(process.env.BENCH_CONTROLS ?? 2000);
const dir = join(root, '.bench', `packet-${controls}`, 'repo');
generateRepo(dir, { controls, recordsPerControl: 4 });
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
git('init', '--quiet', '--initial-branch=main');
git('-c', 'user.email=bench@trustops.invalid', '-c', 'user.name=bench', 'add', '-A');
execFileSync('git', ['-c', 'user.email=bench@trustops.invalid', '-c', 'user.name=bench', 'commit', '--quiet', '-m', 'bench'], {
  cwd: dir,
  env: { ...process.env, GIT_COMMITTER_DATE: '2026-11-01T12:00:00Z', GIT_AUTHOR_DATE: '2026-11-01T12:00:00Z' },
});
const runs = Number(process.env.BENCH_RUNS ?? 3);
const results: { ms: number; maxRssMb: number; count: number }[] = [];
for (let i = 0; i < runs; i++) {
  // Cold: no parse cache.
  const out = execFileSync(process.execPath, [join(root, 'scripts/bench-child.mjs'), 'packet', dir], { encoding: 'utf8', env: { ...process.env, TRUSTOPS_NO_CACHE: '1' } });
  results.push(JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; maxRssMb: number; count: number });
}
results.sort((a, b) => a.ms - b.ms);
const median = results[Math.floor(results.length / 2)]!;
console.log(`node ${process.version}, median of ${runs}`);
console.log('| controls | evidence records | packet files | `trustops packet --zip` | peak RSS |');
console.log('|---:|---:|---:|---:|---:|');
console.log(`| ${controls.toLocaleString('en')} | ${(controls * 4).toLocaleString('en')} | ${median.count.toLocaleString('en')} | ${median.ms} ms | ${median.maxRssMb} MB |`);
