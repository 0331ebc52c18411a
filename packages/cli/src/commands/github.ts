import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkWithHistory, GitRepo, parseAcknowledged, readRevisionPair, renderPrCommentMarkdown, TrustopsError } from '@trustops/core';
import {
  assertPullRequestHead,
  checkCommentBody,
  COMMENT_LIMIT,
  COMMENT_MARKER,
  createGitHubClient,
  GitHubError,
  hardenMarkdown,
  readActionsContext,
  RELEASE_BODY_LIMIT,
  requireApi,
  requirePullRequest,
  truncateMarkdown,
  type ActionsContext,
  type ApiAccess,
  type GitHubClient,
  type ReleaseAssetInput,
  upsertRelease,
  upsertStickyComment,
  uploadAssets,
} from '@trustops/github';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { toolVersion } from '../version.js';
import { resolveRepoDir, resolveToday } from './shared.js';

export interface GithubPrCommentOptions {
  repo?: string;
  base?: string;
  summary?: string;
  bodyOnly?: boolean;
  bodyFile?: string;
  pr?: string;
}

export interface GithubReleaseOptions {
  packet: string;
  repo?: string;
  tag?: string;
}

/** Comments are cut below GitHub's limit, leaving room for the note. */
const COMMENT_TARGET = COMMENT_LIMIT - 536;
/** GitHub keeps at most 1 MiB of job summary per step. */
const STEP_SUMMARY_TARGET = 1_000_000;
/** A body file larger than this is not even read. */
const BODY_FILE_MAX_BYTES = 4 * COMMENT_LIMIT;

/**
 * `trustops github pr-comment`: the pull request's compliance impact as one sticky comment.
 *
 * - default: read the repository, build the body, write it to $GITHUB_STEP_SUMMARY (appended) and
 *   --summary FILE, and create or update the comment.
 * - --body-only: build and print the body; no token, no API call (a fork's pull request run, whose token is
 *   read-only, uploads it as an artifact).
 * - --body-file FILE [--pr N]: post a body built by --body-only, without reading the repository (the
 *   workflow_run job of the base repository). The file comes from an untrusted run: it must start with the
 *   marker, fit the size limit and hold nothing but what trustops generates (checkCommentBody); on a
 *   workflow_run event the pull request's head must be the commit that run built.
 */
export async function runGithubPrComment(options: GithubPrCommentOptions, io: CliIo): Promise<number> {
  if (options.bodyOnly && options.bodyFile !== undefined) throw new UsageError('--body-only builds a body and --body-file posts one: use one of them');
  if (options.bodyFile !== undefined && (options.base !== undefined || options.summary !== undefined)) {
    throw new UsageError('--body-file posts a body as it is: --base and --summary do not apply');
  }
  const pr = parsePr(options.pr);
  try {
    const context = readActionsContext(io.env);
    if (options.bodyFile !== undefined) {
      const access = requireApi(context);
      const body = await readBodyFile(options.bodyFile, io);
      const check = checkCommentBody(body, { marker: COMMENT_MARKER, linkPrefix: repositoryUrl(context, access) });
      if (!check.ok) throw new GitHubError('GITHUB_INPUT', `refusing to post ${options.bodyFile}: ${check.problems.join('; ')}`);
      return await postComment(context, access, body, pr, io);
    }

    // Fail before the work when the comment could not be posted anyway.
    const access = options.bodyOnly ? undefined : requireApi(context);
    if (!options.bodyOnly) requirePullRequest(context, pr);
    const full = await buildPrCommentBody(options, context, io);
    if (options.summary !== undefined) await writeReport(resolve(io.cwd, options.summary), full, 'write');
    if (io.env.GITHUB_STEP_SUMMARY) await writeReport(io.env.GITHUB_STEP_SUMMARY, truncateMarkdown(full, STEP_SUMMARY_TARGET, cutNote(context)), 'append');
    const body = truncateMarkdown(full, COMMENT_TARGET, cutNote(context));
    if (options.bodyOnly) {
      io.stdout(body);
      return EXIT.ok;
    }
    return await postComment(context, access!, body, pr, io);
  } catch (error) {
    return reportGitHubError(error, io);
  }
}

/**
 * `trustops github release`: publishes an audit packet as a GitHub release. The tag defaults to
 * `compliance-<YYYY-MM-DD>-<short sha>` (the UTC committer date and the 7-character sha of HEAD in --repo),
 * which is the `compliance-*` pattern `trustops changelog` takes its default BASE from. The notes are the
 * packet's readiness.md, a link to its PBC list (pbc.md, uploaded too) and its changelog.md; every *.zip in the packet folder and SHA256SUMS are
 * uploaded, replacing assets of the same name, so that running it again refreshes the release.
 */
