export { checkRepo, runRules, buildIndex, summarizeCheck } from './check.js';
export type { CheckOptions, CheckResult, CheckSummary, RepoInput, RunRulesInput } from './check.js';
export { addDays, addFrequency, addMonths, frequencyPeriod, todayUtc } from './dates.js';
export type { IsoDate } from './dates.js';
export { TrustopsError } from './errors.js';
export type { TrustopsErrorCode } from './errors.js';
export { collectEvidenceFacts, resolveEvidencePath } from './evidence-files.js';
export type { EvidenceFileAccess, EvidenceFileFacts, ResolvedEvidencePath } from './evidence-files.js';
export { compareText, reachesGate, SEVERITIES, sortFindings, summarizeFindings } from './findings.js';
export type { Finding, FindingSummary, Severity } from './findings.js';
export { CHECK_FORMATS, formatCheckResult, formatGithub, formatJson, formatSarif, formatText } from './format/index.js';
export type { CheckFormat, FormatCheckOptions } from './format/index.js';
export { loadRepo, parseYamlFile } from './load/load-repo.js';
export type { Entity, LoadedFile, PolicyEntity, RepoModel } from './load/load-repo.js';
export { classifyPath, decodeSourceFile } from './load/source-files.js';
export type { SourceFile, SourceKind } from './load/source-files.js';
export { locate } from './load/yaml-source.js';
export type { PathSegment, Position, YamlSource } from './load/yaml-source.js';
export { hashFile, readRepo } from './read-repo.js';
export { defineRule, resolveLocation, rules } from './rules/index.js';
export type { FindingLocation, ReportDescriptor, Rule, RuleContext, RuleMeta } from './rules/index.js';
export { DEFAULT_POLICY_SECTIONS } from './rules/policy-missing-section.js';
export * from './schemas/file-kinds.js';
export type * from './schemas/types.js';
export { isInScope, resolveScope } from './scope.js';
export type { FrameworkScope, Scope } from './scope.js';
export { attestationValidity } from './vendors.js';
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
} from './score/render.js';
export { computeCcmCoverage, parseImportCsv } from './score/soa-import.js';
export type { CcmCoverage, CcmCoverageDomain, CcmCoverageItem, CoverageStatus } from './score/soa-import.js';
export { dueWindows, mergeRanges, uncoveredWindows } from './score/windows.js';
export type { DateRange } from './score/windows.js';
export { suggestClosest, type FrameworkKey } from '@trustops/frameworks';
export { computeChangelog } from './changelog/compute-changelog.js';
export type { LoadedPair, LoadedRevision } from './changelog/compute-changelog.js';
export { diffControls, diffModels, diffPolicies } from './changelog/diff-models.js';
export type { Changelog, ControlDiff, CoverageDiff, PolicyDiff, ReadinessDiff, SsrmDiff, VendorDiff } from './changelog/diff-models.js';
export { changelogVerdict, renderChangelogJson, renderChangelogMarkdown } from './changelog/render-changelog.js';
export type { RenderChangelogOptions } from './changelog/render-changelog.js';
export { GitRepo, RELEASE_TAG_PATTERN } from './git/git-repo.js';
export type { FileChange } from './git/git-repo.js';
export { readRevisionPair } from './git/read-revisions.js';
export type { ReadRevisionsOptions, Revision, RevisionPair } from './git/read-revisions.js';
export { escapeMarkdown, fileLink } from './markdown/escape.js';
export { checkWithHistory, parseAcknowledged } from './changelog/check-with-history.js';
export type { CheckWithHistoryResult } from './changelog/check-with-history.js';
export { loadRepoCached, openParseCache } from './parse-cache.js';
export type { ParseCache } from './parse-cache.js';
