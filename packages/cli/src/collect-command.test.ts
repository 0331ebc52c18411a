import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { patch } from '@trustops/core/testing';
import { FakeGitHub, installCollectRoutes, northwindGitHub, type FakeRepoState } from '@trustops/github/testing';
import { runCli } from './main.js';

// trustops collect and trustops sample end to end: the real CLI on a copy of the example program, against
// the loopback GitHub API (the real Octokit client), and on real commands.

const root = new URL('../../../', import.meta.url).pathname;
const TOKEN = 'ghs_collectTestToken0123456789';
let fake: FakeGitHub;
let state: { repos: Record<string, FakeRepoState> };
const dirs: string[] = [];

function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trustops-collect-'));
  dirs.push(dir);
  for (const part of ['compliance.yaml', 'controls', 'policies', 'evidence', 'risks']) cpSync(join(root, part), join(dir, part), { recursive: true });
  return dir;
}

/** Every file under evidence/, with its bytes: what a run wrote (or did not) shows as a difference. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(join(dir, 'evidence'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(join(entry.parentPath, entry.name).slice(dir.length + 1), readFileSync(join(entry.parentPath, entry.name), 'utf8'));
  }
  return out;
}
const added = (before: Map<string, string>, after: Map<string, string>) => [...after.keys()].filter((k) => !before.has(k)).sort();

async function cli(args: string[], dir: string, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  // --repo before `--`: what follows it is collect run's command.
  const end = args.indexOf('--') < 0 ? args.length : args.indexOf('--');
  const status = await runCli([...args.slice(0, end), '--repo', dir, ...args.slice(end)], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: dir,
    env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.url, TRUSTOPS_TODAY: '2026-12-01', TRUSTOPS_NOW: '2026-12-01T06:00:00Z', ...env },
    isTty: false,
  });
  return { status, stdout, stderr };
}

beforeAll(async () => {
  fake = await FakeGitHub.start();
  fake.addToken(TOKEN, { user: { login: 'trustops-collector[bot]', id: 1, type: 'Bot' } });
  fake.addToken('ghs_noDependabot', { user: { login: 'limited[bot]', id: 2, type: 'Bot' }, denied: ['dependabot'] });
  const data = northwindGitHub();
  // One more change in Q1: approved by nobody but its author.
  data.repos['northwind-cloud/analytics-api']!.pulls.push({
    number: 9001,
    title: 'hotfix: bump the connection pool',
    author: 'rfinch',
    createdAt: '2026-02-20T10:00:00Z',
    mergedAt: '2026-02-20T11:00:00Z',
    updatedAt: '2026-02-20T11:00:00Z',
    base: 'main',
    headSha: 'f'.repeat(40),
    reviews: [{ user: 'rfinch', state: 'APPROVED', submittedAt: '2026-02-20T10:30:00Z' }],
    checks: [{ name: 'ci/lint', conclusion: 'success' }, { name: 'ci/test', conclusion: 'success' }],
  });
  state = installCollectRoutes(fake, data.repos, data.orgs);
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** The example without the records trustops collected (and their files), with the access collector configured too. */
function programToCollect(): string {
  const dir = copyExample();
  for (const [path, text] of snapshot(dir)) {
    if (!path.endsWith('.yaml') || !text.includes('\nprovenance:')) continue;
    const record = parse(text) as { files: { path: string }[] };
    for (const f of record.files) rmSync(join(dir, 'evidence', path.split('/')[1]!, f.path));
    rmSync(join(dir, path));
  }
  const config = join(dir, 'compliance.yaml');
  writeFileSync(config, patch(readFileSync(config, 'utf8'), '    vulnerabilities:\n', '    access: { control: IAM-ACCESS-REVIEW, item: github-access }\n    vulnerabilities:\n'));
  const control = join(dir, 'controls/iam/IAM-ACCESS-REVIEW.yaml');
  writeFileSync(control, `${readFileSync(control, 'utf8')}  - id: github-access\n    description: Collaborators and teams of the production repositories with their permission\n    every: quarterly\n`);
  return dir;
}

