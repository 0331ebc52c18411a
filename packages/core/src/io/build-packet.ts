import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TrustopsError } from '../model/errors.js';
import type { Finding } from '../model/findings.js';
import { RELEASE_TAG_PATTERN } from '../model/revisions.js';
import { renderManifest, renderSha256Sums } from '../packet/manifest.js';
import type { PacketFileEntry, PacketMeta } from '../packet/packet-input.js';
import { renderPacket } from '../packet/render-packet.js';
import { renderSummaryPdf } from '../packet/summary-pdf/summary-pdf.js';
import { preparePacket, type PeriodStartPair } from '../pipeline/packet.js';
import { GitRepo } from './git/git-repo.js';
import { readRevisionPair } from './git/read-revisions.js';
import { ContentCache, writeDeterministicZip, writePacketFiles, type DiskSource } from './packet-writer.js';
import { readRepo } from './read-repo.js';

export interface BuildPacketOptions {
  /** Where audit-packet/ and the zip go; default: the repository. */
  out?: string;
  zip?: boolean;
  allowFindings?: boolean;
  toolVersion: string;
  /** SOURCE_DATE_EPOCH (seconds), when set: the packet's time instead of the commit's. */
  sourceDateEpoch?: string;
}

export interface BuildPacketResult {
  folder: string;
  zip?: string;
  meta: PacketMeta;
  files: PacketFileEntry[];
  findings: Finding[];
}

const PACKET_FOLDER = 'audit-packet';

/** Where the commit and its time come from. */
async function readMeta(dir: string, options: BuildPacketOptions): Promise<{ commit: string; createdAt: string; dirty: boolean; previousTag?: string }> {
  const git = new GitRepo(dir);
  let commit = 'work-tree';
  let committed: string | undefined;
  let dirty = true;
  let previousTag: string | undefined;
  try {
    await git.root();
    commit = (await git.resolve('HEAD')) ?? 'work-tree';
    if (commit !== 'work-tree') {
      committed = await git.commitTime(commit);
      dirty = await git.hasChanges(['compliance.yaml', 'controls', 'policies', 'evidence', 'risks']);
      // The release before this commit (a tag on this very commit is this release, on a re-run).
      previousTag = (await git.resolve(`${commit}~1`)) ? await git.nearestTag(`${commit}~1`, RELEASE_TAG_PATTERN) : undefined;
    }
  } catch {
    // Not a git repository: SOURCE_DATE_EPOCH must say when.
  }
  const epoch = options.sourceDateEpoch;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new TrustopsError('INVALID_OPTION', `SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`);
    committed = new Date(Number(epoch) * 1000).toISOString();
  }
  if (!committed) {
    throw new TrustopsError('INVALID_OPTION', `${dir} has no commit to take the packet's time from: commit first, or set SOURCE_DATE_EPOCH`);
  }
  return { commit, createdAt: new Date(committed).toISOString().replace(/\.\d{3}Z$/, 'Z'), dirty, ...(previousTag ? { previousTag } : {}) };
}

/** The commit the observation period started from, and the pair from it to the work tree (the packet's files). */
async function readPeriodStart(dir: string, commit: string, start: string, dirty: boolean): Promise<PeriodStartPair | undefined> {
  const git = new GitRepo(dir);
  const base = await git.commitBefore(commit, start);
  if (!base) return undefined;
  const committedAt = new Date(await git.commitTime(base.commit)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const from = { base: { commit: base.commit, committedAt }, fromFirstCommit: base.first };
  // History that begins with this very commit, and a clean work tree: nothing changed, nothing to read again.
  if (base.commit === commit && !dirty) return from;
  return { ...from, pair: await readRevisionPair(dir, { base: base.commit }) };
}

/**
 * Builds the audit packet: every file rendered from one load of the repository, written into a temporary
 * folder next to the target, then renamed into place (and zipped the same way), so a failure leaves the
 * previous packet untouched. The same commit gives the same bytes: times come from the commit, entries
 * are sorted, and no renderer reads the clock.
 */
export async function buildPacket(dir: string, options: BuildPacketOptions): Promise<BuildPacketResult> {
  const { commit, createdAt, dirty, previousTag } = await readMeta(dir, options);
  const repo = await readRepo(dir);
  const shortSha = commit === 'work-tree' ? 'worktree' : commit.slice(0, 7);
  const input = await preparePacket(repo, {
    meta: { commit, version: `${createdAt.slice(0, 10)}-${shortSha}`, createdAt, toolVersion: options.toolVersion },
    ...(options.allowFindings !== undefined ? { allowFindings: options.allowFindings } : {}),
    readPrevious: async () => (previousTag ? readRevisionPair(dir, { base: previousTag }) : undefined),
    readPeriodStart: async (start) => (commit === 'work-tree' ? undefined : readPeriodStart(dir, commit, start, dirty)),
  });
  const { meta } = input;
  const sources: DiskSource[] = renderPacket(input).map((s) => ('evidence' in s ? { path: s.path, fromDisk: join(repo.root, ...s.evidence.split('/')) } : s));

  const out = options.out ?? dir;
  mkdirSync(out, { recursive: true });
  const target = join(out, PACKET_FOLDER);
  const temporary = join(out, `.${PACKET_FOLDER}.tmp-${process.pid}`);
  rmSync(temporary, { recursive: true, force: true });
  let zipTemporary: string | undefined;
  try {
    mkdirSync(temporary, { recursive: true });
    const cache = new ContentCache();
    const files = await writePacketFiles(temporary, sources, cache);
    // The summary lists the files it travels with; it cannot list its own digest.
    const pdf = await renderSummaryPdf(input, files);
    files.push(...(await writePacketFiles(temporary, [{ path: 'summary.pdf', content: pdf }], cache)));
    const manifestEntries = await writePacketFiles(temporary, [{ path: 'manifest.json', content: renderManifest({ ...meta, dirty }, files) }], cache);
    const all = [...files, ...manifestEntries];
    await writePacketFiles(temporary, [{ path: 'SHA256SUMS', content: renderSha256Sums(all) }], cache);
    const packetPaths = [...all.map((f) => f.path), 'SHA256SUMS'];

    let zipPath: string | undefined;
    if (options.zip) {
      zipPath = join(out, `${PACKET_FOLDER}-${meta.version}.zip`);
      zipTemporary = join(out, `.${basename(zipPath)}.tmp-${process.pid}`);
      await writeDeterministicZip(temporary, packetPaths, zipTemporary, createdAt, cache);
    }
    // Swap into place: the old packet is removed only once the new one is complete.
    const previous = join(out, `.${PACKET_FOLDER}.old-${process.pid}`);
    if (existsSync(target)) renameSync(target, previous);
    renameSync(temporary, target);
    rmSync(previous, { recursive: true, force: true });
    if (zipPath && zipTemporary) renameSync(zipTemporary, zipPath);
    return { folder: target, ...(zipPath ? { zip: zipPath } : {}), meta, files: all.sort((a, b) => (a.path < b.path ? -1 : 1)), findings: input.findings };
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    if (zipTemporary) rmSync(zipTemporary, { force: true });
    throw error;
  }
}
