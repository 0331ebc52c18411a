import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { FORMAT_FOLDERS, PACKET_FOLDER } from '../load/source-files.js';
import { fileSystemError, TrustopsError } from '../model/errors.js';
import { requireConfig } from '../rules/config-missing.js';
import type { Finding } from '../model/findings.js';
import { RELEASE_TAG_PATTERN } from '../model/revisions.js';
import { renderManifestParts, renderSha256SumsLines } from '../packet/manifest.js';
import type { PacketFileEntry, PacketInput, PacketMeta } from '../packet/packet-input.js';
import { renderPacketLazily } from '../packet/render-packet.js';
import { renderSummaryPdf } from '../packet/summary-pdf/summary-pdf.js';
import { loadPdfFonts } from './pdf-fonts.js';
import { preparePacket, type PeriodStartPair } from '../pipeline/packet.js';
import { GitRepo } from './git/git-repo.js';
import { readRevisionPair, SHALLOW_FETCH_HINT } from './git/read-revisions.js';
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
  /** What the user should know: no changelog because the clone is shallow, files withheld from the packet. */
  warnings: string[];
}


/** Where the commit and its time come from. */
async function readMeta(
  dir: string,
  options: BuildPacketOptions,
): Promise<{ commit: string; createdAt: string; dirty: boolean; previousTag?: string; shallow: boolean }> {
  const git = new GitRepo(dir);
  let commit = 'work-tree';
  let committed: string | undefined;
  let dirty = true;
  let previousTag: string | undefined;
  let shallow = false;
  let inGit = false;
  try {
    await git.root();
    inGit = true;
  } catch {
    // Not a git repository: SOURCE_DATE_EPOCH must say when.
  }
  if (inGit) {
    commit = (await git.resolve('HEAD')) ?? 'work-tree';
    if (commit !== 'work-tree') {
      committed = await git.commitTime(commit);
      dirty = await git.hasChanges(['compliance.yaml', ...FORMAT_FOLDERS]);
      // The release before this commit (a tag on this very commit is this release, on a re-run).
      previousTag = (await git.resolve(`${commit}~1`)) ? await git.nearestTag(`${commit}~1`, RELEASE_TAG_PATTERN) : undefined;
      // In a shallow clone the previous release may exist upstream without having been fetched.
      shallow = previousTag === undefined && (await git.isShallow());
    }
  }
  const epoch = options.sourceDateEpoch;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new TrustopsError('INVALID_OPTION', `SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`);
    committed = new Date(Number(epoch) * 1000).toISOString();
  }
  if (!committed) {
    throw new TrustopsError('INVALID_OPTION', `${dir} has no commit to take the packet's time from: commit first, or set SOURCE_DATE_EPOCH`);
  }
  return { commit, createdAt: new Date(committed).toISOString().replace(/\.\d{3}Z$/, 'Z'), dirty, shallow, ...(previousTag ? { previousTag } : {}) };
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
  const repo = await readRepo(dir);
  requireConfig(repo.files, dir);
  const { commit, createdAt, dirty, previousTag, shallow } = await readMeta(dir, options);
  const out = resolve(options.out ?? repo.root);
  refuseOutput(repo.root, out);
  const shortSha = commit === 'work-tree' ? 'worktree' : commit.slice(0, 7);
  const changelogNote = shallow ? `No previous release (${RELEASE_TAG_PATTERN}) was found, but this is a shallow clone: the release tag may exist upstream without having been fetched. ${SHALLOW_FETCH_HINT}` : undefined;
  const input = await preparePacket(repo, {
    meta: { commit, version: `${createdAt.slice(0, 10)}-${shortSha}`, createdAt, toolVersion: options.toolVersion },
    ...(options.allowFindings !== undefined ? { allowFindings: options.allowFindings } : {}),
    readPrevious: async () => (previousTag ? readRevisionPair(dir, { base: previousTag }) : undefined),
    ...(changelogNote ? { changelogNote } : {}),
    readPeriodStart: async (start) => (commit === 'work-tree' ? undefined : readPeriodStart(dir, commit, start, dirty)),
  });
  const { meta } = input;
  // The evidence's absolute paths are made as each file is copied: made up front, 16,000 of them (each
  // a tree of path.join's pieces) lived through the whole write and were 8 MB of the old generation.
  const lazy = renderPacketLazily(input);
  const sources = function* (): Generator<DiskSource> {
    for (const s of lazy) yield 'evidence' in s ? { path: s.path, fromDisk: join(repo.root, ...s.evidence.split('/')) } : s;
  };
  const warnings = [...(changelogNote ? [changelogNote] : []), ...[...input.withheld].map(([path, why]) => `${path} is not in the packet: ${why}`)];
  try {
    const written = await writePacket(out, input, sources, { dirty, zip: Boolean(options.zip) });
    return { ...written, meta, findings: input.findings, warnings };
  } catch (error) {
    // A full or read-only disk is the machine's state, not a bug: say where, and what to do.
    throw fileSystemError(error, 'write', out) ?? error;
  }
}

/**
 * Where the packet may not go: into the program's own folders (the next check would read its copies of
 * every control and policy), or where audit-packet/ would be the repository itself or hold it (the swap
 * into place would replace the repository).
 */
