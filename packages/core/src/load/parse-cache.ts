import { hash } from 'node:crypto';
import { loadRepo, type ParsedYamlFile, type RepoModel } from './load-repo.js';
import { classifyPath, type SourceFile } from './source-files.js';

/**
 * Parsed YAML files remembered between runs, keyed by a digest of the file's kind and text: parsing is
 * most of a check's time, and in CI the gate, the changelog and the PR comment read the same files one
 * after another. Entries are content-addressed, so they never go stale. The IO layer keeps them on disk
 * (io/parse-cache-store.ts); this is the interface the loader sees.
 */
export interface ParseCache {
  /** Cached parse results for those of `files` seen before, by path. */
  lookup(files: readonly SourceFile[]): Map<string, ParsedYamlFile>;
  /** Remembers the parse results of these loaded revisions (entries none of them uses are dropped). */
  store(loaded: readonly { model: RepoModel; files: readonly SourceFile[] }[]): void;
}

const keys = new WeakMap<SourceFile, string>();

/**
 * Files shorter than this are parsed, never cached: a small plain file (most evidence records) parses and
 * validates in about the time its entry takes to hash, find and decode, and 100,000 entries held while the
 * run used them cost more memory than the parse they saved (the run that filled the cache peaked ~45 MB
 * above a run without it).
 */
export const CACHE_MIN_LENGTH = Number(process.env.TRUSTOPS_CACHE_MIN ?? 512);

/** The cache key of a YAML file of the format (its kind and text), or undefined for files never cached. */
export function parseCacheKey(file: SourceFile): string | undefined {
  const known = keys.get(file);
  if (known !== undefined) return known;
  const kind = classifyPath(file.path);
  if (!kind || kind === 'policy' || file.binary || file.link || file.text.length < CACHE_MIN_LENGTH) return undefined;
  const key = // One-shot: a Hash object per file held native memory until collected (16 MB at 100,000 files).
        // 24 bytes are 32 base64url characters: one string, not a slice that keeps the whole digest's.
    hash('sha256', `${kind}\0${file.text}`, 'buffer').toString('base64url', 0, 24);
  keys.set(file, key);
  return key;
}

/** loadRepo, with parse results taken from and given back to the input's cache when it has one. */
export function loadRepoCached(input: { files: readonly SourceFile[]; parseCache?: ParseCache }, reuse?: ReadonlyMap<string, ParsedYamlFile>): RepoModel {
  const cached = input.parseCache?.lookup(input.files);
  const preparsed = reuse && cached ? new Map([...cached, ...reuse]) : (reuse ?? cached);
  const model = loadRepo(input.files, preparsed);
  input.parseCache?.store([{ model, files: input.files }]);
  return model;
}
