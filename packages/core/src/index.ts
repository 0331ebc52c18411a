// The public API of @trustops/core, room by room (see the README's "How it is built"). The packet
// toolchain (pdfkit, rehype) has its own entry, @trustops/core/packet, so other commands start fast.
import { parseMarkdownTree } from './load/markdown-tree.js';
import { useMarkdownParser } from './load/parse-policy.js';

// Synchronous loaders (loadRepo) read any policy through this entry; `@trustops/core/check` loads the
// Markdown parser only when a policy needs it.
useMarkdownParser(parseMarkdownTree);

// model/: the nouns every layer shares.
export { applyCheckLimits, summarizeCheck } from './model/check-result.js';
export type { CheckResult, CheckSummary } from './model/check-result.js';
export { addDays, addFrequency, addMonths, frequencyPeriod, todayUtc } from './model/dates.js';
export type { IsoDate } from './model/dates.js';
export { fileSystemError, TrustopsError } from './model/errors.js';
export type { TrustopsErrorCode } from './model/errors.js';
export { resolveEvidencePath } from './model/evidence-files.js';
export type { EvidenceFileAccess, EvidenceFileFacts, ResolvedEvidencePath } from './model/evidence-files.js';
export { compareText, MAX_MESSAGE, MAX_QUOTED_VALUE, reachesGate, SEVERITIES, SEVERITY_ORDER, shorten, sortFindings, summarizeFindings } from './model/findings.js';
export type { Finding, FindingSummary, RelatedLocation, Severity } from './model/findings.js';
export type { RepoInput } from './model/repo-input.js';
export { RELEASE_TAG_PATTERN } from './model/revisions.js';
export type { FileChange, Revision, RevisionPair } from './model/revisions.js';
export { isInScope, resolveScope } from './model/scope.js';
export type { FrameworkScope, Scope } from './model/scope.js';
export { attestationValidity } from './model/vendors.js';

// schemas/ and load/: file kinds, and the repository model built from the files.
export * from './schemas/file-kinds.js';
export type * from './schemas/types.js';
export { loadRepo, parseYamlFile } from './load/load-repo.js';
export type { Entity, LoadedFile, ParsedYamlFile, PolicyEntity, RepoModel } from './load/load-repo.js';
export { loadRepoCached, parseCacheKey } from './load/parse-cache.js';
export type { ParseCache } from './load/parse-cache.js';
export { classifyPath, decodeSourceFile, FORMAT_FOLDERS, isPacketOutput, PACKET_FOLDER } from './load/source-files.js';
export type { LinkProblem, NotText, SourceFile, SourceKind } from './load/source-files.js';
export { DEFAULT_FILE_LIMITS, MAX_ALIAS_EXPANSION, READ_CEILING, resolveFileLimits } from './load/limits.js';
export { locate } from './load/yaml-source.js';
export type { PathSegment, Position, YamlSource } from './load/yaml-source.js';

// rules/
export { requireConfig } from './rules/config-missing.js';
export { defineRule, resolveLocation, RULE_DOCS, ruleUrl } from './rules/define-rule.js';
export type { FindingLocation, HistoryContext, RepoIndex, ReportDescriptor, Rule, RuleContext, RuleMeta } from './rules/define-rule.js';
export { DEFAULT_POLICY_SECTIONS } from './rules/policy-missing-section.js';
export { rules } from './rules/registry.js';

// secrets/: credentials in evidence (gitleaks' public rule set as data).
export { redactSecrets, scanSecrets, SECRET_RULES_SOURCE, shannonEntropy } from './secrets/scan.js';
export type { SecretMatch } from './secrets/scan.js';
export { SecretStreamScanner } from './secrets/scan-stream.js';
export { findEvidenceSecrets, filesWithSecrets } from './secrets/find-secrets.js';
export type { FoundSecret } from './secrets/find-secrets.js';
export { buildIndex, runRules } from './rules/run-rules.js';
export type { RunRulesInput } from './rules/run-rules.js';

