import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { TrustopsError } from '../model/errors.js';

/** A file a command writes into the repository: `before` is the text it was computed from (absent: a new file). */
export interface RepoFileWrite {
  path: string;
  before?: string;
  after: string;
}

/**
 * Writes files of the repository all or nothing, as far as a file system allows: every file is checked
 * first (an existing file must still hold the text the change was computed from, a new one must not
 * exist, no path leaves the repository), then each is written to a temporary file beside it, and only
 * when all are written are they renamed into place. A user's file is never overwritten with something
 * computed from another version of it.
 */
export function writeRepoFiles(root: string, files: readonly RepoFileWrite[]): void {
  const targets = files.map((file) => {
    let bom = '';
    const target = join(root, ...file.path.split('/'));
    const rel = relative(root, target);
    if (rel.startsWith('..') || rel === '' || rel.includes(`..${sep}`)) throw new TrustopsError('WRITE_FAILED', `refusing to write outside the repository: ${file.path}`);
    if (file.before === undefined) {
      if (existsSync(target)) throw new TrustopsError('WRITE_FAILED', `${file.path} exists already; nothing was written`);
    } else {
      // The reader drops a byte order mark; the file keeps it.
      const current = readText(target, file.path);
      bom = current.startsWith('\uFEFF') ? '\uFEFF' : '';
      if (current.slice(bom.length) !== file.before) throw new TrustopsError('WRITE_FAILED', `${file.path} changed while trustops was working on it; nothing was written`);
    }
    return { file, target, text: bom + file.after, temp: `${target}.trustops-${process.pid}.tmp` };
  });
  const written: string[] = [];
  try {
    for (const { target, text, temp } of targets) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(temp, text, { encoding: 'utf8', flag: 'wx' });
      written.push(temp);
    }
  } catch (cause) {
    for (const temp of written) rmSync(temp, { force: true });
    throw new TrustopsError('WRITE_FAILED', `cannot write the repository's files: ${(cause as Error).message}; nothing was written`, { cause });
  }
  for (const { temp, target } of targets) renameSync(temp, target);
}

function readText(target: string, path: string): string {
  try {
    return readFileSync(target, 'utf8');
  } catch (cause) {
    throw new TrustopsError('WRITE_FAILED', `cannot read ${path} again before writing it: ${(cause as Error).message}`, { cause });
  }
}
