import { hash } from 'node:crypto';
import { posix } from 'node:path';
import { scanSecrets, type SecretMatch } from '../secrets/scan.js';

/** What the repository says about a file an evidence record points at. */
export type EvidenceFileFacts =
  /** A file: its digest, and the credentials found in it (never their text). */
  | { kind: 'file'; sha256: string; secrets?: SecretMatch[] }
  | { kind: 'missing' }
  | { kind: 'not-a-file' }
  /** The path (or a link on it) leads outside evidence/: never read. */
  | { kind: 'outside'; reason: string };

/**
 * How the checker reaches evidence files: the disk for a work tree, a git revision for a changelog, a Map
 * in tests. Only files that records reference are asked for, and each once.
 */
export interface EvidenceFileAccess {
  inspect(repoPath: string): Promise<EvidenceFileFacts>;
  /** Optional batch form, for sources where one request per file is costly (git). */
  inspectMany?(repoPaths: readonly string[]): Promise<Map<string, EvidenceFileFacts>>;
}

export type ResolvedEvidencePath = { repoPath: string } | { outside: string };

/** A file name without a folder, a drive, a scheme or a backslash: it resolves to the record's own folder. */
const PLAIN_NAME = /^[^/\\:]+$/;

/**
 * Resolves a record's file path (relative to the record's folder) to a repo path, without touching the
 * disk. Absolute paths, drive letters, URLs and anything that climbs out of evidence/ are refused.
 */
export function resolveEvidencePath(recordFile: string, declared: string): ResolvedEvidencePath {
  // Asked for every file of every record by readiness and five rules (800,000 times at 100,000 records):
  // a plain file name beside the record needs no normalising, and the general path allocated ~500 MB.
  const folder = recordFile.lastIndexOf('/');
  if (PLAIN_NAME.test(declared) && declared !== '.' && declared !== '..' && recordFile.startsWith('evidence/') && folder > 0) {
    return { repoPath: `${recordFile.slice(0, folder + 1)}${declared}` };
  }
  const path = declared.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[A-Za-z]:\//.test(path) || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(path)) {
    return { outside: 'it is an absolute path' };
  }
  const joined = posix.join(posix.dirname(recordFile), path);
  if (!joined.startsWith('evidence/') || joined.split('/').includes('..')) {
    return { outside: 'it leaves the evidence/ folder' };
  }
  return { repoPath: joined };
}

// The resolution of each entry of a record's `files`, by the entry: an entry belongs to one record (a
// revision that reuses another's parse has the same record path), so its resolution never changes.
// A path inside evidence/ (nearly every entry) is kept as the string itself: an object around each was 3 MB
// at 100,000 records.
const resolvedFiles = new WeakMap<object, string | { outside: string }>();

/**
 * resolveEvidencePath for one entry of a record's `files`, worked out once: readiness, the evidence facts
 * and five rules ask about every entry, and each answer was a new string and object.
 */
export function resolveRecordFile(recordFile: string, file: { path: string }): ResolvedEvidencePath {
  const known = resolvedFiles.get(file);
  if (typeof known === 'string') return { repoPath: known };
  if (known !== undefined) return known;
  const resolved = resolveEvidencePath(recordFile, file.path);
  resolvedFiles.set(file, 'repoPath' in resolved ? resolved.repoPath : resolved);
  return resolved;
}

/** Whether bytes look like text worth scanning for credentials: no NUL byte near the start (images, zips, PDFs). */
export function looksLikeText(bytes: Uint8Array): boolean {
  return !bytes.subarray(0, 8192).includes(0);
}

const utf8 = new TextDecoder('utf-8');

/** The facts of an evidence file read whole: its digest and the credentials in it. */
export function factsOfBytes(repoPath: string, bytes: Uint8Array): EvidenceFileFacts {
  // One-shot: a Hash object per file held native memory until it was collected (100,000 of them in one run).
  const sha256 = hash('sha256', bytes, 'hex');
  const secrets = looksLikeText(bytes) ? scanSecrets(utf8.decode(bytes), { path: repoPath }) : undefined;
  return secrets?.length ? { kind: 'file', sha256, secrets } : { kind: 'file', sha256 };
}
