import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/** The repository's root: the example program and every package's fixtures, for tests that read them all. */
export const REPO_ROOT = join(import.meta.dirname, '../../../..');

/** Every regular file under `dir` (node_modules skipped) that `accept` takes; nothing for a missing folder. */
export function filesUnder(dir: string, accept: (entry: Dirent) => boolean = () => true): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) =>
    e.isDirectory() && e.name !== 'node_modules' ? filesUnder(join(dir, e.name), accept) : e.isFile() && accept(e) ? [join(dir, e.name)] : [],
  );
}
