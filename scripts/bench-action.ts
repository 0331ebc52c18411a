// The composite action's own overhead: what runs in a user's job before `trustops check` starts. It used
// to install the workspace's dependencies and build it there; it now starts the committed bundle. This
// measures, on a copy of the example program in git: starting the bundle (`--version`: Node's start and
// loading the bundle), `check` from the bundle, and action.sh's whole `check` command (SARIF, then the
// annotations: two checks). `pnpm bench:action`; BENCH_RUNS (default 5).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = join(import.meta.dirname, '..');
const bundle = join(root, 'packages/github/bundle/trustops.mjs');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'trustops-bench-action-'));
const program = join(dir, 'program');
for (const part of ['compliance.yaml', 'controls', 'policies', 'evidence', 'risks']) cpSync(join(root, part), join(program, part), { recursive: true });
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=bench@trustops.invalid', '-c', 'user.name=bench', ...args], { cwd: program, stdio: 'ignore' });
git('init', '--quiet');
git('add', '-A');
git('commit', '--quiet', '-m', 'example program');

const env = { PATH: process.env.PATH ?? '', HOME: dir, TRUSTOPS_TODAY: '2026-11-22', TRUSTOPS_NO_CACHE: '1' };
function time(file: string, args: string[], extra: Record<string, string> = {}): number {
  const t0 = performance.now();
  try {
    execFileSync(file, args, { cwd: program, env: { ...env, ...extra }, stdio: 'ignore' });
  } catch (error) {
    // Exit 1 is a gate that fails, not a failed run.
    if ((error as { status?: number }).status !== 1) throw error;
  }
  return performance.now() - t0;
}
function median(f: () => number): string {
  f(); // warm the page cache
  const values = Array.from({ length: runs }, f).sort((a, b) => a - b);
  return `${(values[Math.floor(values.length / 2)]! / 1000).toFixed(2)} s`;
}

console.log(`node ${process.version}, ${runs} runs each, median; the example program (58 controls, 120 evidence records)\n`);
console.log('| what | wall time |');
console.log('|---|---:|');
console.log(`| start the bundled CLI (\`node bundle/trustops.mjs --version\`) | ${median(() => time(process.execPath, [bundle, '--version']))} |`);
console.log(`| \`trustops check --format github\` from the bundle | ${median(() => time(process.execPath, [bundle, 'check', '--format', 'github']))} |`);
console.log(
  `| action.sh \`command: check\` (SARIF + annotations) | ${median(() => time('bash', [join(root, 'packages/github/scripts/action.sh')], { TRUSTOPS_COMMAND: 'check', TRUSTOPS_OUT: join(dir, 'out') }))} |`,
);
rmSync(dir, { recursive: true, force: true });
