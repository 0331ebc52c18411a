import { constants, existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { sha256Hex } from '../collect/record.js';
import { TrustopsError } from '../model/errors.js';
import { evidenceFileName, evidenceRecordPath, renderEvidenceRecord, type EvidenceRequest } from '../scaffold/evidence-record.js';
import { hashFile } from './read-repo.js';

export interface AddEvidenceOptions {
  /** Files to record, absolute paths. */
  files: readonly string[];
  request: EvidenceRequest;
  /** Relative to the repository: where the JSON Schemas are (the record's modeline). */
  schemaDir: string;
  /** Compute and show everything, write nothing. */
  dryRun?: boolean;
  /**
   * Rewrites a file's bytes before it is stored (the seam where secret redaction plugs in): the digest
   * recorded is that of what is stored. Without it, files are copied byte for byte.
   */
  redact?: (bytes: Uint8Array, name: string) => Uint8Array;
}

export interface AddedEvidence {
  record: string;
  /** Repository paths of the files, with where each came from and whether it was copied there. */
  files: { path: string; from: string; copied: boolean; sha256: string }[];
  text: string;
  written: boolean;
}

/** A refusal the user can fix on the command line: nothing is written (exit 2). */
function refuse(message: string): never {
  throw new TrustopsError('INVALID_OPTION', message);
}

function inside(parent: string, child: string): boolean {
  return child === parent || child.startsWith(parent + sep);
}

/**
 * `trustops evidence add`: copies each file into evidence/<control>/ (a file already there is recorded
 * where it is), hashes what is stored and writes the record. Every check runs before anything is
 * written; a file or record that exists is never overwritten; on a failure half-way what this call wrote
 * is removed again.
 */
export async function addEvidence(root: string, options: AddEvidenceOptions): Promise<AddedEvidence> {
  const realRoot = realpathSync(root);
  const r = options.request;
  const folder = join(realRoot, 'evidence', r.control);
  const record = evidenceRecordPath(r);
  if (existsSync(join(realRoot, record))) refuse(`${record} exists: evidence is append-only; name this window differently (--window, --covers)`);

  const planned: { source: string; target: string; copy: boolean }[] = [];
  for (const file of options.files) {
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      refuse(`${relative(process.cwd(), file) || file} does not exist`);
    }
    if (!lstatSync(real).isFile()) refuse(`${file} is not a file`);
    if (!inside(realRoot, real)) refuse(`${file} is outside the repository ${root}: put the export inside it first, so that what is recorded is what was reviewed`);
    const copy = !inside(folder, real);
    const target = copy ? join(folder, evidenceFileName(r.label, basename(real))) : real;
    if (copy && existsSync(target)) refuse(`${relative(realRoot, target)} exists; it is never overwritten`);
    if (planned.some((p) => p.target === target)) refuse(`${basename(real)} is given twice`);
    planned.push({ source: real, target, copy });
  }

  const digest = async (p: (typeof planned)[number]): Promise<{ bytes?: Uint8Array; sha256: string }> => {
    if (options.redact && p.copy) {
      const bytes = options.redact(readFileSync(p.source), basename(p.source));
      return { bytes, sha256: sha256Hex(bytes) };
    }
    return { sha256: await hashFile(p.source) };
  };
  const hashed = await Promise.all(planned.map(digest));
  const recordDir = join(realRoot, 'evidence', r.control);
  const files = planned.map((p, i) => ({
    path: relative(recordDir, p.target).split(sep).join('/'),
    from: relative(realRoot, p.source).split(sep).join('/'),
    copied: p.copy,
    sha256: hashed[i]!.sha256,
  }));
  const text = renderEvidenceRecord(r, files, options.schemaDir);
  const result = { record, files: files.map((f) => ({ ...f, path: `evidence/${r.control}/${f.path}` })), text, written: false };
  if (options.dryRun) return result;

  await writeEvidenceRecord(
    folder,
    planned.filter((p) => p.copy).map((p) => {
      const bytes = hashed[planned.indexOf(p)]!.bytes;
      return bytes ? { target: p.target, bytes } : { target: p.target, source: p.source };
    }),
    { target: join(realRoot, record), text },
  );
  return { ...result, written: true };
}

/** A file to store beside a record: its bytes, or a file to copy byte for byte. */
export type EvidenceFileWrite = { target: string; bytes: Uint8Array } | { target: string; source: string };

/**
 * Stores evidence: the files first, then the record that lists their digests, each created new (never over
 * an existing file: evidence is append-only). On a failure half-way, what this call wrote is removed again,
 * so a record never lists a file that is not there. Shared by `evidence add`, `collect` and `sample`.
 */
export async function writeEvidenceRecord(folder: string, files: readonly EvidenceFileWrite[], record: { target: string; text: string }): Promise<void> {
  const created: string[] = [];
  try {
    await mkdir(folder, { recursive: true });
    for (const f of files) {
      if ('bytes' in f) await writeFile(f.target, f.bytes, { flag: 'wx' });
      else await copyFile(f.source, f.target, constants.COPYFILE_EXCL);
      created.push(f.target);
    }
    await writeFile(record.target, record.text, { encoding: 'utf8', flag: 'wx' });
  } catch (cause) {
    await Promise.all(created.map((f) => rm(f, { force: true })));
    throw new TrustopsError('WRITE_FAILED', `cannot write the evidence: ${(cause as Error).message}`, { cause });
  }
}