function refuseOutput(root: string, out: string): void {
  const real = realOrResolved(out);
  const within = (folder: string, path: string) => path === folder || path.startsWith(folder + sep);
  for (const folder of FORMAT_FOLDERS) {
    if (within(join(root, folder), real)) {
      throw new TrustopsError('INVALID_OPTION', `--out ${out} is inside ${folder}/ of the repository, where the packet's copies would be read as the program; choose a folder outside controls/, policies/, evidence/ and risks/ (the default is the repository root)`);
    }
  }
  if (within(realOrResolved(join(real, PACKET_FOLDER)), root)) {
    throw new TrustopsError('INVALID_OPTION', `--out ${out} would put ${PACKET_FOLDER}/ where the repository itself is (${root}); writing the packet would replace it. Choose another folder`);
  }
}

/** The real path of `path`, or of its nearest existing parent with the rest appended (for an --out not yet made). */
function realOrResolved(path: string): string {
  const rest: string[] = [];
  for (let current = path; ; current = dirname(current)) {
    try {
      return join(realpathSync(current), ...rest.reverse());
    } catch {
      if (dirname(current) === current) return path;
      rest.push(basename(current));
    }
  }
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir never returns when a file system answers ENOENT
 * for a folder whose parent exists (/proc does), so it is not used for a path the user gave.
 */
function makeFolder(out: string): void {
  const missing: string[] = [];
  for (let current = out; !existsSync(current); current = dirname(current)) {
    if (dirname(current) === current) break;
    missing.push(current);
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // /proc, /sys and the like answer ENOENT to a new folder although its parent exists.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && existsSync(dirname(folder))) {
        throw new TrustopsError('WRITE_FAILED', `cannot create --out ${out}: its file system does not allow a new folder there (read-only or virtual); choose a writable place`, { cause: error });
      }
      throw error;
    }
  }
  // An existing file where the folder should be: mkdir would have said EEXIST.
  if (!statSync(out).isDirectory()) throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${out}'`), { code: 'EEXIST', path: out, syscall: 'mkdir' });
}

const TEMPORARY = new RegExp(`^\\.${PACKET_FOLDER}(?:-.+\\.zip)?\\.(?:tmp|old)-(\\d+)$`);

/** Removes temporary folders and zips that builds killed midway left behind (their process is gone). */
function removeStaleTemporaries(out: string): void {
  let names: string[];
  try {
    names = readdirSync(out);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(TEMPORARY.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    rmSync(join(out, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function writePacket(
  out: string,
  input: PacketInput,
  sources: () => Iterable<DiskSource>,
  { dirty, zip }: { dirty: boolean; zip: boolean },
): Promise<Omit<BuildPacketResult, 'meta' | 'findings' | 'warnings'>> {
  const { meta } = input;
  makeFolder(out);
  removeStaleTemporaries(out);
  const target = join(out, PACKET_FOLDER);
  const temporary = join(out, `.${PACKET_FOLDER}.tmp-${process.pid}`);
  rmSync(temporary, { recursive: true, force: true });
  let zipTemporary: string | undefined;
  try {
    mkdirSync(temporary, { recursive: true });
    // Only the zip reads what the cache keeps.
    const cache = zip ? new ContentCache() : undefined;
    const files = await writePacketFiles(temporary, sources(), cache);
    // The summary lists the files it travels with; it cannot list its own digest.
    const pdf = await renderSummaryPdf(input, files, loadPdfFonts());
    files.push(...(await writePacketFiles(temporary, [{ path: 'summary.pdf', content: pdf }], cache)));
    const manifest = { path: 'manifest.json', render: () => ({ lines: renderManifestParts({ ...meta, dirty }, files), separator: '' }) };
    const all = [...files, ...(await writePacketFiles(temporary, [manifest], cache))];
    await writePacketFiles(temporary, [{ path: 'SHA256SUMS', render: () => ({ lines: renderSha256SumsLines(all), separator: '' }) }], cache);
    const packetPaths = [...all.map((f) => f.path), 'SHA256SUMS'];

    let zipPath: string | undefined;
    if (zip) {
      zipPath = join(out, `${PACKET_FOLDER}-${meta.version}.zip`);
      zipTemporary = join(out, `.${basename(zipPath)}.tmp-${process.pid}`);
      // One top-level folder named like the zip: unzipping gives audit-packet-<version>/, never 275 loose files.
      await writeDeterministicZip(temporary, packetPaths, zipTemporary, meta.createdAt, cache, basename(zipPath, '.zip'));
    }
    // Swap into place: the old packet is removed only once the new one is complete.
    const previous = join(out, `.${PACKET_FOLDER}.old-${process.pid}`);
    if (existsSync(target)) renameSync(target, previous);
    renameSync(temporary, target);
    rmSync(previous, { recursive: true, force: true });
    if (zipPath && zipTemporary) renameSync(zipTemporary, zipPath);
    return { folder: target, ...(zipPath ? { zip: zipPath } : {}), files: all.sort((a, b) => (a.path < b.path ? -1 : 1)) };
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    if (zipTemporary) rmSync(zipTemporary, { force: true });
    throw error;
  }
}
