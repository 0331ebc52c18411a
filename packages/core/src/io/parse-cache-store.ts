import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ParsedYamlFile } from '../load/load-repo.js';
import { parseCacheKey, type ParseCache } from '../load/parse-cache.js';
import { NO_PROBLEMS } from '../load/yaml-source.js';
import { fileKindSchemas } from '../schemas/file-kinds.js';

// Bump when what parseYamlFile produces changes without the schemas changing. 3: empty lists left out.
const CACHE_FORMAT = 3;
const SCHEMA_DIGEST = createHash('sha256').update(JSON.stringify(fileKindSchemas)).digest('hex').slice(0, 16);
const CACHE_FILE = `parse-cache-${CACHE_FORMAT}-${SCHEMA_DIGEST}.json`;

type Entry = Omit<ParsedYamlFile, 'path'>;
/** An entry as stored: most files have no error, warning or problem, so empty lists are left out. */
type StoredEntry = { pruned: unknown } & Partial<Omit<Entry, 'pruned'>>;

function toStored(entry: Entry): StoredEntry {
  return {
    pruned: entry.pruned,
    ...(entry.errors.length ? { errors: entry.errors } : {}),
    ...(entry.warnings?.length ? { warnings: entry.warnings } : {}),
    ...(entry.problems.length ? { problems: entry.problems } : {}),
  };
}

function fromStored(path: string, stored: StoredEntry): ParsedYamlFile {
  return { path, errors: stored.errors ?? NO_PROBLEMS, warnings: stored.warnings ?? NO_PROBLEMS, problems: stored.problems ?? NO_PROBLEMS, pruned: stored.pruned };
}

/**
 * Writes the cache a piece at a time: one JSON string of 100,000 entries would be the run's largest
 * allocation (the run that fills the cache peaked at 440 MB).
 */
function writeEntries(file: string, entries: Record<string, StoredEntry>): void {
  const fd = openSync(file, 'w');
  try {
    let chunk = `{"format":${CACHE_FORMAT},"entries":{`;
    let first = true;
    for (const key in entries) {
      chunk += `${first ? '' : ','}${JSON.stringify(key)}:${JSON.stringify(entries[key])}`;
      first = false;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, `${chunk}}}`);
  } finally {
    closeSync(fd);
  }
}

const MAX_ENTRIES = 250_000;

/** The git directory that holds `dir` (following a .git file for worktrees), if any. */
function findGitDir(dir: string): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const candidate = join(current, '.git');
    if (existsSync(candidate)) {
      if (statSync(candidate).isDirectory()) return candidate;
      const match = /^gitdir:\s*(.+)$/m.exec(readFileSync(candidate, 'utf8'));
      if (match) return isAbsolute(match[1]!) ? match[1]! : resolve(current, match[1]!);
    }
    if (dirname(current) === current) return undefined;
  }
}

/**
 * The disk half of the parse cache (load/parse-cache.ts): the cache of the git repository that holds
 * `root`, in its git directory so it is never committed; undefined outside git or when TRUSTOPS_NO_CACHE
 * is set. The key also covers the schemas and this format's version, so a new trustops never reads an old
 * entry.
 */
export function openParseCache(root: string, env: Readonly<Record<string, string | undefined>> = process.env): ParseCache | undefined {
  if (env.TRUSTOPS_NO_CACHE) return undefined;
  const gitDir = findGitDir(root);
  if (!gitDir) return undefined;
  const file = join(gitDir, 'trustops', CACHE_FILE);
  let entries: Record<string, StoredEntry> = {};
  try {
    entries = (JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, StoredEntry> }).entries ?? {};
  } catch {
    // No cache yet, or an unreadable one: start empty.
  }
  return {
    lookup(files) {
      const out = new Map<string, ParsedYamlFile>();
      for (const f of files) {
        const key = parseCacheKey(f);
        const entry = key ? entries[key] : undefined;
        if (entry) out.set(f.path, fromStored(f.path, entry));
      }
      return out;
    },
    store(loaded) {
      // Keep what other revisions left (a changelog stores BASE after HEAD) unless the cache has grown
      // far beyond one repository; then keep only this run's entries. Same key, same value: entries are
      // content-addressed, so only new keys make the file worth writing.
      const reset = Object.keys(entries).length > MAX_ENTRIES;
      // Added in place: copying 100,000 entries first only doubled the peak.
      const next: Record<string, StoredEntry> = reset ? {} : entries;
      let added = 0;
      for (const { model, files } of loaded) {
        const byPath = new Map(files.map((f) => [f.path, f]));
        for (const [path, parsed] of model.parsed) {
          const source = byPath.get(path);
          const key = source ? parseCacheKey(source) : undefined;
          if (!key || key in next) continue;
          next[key] = toStored(parsed);
          added++;
        }
      }
      entries = next;
      if (added === 0 && !reset) return;
      try {
        mkdirSync(dirname(file), { recursive: true });
        const temporary = `${file}.tmp-${process.pid}`;
        writeEntries(temporary, next);
        renameSync(temporary, file);
      } catch {
        // A cache that cannot be written only costs time.
      }
    },
  };
}
