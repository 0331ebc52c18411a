import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASE_FILES, createGitFixture, fullSsrmFile, type GitFixture } from '@trustops/core/testing';
import { checkCommentBody, COMMENT_MARKER, hardenMarkdown } from '@trustops/github';
import { FakeGitHub, GITHUB_ACTIONS_BOT } from '@trustops/github/testing';
import { renderFindingsMarkdown } from '@trustops/core';
import { runCli } from './main.js';
import { patch } from '@trustops/core/testing';

// End to end: the real CLI, a real git repository, the real Octokit client, and a fake GitHub on loopback.

const CONTROL = 'controls/iam/IAM-MFA.yaml';
const EVIL = '[click](https://evil.example) @org/team <img src=x onerror=alert(1)>';
const TOKEN = 'ghs_e2eInstallationToken_0123456789abcdef';
const REPO = 'acme/compliance';
const SERVER = 'https://github.com';

let fake: FakeGitHub;
let fx: GitFixture;
let work: string;
let base: string;
let head: string;

beforeEach(async () => {
  fake = await FakeGitHub.start();
  fake.addRepo(REPO).addToken(TOKEN, { user: GITHUB_ACTIONS_BOT, canReadUser: false });
  fx = await createGitFixture({ ...BASE_FILES, 'controls/responsibility/ccm.yaml': fullSsrmFile() });
  base = await fx.commit('base');
  // The pull request weakens IAM-MFA (maturity 4 -> 3) and gives it a hostile title.
  head = await fx.commit('weaken', { [CONTROL]: patch(patch(BASE_FILES[CONTROL]!, 'maturity: 4', 'maturity: 3'), /^title: .*$/m, `title: "${EVIL}"`) });
  fake.addPull(REPO, 12, { headSha: head, baseSha: base });
  work = mkdtempSync(join(tmpdir(), 'trustops-github-e2e-'));
});
afterEach(async () => {
  await fake.close();
  fx.cleanup();
  rmSync(work, { recursive: true, force: true });
});

