import type { RepoInput } from './repo-input.js';

/** A change between two revisions, as `git diff --name-status` reports it (renames detected). */
export interface FileChange {
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  path: string;
  /** For renames: the path in the base revision. */
  oldPath?: string;
}

/** Default pattern of release tags (`trustops github release` creates them; see the README). */
export const RELEASE_TAG_PATTERN = 'compliance-*';

/** One side of a comparison. */
export interface Revision {
  /** What the user asked for or what was picked ("compliance-2026-11-01-ab12cd3", "HEAD", "work tree"). */
  label: string;
  /** The commit; undefined for the work tree. */
  commit?: string;
  input: RepoInput;
}

/** Two revisions of a compliance repository and the format's files that differ between them. */
export interface RevisionPair {
  base: Revision;
  head: Revision;
  /** Changes to files of the format (repo-relative paths), base -> head. */
  changes: FileChange[];
  /** How BASE was chosen, for the report. */
  baseReason: string;
}
