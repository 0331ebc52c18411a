import type { GitHubClient } from './client.js';
import { GitHubError, statusOf, toGitHubError, validationCodes } from './errors.js';
import { RELEASE_BODY_LIMIT } from './markdown.js';

export interface ReleaseRef {
  owner: string;
  repo: string;
  id: number;
  tag: string;
  url: string;
  /** The upload URL template, e.g. https://uploads.github.com/repos/o/r/releases/1/assets{?name,label} */
  uploadUrl: string;
}

export interface UpsertReleaseOptions {
  owner: string;
  repo: string;
  tag: string;
  name: string;
  body: string;
  /** The commit (or branch) the tag is created at when it does not exist yet. */
  targetCommitish: string;
  prerelease?: boolean;
}

export interface UpsertReleaseResult {
  action: 'created' | 'updated';
  release: ReleaseRef;
}

const PERMISSION = 'contents: write';

type ReleaseData = { id: number; tag_name: string; html_url: string; upload_url: string };

function ref(owner: string, repo: string, data: ReleaseData): ReleaseRef {
  return { owner, repo, id: data.id, tag: data.tag_name, url: data.html_url, uploadUrl: data.upload_url };
}

/**
 * The release of `tag`, updated (name, notes) when it exists, else created (with the tag, at
 * `targetCommitish`). A draft release has no tag yet and is not found by tag: a new release is created.
 */
export async function upsertRelease(client: GitHubClient, options: UpsertReleaseOptions): Promise<UpsertReleaseResult> {
  const { owner, repo, tag } = options;
  if (options.body.length > RELEASE_BODY_LIMIT) throw new GitHubError('GITHUB_INPUT', `the release notes are ${options.body.length} characters long; GitHub accepts at most ${RELEASE_BODY_LIMIT}`);
  const target = `release ${tag} of ${owner}/${repo}`;
  const fields = { name: options.name, body: options.body, prerelease: options.prerelease ?? false };

  const find = async (): Promise<ReleaseData | undefined> => {
    try {
      return (await client.rest.repos.getReleaseByTag({ owner, repo, tag })).data;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw toGitHubError(error, { action: 'look the release up', target, permission: 'contents: read' });
    }
  };
  const update = async (existing: ReleaseData): Promise<UpsertReleaseResult> => {
    try {
      const { data } = await client.rest.repos.updateRelease({ owner, repo, release_id: existing.id, ...fields });
      return { action: 'updated', release: ref(owner, repo, data) };
    } catch (error) {
      throw toGitHubError(error, { action: 'update the release', target, permission: PERMISSION });
    }
  };

  const existing = await find();
  if (existing) return update(existing);
  try {
    const { data } = await client.rest.repos.createRelease({ owner, repo, tag_name: tag, target_commitish: options.targetCommitish, ...fields });
    return { action: 'created', release: ref(owner, repo, data) };
  } catch (error) {
    // Another run created it between our look-up and our create: update that one.
    if (statusOf(error) === 422 && validationCodes(error).includes('already_exists')) {
      const raced = await find();
      if (raced) return update(raced);
    }
    throw toGitHubError(error, { action: 'create the release', target, permission: PERMISSION });
  }
}

export interface ReleaseAssetInput {
  name: string;
  data: Uint8Array;
  contentType: string;
}

export interface UploadedAsset {
  name: string;
  id: number;
  url: string;
  /** An asset of the same name was deleted first. */
  replaced: boolean;
}

/**
 * Uploads each asset to the release, deleting an asset of the same name first, so that the release holds
 * the newest bytes. The upload goes to the release's own `upload_url` (uploads.github.com, or the GHES
 * host). A 422 "already_exists" (an asset of that name appeared since the listing, e.g. a concurrent run)
 * is handled by deleting it and uploading once more.
 */
export async function uploadAssets(client: GitHubClient, release: ReleaseRef, assets: readonly ReleaseAssetInput[]): Promise<UploadedAsset[]> {
  const { owner, repo } = release;
  const target = `release ${release.tag} of ${owner}/${repo}`;
  const names = new Set<string>();
  for (const asset of assets) {
    if (names.has(asset.name)) throw new GitHubError('GITHUB_INPUT', `two assets are named ${asset.name}`);
    names.add(asset.name);
  }

  const list = async () => {
    try {
      return await client.paginate(client.rest.repos.listReleaseAssets, { owner, repo, release_id: release.id, per_page: 100 });
    } catch (error) {
      throw toGitHubError(error, { action: 'list the release assets', target, permission: 'contents: read' });
    }
  };
  const remove = async (id: number, name: string) => {
    try {
      await client.rest.repos.deleteReleaseAsset({ owner, repo, asset_id: id });
    } catch (error) {
      if (statusOf(error) === 404) return; // already gone
      throw toGitHubError(error, { action: `delete the old asset ${name}`, target, permission: PERMISSION });
    }
  };
  const upload = async (asset: ReleaseAssetInput) => {
    const { data } = await client.rest.repos.uploadReleaseAsset({
      owner,
      repo,
      release_id: release.id,
      // The release's own upload URL template ({?name,label} is expanded by Octokit), instead of the
      // route's default host: what GitHub Enterprise Server and the test server need.
      url: release.uploadUrl,
      name: asset.name,
      // Octokit types `data` as a string; a Uint8Array is sent as the raw body.
      data: asset.data as unknown as string,
      headers: { 'content-type': asset.contentType },
    });
    return data;
  };

  const existing = new Map((await list()).map((a) => [a.name, a.id]));
  const uploaded: UploadedAsset[] = [];
  for (const asset of assets) {
    const old = existing.get(asset.name);
    if (old !== undefined) await remove(old, asset.name);
    let data;
    try {
      data = await upload(asset);
    } catch (error) {
      if (statusOf(error) !== 422 || !validationCodes(error).includes('already_exists')) {
        throw toGitHubError(error, { action: `upload ${asset.name}`, target, permission: PERMISSION });
      }
      const clash = (await list()).find((a) => a.name === asset.name);
      if (clash) await remove(clash.id, asset.name);
      try {
        data = await upload(asset);
      } catch (retryError) {
        throw toGitHubError(retryError, { action: `upload ${asset.name} (after deleting an asset of the same name)`, target, permission: PERMISSION });
      }
    }
    uploaded.push({ name: data.name, id: data.id, url: data.browser_download_url, replaced: old !== undefined });
  }
  return uploaded;
}