function eventFile(payload: unknown): string {
  const path = join(work, `event-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

const pullRequestEvent = () =>
  eventFile({
    action: 'synchronize',
    number: 12,
    pull_request: { number: 12, base: { sha: base, repo: { full_name: REPO } }, head: { sha: head, repo: { full_name: REPO } } },
  });

function actionsEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    TRUSTOPS_TODAY: '2026-11-22',
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: fake.url,
    GITHUB_SERVER_URL: SERVER,
    GITHUB_REPOSITORY: REPO,
    GITHUB_TOKEN: TOKEN,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: pullRequestEvent(),
    GITHUB_SHA: head,
    GITHUB_RUN_ID: '4242',
    ...extra,
  };
}

async function run(argv: string[], env: Record<string, string | undefined>) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: fx.dir, env, isTty: false });
  return { status, stdout, stderr };
}

/** The body must not be able to do anything but show text, our headings and tables, and links into the repository. */
function expectSafe(body: string) {
  expect(checkCommentBody(body, { marker: COMMENT_MARKER, linkPrefix: `${SERVER}/${REPO}/` })).toEqual({ ok: true, problems: [] });
  expect(body).not.toMatch(/(?<!\\)<img|\]\(https:\/\/evil|(?<![\\&#;\w])@org/);
}

describe('trustops github pr-comment', () => {
  it('run twice on a pull request: one comment, with the newest report', async () => {
    const summary = join(work, 'step-summary.md');
    const first = await run(['github', 'pr-comment'], actionsEnv({ GITHUB_STEP_SUMMARY: summary }));
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^comment created: ${fake.url}/acme/compliance/pull/12#issuecomment-\\d+\\n$`));

    // Another push: maturity 3 -> 2 in the work tree.
    fx.write({ [CONTROL]: patch(patch(BASE_FILES[CONTROL]!, 'maturity: 4', 'maturity: 2'), /^title: .*$/m, `title: "${EVIL}"`) });
    const second = await run(['github', 'pr-comment', '--summary', join(work, 'comment.md')], actionsEnv({ GITHUB_STEP_SUMMARY: summary }));
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^comment updated: /);

    const comments = fake.commentsOn(REPO, 12);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(comments[0]!.user.login).toBe('github-actions[bot]');
    expect(body.startsWith(`${COMMENT_MARKER}\n## trustops: compliance impact of this pull request\n`)).toBe(true);
    expect(body).toMatch(/^\*\*Compliance impact:\*\* readiness CCM .* · 1 control weakened$/m);
    expect(body).toContain(`_\`${base}\` (${base.slice(0, 7)}) → \`work tree\`; SOC 2 Type II view._`);
    // The weakened control, linked to its file at the head commit, its title escaped.
    expect(body).toContain(`- [IAM-MFA](${SERVER}/${REPO}/blob/${head}/controls/iam/IAM-MFA.yaml#L1) \\[click\\]\\(https:\u200b//evil.example\\) @\u200borg/team \\<img src=x onerror=alert\\(1\\)\\>: **changed**; maturity 4 → 2`);
    expect(body).toContain('⚠️ weakened');
    expect(body).not.toContain('maturity 4 → 3');
    // The check result: the weakened control is a warning until acknowledged.
    expect(body).toMatch(/### Check: ✅ \*\*passed\*\*\n\n0 errors, \d+ warnings?, \d+ infos?\./);
    expect(body).toMatch(/\| ⚠️ warning \| `control\/weakened` \| \[controls\/iam\/IAM-MFA\.yaml:\d+\]\(https:\/\/github\.com\/acme\/compliance\/blob\/[0-9a-f]{40}\/controls\/iam\/IAM-MFA\.yaml#L\d+\) \|/);
    expect(body).toContain('### Readiness at this commit');
    expect(body).toContain('<details><summary>Readiness by domain, series and theme</summary>');
    expect(body).toContain(`_trustops `);
    expect(body).toContain(`commit \`${head.slice(0, 7)}\` · [workflow run](${SERVER}/${REPO}/actions/runs/4242)_`);
    expect(body.length).toBeLessThan(65_536);
    expectSafe(body);

    // The job summary got both runs' reports; --summary the second one.
    const summaryText = readFileSync(summary, 'utf8');
    expect(summaryText.split(COMMENT_MARKER)).toHaveLength(3);
    expect(summaryText.endsWith(body)).toBe(true);
    expect(readFileSync(join(work, 'comment.md'), 'utf8')).toBe(body);
    // Nothing left loopback, and the token went only in the Authorization header.
    expect(fake.requests.every((r) => r.host === new URL(fake.url).host && !r.path.includes(TOKEN))).toBe(true);
  });

  it('fork flow: --body-only with no token, then --body-file --pr from a workflow_run job', async () => {
    const built = await run(['github', 'pr-comment', '--body-only'], actionsEnv({ GITHUB_TOKEN: undefined }));
    expect(built.status).toBe(0);
    expect(built.stdout.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(fake.requests).toEqual([]);
    const bodyFile = join(work, 'body.md');
    writeFileSync(bodyFile, built.stdout);

    // workflow_run: GitHub leaves pull_requests empty for forks; the number comes from the artifact.
    const runEvent = eventFile({ action: 'completed', workflow_run: { id: 77, event: 'pull_request', head_sha: head, pull_requests: [] } });
    const env = actionsEnv({ GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: runEvent, GITHUB_SHA: base });
    const posted = await run(['github', 'pr-comment', '--body-file', bodyFile, '--pr', '12'], env);
    expect(posted.stderr).toBe('');
    expect(posted.status).toBe(0);
    expect(fake.commentsOn(REPO, 12).map((c) => c.body)).toEqual([built.stdout]);
    expectSafe(built.stdout);

    // A tampered artifact is refused, and nothing changes.
    writeFileSync(bodyFile, `${built.stdout}\n[free money](https://evil.example) cc @org/team\n`);
    const tampered = await run(['github', 'pr-comment', '--body-file', bodyFile, '--pr', '12'], env);
    expect(tampered.status).toBe(2);
    expect(tampered.stderr).toMatch(/^trustops: refusing to post .*body\.md: it links outside https:\/\/github\.com\/acme\/compliance\/.*mention/);
    writeFileSync(bodyFile, 'Hello\n');
    expect((await run(['github', 'pr-comment', '--body-file', bodyFile, '--pr', '12'], env)).stderr).toMatch(/does not start with the line <!-- trustops:pr-comment -->/);

    // A PR number that is not the one the run built is refused.
    fake.addPull(REPO, 13, { headSha: 'f'.repeat(40), baseSha: base });
    writeFileSync(bodyFile, built.stdout);
    const wrong = await run(['github', 'pr-comment', '--body-file', bodyFile, '--pr', '13'], env);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^trustops: pull request #13 of acme\/compliance is at ffffffffffff, not at the commit the workflow run built/);
    expect(fake.commentsOn(REPO, 13)).toEqual([]);
    expect(fake.commentsOn(REPO, 12).map((c) => c.body)).toEqual([built.stdout]);
  });

  it('says what is wrong, without a stack or the token: no token, a read-only token, a missing pull request', async () => {
    const noToken = await run(['github', 'pr-comment'], actionsEnv({ GITHUB_TOKEN: undefined }));
    expect(noToken).toMatchObject({ status: 3, stdout: '' });
    expect(noToken.stderr).toMatch(/^trustops: no GitHub token: set GITHUB_TOKEN/);

    fake.addToken('ghs_readonly_0123456789', { user: GITHUB_ACTIONS_BOT, canReadUser: false, pullRequests: 'read' });
    const readOnly = await run(['github', 'pr-comment'], actionsEnv({ GITHUB_TOKEN: 'ghs_readonly_0123456789' }));
    expect(readOnly.status).toBe(3);
    expect(readOnly.stderr).toMatch(/^trustops: GitHub refused to create the trustops comment on pull request #12 of acme\/compliance \(403 Resource not accessible by integration\): the workflow's token needs `pull-requests: write`/);
    expect(readOnly.stderr.trim().split('\n')).toHaveLength(1);
    expect(readOnly.stderr).not.toContain('ghs_readonly_0123456789');

    const missing = await run(['github', 'pr-comment', '--pr', '99'], actionsEnv());
    expect(missing.status).toBe(3);
    expect(missing.stderr).toMatch(/^trustops: pull request #99 of acme\/compliance was not found/);

    const notInActions = await run(['github', 'pr-comment'], { TRUSTOPS_TODAY: '2026-11-22', GITHUB_TOKEN: TOKEN });
    expect(notInActions).toMatchObject({ status: 2, stderr: expect.stringMatching(/^trustops: GITHUB_REPOSITORY is not set/) });
    expect((await run(['github', 'pr-comment', '--pr', 'x'], actionsEnv())).status).toBe(2);
    expect(fake.commentsOn(REPO, 12)).toEqual([]);
  });
});

describe('the findings table', () => {
  it('shows 20 findings by severity, folds the rest, and escapes messages, hints and file names', () => {
    const findings = Array.from({ length: 25 }, (_, i) => ({
      ruleId: i === 24 ? 'schema/invalid' : 'control/weakened',
      severity: i === 24 ? ('error' as const) : ('warning' as const),
      message: `${EVIL} #${i}`,
      file: `controls/x/[evil](https:/e)${i}.yaml`,
      line: i + 1,
      column: 1,
      hint: 'ask @security-team or see https://evil.example',
    }));
    const md = `${COMMENT_MARKER}\n${renderFindingsMarkdown(findings, `${SERVER}/${REPO}/blob/${'a'.repeat(40)}/`)}`;
    const rows = md.split('\n').filter((l) => l.startsWith('| ❌') || l.startsWith('| ⚠️'));
    expect(rows).toHaveLength(25);
    expect(rows[0]).toMatch(/^\| ❌ error \| `schema\/invalid` \|/);
    expect(md).toMatch(/\n<details><summary>5 more findings<\/summary>\n\n\| Severity \| Rule \| Where \| Finding \|\n/);
    expect(md.indexOf(rows[19]!)).toBeLessThan(md.indexOf('<details>'));
    expect(md.indexOf(rows[20]!)).toBeGreaterThan(md.indexOf('<details>'));
    expect(md).toContain(`[controls/x/\\[evil\\]\\(https:/e\\)0.yaml:1](${SERVER}/${REPO}/blob/${'a'.repeat(40)}/controls/x/%5Bevil%5D(https%3A/e)0.yaml#L1)`);
    expectSafe(hardenMarkdown(md));
  });
});

describe('trustops github release', () => {
  function packet(version: string): string {
    const dir = join(work, 'out');
    mkdirSync(join(dir, 'audit-packet'), { recursive: true });
    writeFileSync(join(dir, 'audit-packet-2026-11-01.zip'), `PK zip ${version}`);
    writeFileSync(join(dir, 'audit-packet', 'SHA256SUMS'), `abc  audit-packet-2026-11-01.zip ${version}\n`);
    writeFileSync(join(dir, 'audit-packet', 'readiness.md'), `## Readiness\n\n| Framework | Readiness |\n|---|---:|\n| CCM | 50.0% |\n`);
    writeFileSync(join(dir, 'audit-packet', 'changelog.md'), `**Compliance impact:** ${version} &#64;org\n`);
    return dir;
  }

  it('run twice: one release tagged compliance-<date>-<sha>, whose assets are the newest bytes', async () => {
    const tag = `compliance-2026-11-01-${head.slice(0, 7)}`;
    const first = await run(['github', 'release', '--packet', packet('v1')], actionsEnv());
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(`${fake.url}/acme/compliance/releases/tag/${tag}\n`);
    const second = await run(['github', 'release', '--packet', packet('v2')], actionsEnv());
    expect(second.status).toBe(0);
    expect(second.stderr).toContain(`release ${tag} updated; 2 assets uploaded (2 replaced)`);

    expect(fake.releases).toHaveLength(1);
    const release = fake.releaseByTag(REPO, tag)!;
    expect(release).toMatchObject({ name: `Compliance 2026-11-01 (${head.slice(0, 7)})`, targetCommitish: head });
    expect(release.body).toMatch(/^## Readiness\n[\s\S]*\*\*Compliance impact:\*\* v2 &#64;&#8203;org\n\n_trustops /);
    expect(
      fake
        .assetsOf(release)
        .map((a) => [a.name, a.data.toString()])
        .sort(),
    ).toEqual([
      ['SHA256SUMS', 'abc  audit-packet-2026-11-01.zip v2\n'],
      ['audit-packet-2026-11-01.zip', 'PK zip v2'],
    ]);
  }, 60_000);

  it('links the PBC list from the notes, and uploads it beside the zip', async () => {
    const dir = packet('v3');
    writeFileSync(join(dir, 'audit-packet', 'pbc.md'), '# Due (PBC list)\n\nDue by 2027-03-01 \\(as of 2026-12-01\\): 9 items overdue, 94 due.\n\n| Due | Status |\n');
    const tag = `compliance-2026-11-01-${head.slice(0, 7)}`;
    expect((await run(['github', 'release', '--packet', dir], actionsEnv())).status).toBe(0);
    const release = fake.releaseByTag(REPO, tag)!;
    expect(release.body).toContain(
      `## Due (PBC list)\n\nDue by 2027-03-01 \\(as of 2026-12-01\\): 9 items overdue, 94 due. The full list, what is due from whom by when: [pbc.md](${SERVER}/${REPO}/releases/download/${tag}/pbc.md)`,
    );
    // Readiness first, then what is due, then the changelog.
    expect(release.body.indexOf('## Readiness')).toBeLessThan(release.body.indexOf('## Due (PBC list)'));
    expect(release.body.indexOf('## Due (PBC list)')).toBeLessThan(release.body.indexOf('**Compliance impact:**'));
    expect(fake.assetsOf(release).map((a) => a.name).sort()).toEqual(['SHA256SUMS', 'audit-packet-2026-11-01.zip', 'pbc.md']);
  }, 60_000);

  it('exits 2 without a packet folder or a zip, 3 when the token may not write contents', async () => {
    expect(await run(['github', 'release'], actionsEnv())).toMatchObject({ status: 2 });
    const missing = await run(['github', 'release', '--packet', join(work, 'nope')], actionsEnv());
    expect(missing).toMatchObject({ status: 2, stderr: expect.stringMatching(/^trustops: --packet .* is not a folder/) });
    mkdirSync(join(work, 'empty'));
    expect(await run(['github', 'release', '--packet', join(work, 'empty')], actionsEnv())).toMatchObject({ status: 2, stderr: expect.stringMatching(/no \*\.zip/) });
    fake.addToken('ghs_read_contents_0123', { user: GITHUB_ACTIONS_BOT, canReadUser: false, contents: 'read' });
    const denied = await run(['github', 'release', '--packet', packet('v1')], actionsEnv({ GITHUB_TOKEN: 'ghs_read_contents_0123' }));
    expect(denied.status).toBe(3);
    expect(denied.stderr).toMatch(/^trustops: GitHub refused to create the release .*`contents: write`/);
  });
});
