import type { Severity } from '../model/findings.js';
import type { EvidenceFileFacts } from '../model/evidence-files.js';
import type { Entity, RepoModel } from '../load/load-repo.js';
import { locate, logicalPath, type LocateTarget, type PathSegment, type YamlSource } from '../load/yaml-source.js';
import type { ControlData, PolicyFrontMatter, VendorData } from '../schemas/types.js';
import type { Scope } from '../model/scope.js';
import type { ReadinessReport } from '../score/readiness.js';
import type { FileChange } from '../model/revisions.js';

/** What `check --base REV` adds: the base revision's model and the files that differ. */
export interface HistoryContext {
  base: RepoModel;
  /** BASE's label, for messages ("compliance-2026-11-01-ab12cd3", "origin/main"). */
  baseLabel: string;
  changes: readonly FileChange[];
  /** Control ids whose weakening the pull request acknowledges (--acknowledge). */
  acknowledged: ReadonlySet<string>;
}

/** Where a finding points: a place in a parsed document, or a raw file position. */
export type FindingLocation =
  | { source: YamlSource; path?: readonly PathSegment[]; target?: LocateTarget }
  | { file: string; line?: number; column?: number };

export interface ReportDescriptor {
  at: FindingLocation;
  message: string;
  hint: string;
  /** Other places the finding is about (the first definition of a duplicate id, the original record). */
  related?: readonly { at: FindingLocation; message: string }[];
}

/** Lookups that many rules share, built once per check. */
export interface RepoIndex {
  controls: ReadonlyMap<string, Entity<ControlData>>;
  policies: ReadonlyMap<string, Entity<PolicyFrontMatter>>;
  vendors: ReadonlyMap<string, Entity<VendorData>>;
}

export interface RuleContext {
  model: RepoModel;
  scope: Scope;
  index: RepoIndex;
  /** Facts about every file an evidence record references, keyed by repo path. */
  evidenceFiles: ReadonlyMap<string, EvidenceFileFacts>;
  /** The date the check runs on (YYYY-MM-DD), for expiries and overdue reviews. */
  today: string;
  /** Readiness of the repository, computed once by the pipeline for every rule that reads it. */
  readiness: ReadinessReport;
  /** Every registered rule id: what a `rules:` entry in compliance.yaml may name. */
  ruleIds: ReadonlySet<string>;
  /** Present when checking against a base revision; history rules do nothing without it. */
  history?: HistoryContext;
  report(descriptor: ReportDescriptor): void;
}

export interface RuleMeta {
  /** `area/what`, e.g. `mapping/unmapped-control`. */
  id: string;
  /** Default severity; compliance.yaml `rules:` may change it or turn the rule off. */
  severity: Severity;
  /** One line for the rule list, SARIF and --help. */
  description: string;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): void;
}

/**
 * The one way rules are made. A rule is a small pure function over the loaded model; it reports findings
 * through the context and never throws for bad content.
 */
export function defineRule(rule: RuleMeta & { check(context: RuleContext): void }): Rule {
  if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(rule.id)) throw new Error(`rule id "${rule.id}" must look like area/name`);
  return Object.freeze({ ...rule });
}

/** Turns a location into file, line and column. */
export function resolveLocation(at: FindingLocation): { file: string; line: number; column: number } {
  if ('source' in at) {
    const pos = locate(at.source, at.path ?? [], at.target ?? 'value');
    return { file: at.source.file, ...pos };
  }
  return { file: at.file, line: at.line ?? 1, column: at.column ?? 1 };
}

/** The offending key by name (see logicalPath), for a location inside a YAML document. */
export function locationKey(at: FindingLocation): string | undefined {
  return 'source' in at && at.path?.length ? logicalPath(at.source, at.path) : undefined;
}

/** Where a rule is documented: its section in docs/rules.md (GitHub's heading anchor drops the "/"). */
export function ruleUrl(ruleId: string): string {
  return `${RULE_DOCS}#${ruleId.replace('/', '')}`;
}

export const RULE_DOCS = 'https://github.com/trustops/trustops/blob/main/docs/rules.md';
