import { hash } from 'node:crypto';
import { loadRepo, type ParsedYamlFile, type RepoModel } from './load-repo.js';
import { classifyPath, type SourceFile, type SourceKind } from './source-files.js';

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

/** The cache key of a YAML file of the format (its kind and text), or undefined for files never cached. */
export function parseCacheKey(file: SourceFile): string | undefined {
  const kind = cacheableKind(file);
  if (!kind) return undefined;
  // One-shot: a Hash object per file held native memory until collected (16 MB at 100,000 files). 24
  // bytes are 32 base64url characters: one string, not a slice that keeps the whole digest's.
  return hash('sha256', `${kind}\0${file.text}`, 'buffer').toString('base64url', 0, 24);
}

/** The kind of a file the cache keeps (YAML of the format, text, no link), or undefined. */
export function cacheableKind(file: SourceFile): SourceKind | undefined {
  const kind = classifyPath(file.path);
  return !kind || kind === 'policy' || file.binary || file.link ? undefined : kind;
}

/** loadRepo, with parse results taken from and given back to the input's cache when it has one. */
export function loadRepoCached(input: { files: readonly SourceFile[]; parseCache?: ParseCache }, reuse?: ReadonlyMap<string, ParsedYamlFile>): RepoModel {
  const cached = input.parseCache?.lookup(input.files);
  const preparsed = reuse && cached ? new Map([...cached, ...reuse]) : (reuse ?? cached);
  const model = loadRepo(input.files, preparsed);
  input.parseCache?.store([{ model, files: input.files }]);
  return model;
}
