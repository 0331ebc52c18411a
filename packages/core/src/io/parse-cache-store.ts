import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ParsedYamlFile } from '../load/load-repo.js';
import { parseCacheKey, type ParseCache } from '../load/parse-cache.js';
import { fileKindSchemas } from '../schemas/file-kinds.js';

// Bump when what parseYamlFile produces changes without the schemas changing.
const CACHE_FORMAT = 2;
const SCHEMA_DIGEST = createHash('sha256').update(JSON.stringify(fileKindSchemas)).digest('hex').slice(0, 16);
const CACHE_FILE = `parse-cache-${CACHE_FORMAT}-${SCHEMA_DIGEST}.json`;

type Entry = Omit<ParsedYamlFile, 'path'>;

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
  let entries: Record<string, Entry> = {};
  try {
    entries = (JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, Entry> }).entries ?? {};
  } catch {
    // No cache yet, or an unreadable one: start empty.
  }
  return {
    lookup(files) {
      const out = new Map<string, ParsedYamlFile>();
      for (const f of files) {
        const key = parseCacheKey(f);
        const entry = key ? entries[key] : undefined;
        if (entry) out.set(f.path, { path: f.path, ...entry });
      }
      return out;
    },
    store(loaded) {
      // Keep what other revisions left (a changelog stores BASE after HEAD) unless the cache has grown
      // far beyond one repository; then keep only this run's entries. Same key, same value: entries are
      // content-addressed, so only new keys make the file worth writing.
      const reset = Object.keys(entries).length > MAX_ENTRIES;
      const next: Record<string, Entry> = reset ? {} : { ...entries };
      let added = 0;
      for (const { model, files } of loaded) {
        const byPath = new Map(files.map((f) => [f.path, f]));
        for (const [path, parsed] of model.parsed) {
          const source = byPath.get(path);
          const key = source ? parseCacheKey(source) : undefined;
          if (!key || key in next) continue;
          const { path: _path, ...entry } = parsed;
          next[key] = entry;
          added++;
        }
      }
      if (added === 0 && !reset) return;
      try {
        mkdirSync(dirname(file), { recursive: true });
        const temporary = `${file}.tmp-${process.pid}`;
        writeFileSync(temporary, JSON.stringify({ format: CACHE_FORMAT, entries: next }));
        renameSync(temporary, file);
        entries = next;
      } catch {
        // A cache that cannot be written only costs time.
      }
    },
  };
}
