import { basename } from 'node:path';
import {
  IMPORT_KINDS,
  canMigrate,
  ccmTranslation,
  loadRepo,
  planImport,
  readRepo,
  renderImportFindings,
  renderImportReport,
  resolveCcmVersionOf,
  translateIds,
  writeRepoFiles,
  type ImportKind,
  type ImportRead,
} from '@trustops/core';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { emit, resolveRepoDir } from './shared.js';
import { readSpreadsheet } from './import-file.js';

export interface ImportCommandOptions {
  repo: string;
  sheet?: string;
  columns?: string;
  dryRun?: boolean;
  ccmVersion?: string;
  format: 'text' | 'json';
}

/**
 * `trustops import soa|tsc-matrix|ccm-matrix FILE`: an existing program's spreadsheet made into controls,
 * SSRM entries and exclusions. What it cannot read comes first, with row and column; when nothing could
 * be read the exit status is 1; nothing existing is overwritten.
 */
export async function runImport(kind: string, file: string, options: ImportCommandOptions, io: CliIo): Promise<number> {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown import "${kind}": use ${IMPORT_KINDS.join(', ')}`);
  const input = await readRepo(resolveRepoDir(options.repo, io), { cache: false });
  const model = loadRepo(input.files);
  const programVersion = resolveCcmVersionOf(model.config?.data.frameworks?.ccm?.version) ?? '4.1';
  const fileVersion = options.ccmVersion ?? programVersion;
  if (!resolveCcmVersionOf(fileVersion)) throw new UsageError(`--ccm-version: "${fileVersion}" is not a CCM version trustops ships`);
  const spreadsheet = await readSpreadsheet(file, kind as ImportKind, { ...options, ccmVersion: fileVersion }, io);
  if (!spreadsheet.ok) {
    io.stderr(spreadsheet.message);
    return EXIT.failed;
  }
  const { table, read } = spreadsheet;
  if (kind === 'ccm-matrix' && resolveCcmVersionOf(fileVersion) !== resolveCcmVersionOf(programVersion)) {
    const moved = moveCcmIds(read, fileVersion, programVersion);
    if (moved) throw new UsageError(moved);
  }
  const name = basename(file);
  if (read.rows.length === 0) {
    await emit(renderImportFindings(read.findings, name), undefined, io);
    io.stderr(`trustops import: nothing could be read from ${file}: no row names ${kind === 'soa' ? 'an Annex A control' : kind === 'tsc-matrix' ? 'a TSC criterion' : 'a CCM control'} trustops knows\n`);
    return EXIT.failed;
  }
  const plan = planImport({ read, sourceName: name, files: input.files, model, ccmVersion: programVersion });
  if (!options.dryRun && plan.writes.length) writeRepoFiles(input.root, plan.writes);
  if (options.format === 'json') {
    const { writes, findings, ...rest } = plan;
    await emit(`${JSON.stringify({ file: name, format: table.format, sheet: read.sheet, headerRow: read.headerRow, columns: read.columns, findings: [...read.findings, ...findings], ...rest, writes: writes.map((w) => ({ path: w.path, merged: w.before !== undefined })), dryRun: Boolean(options.dryRun) }, null, 2)}\n`, undefined, io);
  } else {
    await emit(renderImportReport({ table, read, plan, file: name, dryRun: Boolean(options.dryRun) }), undefined, io);
  }
  return EXIT.ok;
}

/** A CCM matrix of another version: its ids through CSA's crosswalk (forward only), or why not. */
function moveCcmIds(read: ImportRead, from: string, to: string): string | undefined {
  const translation = ccmTranslation(from, to);
  if (!canMigrate(translation)) return `cannot read a CCM ${from} matrix into a CCM ${to} program: trustops moves ids from 4.0.13 to 4.1 only`;
  for (const row of read.rows) {
    for (const id of row.requirements) {
      if (translation!.lookup(id)?.length === 0) read.findings.push({ severity: 'warning', row: row.row, message: `${id} (CCM ${from}) has no successor in CCM ${to}: left out` });
    }
    row.requirements = translateIds(row.requirements, translation);
  }
  read.rows = read.rows.filter((r) => r.requirements.length > 0);
  return undefined;
}