// score/ and diff/: readiness, gaps, imports; the model diff.
export { assessControls, isEffective, observationPeriod } from './score/assess-controls.js';
export type { ControlAssessment, EvidenceItemState, ReportType } from './score/assess-controls.js';
export { computeGaps } from './score/gaps.js';
export type { GapGroup, GapItem, MappingSuggestion } from './score/gaps.js';
export { computeReadiness, defaultReportType, readinessOf } from './score/readiness.js';
export type { FrameworkResult, GroupResult, ReadinessReport, RequirementResult, RequirementStatus, StatusReason } from './score/readiness.js';
export { computeCcmCoverage } from './score/soa-import.js';
export type { CcmCoverage, CcmCoverageDomain, CcmCoverageItem, CoverageStatus } from './score/soa-import.js';
export { dueWindows, mergeRanges, uncoveredWindows } from './score/windows.js';
export { computeDue } from './score/due.js';
export type { DueItem, DueKind, DueList } from './score/due.js';
export { buildSoa } from './score/soa.js';
export type { SoaImplementation, SoaRow, StatementOfApplicability } from './score/soa.js';
export { assessRiskRegister, RISK_REGISTER_CLAUSES } from './score/risk-register.js';
export type { RiskAssessment, RiskRegisterAssessment } from './score/risk-register.js';
export type { DateRange } from './score/windows.js';
export { diffControls, diffModels, diffPolicies, diffRisks } from './diff/diff-models.js';
export type { Changelog, ControlDiff, CoverageDiff, PolicyDiff, ReadinessDiff, RiskDiff, SsrmDiff, VendorDiff } from './diff/diff-models.js';
export { diffVersionSwitch } from './diff/version-switch.js';
export type { VersionSwitch } from './diff/version-switch.js';

// migrate/: CCM ids from one version to another through CSA's crosswalk, as edits to the files' text.
export { canMigrate, ccmTranslation, ccmVersionLabel, resolveCcmVersionOf, translateIds } from './migrate/crosswalk.js';
export type { CcmTranslation } from './migrate/crosswalk.js';
export { migrateProgram } from './migrate/migrate-program.js';
export type { Migration, MigrationOptions, MigrationRef, MigrationRefusal } from './migrate/migrate-program.js';
export { parseOwnership } from './model/ownership.js';

// import/: an existing program's spreadsheet (an SoA, a SOC 2 or a CCM matrix) read and made into files.
export { IMPORT_FIELDS, IMPORT_KINDS, columnLetter, normalizeHeader, parseColumnsOption } from './import/columns.js';
export type { ImportField, ImportFinding, ImportKind } from './import/columns.js';
export { readTable } from './import/table.js';
export type { Sheet, Table, TableProblem } from './import/table.js';
export { readImportRows } from './import/read-rows.js';
export type { ImportRead, ImportRow, ReadRowsOptions } from './import/read-rows.js';
export { planImport } from './import/build-program.js';
export type { ImportPlan, ImportWrite, PlannedControl } from './import/build-program.js';
export type { Ownership } from './model/ownership.js';
export { suggestClosest, type FrameworkKey } from '@trustops/frameworks';

// scaffold/: the files trustops writes for a user (init's program).
export { CLOUD_VENDORS, CLOUDS, SERVICE_MODEL_LABEL, SERVICE_MODELS, TSC_CATEGORIES } from './scaffold/init-options.js';
export type { CloudKey, CloudVendor, InitChoices, PackageManager, ServiceModel } from './scaffold/init-options.js';
export { proposeAssignment } from './scaffold/ownership.js';
export type { ProposedAssignment } from './scaffold/ownership.js';
export { scaffoldProgram, updateGitignore } from './scaffold/scaffold-program.js';
export { inScopeCcmControls, SSRM_FILE } from './scaffold/ssrm-file.js';
export type { ScaffoldFile } from './scaffold/scaffold-program.js';
export { STARTER_CONTROL_FILE, STARTER_EVIDENCE_ITEM } from './scaffold/starter-control.js';
export { evidenceRecordPath, parseWindow, refuseEvidence, renderEvidenceRecord } from './scaffold/evidence-record.js';
export type { EvidenceRequest } from './scaffold/evidence-record.js';
export { schemaModeline } from './scaffold/yaml-text.js';