export async function runGithubRelease(options: GithubReleaseOptions, io: CliIo): Promise<number> {
  const packetDir = resolve(io.cwd, options.packet);
  const info = await stat(packetDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`--packet ${options.packet} is not a folder: build the audit packet first`);
  const entries = await readdir(packetDir, { withFileTypes: true });
  const zips = entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.zip'))
    .map((e) => e.name)
    .sort();
  if (zips.length === 0) throw new UsageError(`no *.zip in ${options.packet}: build the audit packet first`);
  const packetFile = async (name: string) => {
    for (const candidate of [join(packetDir, name), join(packetDir, 'audit-packet', name)]) {
      const found = await stat(candidate).catch(() => undefined);
      if (found?.isFile()) return candidate;
    }
    return undefined;
  };
  if (options.tag !== undefined && !isValidTag(options.tag)) throw new UsageError(`--tag "${options.tag}" is not a valid tag name`);

  try {
    const context = readActionsContext(io.env);
    const access = requireApi(context);
    const head = await headCommit(resolveRepoDir(options.repo, io));
    const commit = head?.sha ?? context.sha;
    if (!commit) throw new UsageError(`--repo ${options.repo} is not a git repository with a commit, and GITHUB_SHA is not set: cannot tell which commit to release`);
    if (options.tag === undefined && !head) throw new UsageError(`--repo ${options.repo} is not a git repository with a commit: pass --tag`);
    const date = head?.date;
    const tag = options.tag ?? `compliance-${date}-${commit.slice(0, 7)}`;

    const readiness = await packetFile('readiness.md');
    const changelog = await packetFile('changelog.md');
    const sums = await packetFile('SHA256SUMS');
    const pbc = await packetFile('pbc.md');
    if (!sums) io.stderr(`trustops: no SHA256SUMS in ${options.packet} or ${join(options.packet, 'audit-packet')}; uploading the archives only\n`);
    const notes = [
      readiness ? (await readFile(readiness, 'utf8')).trim() : '',
      pbc ? pbcNotes(await readFile(pbc, 'utf8'), `${context.serverUrl}/${access.owner}/${access.repo}/releases/download/${encodeURIComponent(tag)}/pbc.md`) : '',
      changelog ? (await readFile(changelog, 'utf8')).trim() : `Audit packet built from commit ${commit.slice(0, 12)}; this packet has no changelog (no earlier release to compare with).`,
      `_trustops ${toolVersion} · commit \`${commit.slice(0, 12)}\`_`,
    ].filter(Boolean);
    const body = truncateMarkdown(hardenMarkdown(`${notes.join('\n\n')}\n`), RELEASE_BODY_LIMIT - 500, (omitted) => `_The notes were cut here (${omitted} characters omitted); the full text is in the packet._`);
    const assets: ReleaseAssetInput[] = [];
    for (const name of zips) assets.push({ name, data: await readFile(join(packetDir, name)), contentType: 'application/zip' });
    if (sums) assets.push({ name: 'SHA256SUMS', data: await readFile(sums), contentType: 'text/plain' });
    // The PBC list as an asset of its own, so the notes can link it and an auditor reads it without unzipping.
    if (pbc) assets.push({ name: 'pbc.md', data: await readFile(pbc), contentType: 'text/markdown' });

    const client = githubClient(access, io);
    const name = options.tag === undefined ? `Compliance ${date} (${commit.slice(0, 7)})` : tag;
    const { action, release } = await upsertRelease(client, { owner: access.owner, repo: access.repo, tag, name, body, targetCommitish: commit });
    const uploaded = await uploadAssets(client, release, assets);
    io.stderr(`trustops: release ${tag} ${action}; ${uploaded.length} asset${uploaded.length === 1 ? '' : 's'} uploaded (${uploaded.filter((a) => a.replaced).length} replaced)\n`);
    io.stdout(`${release.url}\n`);
    return EXIT.ok;
  } catch (error) {
    return reportGitHubError(error, io);
  }
}

/** The release notes' PBC section: the packet's one-line count of what is due, and a link to the list. */
function pbcNotes(pbc: string, url: string): string {
  const summary = pbc.split('\n').find((line) => line.startsWith('Due by')) ?? '';
  return [`## Due (PBC list)`, '', `${summary} The full list, what is due from whom by when: [pbc.md](${url}) (also pbc.csv in the packet).`].join('\n');
}

function parsePr(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) === 0) throw new UsageError(`--pr must be a pull request number, got "${value}"`);
  return Number(value);
}

function isValidTag(tag: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._/+-]{0,199}$/.test(tag) && !tag.includes('..') && !tag.includes('//') && !/(?:\.lock|\/|\.)$/.test(tag) && !tag.includes('/.');
}

function repositoryUrl(context: ActionsContext, access: Pick<ApiAccess, 'owner' | 'repo'>): string {
  return `${context.serverUrl}/${access.owner}/${access.repo}/`;
}

function cutNote(context: ActionsContext) {
  const where =
    context.owner && context.repo && context.runId
      ? `in the job summary of [the workflow run](${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId})`
      : 'in the output of `trustops github pr-comment --summary FILE`';
  return (omitted: number) => `_This report is longer than GitHub allows here: ${omitted} characters were cut. The full report is ${where}._`;
}

