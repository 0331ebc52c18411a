import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readActionsContext, requireApi, requirePullRequest } from './context.js';

const dir = mkdtempSync(join(tmpdir(), 'trustops-github-context-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function event(payload: unknown): string {
  const path = join(dir, `event-${n++}.json`);
  writeFileSync(path, typeof payload === 'string' ? payload : JSON.stringify(payload));
  return path;
}

const BASE = 'b'.repeat(40);
const HEAD = 'a'.repeat(40);
const ENV = { GITHUB_API_URL: 'https://api.github.com/', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/compliance', GITHUB_TOKEN: 't', GITHUB_SHA: 'c'.repeat(40), GITHUB_RUN_ID: '42' };

describe('readActionsContext', () => {
  it('reads a pull_request event', () => {
    const ctx = readActionsContext({
      ...ENV,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event({ number: 12, pull_request: { number: 12, base: { sha: BASE, repo: { full_name: 'acme/compliance' } }, head: { sha: HEAD, repo: { full_name: 'fork/compliance' } } } }),
    });
    expect(ctx).toMatchObject({ apiUrl: 'https://api.github.com', serverUrl: 'https://github.com', owner: 'acme', repo: 'compliance', sha: 'c'.repeat(40), runId: '42' });
    expect(ctx.pullRequest).toEqual({ number: 12, baseSha: BASE, headSha: HEAD, fromFork: true });
    expect(requirePullRequest(ctx)).toEqual({ number: 12, source: 'pull_request' });
    expect(requirePullRequest(ctx, 13)).toEqual({ number: 13, source: 'option' });
    expect(requireApi(ctx)).toEqual({ apiUrl: 'https://api.github.com', token: 't', owner: 'acme', repo: 'compliance' });
  });

  it('reads an issue_comment event', () => {
    const ctx = readActionsContext({ ...ENV, GITHUB_EVENT_NAME: 'issue_comment', GITHUB_EVENT_PATH: event({ issue: { number: 7, pull_request: {} } }) });
    expect(requirePullRequest(ctx)).toEqual({ number: 7, source: 'issue' });
  });

  it('for workflow_run, takes the PR number from the run or --pr, and always pins the head commit', () => {
    const fromBase = readActionsContext({ ...ENV, GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: event({ workflow_run: { id: 9, event: 'pull_request', head_sha: HEAD, pull_requests: [{ number: 5 }] } }) });
    expect(requirePullRequest(fromBase)).toEqual({ number: 5, source: 'workflow_run', requiredHeadSha: HEAD });
    const fromFork = readActionsContext({ ...ENV, GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: event({ workflow_run: { id: 9, event: 'pull_request', head_sha: HEAD, pull_requests: [] } }) });
    expect(() => requirePullRequest(fromFork)).toThrowError(expect.objectContaining({ code: 'GITHUB_CONTEXT', message: expect.stringContaining('pass --pr NUMBER') }));
    expect(requirePullRequest(fromFork, 8)).toEqual({ number: 8, source: 'option', requiredHeadSha: HEAD });
  });

  it('says what is missing', () => {
    const bare = readActionsContext({});
    expect(bare.serverUrl).toBe('https://github.com');
    expect(() => requireApi(bare)).toThrowError(expect.objectContaining({ code: 'GITHUB_AUTH', message: expect.stringContaining('GITHUB_TOKEN') }));
    expect(() => requireApi(readActionsContext({ GITHUB_TOKEN: 't' }))).toThrowError(expect.objectContaining({ code: 'GITHUB_CONTEXT', message: expect.stringContaining('GITHUB_REPOSITORY is not set') }));
    expect(() => requireApi(readActionsContext({ GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'a/b' }))).toThrowError(expect.objectContaining({ message: expect.stringContaining('GITHUB_API_URL is not set') }));
    expect(() => requirePullRequest(bare)).toThrowError(expect.objectContaining({ code: 'GITHUB_CONTEXT', message: expect.stringContaining('GITHUB_EVENT_PATH is not set') }));
    const push = readActionsContext({ ...ENV, GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: event({ ref: 'refs/heads/main' }) });
    expect(() => requirePullRequest(push)).toThrowError(expect.objectContaining({ message: expect.stringContaining('push payload names no pull request') }));
  });

  it('refuses malformed values', () => {
    expect(() => readActionsContext({ GITHUB_REPOSITORY: 'no-slash' })).toThrowError(expect.objectContaining({ code: 'GITHUB_CONTEXT', message: expect.stringContaining('"owner/repo"') }));
    expect(() => readActionsContext({ GITHUB_EVENT_PATH: join(dir, 'missing.json') })).toThrowError(expect.objectContaining({ code: 'GITHUB_CONTEXT', message: expect.stringContaining('cannot read the event payload') }));
    expect(() => readActionsContext({ GITHUB_EVENT_PATH: event('{not json') })).toThrowError(expect.objectContaining({ message: expect.stringContaining('is not JSON') }));
    expect(() => readActionsContext({ GITHUB_EVENT_PATH: event('[1]') })).toThrowError(expect.objectContaining({ message: expect.stringContaining('not a JSON object') }));
    // A non-numeric PR number or a short sha is ignored, not trusted.
    const odd = readActionsContext({ GITHUB_EVENT_PATH: event({ pull_request: { number: '12; rm -rf', base: { sha: 'abc' } } }) });
    expect(odd.pullRequest).toBeUndefined();
  });
});
