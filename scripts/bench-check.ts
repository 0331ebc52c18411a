// Benchmark for `trustops check` and `trustops score`, run as a user runs them (the built CLI in a fresh
// process): for programs of 200, 2,000 and 10,000 controls (600, 6,000 and 100,000 evidence records with
// their files) it reports the wall time cold (no parse cache) and warm (in git, parse cache filled), peak
// memory, and the ratio to a floor measured in the same run: a node process that only reads every file,
// parses the YAML with `yaml` and hashes the evidence files (scripts/bench-child.mjs parse). Floor and
// check alternate, run for run, so that a busy machine slows both; medians are shown, the ratio is the
// median of the paired ratios. Then start-up: `trustops --version`, `rules`, `--help` and `catalog`
// beside `node -e 0`. Run `pnpm build` first; `pnpm bench` (BENCH_SIZES=2000 BENCH_RUNS=7 to choose;
// BENCH_SIZES=none for the start-up table alone; BENCH_NODE=/path/to/node to run it on another Node).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateRepo, type GenerateOptions } from './generate-repo.js';

const root = join(import.meta.dirname, '..');
const benchDir = join(root, '.bench');
// BENCH_CLI: another build's packages/cli/bin/trustops.js, to measure it against this one's floor.
const cli = process.env.BENCH_CLI ?? join(root, 'packages/cli/bin/trustops.js');
const rssHook = join(root, 'scripts/bench-rss.mjs');
// BENCH_NODE: another node binary (Node 22, 24) for every process the benchmark starts, floor included.
const nodeBin = process.env.BENCH_NODE ?? process.execPath;
// BENCH_SIZES=none (or empty): only the start-up table.
const sizes = (process.env.BENCH_SIZES ?? '200,2000,10000')
  .split(',')
  .filter((size) => size.trim() !== '' && size.trim() !== 'none')
  .map(Number);
const runsFor = (size: number) => Number(process.env.BENCH_RUNS ?? (size >= 10_000 ? 3 : 7));
const rssFile = join(mkdtempSync(join(tmpdir(), 'trustops-bench-')), 'rss');
const TODAY = '2026-11-22';

/** The program of each size: the 2,000-control one is the gate's reference (issue 17). */
function programOf(controls: number): GenerateOptions {
  if (controls >= 10_000) return { controls, recordsPerControl: 10, policies: 200 };
  return { controls, recordsPerControl: 3, policies: Math.max(10, controls / 10) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Run {
  ms: number;
  rssMb: number;
}

/** One process, timed from spawn to exit, with its peak memory. */
function run(args: string[], env: NodeJS.ProcessEnv): Run {
  rmSync(rssFile, { force: true });
  const t0 = performance.now();
  const result = spawnSync(nodeBin, ['--import', rssHook, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...env, TRUSTOPS_BENCH_RSS: rssFile } });
  const ms = performance.now() - t0;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  return { ms, rssMb: existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN };
}

const cold = { ...process.env, TRUSTOPS_NO_CACHE: '1' };
const warm = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'TRUSTOPS_NO_CACHE'));
const floor = (dir: string) => run([join(root, 'scripts/bench-child.mjs'), 'parse', dir], cold);
const command = (name: string, dir: string, env: NodeJS.ProcessEnv) => run([cli, name, '--repo', dir, '--format', 'json', '--today', TODAY], env);

/** Generates the program unless the same one is already there (10,000 controls: 210,000 files). */
function ensureProgram(dir: string, options: GenerateOptions): number {
  const marker = join(dir, '.bench-program.json');
  const wanted = JSON.stringify(options);
  if (existsSync(marker)) {
    const known = JSON.parse(readFileSync(marker, 'utf8')) as { options: string; files: number };
    if (known.options === wanted) return known.files;
  }
  const { files } = generateRepo(dir, options);
  spawnSync('git', ['init', '--quiet'], { cwd: dir });
  writeFileSync(marker, JSON.stringify({ options: wanted, files }));
  return files;
}

if (!existsSync(join(root, 'packages/core/dist/index.js'))) {
  console.error('run `pnpm build` first');
  process.exit(2);
}

const fmt = (ms: number) => `${Math.round(ms).toLocaleString('en')} ms`;
const mb = (value: number) => `${Math.round(value)} MB`;
const nodeVersion = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
console.log(`node ${nodeVersion}, ${new Date().toISOString().slice(0, 10)}; wall times of fresh processes, medians; the ratio is the median of paired runs\n`);
if (sizes.length > 0) {
  console.log('| controls | evidence records | files | floor: read + parse + hash | `check` cold | check / floor | `check` warm | `score` cold | `score` warm | peak RSS: check cold / filling the cache / warm | peak RSS: score cold / warm |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
}
for (const size of sizes) {
  const options = programOf(size);
  const dir = join(benchDir, `program-${size}`);
  const files = ensureProgram(dir, options);
  const runs = runsFor(size);
  floor(dir); // the page cache holds the files for every run that follows
  const floors: Run[] = [];
  const checks: Run[] = [];
  const scores: Run[] = [];
  for (let i = 0; i < runs; i++) {
    floors.push(floor(dir));
    checks.push(command('check', dir, cold));
    scores.push(command('score', dir, cold));
  }
  // In git: the parse cache (.git/trustops) applies. The first run fills it, as in a fresh CI checkout.
  rmSync(join(dir, '.git', 'trustops'), { recursive: true, force: true });
  const fill = command('check', dir, warm);
  const warmChecks: Run[] = [];
  const warmScores: Run[] = [];
  for (let i = 0; i < runs; i++) {
    warmChecks.push(command('check', dir, warm));
    warmScores.push(command('score', dir, warm));
  }
  const ratio = median(checks.map((c, i) => c.ms / floors[i]!.ms));
  const m = (list: Run[], key: keyof Run) => median(list.map((r) => r[key]));
  console.log(
    `| ${size.toLocaleString('en')} | ${(size * options.recordsPerControl).toLocaleString('en')} | ${files.toLocaleString('en')} | ${fmt(m(floors, 'ms'))} | ${fmt(m(checks, 'ms'))} | ${ratio.toFixed(2)}x | ${fmt(m(warmChecks, 'ms'))} | ${fmt(m(scores, 'ms'))} | ${fmt(m(warmScores, 'ms'))} | ${mb(m(checks, 'rssMb'))} / ${mb(fill.rssMb)} / ${mb(m(warmChecks, 'rssMb'))} | ${mb(m(scores, 'rssMb'))} / ${mb(m(warmScores, 'rssMb'))} |`,
  );
}

// Start-up: commands that print what they know, against node doing nothing, paired.
const startupRuns = Number(process.env.BENCH_STARTUP_RUNS ?? 15);
const cases: [string, string[]][] = [
  ['`trustops --version`', [cli, '--version']],
  ['`trustops --help`', [cli, '--help']],
  ['`trustops rules`', [cli, 'rules']],
  ['`trustops catalog`', [cli, 'catalog', '--repo', root]],
];
console.log('\n| command | wall | `node -e 0` | ratio |');
console.log('|---|---:|---:|---:|');
for (const [name, args] of cases) {
  const base: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < startupRuns; i++) {
    base.push(run(['-e', '0'], cold).ms);
    times.push(run(args, cold).ms);
  }
  console.log(`| ${name} | ${fmt(median(times))} | ${fmt(median(base))} | ${median(times.map((t, i) => t / base[i]!)).toFixed(2)}x |`);
}
