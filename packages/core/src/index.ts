export { checkRepo, runRules, buildIndex, summarizeCheck } from './pipeline/check.js';
export type { CheckOptions, CheckResult, CheckSummary, RepoInput, RunRulesInput } from './pipeline/check.js';
export { addDays, addFrequency, addMonths, frequencyPeriod, todayUtc } from './model/dates.js';
export type { IsoDate } from './model/dates.js';
export { TrustopsError } from './model/errors.js';
export type { TrustopsErrorCode } from './model/errors.js';
export { collectEvidenceFacts, resolveEvidencePath } from './model/evidence-files.js';
export type { EvidenceFileAccess, EvidenceFileFacts, ResolvedEvidencePath } from './model/evidence-files.js';
export { compareText, reachesGate, SEVERITIES, sortFindings, summarizeFindings } from './model/findings.js';
export type { Finding, FindingSummary, Severity } from './model/findings.js';
export { CHECK_FORMATS, formatCheckResult, formatGithub, formatJson, formatSarif, formatText } from './render/check.js';
export type { CheckFormat, FormatCheckOptions } from './render/check.js';
export { loadRepo, parseYamlFile } from './load/load-repo.js';
export type { Entity, LoadedFile, PolicyEntity, RepoModel } from './load/load-repo.js';
export { classifyPath, decodeSourceFile } from './load/source-files.js';
export type { SourceFile, SourceKind } from './load/source-files.js';
export { locate } from './load/yaml-source.js';
export type { PathSegment, Position, YamlSource } from './load/yaml-source.js';
export { hashFile, readRepo } from './io/read-repo.js';
export { defineRule, resolveLocation, rules } from './rules/index.js';
export type { FindingLocation, ReportDescriptor, Rule, RuleContext, RuleMeta } from './rules/index.js';
export { DEFAULT_POLICY_SECTIONS } from './rules/policy-missing-section.js';
export * from './schemas/file-kinds.js';
export type * from './schemas/types.js';
export { isInScope, resolveScope } from './model/scope.js';
export type { FrameworkScope, Scope } from './model/scope.js';
export { attestationValidity } from './model/vendors.js';
export { assessControls, isEffective, observationPeriod } from './score/assess-controls.js';
export type { ControlAssessment, EvidenceItemState, ReportType } from './score/assess-controls.js';
export { computeGaps } from './score/gaps.js';
export type { GapGroup, GapItem, MappingSuggestion } from './score/gaps.js';
export { computeReadiness, defaultReportType, readinessOf } from './score/readiness.js';
export type { FrameworkResult, GroupResult, ReadinessReport, RequirementResult, RequirementStatus, StatusReason } from './score/readiness.js';
export {
  describeReason,
  formatPercent,
  renderBar,
  renderCoverageText,
  renderExplainRequirement,
  renderGapsMarkdown,
  renderGapsText,
  renderScoreJson,
  renderScoreMarkdown,
  renderScoreText,
} from './render/score.js';
export { computeCcmCoverage, parseImportCsv } from './score/soa-import.js';
export type { CcmCoverage, CcmCoverageDomain, CcmCoverageItem, CoverageStatus } from './score/soa-import.js';
export { dueWindows, mergeRanges, uncoveredWindows } from './score/windows.js';
export type { DateRange } from './score/windows.js';
export { suggestClosest, type FrameworkKey } from '@trustops/frameworks';
export { computeChangelog } from './pipeline/changelog.js';
export type { LoadedPair, LoadedRevision } from './pipeline/changelog.js';
export { diffControls, diffModels, diffPolicies } from './diff/diff-models.js';
export type { Changelog, ControlDiff, CoverageDiff, PolicyDiff, ReadinessDiff, SsrmDiff, VendorDiff } from './diff/diff-models.js';
export { changelogVerdict, renderChangelogJson, renderChangelogMarkdown } from './render/changelog.js';
export type { RenderChangelogOptions } from './render/changelog.js';
export { GitRepo, RELEASE_TAG_PATTERN } from './io/git/git-repo.js';
export type { FileChange } from './io/git/git-repo.js';
export { readRevisionPair } from './io/git/read-revisions.js';
export type { ReadRevisionsOptions, Revision, RevisionPair } from './io/git/read-revisions.js';
export { escapeMarkdown, fileLink } from './render/markdown-escape.js';
export { checkWithHistory, parseAcknowledged } from './pipeline/check-with-history.js';
export type { CheckWithHistoryResult } from './pipeline/check-with-history.js';
export { loadRepoCached, openParseCache } from './io/parse-cache-store.js';
export type { ParseCache } from './io/parse-cache-store.js';
