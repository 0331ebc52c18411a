// The hostile inputs of issue 13, measured on the built CLI (`pnpm build` first; `pnpm bench:hostile`):
// wall time, peak memory and what the command answered, each in a fresh process. Targets: check --format
// text on a file with 100,000 list entries under 5 s; the alias and Markdown cases under 300 MB.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BASE_FILES } from '../packages/core/src/testing/base-repo.js';
import { fullSsrmFile } from '../packages/core/src/testing/temp-repo.js';

const root = join(import.meta.dirname, '..');
const benchDir = join(root, '.bench', 'hostile');
if (!existsSync(join(root, 'packages/cli/dist/main.js'))) {
  console.error('run `pnpm build` first');
  process.exit(2);
}

const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
const policy = BASE_FILES['policies/access-control.md']!;
const raised = `${BASE_FILES['compliance.yaml']}limits:\n  file_bytes:\n    control: 67108864\n    policy: 67108864\n    evidence: 67108864\n`;

/** A program in git (the packet takes its time from the commit) with these files changed. */
function program(name: string, files: Record<string, string>): string {
  const dir = join(benchDir, name);
  rmSync(dir, { recursive: true, force: true });
  for (const [path, content] of Object.entries({ ...BASE_FILES, 'controls/responsibility/ccm.yaml': fullSsrmFile(), ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_DATE: '2026-11-01T12:00:00Z', GIT_COMMITTER_DATE: '2026-11-01T12:00:00Z' } });
  git('init', '--quiet');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@trustops.invalid', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', 'bench');
  return dir;
}

function run(dir: string, args: string[]): { ms: number; maxRssMb: number; status: number; stdoutBytes: number; stderr: string } {
  const out = execFileSync(process.execPath, [join(root, 'scripts/bench-hostile-child.mjs'), ...args, '--repo', dir], { encoding: 'utf8', cwd: dir, maxBuffer: 1 << 28 });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

const list = (n: number) => `policies: [${Array.from({ length: n }, (_, i) => `POL-${String(i).padStart(6, '0')}`).join(', ')}]`;
const table = (bytes: number) => `\n| a | b |\n|---|---|\n${'| cell | cell |\n'.repeat(Math.ceil(bytes / 16))}`;
const aliases = `x: &big "${'y'.repeat(6_000_000)}"\nrefs: [${Array.from({ length: 99 }, () => '*big').join(', ')}]\n`;
const KEY = ['AKIA', 'Z7QKXW3ND5RPLM4Y'].join('');
const export20mb = `[${Array.from({ length: 200_000 }, (_, i) => `{"user":"u${i}","token_type":"bearer","access":"read","key":"k${i}"}`).join(',\n')},\n{"awsKey":"${KEY}"}]\n`;

const cases: { name: string; files: Record<string, string>; args: string[] }[] = [
  { name: '100,000-entry list, default limits', files: { 'controls/iam/IAM-MFA.yaml': control.replace('policies: [POL-ACCESS]', list(100_000)) }, args: ['check', '--format', 'text'] },
  { name: '100,000-entry list, limit raised: 100,000 findings', files: { 'compliance.yaml': raised, 'controls/iam/IAM-MFA.yaml': control.replace('policies: [POL-ACCESS]', list(100_000)) }, args: ['check', '--format', 'text'] },
  { name: 'same, --format json', files: { 'compliance.yaml': raised, 'controls/iam/IAM-MFA.yaml': control.replace('policies: [POL-ACCESS]', list(100_000)) }, args: ['check', '--format', 'json'] },
  { name: '6 MB anchor used 99 times, default limits', files: { 'controls/iam/IAM-MFA.yaml': `${control}${aliases}` }, args: ['check'] },
  { name: '6 MB anchor used 99 times, limit raised', files: { 'compliance.yaml': raised, 'controls/iam/IAM-MFA.yaml': `${control}${aliases}` }, args: ['check'] },
  { name: 'policy with a 1 MB Markdown table: packet', files: { 'policies/access-control.md': `${policy}${table(1_000_000)}` }, args: ['packet', '--allow-findings'] },
  { name: 'policy with a 60 KB table (under the 64 KiB limit): packet', files: { 'policies/access-control.md': `${policy}${table(60_000)}` }, args: ['packet'] },
  { name: 'policy with 250 KB of prose, limit raised: packet', files: { 'compliance.yaml': raised, 'policies/access-control.md': `${policy}${'Access is granted by role and reviewed quarterly by the owner of each system.\n\n'.repeat(3200)}` }, args: ['packet'] },
  { name: 'policy with a 1 MB table, limit raised: packet', files: { 'compliance.yaml': raised, 'policies/access-control.md': `${policy}${table(1_000_000)}` }, args: ['packet'] },
  { name: '5 MB one-line value, limit raised', files: { 'compliance.yaml': raised, 'controls/iam/IAM-MFA.yaml': control.replace('status: operating', `status: ${'o'.repeat(5_000_000)}`) }, args: ['check', '--format', 'json'] },
  {
    name: '20 MB evidence export with a key at the end (streamed scan)',
    files: {
      'evidence/IAM-MFA/2026-Q1-okta-policy.json': export20mb,
      'evidence/IAM-MFA/2026-Q1.yaml': BASE_FILES['evidence/IAM-MFA/2026-Q1.yaml']!.replace(/sha256: .*/, `sha256: ${(await import('node:crypto')).createHash('sha256').update(export20mb).digest('hex')}`),
    },
    args: ['check', '--format', 'json'],
  },
];

console.log(`node ${process.version}\n`);
console.log('| case | command | wall | peak RSS | exit | output |');
console.log('|---|---|---:|---:|---:|---:|');
for (const c of cases) {
  const dir = program(c.name.replace(/\W+/g, '-').toLowerCase(), c.files);
  const r = run(dir, c.args);
  const note = r.stderr ? ` (${r.stderr.trim().split('\n')[0]!.slice(0, 90)})` : '';
  console.log(`| ${c.name} | \`trustops ${c.args.join(' ')}\` | ${r.ms} ms | ${r.maxRssMb} MB | ${r.status} | ${r.stdoutBytes.toLocaleString('en')} bytes${note} |`);
}
