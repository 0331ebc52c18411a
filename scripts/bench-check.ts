// Benchmark for `trustops check` and `trustops score` (cold: no parse cache; then warm, in git): generates repositories of 200, 2,000 and 10,000 controls (4 evidence
// records with files each), then reports check's wall time and peak memory beside the time to merely read
// and parse the same files, and the whole CLI's wall time. Run `pnpm build` first; `pnpm bench`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateRepo } from './generate-repo.js';

const sizes = (process.env.BENCH_SIZES ?? '200,2000,10000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const root = join(import.meta.dirname, '..');
const benchDir = join(root, '.bench');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// Cold runs: no parse cache (the bench folders sit inside this repository's git directory, whose cache
// would otherwise apply).
const cold = { ...process.env, TRUSTOPS_NO_CACHE: '1' };
const warmEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'TRUSTOPS_NO_CACHE'));

function child(mode: string, dir: string): { ms: number; maxRssMb: number } {
  const out = execFileSync(process.execPath, [join(root, 'scripts/bench-child.mjs'), mode, dir], { encoding: 'utf8', env: cold });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; maxRssMb: number };
}

if (!existsSync(join(root, 'packages/core/dist/index.js'))) {
  console.error('run `pnpm build` first');
  process.exit(2);
}

console.log(`node ${process.version}, ${runs} runs each, median shown\n`);
console.log('| controls | evidence records | files | read+parse | check (library) | check peak RSS | `trustops check` (CLI, wall) | check / read+parse | `trustops score` (CLI, wall) | `trustops check`, parse cache warm |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const size of sizes) {
  const dir = join(benchDir, `repo-${size}`);
  const { files } = generateRepo(dir, { controls: size, recordsPerControl: 4 });
  child('parse', dir); // warm the page cache so both modes read from memory
  const parse: number[] = [];
  const check: number[] = [];
  const rss: number[] = [];
  const cli: number[] = [];
  const score: number[] = [];
  for (let i = 0; i < runs; i++) {
    parse.push(child('parse', dir).ms);
    const c = child('check', dir);
    check.push(c.ms);
    rss.push(c.maxRssMb);
    const t0 = performance.now();
    execFileSync(process.execPath, [join(root, 'packages/cli/bin/trustops.js'), 'check', '--repo', dir, '--format', 'json', '--today', '2026-11-22'], { stdio: 'ignore', env: cold });
    cli.push(performance.now() - t0);
    const t1 = performance.now();
    execFileSync(process.execPath, [join(root, 'packages/cli/bin/trustops.js'), 'score', '--repo', dir, '--format', 'json', '--today', '2026-11-22'], { stdio: 'ignore', env: cold });
    score.push(performance.now() - t1);
  }
  // The same repository in git: the parse cache (in .git/trustops) applies; the first run fills it.
  execFileSync('git', ['init', '--quiet'], { cwd: dir });
  const runCli = (args: string[]) => {
    const t0 = performance.now();
    execFileSync(process.execPath, [join(root, 'packages/cli/bin/trustops.js'), ...args, '--repo', dir, '--format', 'json', '--today', '2026-11-22'], { stdio: 'ignore', env: warmEnv });
    return performance.now() - t0;
  };
  runCli(['check']);
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) warm.push(runCli(['check']));
  const p = median(parse);
  const c = median(check);
  console.log(
    `| ${size.toLocaleString('en')} | ${(size * 4).toLocaleString('en')} | ${files.toLocaleString('en')} | ${p} ms | ${c} ms | ${median(rss)} MB | ${Math.round(median(cli))} ms | ${(c / p).toFixed(2)}x | ${Math.round(median(score))} ms | ${Math.round(median(warm))} ms |`,
  );
}
