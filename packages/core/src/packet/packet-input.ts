import type { Changelog } from '../diff/diff-models.js';
import type { Finding } from '../model/findings.js';
import type { RepoModel } from '../load/load-repo.js';
import type { ReadinessReport } from '../score/readiness.js';
import type { Scope } from '../model/scope.js';

/** Where the packet comes from; every time in the packet is `createdAt` (the commit's time). */
export interface PacketMeta {
  /** The commit the packet is built from (40 hex), or "work tree" for an uncommitted build. */
  commit: string;
  /** The packet version, e.g. "2026-11-01-ab12cd3" (from the commit date and short sha). */
  version: string;
  /** ISO 8601 UTC, from SOURCE_DATE_EPOCH or the commit's committer date. */
  createdAt: string;
  toolVersion: string;
  organization: string;
  systemName: string;
  systemDescription?: string;
  /** True when --allow-findings let a packet be built despite error findings. */
  builtWithFindings: boolean;
}

/** Everything the packet renderers read. Pure data: renderers never touch the disk or the clock. */
export interface PacketInput {
  meta: PacketMeta;
  model: RepoModel;
  scope: Scope;
  readiness: ReadinessReport;
  findings: Finding[];
  /** Against the previous release, when there is one. */
  changelog?: Changelog;
}

/** One file of the packet, as listed in manifest.json and on the summary's last page. */
export interface PacketFileEntry {
  path: string;
  size: number;
  sha256: string;
}
