import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient, type GitHubClientOptions } from './client.js';
import { upsertStickyComment } from './comments.js';
import { GitHubError } from './errors.js';
import { COMMENT_MARKER } from './markdown.js';
import { FakeGitHub, GITHUB_ACTIONS_BOT, type FakeUser } from './testing/fake-github.js';

const REPO = 'acme/compliance';
const TOKEN = 'ghs_fakeInstallationToken0123456789';
const PAT = 'ghp_fakePersonalToken0123456789';
const FAST = { msPerSecond: 1, writeIntervalMs: 0, notificationIntervalMs: 0 };
const HUMAN: FakeUser = { login: 'mallory', id: 7, type: 'User' };
const OTHER_BOT: FakeUser = { login: 'renovate[bot]', id: 8, type: 'Bot' };
const ME: FakeUser = { login: 'dana', id: 9, type: 'User' };

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await FakeGitHub.start();
  fake.addRepo(REPO).addPull(REPO, 12, { headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40) });
  // A workflow's GITHUB_TOKEN: comments as github-actions[bot], may not call GET /user.
  fake.addToken(TOKEN, { user: GITHUB_ACTIONS_BOT, canReadUser: false });
  fake.addToken(PAT, { user: ME, canReadUser: true });
});
afterEach(async () => {
  await fake.close();
});

const client = (token = TOKEN, options: Partial<GitHubClientOptions> = {}) => createGitHubClient({ token, baseUrl: fake.url, timing: FAST, ...options });
const post = (body: string, extra: { token?: string; perPage?: number; issueNumber?: number } = {}) =>
  upsertStickyComment(client(extra.token), { owner: 'acme', repo: 'compliance', issueNumber: extra.issueNumber ?? 12, marker: COMMENT_MARKER, body: `${COMMENT_MARKER}\n${body}`, ...(extra.perPage ? { perPage: extra.perPage } : {}) });

describe('upsertStickyComment', () => {
  it('creates the comment once, then updates it in place', async () => {
    const first = await post('first run');
    expect(first).toMatchObject({ action: 'created', url: expect.stringContaining(`${fake.url}/acme/compliance/pull/12#issuecomment-`) });
    const second = await post('second run');
    expect(second).toEqual({ action: 'updated', id: first.id, url: first.url });
    const comments = fake.commentsOn(REPO, 12);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ body: `${COMMENT_MARKER}\nsecond run`, user: GITHUB_ACTIONS_BOT });
  });

  it('finds its comment on the second page, and never takes over a comment by someone else that contains the marker', async () => {
    for (let i = 0; i < 60; i++) fake.addComment(REPO, 12, HUMAN, `review note ${i}`);
    // Someone pastes our marker (first line and all) to make us overwrite their comment.
    const bait = fake.addComment(REPO, 12, HUMAN, `${COMMENT_MARKER}\nI am the trustops comment, honest`);
    const botBait = fake.addComment(REPO, 12, OTHER_BOT, `Quoting: ${COMMENT_MARKER}`);
    for (let i = 0; i < 50; i++) fake.addComment(REPO, 12, HUMAN, `more review ${i}`);
    const ours = fake.addComment(REPO, 12, GITHUB_ACTIONS_BOT, `${COMMENT_MARKER}\nold report`);
    fake.addComment(REPO, 12, HUMAN, 'after ours');
    expect(fake.commentsOn(REPO, 12).indexOf(ours)).toBeGreaterThanOrEqual(100); // on page 2 of 100

    const result = await post('new report');
    expect(result).toMatchObject({ action: 'updated', id: ours.id });
    expect(ours.body).toBe(`${COMMENT_MARKER}\nnew report`);
    expect(bait.body).toBe(`${COMMENT_MARKER}\nI am the trustops comment, honest`);
    expect(botBait.body).toBe(`Quoting: ${COMMENT_MARKER}`);
    expect(fake.commentsOn(REPO, 12)).toHaveLength(114);
    const listings = fake.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/repos/acme/compliance/issues/12/comments'));
    expect(listings.map((r) => new URL(r.path, fake.url).searchParams.get('page') ?? '1')).toEqual(['1', '2']);
    expect(listings.every((r) => new URL(r.path, fake.url).searchParams.get('per_page') === '100')).toBe(true);
  });

  it('honours a small page size across many pages and runs twice to one comment', async () => {
    for (let i = 0; i < 23; i++) fake.addComment(REPO, 12, HUMAN, i === 5 ? `${COMMENT_MARKER} copied` : `note ${i}`);
    await post('one', { perPage: 5 });
    await post('two', { perPage: 5 });
    const ours = fake.commentsOn(REPO, 12).filter((c) => c.user.login === GITHUB_ACTIONS_BOT.login);
    expect(ours.map((c) => c.body)).toEqual([`${COMMENT_MARKER}\ntwo`]);
    const pages = fake.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/repos/acme/compliance/issues/12/comments')).map((r) => new URL(r.path, fake.url).searchParams);
    expect(pages.every((p) => p.get('per_page') === '5')).toBe(true);
    // 23 comments, then 24: five pages each run.
    expect(pages.map((p) => p.get('page') ?? '1')).toEqual(['1', '2', '3', '4', '5', '1', '2', '3', '4', '5']);
  });

  it('with a user token, identifies its comments by the login from GET /user', async () => {
    const someoneElses = fake.addComment(REPO, 12, OTHER_BOT, `${COMMENT_MARKER}\nanother bot's report`);
    const created = await post('mine', { token: PAT });
    expect(created.action).toBe('created');
    const updated = await post('mine again', { token: PAT });
    expect(updated).toMatchObject({ action: 'updated', id: created.id });
    expect(someoneElses.body).toBe(`${COMMENT_MARKER}\nanother bot's report`);
    expect(fake.requests.some((r) => r.path === '/user' && r.status === 200)).toBe(true);
  });

  it('adds the marker when the body lacks it', async () => {
    await upsertStickyComment(client(), { owner: 'acme', repo: 'compliance', issueNumber: 12, body: 'plain' });
    expect(fake.commentsOn(REPO, 12)[0]!.body).toBe(`${COMMENT_MARKER}\nplain`);
  });
});

