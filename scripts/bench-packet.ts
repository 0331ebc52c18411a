// Benchmark for `trustops packet --zip`, run as a user runs it (the built CLI in a fresh process, cold: no
// parse cache): a 2,000-control repository (8,000 evidence records with files) in git; reports wall time
// and peak memory (maxRSS, through scripts/bench-rss.mjs as in bench-check.ts). Run `pnpm build` first;
// `pnpm bench:packet` (BENCH_RUNS=1 for a quick one, BENCH_CONTROLS= another size, BENCH_CLI= another
// build's packages/cli/bin/trustops.js).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateRepo } from './generate-repo.js';

const root = join(import.meta.dirname, '..');
const cli = process.env.BENCH_CLI ?? join(root, 'packages/cli/bin/trustops.js');
const controls = Number(process.env.BENCH_CONTROLS ?? 2000);
const dir = join(root, '.bench', `packet-${controls}`, 'repo');
const out = join(dir, '..', 'packet-out');
generateRepo(dir, { controls, recordsPerControl: 4 });
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
git('init', '--quiet', '--initial-branch=main');
git('-c', 'user.email=bench@trustops.invalid', '-c', 'user.name=bench', 'add', '-A');
execFileSync('git', ['-c', 'user.email=bench@trustops.invalid', '-c', 'user.name=bench', 'commit', '--quiet', '--allow-empty', '-m', 'bench'], {
  cwd: dir,
  env: { ...process.env, GIT_COMMITTER_DATE: '2026-11-01T12:00:00Z', GIT_AUTHOR_DATE: '2026-11-01T12:00:00Z' },
});
const rssFile = join(mkdtempSync(join(tmpdir(), 'trustops-bench-')), 'rss');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const results: { ms: number; maxRssMb: number; count: number }[] = [];
for (let i = 0; i < runs; i++) {
  rmSync(rssFile, { force: true });
  rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const result = spawnSync(process.execPath, ['--import', join(root, 'scripts/bench-rss.mjs'), cli, 'packet', '--repo', dir, '--out', out, '--zip'], {
    encoding: 'utf8',
    // Cold: no parse cache.
    env: { ...process.env, TRUSTOPS_NO_CACHE: '1', TRUSTOPS_BENCH_RSS: rssFile },
  });
  const ms = performance.now() - t0;
  if (result.status !== 0) throw new Error(`trustops packet exited ${result.status}: ${result.stderr}`);
  if (!existsSync(rssFile)) throw new Error('no peak memory recorded (scripts/bench-rss.mjs)');
  const count = Number(/: (\d+) files in /.exec(result.stdout)?.[1] ?? NaN);
  results.push({ ms: Math.round(ms), maxRssMb: Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024), count });
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`node ${process.version}, median of ${runs} (zip: ${readdirSync(out).find((n) => n.endsWith('.zip'))})`);
const rss = results.map((r) => r.maxRssMb);
console.log('| controls | evidence records | packet files | `trustops packet --zip` | peak RSS | peak RSS, lowest-highest |');
console.log('|---:|---:|---:|---:|---:|---:|');
console.log(
  `| ${controls.toLocaleString('en')} | ${(controls * 4).toLocaleString('en')} | ${results[0]!.count.toLocaleString('en')} | ${median(results.map((r) => r.ms))} ms | ${median(rss)} MB | ${Math.min(...rss)}-${Math.max(...rss)} MB |`,
);
