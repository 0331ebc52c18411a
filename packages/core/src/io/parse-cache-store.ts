import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ParsedYamlFile, RepoModel } from '../load/load-repo.js';
import { compareText } from '../model/findings.js';
import { cacheableKind, parseCacheKey, type ParseCache } from '../load/parse-cache.js';
import type { SourceFile } from '../load/source-files.js';
import { NO_PROBLEMS } from '../load/yaml-source.js';
import { shareShortStrings } from '../load/fast-yaml.js';
import { batchChunks } from '../render/json-chunks.js';
import { fileKindSchemas } from '../schemas/file-kinds.js';

// Bump when what parseYamlFile produces changes without the schemas changing. 3: empty lists left out.
// 4: one entry per line, read and written a piece at a time.
const CACHE_FORMAT = 4;
const SCHEMA_DIGEST = createHash('sha256').update(JSON.stringify(fileKindSchemas)).digest('hex').slice(0, 16);
const CACHE_FILE = `parse-cache-${CACHE_FORMAT}-${SCHEMA_DIGEST}.ndjson`;

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
 * What parsing gave for the YAML file at `path` (model.files is sorted by path: a binary search, not the
 * map of every file that model.parsed builds), or undefined for files that were not parsed.
 */
function parsedFile(model: RepoModel, path: string): Entry | undefined {
  const files = model.files;
  let low = 0;
  let high = files.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const order = compareText(files[mid]!.path, path);
    if (order < 0) low = mid + 1;
    else if (order > 0) high = mid - 1;
    else {
      const f = files[mid]!;
      if (f.kind === 'policy' || f.tooLarge || f.binary) return undefined;
      return { errors: f.syntaxErrors, warnings: f.warnings, problems: f.schemaProblems, pruned: f.pruned };
    }
  }
  return undefined;
}

/** One line of the cache file: the key, a space, the entry as JSON. */
function lineOf(key: string, entry: Entry): string {
  return `${key} ${JSON.stringify(toStored(entry))}\n`;
}

/**
 * Calls `visit` with each line's key and a way to decode the rest, reading 1 MB at a time: the file is
 * never held whole (as one string, the cache of 100,000 records was 37 MB, and its parsed form another
 * copy of every entry, which the run that used it kept to the end). Only the entries asked for are decoded.
 */
function forEachLine(file: string, visit: (key: string, value: () => string) => void): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    // One buffer for the whole file: the part of a line a read leaves is moved to its start.
    let buffer = Buffer.allocUnsafe(1 << 20);
    let kept = 0;
    for (let n = readSync(fd, buffer, kept, buffer.length - kept, null); n > 0; n = readSync(fd, buffer, kept, buffer.length - kept, null)) {
      const filled = kept + n;
      let start = 0;
      for (let end = buffer.indexOf(10, start); end !== -1 && end < filled; start = end + 1, end = buffer.indexOf(10, start)) {
        const space = buffer.indexOf(32, start);
        if (space === -1 || space > end) continue;
        const data = buffer;
        visit(data.toString('latin1', start, space), () => data.toString('utf8', space + 1, end));
      }
      buffer.copy(buffer, 0, start, filled);
      kept = filled - start;
      // A line longer than the buffer: a larger one.
      if (kept === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
    }
    // A last line without its newline was cut short while being written: it is left out.
    return true;
  } finally {
    closeSync(fd);
  }
}

/** Removes caches another trustops (another format or schema) left: one is enough, and each is as large as the repository's YAML. */
function removeOtherCaches(folder: string): void {
  for (const name of readdirSync(folder)) {
    if (name.startsWith('parse-cache-') && name !== CACHE_FILE && !name.includes('.tmp-')) rmSync(join(folder, name), { force: true });
  }
}

function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 10;
}

/** Appends lines to a file in batchChunks' pieces (small enough to die in the young generation). */
function appendLines(fd: number, lines: Iterable<string>): void {
  for (const piece of batchChunks(lines)) writeSync(fd, piece);
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
  // The files looked up and not found (by object: two revisions may hold different texts at one path):
  // only they are written. No key is kept: the run that fills the cache misses every file, and holding
  // 100,000 keys until the store was ~14 MB; hashing the texts again takes ~0.1 s.
  const misses = new Set<SourceFile>();
  // How many entries the file holds, from the last lookup.
  let stored: number | undefined;
  return {
    lookup(files) {
      // No cache yet (a fresh CI checkout): every file is a miss, and no key is worked out twice.
      if (!existsSync(file)) {
        for (const f of files) if (cacheableKind(f)) misses.add(f);
        stored = 0;
        return new Map();
      }
      // By key; a list only where files share a text (a list for each was 110,000 arrays).
      const wanted = new Map<string, SourceFile | SourceFile[]>();
      for (const f of files) {
        const key = parseCacheKey(f);
        if (!key) continue;
        const known = wanted.get(key);
        wanted.set(key, known === undefined ? f : Array.isArray(known) ? [...known, f] : [known, f]);
      }
      const out = new Map<string, ParsedYamlFile>();
      let lines = 0;
      forEachLine(file, (key, value) => {
        lines++;
        const match = wanted.get(key);
        const list = match === undefined ? [] : Array.isArray(match) ? match : [match];
        if (list.length === 0 || out.has(list[0]!.path)) return;
        let entry: StoredEntry;
        try {
          entry = JSON.parse(value()) as StoredEntry;
        } catch {
          return; // a damaged line: that file is parsed again
        }
        if (entry === null || typeof entry !== 'object' || !('pruned' in entry)) return;
        shareShortStrings(entry.pruned);
        for (const f of list) out.set(f.path, fromStored(f.path, entry));
      });
      stored = lines;
      for (const [key, match] of wanted) {
        for (const f of Array.isArray(match) ? match : [match]) if (!out.has(f.path)) misses.add(f);
      }
      return out;
    },
    store(loaded) {
      // Keep what other revisions left (a changelog stores BASE after HEAD) unless the cache has grown
      // far beyond one repository; then keep only this run's entries. Same key, same value: entries are
      // content-addressed, so only entries the file lacks are added, and only then is it written.
      if (stored === undefined) forEachLine(file, () => void (stored = (stored ?? 0) + 1));
      const reset = (stored ?? 0) > MAX_ENTRIES;
      // Two files with one text give the same line twice: harmless (the first is used), and cheaper than
      // a set of every key written.
      let written = 0;
      function* linesToAdd(): Generator<string> {
        for (const { model, files } of loaded) {
          for (const source of files) {
            if (!reset && !misses.has(source)) continue;
            const key = parseCacheKey(source);
            const parsed = key === undefined ? undefined : parsedFile(model, source.path);
            if (!parsed) continue;
            written++;
            misses.delete(source);
            yield lineOf(key!, parsed);
          }
        }
      }
      const lines = linesToAdd();
      const first = lines.next();
      if (first.done) return;
      try {
        mkdirSync(dirname(file), { recursive: true });
        const temporary = `${file}.tmp-${process.pid}`;
        if (!reset && existsSync(file)) copyFileSync(file, temporary);
        else writeFileSync(temporary, '');
        const fd = openSync(temporary, 'a+');
        try {
          // A last line cut short (a write that did not finish) must not swallow the first line added.
          if (!endsWithNewline(fd)) writeSync(fd, '\n');
          appendLines(fd, [first.value]);
          appendLines(fd, lines);
        } finally {
          closeSync(fd);
        }
        renameSync(temporary, file);
        removeOtherCaches(dirname(file));
        stored = (reset ? 0 : (stored ?? 0)) + written;
      } catch {
        // A cache that cannot be written only costs time.
      }
    },
  };
}
