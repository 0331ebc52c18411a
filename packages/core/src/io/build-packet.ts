import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { simpleGit } from 'simple-git';
import { computeChangelog } from '../pipeline/changelog.js';
import { renderChangelogMarkdown } from '../render/changelog.js';
import { runRules } from '../pipeline/check.js';
import { TrustopsError } from '../model/errors.js';
import { collectEvidenceFacts, resolveEvidencePath } from '../model/evidence-files.js';
import type { Finding } from '../model/findings.js';
import { GitRepo, RELEASE_TAG_PATTERN } from './git/git-repo.js';
import { readRevisionPair } from './git/read-revisions.js';
import { loadRepoCached } from './parse-cache-store.js';
import { readRepo } from './read-repo.js';
import { rules } from '../rules/index.js';
import { computeReadiness } from '../score/readiness.js';
import { renderScoreJson, renderScoreMarkdown } from '../render/score.js';
import { resolveScope } from '../model/scope.js';
import { renderOscal } from '../packet/oscal/oscal.js';
import type { PacketFileEntry, PacketInput, PacketMeta } from '../packet/packet-input.js';
import { ContentCache, renderManifest, renderSha256Sums, writeDeterministicZip, writePacketFiles, type PacketSource } from './packet-writer.js';
import { renderPolicyPage, renderSite } from '../packet/site.js';
import { renderSummaryPdf } from '../packet/summary-pdf/summary-pdf.js';
import { buildCaiqTable, buildControlMatrix, buildEvidenceIndex, buildSsrmMatrix, renderCsv, type Table } from '../packet/tables.js';
import { renderXlsx } from '../packet/xlsx.js';

export interface BuildPacketOptions {
  /** Where audit-packet/ and the zip go; default: the repository. */
  out?: string;
  zip?: boolean;
  allowFindings?: boolean;
  toolVersion: string;
  /** SOURCE_DATE_EPOCH (seconds), when set: the packet's time instead of the commit's. */
  sourceDateEpoch?: string;
}

export interface BuildPacketResult {
  folder: string;
  zip?: string;
  meta: PacketMeta;
  files: PacketFileEntry[];
  findings: Finding[];
}

const PACKET_FOLDER = 'audit-packet';

/** Where the commit and its time come from. */
async function readMeta(dir: string, options: BuildPacketOptions): Promise<{ commit: string; createdAt: string; dirty: boolean; previousTag?: string }> {
  const git = new GitRepo(dir);
  let commit = 'work-tree';
  let committed: string | undefined;
  let dirty = true;
  let previousTag: string | undefined;
  try {
    await git.root();
    commit = (await git.resolve('HEAD')) ?? 'work-tree';
    if (commit !== 'work-tree') {
      committed = (await simpleGit(dir).raw(['log', '-1', '--format=%cI', commit])).trim();
      dirty = (await simpleGit(dir).raw(['status', '--porcelain', '--', 'compliance.yaml', 'controls', 'policies', 'evidence'])).trim() !== '';
      // The release before this commit (a tag on this very commit is this release, on a re-run).
      previousTag = (await git.resolve(`${commit}~1`)) ? await git.nearestTag(`${commit}~1`, RELEASE_TAG_PATTERN) : undefined;
    }
  } catch {
    // Not a git repository: SOURCE_DATE_EPOCH must say when.
  }
  const epoch = options.sourceDateEpoch;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new TrustopsError('INVALID_OPTION', `SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`);
    committed = new Date(Number(epoch) * 1000).toISOString();
  }
  if (!committed) {
    throw new TrustopsError('INVALID_OPTION', `${dir} has no commit to take the packet's time from: commit first, or set SOURCE_DATE_EPOCH`);
  }
  return { commit, createdAt: new Date(committed).toISOString().replace(/\.\d{3}Z$/, 'Z'), dirty, ...(previousTag ? { previousTag } : {}) };
}

/**
 * Builds the audit packet: every file rendered from one load of the repository, written into a temporary
 * folder next to the target, then renamed into place (and zipped the same way), so a failure leaves the
 * previous packet untouched. The same commit gives the same bytes: times come from the commit, entries
 * are sorted, and no renderer reads the clock.
 */