describe('trustops collect github', () => {
  it('writes the four records of 2026-Q1 with their populations and exceptions; a second run writes nothing; check verifies them', async () => {
    const dir = programToCollect();
    const before = snapshot(dir);
    const first = await cli(['collect', 'github', '--window', '2026-Q1'], dir);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const after = snapshot(dir);
    const records = added(before, after).filter((f) => f.endsWith('.yaml'));
    expect(records).toEqual([
      'evidence/CCC-CODE-REVIEW/2026-Q1-branch-protection-export-56f54e98.yaml',
      'evidence/CCC-CODE-REVIEW/2026-Q1-pr-population.yaml',
      'evidence/IAM-ACCESS-REVIEW/2026-Q1-github-access.yaml',
      'evidence/TVM-VULN-MANAGEMENT/2026-Q1-github-alerts.yaml',
    ]);
    expect(added(before, after)).toHaveLength(12);
    const read = (path: string) => parse(after.get(path)!) as { population?: { size: number; file: string }; exceptions?: { description: string; severity: string; remediated_on?: string }[]; provenance: { requests: string[]; collected_at: string; tool: string } };
    const changes = read('evidence/CCC-CODE-REVIEW/2026-Q1-pr-population.yaml');
    // 101 pull requests of Northwind's quarter, and the one approved by its own author only.
    expect(changes.population).toEqual({ source: expect.stringContaining('pull requests merged into the default branch of northwind-cloud/analytics-api'), size: 102, file: '2026-Q1-pr-population.json' });
    expect(changes.exceptions).toEqual([
      {
        description: 'northwind-cloud/analytics-api#9001 "hotfix: bump the connection pool" by rfinch, merged 2026-02-20: no approval from anyone but the author; merged past the default branch rules (a bypass)',
        severity: 'high',
        window: { start: '2026-02-20', end: '2026-02-20' },
      },
    ]);
    expect(changes.provenance).toMatchObject({ tool: expect.stringMatching(/^trustops \d/), collected_at: '2026-12-01T06:00:00Z', requests: expect.arrayContaining(['GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews (102)']) });
    // 5 repositories x (10 collaborators + 2 teams).
    expect(read('evidence/IAM-ACCESS-REVIEW/2026-Q1-github-access.yaml').population!.size).toBe(60);
    const alerts = read('evidence/TVM-VULN-MANAGEMENT/2026-Q1-github-alerts.yaml');
    expect(alerts.population!.size).toBe(33);
    expect(alerts.exceptions).toEqual([expect.objectContaining({ severity: 'high', remediated_on: '2026-03-16', description: expect.stringContaining('alert 90 (high') })]);
    expect(first.stdout).toContain('wrote evidence/CCC-CODE-REVIEW/2026-Q1-pr-population.yaml (102 pull requests merged, 1 exception)');

    const second = await cli(['collect', 'github', '--window', '2026-Q1'], dir, { TRUSTOPS_NOW: '2026-12-02T06:00:00Z' });
    expect(second.status).toBe(0);
    expect(second.stdout.match(/unchanged/g)).toHaveLength(4);
    expect(snapshot(dir)).toEqual(after);

    const check = await cli(['check', '--format', 'json'], dir);
    expect(check.status).toBe(0);
    const json = JSON.parse(check.stdout) as { findings: { ruleId: string; file: string }[] };
    expect(json.findings.filter((f) => f.ruleId.startsWith('evidence/') && f.file.includes('2026-Q1-'))).toEqual([]);
    // Digests are verified: a collected file changed afterwards is caught.
    writeFileSync(join(dir, 'evidence/CCC-CODE-REVIEW/2026-Q1-pr-population.csv'), `${after.get('evidence/CCC-CODE-REVIEW/2026-Q1-pr-population.csv')}tampered\n`);
    const tampered = JSON.parse((await cli(['check', '--format', 'json'], dir)).stdout) as { findings: { ruleId: string; file: string }[] };
    expect(tampered.findings).toContainEqual(expect.objectContaining({ ruleId: 'evidence/hash-mismatch', file: 'evidence/CCC-CODE-REVIEW/2026-Q1-pr-population.yaml' }));
  }, 120_000);

  it("re-collecting the example's quarter from the same data writes nothing", async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const run = await cli(['collect', 'github', '--window', 'previous'], dir, { TRUSTOPS_TODAY: '2026-10-01' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('unchanged evidence/CCC-CODE-REVIEW/2026-Q3-pr-population.yaml');
    expect(run.stdout).toContain('unchanged evidence/TVM-VULN-MANAGEMENT/2026-Q3-github-alerts.yaml');
    expect(snapshot(dir)).toEqual(before);
  }, 60_000);

  it('--dry-run collects and writes nothing; a 404 repository and a missing permission are one line each, nothing written', async () => {
    const dir = programToCollect();
    const before = snapshot(dir);
    const dry = await cli(['collect', 'github', '--window', '2026-Q1', '--dry-run'], dir);
    expect(dry.stdout).toContain('would write evidence/CCC-CODE-REVIEW/2026-Q1-pr-population.yaml');
    expect(snapshot(dir)).toEqual(before);

    const denied = await cli(['collect', 'github', '--window', '2026-Q1'], dir, { GITHUB_TOKEN: 'ghs_noDependabot' });
    expect(denied.status).toBe(3);
    expect(denied.stderr).toBe('trustops: GitHub refused to list the Dependabot alerts of repository northwind-cloud/analytics-api (403 Resource not accessible by integration): the token needs the permission "Dependabot alerts: read"\n');
    expect(snapshot(dir)).toEqual(before);

    const config = join(dir, 'compliance.yaml');
    writeFileSync(config, patch(readFileSync(config, 'utf8'), '      - northwind-cloud/web-console\n', '      - northwind-cloud/web-console\n      - northwind-cloud/retired-service\n'));
    const missing = await cli(['collect', 'github', '--window', '2026-Q1'], dir);
    expect(missing.status).toBe(3);
    expect(missing.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('GitHub found no repository northwind-cloud/retired-service')]);
    expect(snapshot(dir)).toEqual(before);
  }, 60_000);

  it('refuses a window that has not ended, and says when nothing is configured', async () => {
    const dir = copyExample();
    const early = await cli(['collect', 'github', '--window', '2026-Q4'], dir);
    expect(early.status).toBe(2);
    expect(early.stderr).toContain('the window ends on 2026-12-31, after the collection date 2026-12-01');
    const config = join(dir, 'compliance.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^collect:\n(?: {2}.*\n|#.*\n)+/m, ''));
    expect((await cli(['collect', 'github', '--window', 'previous'], dir)).status).toBe(2);
    const quiet = await cli(['collect', 'github', '--window', 'previous', '--if-configured'], dir);
    expect([quiet.status, quiet.stdout]).toEqual([0, 'trustops collect github: compliance.yaml has no collect.github; nothing to collect\n']);
  });
});

describe('trustops collect run', () => {
  it('records a command\'s output with its command line, status and version; a failing command writes nothing', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const failing = await cli(['collect', 'run', '--control', 'IAM-MFA', '--item', 'okta-signon-policy', '--window', '2026-Q3', '--', 'node', '-e', 'console.log("partial"); console.error("token expired"); process.exit(4)'], dir);
    expect(failing.status).toBe(1);
    expect(failing.stderr).toBe('trustops: node exited with status 4; nothing was written. The end of its standard error:\ntoken expired\n');
    expect((await cli(['collect', 'run', '--control', 'IAM-MFA', '--item', 'okta-signon-policy', '--window', '2026-Q3', '--', 'false'], dir)).status).toBe(1);
    expect(snapshot(dir)).toEqual(before);

    const args = ['collect', 'run', '--control', 'IAM-MFA', '--item', 'okta-signon-policy', '--window', '2026-Q3', '--ext', 'json', '--', 'node', '-e', 'console.log(JSON.stringify({ mfa: "required" }))'];
    const ok = await cli(args, dir);
    expect(ok.status).toBe(0);
    const files = added(before, snapshot(dir));
    expect(files).toHaveLength(2);
    const record = parse(readFileSync(join(dir, files.find((f) => f.endsWith('.yaml'))!), 'utf8')) as { provenance: Record<string, unknown>; files: { path: string }[] };
    expect(record.provenance).toMatchObject({ collector: 'command', exit_status: 0, command: ['node', '-e', 'console.log(JSON.stringify({ mfa: "required" }))'], tool_version: process.version });
    expect(readFileSync(join(dir, 'evidence/IAM-MFA', record.files[0]!.path), 'utf8')).toBe('{"mfa":"required"}\n');
    const again = await cli(args, dir);
    expect(again.stdout).toContain('unchanged');
    expect(added(before, snapshot(dir))).toHaveLength(2);
  });
});

