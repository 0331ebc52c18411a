import type { Changelog } from '../diff/diff-models.js';
import { TrustopsError } from '../model/errors.js';
import type { RepoInput } from '../model/repo-input.js';
import type { RevisionPair } from '../model/revisions.js';
import type { SourceFile } from '../load/source-files.js';
import type { PacketInput, PacketMeta } from '../packet/packet-input.js';
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
  };
}
