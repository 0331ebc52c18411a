// Benchmark for `trustops migrate --ccm 4.1` and `trustops import`: the example program and a 2,000-control
// repository (8,000 evidence records) migrated from a fresh copy each run; a 1,000-row SOC 2 matrix imported
// into an empty folder. Run `pnpm build` first; `pnpm bench:migrate`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateRepo } from './generate-repo.js';

const root = join(import.meta.dirname, '..');
const bench = join(root, '.bench');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const cli = join(root, 'packages/cli/bin/trustops.js');

function median(times: number[]): number {
  return Math.round([...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!);
}

/** Wall time of one CLI run on a fresh copy of `source` made before each run (not timed). */
function migrateFromCopies(source: string): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = join(bench, 'migrate-run');
    rmSync(dir, { recursive: true, force: true });
    cpSync(source, dir, { recursive: true });
    const t0 = performance.now();
    execFileSync(process.execPath, [cli, 'migrate', '--ccm', '4.1', '--repo', dir], { stdio: ['ignore', 'ignore', 'ignore'] });
    times.push(performance.now() - t0);
  }
  return median(times);
}

const example = join(bench, 'migrate-example');
rmSync(example, { recursive: true, force: true });
mkdirSync(example, { recursive: true });
for (const part of ['compliance.yaml', 'controls', 'policies', 'evidence', 'risks']) cpSync(join(root, part), join(example, part), { recursive: true });
const large = join(bench, 'migrate-2000');
const { files } = generateRepo(large, { controls: 2000, recordsPerControl: 4 });

// A SOC 2 matrix of 1,000 controls, three criteria each.
const criteria = ['CC1.1', 'CC2.1', 'CC3.1', 'CC4.1', 'CC5.1', 'CC6.1', 'CC6.2', 'CC6.6', 'CC7.1', 'CC7.2', 'CC8.1', 'CC9.1', 'A1.2'];
const matrix = ['Control #,Control Description,TSC Reference,Control Owner,Implemented?'];
for (let i = 1; i <= 1000; i++) {
  const ids = [0, 1, 2].map((k) => criteria[(i + k * 5) % criteria.length]).join(', ');
  matrix.push(`C-${String(i).padStart(4, '0')},"Control ${i}: the team runs the documented procedure and keeps its records.","${ids}",team-${i % 7},${i % 3 ? 'Yes' : 'Partial'}`);
}
writeFileSync(join(bench, 'matrix-1000.csv'), `${matrix.join('\n')}\n`);
const importTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = join(bench, 'import-run');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  execFileSync(process.execPath, [cli, 'import', 'tsc-matrix', join(bench, 'matrix-1000.csv'), '--repo', dir], { stdio: ['ignore', 'ignore', 'ignore'] });
  importTimes.push(performance.now() - t0);
}

console.log(`node ${process.version}, median of ${runs}`);
console.log('| what | files | wall time |');
console.log('|---|---:|---:|');
const exampleFiles = readdirSync(example, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
console.log(`| \`trustops migrate --ccm 4.1\`, the example program | ${exampleFiles} | ${migrateFromCopies(example)} ms |`);
console.log(`| \`trustops migrate --ccm 4.1\`, 2,000 controls, 8,000 evidence records | ${files.toLocaleString('en')} | ${migrateFromCopies(large)} ms |`);
console.log(`| \`trustops import tsc-matrix\`, 1,000 rows, into an empty folder | 1,001 written | ${median(importTimes)} ms |`);