function githubClient(access: ApiAccess, io: CliIo): GitHubClient {
  return createGitHubClient({
    token: access.token,
    baseUrl: access.apiUrl,
    userAgent: `trustops/${toolVersion}`,
    onRateLimit: (e) => {
      if (e.willRetry) io.stderr(`trustops: GitHub ${e.kind} rate limit on ${e.method} ${e.route}; waiting ${e.retryAfterSeconds} s as GitHub asks\n`);
    },
    log: (message) => io.stderr(`trustops: GitHub: ${message}\n`),
  });
}

async function postComment(context: ActionsContext, access: ApiAccess, body: string, pr: number | undefined, io: CliIo): Promise<number> {
  const target = requirePullRequest(context, pr);
  const client = githubClient(access, io);
  if (target.requiredHeadSha) await assertPullRequestHead(client, { owner: access.owner, repo: access.repo, number: target.number, headSha: target.requiredHeadSha });
  const result = await upsertStickyComment(client, { owner: access.owner, repo: access.repo, issueNumber: target.number, marker: COMMENT_MARKER, body });
  io.stdout(`comment ${result.action}: ${result.url}\n`);
  return EXIT.ok;
}

/** GitHub failures end the command with `trustops: <message>`: exit 2 for context and input, else 3. */
export function reportGitHubError(error: unknown, io: CliIo): number {
  if (!(error instanceof GitHubError)) throw error;
  const token = io.env.GITHUB_TOKEN;
  const message = token && token.length >= 4 ? error.message.split(token).join('***') : error.message;
  io.stderr(`trustops: ${message}\n`);
  return error.code === 'GITHUB_CONTEXT' || error.code === 'GITHUB_INPUT' ? EXIT.usage : EXIT.internal;
}

async function readBodyFile(file: string, io: CliIo): Promise<string> {
  const path = resolve(io.cwd, file);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError(`--body-file ${file} is not a file`);
  if (info.size > BODY_FILE_MAX_BYTES) throw new GitHubError('GITHUB_INPUT', `refusing to post ${file}: it is ${info.size} bytes; a comment body is at most ${COMMENT_LIMIT} characters`);
  const bytes = await readFile(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new GitHubError('GITHUB_INPUT', `refusing to post ${file}: it is not UTF-8 text`);
  }
}

async function writeReport(path: string, text: string, mode: 'write' | 'append'): Promise<void> {
  try {
    if (mode === 'append') await appendFile(path, text, 'utf8');
    else await writeFile(path, text, 'utf8');
  } catch (cause) {
    throw new TrustopsError('WRITE_FAILED', `cannot write ${path}: ${(cause as Error).message}`, { cause });
  }
}

/** HEAD's commit and its UTC date, or undefined outside git or before the first commit. */
async function headCommit(dir: string): Promise<{ sha: string; date: string } | undefined> {
  try {
    const head = await new GitRepo(dir).headCommit();
    return head ? { sha: head.sha, date: head.committedAt.slice(0, 10) } : undefined;
  } catch {
    return undefined;
  }
}

/** The whole comment: marker, title, changelog, check result, readiness, footer; hardened and checked. */
async function buildPrCommentBody(options: GithubPrCommentOptions, context: ActionsContext, io: CliIo): Promise<string> {
  const dir = resolveRepoDir(options.repo, io);
  const today = resolveToday(undefined, io);
  // An explicit --base wins; else the pull request's base commit; else changelog's own default (the
  // latest compliance-* tag, else the merge base with the default branch).
  const base = options.base ?? context.pullRequest?.baseSha;
  const pair = await readRevisionPair(dir, { ...(base ? { base } : {}) });
  const { findings, summary, loaded } = await checkWithHistory(pair, { today, acknowledged: parseAcknowledged(io.env.TRUSTOPS_ACKNOWLEDGE) });

  const headSha = context.pullRequest?.headSha ?? context.sha ?? (await headCommit(dir))?.sha;
  const prefix = await new GitRepo(dir).prefix().catch(() => '');
  const linkBase = context.owner && context.repo && headSha ? `${context.serverUrl}/${context.owner}/${context.repo}/blob/${headSha}/${prefix}` : '';
  const footer = [`trustops ${toolVersion}`];
  if (headSha) footer.push(`commit \`${headSha.slice(0, 7)}\``);
  if (context.owner && context.repo && context.runId) footer.push(`[workflow run](${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId})`);

  const markdown = renderPrCommentMarkdown({ marker: COMMENT_MARKER, changelog: loaded.changelog, findings, summary, readiness: loaded.head.readiness, linkBase, footer });
  const body = hardenMarkdown(markdown);
  // Our own output must pass the check a body file has to pass: nothing from a repository file may have
  // become a link, an image, HTML or a mention. If it did, that is a bug to fix, not a comment to post.
  const check = checkCommentBody(body, {
    marker: COMMENT_MARKER,
    allowRelativeLinks: linkBase === '',
    limit: Number.MAX_SAFE_INTEGER,
    ...(context.owner && context.repo ? { linkPrefix: `${context.serverUrl}/${context.owner}/${context.repo}/` } : {}),
  });
  if (!check.ok) throw new TrustopsError('INTERNAL', `the pull-request comment would not be safe to post (${check.problems.slice(0, 3).join('; ')}); this is a bug in trustops, please report it`);
  return body;
}