export async function buildPacket(dir: string, options: BuildPacketOptions): Promise<BuildPacketResult> {
  const { commit, createdAt, dirty, previousTag } = await readMeta(dir, options);
  const today = createdAt.slice(0, 10);
  const repo = await readRepo(dir);
  const model = loadRepoCached(repo);
  const scope = resolveScope(model.config?.data);
  const evidenceFiles = await collectEvidenceFacts(model.evidence, repo.evidence);
  const readiness = computeReadiness(model, scope, { today, evidenceFiles });
  const findings = runRules({ model, scope, evidenceFiles, today, rules });
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0 && !options.allowFindings) {
    throw new TrustopsError(
      'INVALID_OPTION',
      `the repository has ${errors.length} error finding(s) (first: ${errors[0]!.ruleId} at ${errors[0]!.file}:${errors[0]!.line}); fix them (trustops check) or build anyway with --allow-findings, which the packet then states on its first page`,
    );
  }
  let changelog: PacketInput['changelog'];
  if (previousTag) {
    const pair = await readRevisionPair(dir, { base: previousTag });
    changelog = (await computeChangelog(pair, { today })).changelog;
  }

  const shortSha = commit === 'work-tree' ? 'worktree' : commit.slice(0, 7);
  const config = model.config?.data;
  const meta: PacketMeta = {
    commit,
    version: `${today}-${shortSha}`,
    createdAt,
    toolVersion: options.toolVersion,
    organization: config?.organization ?? 'unknown organization',
    systemName: config?.system?.name ?? 'unknown system',
    ...(config?.system?.description ? { systemDescription: config.system.description } : {}),
    builtWithFindings: errors.length > 0,
  };
  const input: PacketInput = { meta, model, scope, readiness, findings, ...(changelog ? { changelog } : {}) };

  const sources: PacketSource[] = [];
  const addTable = (folder: string, file: string, table: Table | undefined) => {
    if (!table) return;
    sources.push({ path: `${folder}/${file}.csv`, content: renderCsv(table) });
    sources.push({ path: `${folder}/${file}.xlsx`, content: renderXlsx([table]) });
  };
  addTable('caiq', 'caiq', buildCaiqTable(input));
  addTable('matrix', 'controls', buildControlMatrix(input));
  addTable('matrix', 'ssrm', buildSsrmMatrix(input));
  sources.push({ path: 'readiness.json', content: renderScoreJson(readiness) });
  sources.push({ path: 'readiness.md', content: renderScoreMarkdown(readiness) });
  sources.push({
    path: 'changelog.md',
    content: changelog ? renderChangelogMarkdown(changelog, { headingLevel: 2 }) : `No previous release (${RELEASE_TAG_PATTERN}) to compare with.\n`,
  });
  const policyPage = (id: string) => `policies/${id}.html`;
  for (const p of model.policies) {
    const original = repo.files.find((f) => f.path === p.source.file);
    sources.push({ path: `policies/${p.data.id}.md`, content: original?.text ?? p.body });
    sources.push({ path: policyPage(p.data.id), content: renderPolicyPage(input, p.data.id) });
  }
  // Evidence: the records and every file they reference that verifies as inside evidence/, streamed.
  const evidencePaths = new Set<string>();
  for (const record of model.evidence) {
    evidencePaths.add(record.source.file);
    for (const f of record.data.files ?? []) {
      const resolved = resolveEvidencePath(record.source.file, f.path);
      if ('repoPath' in resolved && evidenceFiles.get(resolved.repoPath)?.kind === 'file') evidencePaths.add(resolved.repoPath);
    }
  }
  for (const path of [...evidencePaths].sort()) sources.push({ path, fromDisk: join(repo.root, ...path.split('/')) });
  sources.push({ path: 'evidence/index.csv', content: renderCsv(buildEvidenceIndex(input, (p) => p)) });
  for (const [name, text] of Object.entries(renderOscal(input))) sources.push({ path: `oscal/${name}`, content: text });
  sources.push({ path: 'index.html', content: renderSite(input, { policyPage, evidenceFile: (p) => p }) });

  const out = options.out ?? dir;
  mkdirSync(out, { recursive: true });
  const target = join(out, PACKET_FOLDER);
  const temporary = join(out, `.${PACKET_FOLDER}.tmp-${process.pid}`);
  rmSync(temporary, { recursive: true, force: true });
  let zipTemporary: string | undefined;
  try {
    mkdirSync(temporary, { recursive: true });
    const cache = new ContentCache();
    const files = await writePacketFiles(temporary, sources, cache);
    // The summary lists the files it travels with; it cannot list its own digest.
    const pdf = await renderSummaryPdf(input, files);
    files.push(...(await writePacketFiles(temporary, [{ path: 'summary.pdf', content: pdf }], cache)));
    const manifestEntries = await writePacketFiles(temporary, [{ path: 'manifest.json', content: renderManifest({ ...meta, dirty }, files) }], cache);
    const all = [...files, ...manifestEntries];
    await writePacketFiles(temporary, [{ path: 'SHA256SUMS', content: renderSha256Sums(all) }], cache);
    const packetPaths = [...all.map((f) => f.path), 'SHA256SUMS'];

    let zipPath: string | undefined;
    if (options.zip) {
      zipPath = join(out, `${PACKET_FOLDER}-${meta.version}.zip`);
      zipTemporary = join(out, `.${basename(zipPath)}.tmp-${process.pid}`);
      await writeDeterministicZip(temporary, packetPaths, zipTemporary, createdAt, cache);
    }
    // Swap into place: the old packet is removed only once the new one is complete.
    const previous = join(out, `.${PACKET_FOLDER}.old-${process.pid}`);
    if (existsSync(target)) renameSync(target, previous);
    renameSync(temporary, target);
    rmSync(previous, { recursive: true, force: true });
    if (zipPath && zipTemporary) renameSync(zipTemporary, zipPath);
    return { folder: target, ...(zipPath ? { zip: zipPath } : {}), meta, files: all.sort((a, b) => (a.path < b.path ? -1 : 1)), findings };
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    if (zipTemporary) rmSync(zipTemporary, { force: true });
    throw error;
  }
}
