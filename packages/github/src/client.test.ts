import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient, type RateLimitEvent } from './client.js';
import { upsertStickyComment } from './comments.js';
import { COMMENT_MARKER } from './markdown.js';
import { FakeGitHub, GITHUB_ACTIONS_BOT } from './testing/fake-github.js';

const REPO = 'acme/compliance';
const TOKEN = 'ghs_fakeInstallationToken0123456789';
// 1 "second" of a stated wait lasts 20 ms here: long enough to measure, short enough for a unit test.
const TIMING = { msPerSecond: 20, writeIntervalMs: 0, notificationIntervalMs: 0 };

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await FakeGitHub.start();
  fake.addRepo(REPO).addPull(REPO, 12, { headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40) });
  fake.addToken(TOKEN, { user: GITHUB_ACTIONS_BOT, canReadUser: false });
});
afterEach(async () => {
  await fake.close();
});

function setup(options: { rateLimitRetries?: number; retries?: number } = {}) {
  const events: RateLimitEvent[] = [];
  const client = createGitHubClient({ token: TOKEN, baseUrl: fake.url, timing: TIMING, onRateLimit: (e) => events.push(e), ...options });
  const post = (body: string) => upsertStickyComment(client, { owner: 'acme', repo: 'compliance', issueNumber: 12, body: `${COMMENT_MARKER}\n${body}` });
  return { events, post };
}

const LIST = /^\/repos\/acme\/compliance\/issues\/12\/comments$/;
const attempts = (method: string, path: RegExp) => fake.requests.filter((r) => r.method === method && path.test(new URL(r.path, fake.url).pathname));

describe('createGitHubClient: retries and rate limits', () => {
  it('retries a 502', async () => {
    fake.injectFault({ kind: '502', method: 'GET', path: LIST });
    const { post } = setup();
    await expect(post('hello')).resolves.toMatchObject({ action: 'created' });
    expect(attempts('GET', LIST).map((r) => r.status)).toEqual([502, 200]);
    expect(fake.commentsOn(REPO, 12)).toHaveLength(1);
  });

  it('gives up on a 5xx after the configured retries, with a clear error', async () => {
    fake.injectFault({ kind: '502', method: 'GET', path: LIST, times: 10 });
    const { post } = setup({ retries: 2 });
    await expect(post('hello')).rejects.toMatchObject({ code: 'GITHUB_API', message: expect.stringContaining('kept failing (502 Server Error) after retries when trying to list the comments') });
    expect(attempts('GET', LIST)).toHaveLength(3);
  });

  it('waits as long as a secondary rate limit says (Retry-After), then retries', async () => {
    fake.injectFault({ kind: 'secondary-rate-limit', method: 'POST', path: LIST, retryAfterSeconds: 3 });
    const { post, events } = setup();
    await expect(post('hello')).resolves.toMatchObject({ action: 'created' });
    const [limited, retried] = attempts('POST', LIST);
    expect([limited?.status, retried?.status]).toEqual([403, 201]);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(3 * TIMING.msPerSecond - 2);
    expect(events).toEqual([{ kind: 'secondary', retryAfterSeconds: 3, method: 'POST', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', retryCount: 0, willRetry: true }]);
    expect(fake.commentsOn(REPO, 12)).toHaveLength(1);
  });

  it('waits until a primary rate limit resets (x-ratelimit-reset), then retries', async () => {
    fake.injectFault({ kind: 'primary-rate-limit', method: 'GET', path: LIST, retryAfterSeconds: 1 });
    const { post, events } = setup();
    await expect(post('hello')).resolves.toMatchObject({ action: 'created' });
    expect(attempts('GET', LIST).map((r) => r.status)).toEqual([403, 200]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'primary', willRetry: true });
    // Until the reset second has passed, plus the one second GitHub asks for.
    expect(events[0]!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(events[0]!.retryAfterSeconds).toBeLessThanOrEqual(3);
  });

  it('retries a rate limit a bounded number of times, then fails clearly', async () => {
    fake.injectFault({ kind: 'secondary-rate-limit', method: 'GET', path: LIST, times: 100, retryAfterSeconds: 1 });
    const { post, events } = setup({ rateLimitRetries: 2 });
    await expect(post('hello')).rejects.toMatchObject({ code: 'GITHUB_API', message: expect.stringContaining("GitHub's rate limit was still exceeded after retrying") });
    expect(attempts('GET', LIST)).toHaveLength(3);
    expect(events.map((e) => e.willRetry)).toEqual([true, true, false]);
  });

  it('does not wait for a stated wait beyond the maximum', async () => {
    fake.injectFault({ kind: 'secondary-rate-limit', method: 'GET', path: LIST, retryAfterSeconds: 3600 });
    const events: RateLimitEvent[] = [];
    const client = createGitHubClient({ token: TOKEN, baseUrl: fake.url, timing: TIMING, maxRateLimitWaitSeconds: 60, onRateLimit: (e) => events.push(e) });
    const started = Date.now();
    await expect(upsertStickyComment(client, { owner: 'acme', repo: 'compliance', issueNumber: 12, body: 'x' })).rejects.toMatchObject({ code: 'GITHUB_API' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(events).toEqual([expect.objectContaining({ retryAfterSeconds: 3600, willRetry: false })]);
  });

  it('sends the token only as the Authorization header to the loopback server', async () => {
    const { post } = setup();
    await post('x');
    expect(fake.requests.every((r) => r.host === new URL(fake.url).host)).toBe(true);
    expect(fake.requests.every((r) => !r.path.includes(TOKEN))).toBe(true);
  });
});
