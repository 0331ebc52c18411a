import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from './client.js';
import { GitHubError } from './errors.js';
import { upsertRelease, uploadAssets, type ReleaseAssetInput } from './releases.js';
import { FakeGitHub, GITHUB_ACTIONS_BOT } from './testing/fake-github.js';

const REPO = 'acme/compliance';
const TOKEN = 'ghs_fakeInstallationToken0123456789';
const FAST = { msPerSecond: 1, writeIntervalMs: 0, notificationIntervalMs: 0 };
const TAG = 'compliance-2026-11-01-abc1234';

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await FakeGitHub.start();
  fake.addRepo(REPO).addToken(TOKEN, { user: GITHUB_ACTIONS_BOT, canReadUser: false });
});
afterEach(async () => {
  await fake.close();
});

const client = (token = TOKEN) => createGitHubClient({ token, baseUrl: fake.url, timing: FAST });
const assets = (version: string): ReleaseAssetInput[] => [
  { name: 'audit-packet.zip', data: Buffer.from(`zip bytes ${version}\0\x01\x02`), contentType: 'application/zip' },
  { name: 'SHA256SUMS', data: Buffer.from(`sums ${version}\n`), contentType: 'text/plain' },
];

async function publish(version: string, token = TOKEN) {
  const c = client(token);
  const { action, release } = await upsertRelease(c, { owner: 'acme', repo: 'compliance', tag: TAG, name: `Compliance ${version}`, body: `notes ${version}`, targetCommitish: 'c'.repeat(40) });
  const uploaded = await uploadAssets(c, release, assets(version));
  return { action, release, uploaded };
}

describe('upsertRelease and uploadAssets', () => {
  it('run twice: one release, its notes and assets the newest', async () => {
    const first = await publish('v1');
    expect(first.action).toBe('created');
    expect(first.release).toMatchObject({ tag: TAG, url: `${fake.url}/acme/compliance/releases/tag/${TAG}` });
    expect(first.uploaded.map((a) => [a.name, a.replaced])).toEqual([['audit-packet.zip', false], ['SHA256SUMS', false]]);

    const second = await publish('v2');
    expect(second.action).toBe('updated');
    expect(second.release.id).toBe(first.release.id);
    expect(second.uploaded.map((a) => [a.name, a.replaced])).toEqual([['audit-packet.zip', true], ['SHA256SUMS', true]]);

    expect(fake.releases).toHaveLength(1);
    const release = fake.releaseByTag(REPO, TAG)!;
    expect(release).toMatchObject({ name: 'Compliance v2', body: 'notes v2', targetCommitish: 'c'.repeat(40) });
    const stored = fake.assetsOf(release);
    expect(stored.map((a) => a.name).sort()).toEqual(['SHA256SUMS', 'audit-packet.zip']);
    expect(stored.find((a) => a.name === 'audit-packet.zip')!.data).toEqual(Buffer.from('zip bytes v2\0\x01\x02'));
    expect(stored.find((a) => a.name === 'audit-packet.zip')!.contentType).toBe('application/zip');
    expect(stored.find((a) => a.name === 'SHA256SUMS')!.data.toString()).toBe('sums v2\n');
  });

  it("uploads to the release's own upload_url on the loopback server", async () => {
    await publish('v1');
    const uploads = fake.requests.filter((r) => r.method === 'POST' && r.path.includes('/assets'));
    const id = fake.releases[0]!.id;
    expect(uploads.map((r) => new URL(r.path, fake.url)).map((u) => `${u.pathname} ${u.searchParams.get('name')}`)).toEqual([
      `/uploads/repos/acme/compliance/releases/${id}/assets audit-packet.zip`,
      `/uploads/repos/acme/compliance/releases/${id}/assets SHA256SUMS`,
    ]);
    expect(uploads.every((r) => r.host === new URL(fake.url).host && r.status === 201)).toBe(true);
  });

  it('handles a 422 already_exists from the upload (an asset of that name appeared meanwhile): deletes it, uploads again', async () => {
    await publish('v1');
    fake.injectFault({ kind: 'asset-already-exists', path: /name=audit-packet\.zip/ });
    const second = await publish('v2');
    expect(second.uploaded.map((a) => a.name)).toEqual(['audit-packet.zip', 'SHA256SUMS']);
    const uploads = fake.requests.filter((r) => r.method === 'POST' && r.path.includes('name=audit-packet.zip')).map((r) => r.status);
    expect(uploads).toEqual([201, 422, 201]);
    const stored = fake.assetsOf(fake.releaseByTag(REPO, TAG)!);
    expect(stored.filter((a) => a.name === 'audit-packet.zip').map((a) => a.data.toString())).toEqual(['zip bytes v2\0\x01\x02']);
  });

  it('retries a 502 from the upload host', async () => {
    const c = client();
    const { release } = await upsertRelease(c, { owner: 'acme', repo: 'compliance', tag: TAG, name: 'x', body: 'y', targetCommitish: 'main' });
    fake.injectFault({ kind: '502', method: 'POST', path: /^\/uploads\// });
    await uploadAssets(c, release, assets('v1'));
    expect(fake.requests.filter((r) => r.path.startsWith('/uploads/')).map((r) => r.status)).toEqual([502, 201, 201]);
    expect(fake.assetsOf(fake.releaseByTag(REPO, TAG)!).find((a) => a.name === 'audit-packet.zip')!.data.toString()).toBe('zip bytes v1\0\x01\x02');
  });

  it('names `contents: write` when the token may only read', async () => {
    fake.addToken('ghs_read', { user: GITHUB_ACTIONS_BOT, canReadUser: false, contents: 'read' });
    const error = await publish('v1', 'ghs_read').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({ code: 'GITHUB_PERMISSION', message: expect.stringContaining('`contents: write`') });
    expect((error as Error).message).toContain(`create the release on release ${TAG} of acme/compliance`);
  });

  it('says the repository is missing', async () => {
    const error = await upsertRelease(client(), { owner: 'acme', repo: 'gone', tag: TAG, name: 'x', body: 'y', targetCommitish: 'main' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'GITHUB_NOT_FOUND', message: expect.stringContaining(`release ${TAG} of acme/gone was not found`) });
  });

  it('refuses two assets with the same name', async () => {
    const c = client();
    const { release } = await upsertRelease(c, { owner: 'acme', repo: 'compliance', tag: TAG, name: 'x', body: 'y', targetCommitish: 'main' });
    await expect(uploadAssets(c, release, [...assets('a'), ...assets('b')])).rejects.toMatchObject({ code: 'GITHUB_INPUT' });
  });
});