describe('trustops sample', () => {
  const population = 'evidence/CCC-CODE-REVIEW/2026-Q3-pr-population.yaml';
  const keys = (stdout: string) => [...stdout.matchAll(/^\s+\d+\. (\S+)$/gm)].map((m) => m[1]);

  it('draws the same 25 items again (and writes nothing then), and other items for another seed', async () => {
    const dir = copyExample();
    // The example's sample was drawn with this command: drawing again finds it already recorded.
    const first = await cli(['sample', population, '--size', 'auto', '--item', 'pr-sample'], dir);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('unchanged evidence/CCC-CODE-REVIEW/2026-Q3-pr-sample-');
    const drawn = keys(first.stdout);
    expect(drawn).toHaveLength(25);
    const before = snapshot(dir);
    const again = await cli(['sample', population, '--size', 'auto', '--item', 'pr-sample'], dir);
    expect(keys(again.stdout)).toEqual(drawn);
    expect(snapshot(dir)).toEqual(before);
    const recorded = JSON.parse(readFileSync(join(dir, [...before.keys()].find((k) => /2026-Q3-pr-sample-[0-9a-f]{8}\.json$/.test(k))!), 'utf8')) as { items: { key: string }[]; seed: string };
    expect(recorded.items.map((i) => i.key)).toEqual(drawn);

    const other = await cli(['sample', population, '--size', '25', '--seed', 'auditor-2026', '--item', 'pr-sample'], dir);
    expect(other.status).toBe(0);
    const otherKeys = keys(other.stdout);
    expect(otherKeys).toHaveLength(25);
    expect(otherKeys).not.toEqual(drawn);
    expect(new Set([...otherKeys, ...drawn]).size).toBeGreaterThan(30);
    const written = added(before, snapshot(dir));
    expect(written).toHaveLength(3);
    const record = parse(readFileSync(join(dir, written.find((f) => f.endsWith('.yaml'))!), 'utf8')) as { sample: unknown; population: unknown; provenance: { drawn_with: string } };
    expect(record.sample).toEqual({ size: 25, method: 'random', seed: 'auditor-2026' });
    expect(record.population).toMatchObject({ size: 111, file: '2026-Q3-pr-population.json' });
    expect(record.provenance.drawn_with).toBe(`trustops sample ${population} --size 25 --seed "auditor-2026" --item pr-sample`);
  });

  it('refuses a population file that changed after it was collected', async () => {
    const dir = copyExample();
    const file = join(dir, 'evidence/CCC-CODE-REVIEW/2026-Q3-pr-population.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"northwind-cloud/deploy#4131"', '"northwind-cloud/deploy#9999"'));
    const run = await cli(['sample', population, '--size', '25'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('does not match the SHA-256 its record lists');
    expect(existsSync(join(dir, 'evidence/CCC-CODE-REVIEW/2026-Q3-pr-population-sample.yaml'))).toBe(false);
  });
});