// pipeline/: the only place the stages are composed.
export { assess, assessModel } from './pipeline/assess.js';
export type { AssessOptions, Assessment } from './pipeline/assess.js';
export { computeChangelog } from './pipeline/changelog.js';
export type { LoadedPair, LoadedRevision } from './pipeline/changelog.js';
export { checkRepo } from './pipeline/check.js';
export type { CheckOptions } from './pipeline/check.js';
export { checkWithHistory, parseAcknowledged } from './pipeline/check-with-history.js';
export type { CheckWithHistoryResult } from './pipeline/check-with-history.js';
export { collectEvidenceFacts } from './pipeline/evidence-facts.js';

// render/: every textual output.
export { changelogVerdict, renderChangelogJson, renderChangelogMarkdown, versionSwitchLine } from './render/changelog.js';
export { migrationSummary, renderMigrationReport } from './render/migration-report.js';
export type { RenderChangelogOptions } from './render/changelog.js';
export {
  ANNOTATIONS_PER_SEVERITY,
  CHECK_FORMATS,
  fingerprintFindings,
  joinPathPrefix,
  normalizePathPrefix,
  renderCheckGithub,
  renderCheckJson,
  renderCheckResult,
  renderCheckSarif,
  renderCheckText,
  SARIF_FINGERPRINT_KEY,
} from './render/check.js';
export type { CheckFormat, GithubAnnotationOptions, RenderCheckOptions } from './render/check.js';
export { queryCatalog, renderCatalogJson, renderCatalogText } from './render/catalog.js';
export type { CatalogEntry, CatalogListing, CatalogQuery } from './render/catalog.js';
export { renderCoverageText } from './render/coverage.js';
export { renderImportFindings, renderImportReport, renderImportSource } from './render/import-report.js';
export { describeReason, renderExplain, renderExplainControl, renderExplainRequirement } from './render/explain.js';
export { renderGapsMarkdown, renderGapsText } from './render/gaps.js';
export { DUE_KIND_LABEL, renderDueJson, renderDueMarkdown, renderDueText } from './render/due.js';
export { buildSoaTable, renderSoaCsv, renderSoaJson, renderSoaMarkdown, renderSoaText } from './render/soa.js';
export { FRAMEWORK_REPORT, FRAMEWORK_SHORT, FRAMEWORK_TITLE, GROUP_NOUN, plural, REQUIREMENT_NOUN, SEVERITY_MARKDOWN } from './render/labels.js';
export { escapeMarkdown, fileLink } from './render/markdown-escape.js';
export { renderFindingsMarkdown, renderPrCommentMarkdown } from './render/pr-comment.js';
export { renderRuleDocs, renderRuleTable } from './render/rule-docs.js';
export type { PrCommentInput } from './render/pr-comment.js';
export {
  renderBar,
  renderMaturity,
  renderPercent,
  renderScoreGroupsMarkdown,
  renderScoreJson,
  renderScoreJsonChunks,
  renderScoreMarkdown,
  renderScoreOverviewMarkdown,
  renderScoreText,
} from './render/score.js';
export { batchChunks, stringifyJsonChunks } from './render/json-chunks.js';

// io/: the only code in core that touches the disk, git or the process.
export { GitRepo, gitEnvironment } from './io/git/git-repo.js';
export { readRevisionPair } from './io/git/read-revisions.js';
export type { ReadRevisionsOptions } from './io/git/read-revisions.js';
export { openParseCache } from './io/parse-cache-store.js';
export { hashFile, readRepo } from './io/read-repo.js';
export { addEvidence } from './io/add-evidence.js';
export type { AddedEvidence, AddEvidenceOptions } from './io/add-evidence.js';
export { writeRepoFiles } from './io/write-files.js';
export type { RepoFileWrite } from './io/write-files.js';
export { canonicalJson, toCsv } from './collect/canonical.js';
export type { CsvCell } from './collect/canonical.js';
export { autoSampleSize, drawSample, SAMPLE_SIZE_BY_FREQUENCY, SAMPLE_SIZE_SOURCE, sampleRank } from './collect/sample.js';
export type { SampledItem } from './collect/sample.js';
export { previousWindow, resolveCollectWindow } from './collect/windows.js';
export type { CollectWindow } from './collect/windows.js';
export { findSameRecord, planCollectedRecord, recordBaseNames, sha256Hex } from './collect/record.js';
export type { CollectedEvidence, EvidenceProvenance, PlannedRecord } from './collect/record.js';
export { writeCollectedEvidence } from './io/write-collected.js';
export type { CollectedOutcome } from './io/write-collected.js';
