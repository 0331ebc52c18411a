import type { ParseCache } from '../load/parse-cache.js';
import type { SourceFile } from '../load/source-files.js';
import type { EvidenceFileAccess } from './evidence-files.js';

/** A repository as the IO layer hands it over: its format files and a way to reach evidence files. */
export interface RepoInput {
  files: readonly SourceFile[];
  evidence: EvidenceFileAccess;
  /** Parse results remembered between runs (the IO layer opens it; pure callers leave it out). */
  parseCache?: ParseCache;
}
