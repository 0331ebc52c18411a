import { diffModels, type Changelog } from '../diff/diff-models.js';
import { TrustopsError } from '../model/errors.js';
import type { RepoInput } from '../model/repo-input.js';
import type { RevisionPair } from '../model/revisions.js';
import type { SourceFile } from '../load/source-files.js';
import { PBC_HORIZON_DAYS, type AuditData, type PacketInput, type PacketMeta } from '../packet/packet-input.js';
import { addDays } from '../model/dates.js';
import { deriveComplementaryControls } from '../score/complementary-controls.js';
import { computeDue } from '../score/due.js';
import { buildSoa } from '../score/soa.js';
import { buildSystemDescription, type PeriodChanges } from '../score/system-description.js';
import { buildVendorRegister } from '../score/vendor-register.js';
import type { Assessment } from './assess.js';
import { caiqPlaceholderRows } from '../packet/tables.js';
import { requireConfig } from '../rules/config-missing.js';
import { runRules } from '../rules/run-rules.js';
import { filesWithSecrets } from '../secrets/find-secrets.js';
import { assess, assessModel } from './assess.js';
import { computeChangelog } from './changelog.js';

export interface PreparePacketOptions {
  /** Where the packet comes from (commit, version, time, tool); organisation and system come from the model. */
  meta: Pick<PacketMeta, 'commit' | 'version' | 'createdAt' | 'toolVersion'>;
  allowFindings?: boolean;
  /** The date to assess as of; by default the packet's own date (the commit's). */
  today?: string;
  /** The previous release and this commit, read only once the program has passed the findings gate. */
  readPrevious?: () => Promise<RevisionPair | undefined>;
  /** Said in the changelog section when there is no previous release to compare with (a shallow clone). */
  changelogNote?: string;
  /**
   * The last commit before a date (the observation period's start) and this commit, for the significant
   * changes of the period in the system description; undefined without history.
   */
  readPeriodStart?: (start: string) => Promise<PeriodStartPair | undefined>;
}

/** What readPeriodStart gives: the pair, and which commit the period's start fell on. */
export interface PeriodStartPair {
  /** Absent when that commit is the packet's own and nothing changed since: there is nothing to compare. */
  pair?: RevisionPair;
  base: { commit: string; committedAt?: string };
  fromFirstCommit: boolean;
}

/**
 * Everything the packet renderers read: the repository assessed as of the packet's date (the commit's),
 * every rule's findings, and the changelog since the previous release. An error finding stops the build
 * unless `allowFindings`, and the packet then says so.
 */
export async function preparePacket(repo: RepoInput & { files: readonly SourceFile[] }, options: PreparePacketOptions): Promise<PacketInput> {
  const today = options.today ?? options.meta.createdAt.slice(0, 10);
  requireConfig(repo.files);
  const assessment = await assess(repo, { today });
  const findings = runRules({ ...assessment, today });
  // The CAIQ answers whether each control is implemented: the Type I view, whatever the report type.
  const design = assessment.readiness.type === 'type1' ? assessment : assessModel(assessment.model, assessment.evidenceFiles, { today, type: 'type1' });
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0 && !options.allowFindings) {
    throw new TrustopsError(
      'INVALID_OPTION',
      `the repository has ${errors.length} error finding(s) (first: ${errors[0]!.ruleId} at ${errors[0]!.file}:${errors[0]!.line}); fix them (trustops check) or build anyway with --allow-findings, which the packet then states on its first page`,
    );
  }
  const placeholders = caiqPlaceholderRows(assessment);
  if (placeholders.length > 0 && !options.allowFindings) {
    const first = placeholders[0]!;
    throw new TrustopsError(
      'INVALID_OPTION',
      `the CAIQ would carry ${placeholders.length} placeholder text(s) (first: ${first.question}, the SSRM's ${first.field} text for ${first.ccm}: ${first.why}); write them (trustops check lists them as content/placeholder) or build anyway with --allow-findings, which the packet then states on its first page`,
    );
  }
  let changelog: Changelog | undefined;
  const pair = await options.readPrevious?.();
  if (pair) changelog = (await computeChangelog(pair, { today })).changelog;
  const audit = await prepareAuditData(assessment, today, options);

  const config = assessment.model.config?.data;
  const meta: PacketMeta = {
    ...options.meta,
    organization: config?.organization ?? 'unknown organization',
    systemName: config?.system?.name ?? 'unknown system',
    ...(config?.system?.description ? { systemDescription: config.system.description } : {}),
    builtWithFindings: errors.length > 0,
    caiqPlaceholders: placeholders.length,
  };
  return {
    meta,
    model: assessment.model,
    scope: assessment.scope,
    readiness: assessment.readiness,
    designReadiness: design.readiness,
    findings,
    ...(changelog ? { changelog } : {}),
    ...(!changelog && options.changelogNote ? { changelogNote: options.changelogNote } : {}),
    withheld: new Map([...filesWithSecrets(assessment.model, assessment.evidenceFiles)].map((f) => [f, 'it holds a credential (evidence/secret)'])),
    sourceFiles: repo.files,
    evidenceFiles: assessment.evidenceFiles,
    audit,
  };
}

/** The SoA, the PBC list, CUECs and CSOCs, the vendor register and the system description, from one assessment. */
async function prepareAuditData(assessment: Assessment, today: string, options: PreparePacketOptions): Promise<AuditData> {
  const { model, scope, readiness } = assessment;
  let periodChanges: PeriodChanges | undefined;
  const period = readiness.type === 'type2' ? readiness.period : undefined;
  const start = period ? await options.readPeriodStart?.(period.start) : undefined;
  if (period && start) {
    const self = { label: start.base.commit, commit: start.base.commit, model, readiness };
    const changelog = start.pair ? (await computeChangelog(start.pair, { today })).changelog : diffModels({ base: self, head: self, changes: [] });
    periodChanges = { since: period.start, base: start.base, fromFirstCommit: start.fromFirstCommit, changelog };
  }
  const complementary = deriveComplementaryControls(model, scope, readiness);
  const soa = buildSoa(model, scope, readiness);
  return {
    ...(soa ? { soa } : {}),
    due: computeDue(model, readiness, { today: readiness.today, until: addDays(readiness.today, PBC_HORIZON_DAYS) }),
    complementary,
    vendors: buildVendorRegister(model, readiness),
    system: buildSystemDescription(model, scope, readiness, complementary, periodChanges),
    ...(periodChanges ? { periodChanges } : {}),
  };
}