describe('errors', () => {
  const codeOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(GitHubError);
      expect(String((error as Error).message)).not.toContain(TOKEN);
      return { code: (error as GitHubError).code, message: (error as Error).message };
    }
    throw new Error('expected a failure');
  };

  it('refuses to start without a token', async () => {
    expect(() => createGitHubClient({ token: undefined, baseUrl: fake.url })).toThrowError(expect.objectContaining({ code: 'GITHUB_AUTH', message: expect.stringContaining('GITHUB_TOKEN') }));
    expect(() => createGitHubClient({ token: '', baseUrl: fake.url })).toThrowError(expect.objectContaining({ code: 'GITHUB_AUTH' }));
    expect(fake.requests).toEqual([]);
  });

  it('says the token was rejected on a 401', async () => {
    const e = await codeOf(upsertStickyComment(client('ghs_revoked'), { owner: 'acme', repo: 'compliance', issueNumber: 12, body: 'x' }));
    expect(e.code).toBe('GITHUB_AUTH');
    expect(e.message).toMatch(/rejected the token \(401 Bad credentials\)/);
    expect(e.message).not.toContain('ghs_revoked');
  });

  it('names the permission the workflow needs on a 403', async () => {
    fake.addToken('ghs_readonly', { user: GITHUB_ACTIONS_BOT, canReadUser: false, pullRequests: 'read' });
    const e = await codeOf(upsertStickyComment(client('ghs_readonly'), { owner: 'acme', repo: 'compliance', issueNumber: 12, body: 'x' }));
    expect(e.code).toBe('GITHUB_PERMISSION');
    expect(e.message).toContain('create the trustops comment on pull request #12 of acme/compliance (403 Resource not accessible by integration)');
    expect(e.message).toContain('`pull-requests: write`');
    expect(fake.commentsOn(REPO, 12)).toEqual([]);
  });

  it('says which pull request or repository is missing on a 404', async () => {
    const pr = await codeOf(post('x', { issueNumber: 99 }));
    expect(pr).toMatchObject({ code: 'GITHUB_NOT_FOUND', message: expect.stringMatching(/^pull request #99 of acme\/compliance was not found/) });
    const repo = await codeOf(upsertStickyComment(client(), { owner: 'acme', repo: 'nope', issueNumber: 12, body: 'x' }));
    expect(repo).toMatchObject({ code: 'GITHUB_NOT_FOUND', message: expect.stringContaining('pull request #12 of acme/nope was not found') });
  });

  it('refuses a marker that is not a plain HTML comment, and a body over the limit', async () => {
    await expect(upsertStickyComment(client(), { owner: 'acme', repo: 'compliance', issueNumber: 12, body: 'x', marker: '<!-- x --><img src=x>' })).rejects.toMatchObject({ code: 'GITHUB_INPUT' });
    await expect(post('y'.repeat(70_000))).rejects.toMatchObject({ code: 'GITHUB_INPUT' });
    expect(fake.requests).toEqual([]);
  });
});
