import { computeCcmCoverage, computeGaps, renderCoverageText, renderGapsMarkdown, renderGapsText, renderImportFindings } from '@trustops/core';
import { basename } from 'node:path';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { readSpreadsheet } from './import-file.js';
import { assessRepo } from './score.js';
import { emit } from './shared.js';

export interface GapsCommandOptions {
  repo?: string;
  format: 'text' | 'json' | 'markdown';
  fromSoa?: string;
  fromTsc?: string;
  sheet?: string;
  columns?: string;
  output?: string;
  today?: string;
  type1?: boolean;
  type2?: boolean;
}

export async function runGaps(options: GapsCommandOptions, io: CliIo): Promise<number> {
  if (options.fromSoa && options.fromTsc) throw new UsageError('use --from-soa or --from-tsc, not both');
  const importFile = options.fromSoa ?? options.fromTsc;
  if (importFile) return runCoverage(importFile, options, io);
  const { model, readiness: report } = await assessRepo(options, io);
  const gaps = computeGaps(model, report);
  const text =
    options.format === 'json'
      ? `${JSON.stringify({ type: report.type, today: report.today, groups: gaps }, null, 2)}\n`
      : options.format === 'markdown'
        ? renderGapsMarkdown(gaps)
        : renderGapsText(gaps);
  await emit(text, options.output, io);
  return EXIT.ok;
}

/**
 * `gaps --from-soa` / `--from-tsc`: how much of CCM an existing SoA or SOC 2 matrix addresses, read by the
 * same reader as `trustops import` (columns by header, several ids per cell, CSV or XLSX). What it cannot
 * read comes first; a file with nothing readable exits 1, never with a 0.0% coverage.
 */
async function runCoverage(importFile: string, options: GapsCommandOptions, io: CliIo): Promise<number> {
  // The repository, when there is one, says which CCM version and exclusions to compare with; an SoA can
  // also be read before any program exists.
  const { model, scope } = await assessRepo(options, io).catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    if (code === 'REPO_NOT_FOUND' || code === 'CONFIG_MISSING') return { model: undefined, scope: undefined };
    throw error;
  });
  const ccmVersion = model?.config?.data.frameworks?.ccm?.version ?? '4.0.13';
  const spreadsheet = await readSpreadsheet(importFile, options.fromSoa ? 'soa' : 'tsc-matrix', { ...options, ccmVersion }, io);
  if (!spreadsheet.ok) {
    io.stderr(spreadsheet.message);
    return EXIT.failed;
  }
  const { read } = spreadsheet;
  if (read.rows.length === 0) {
    io.stderr(`${renderImportFindings(read.findings, basename(importFile))}trustops gaps: nothing could be read from ${importFile}, so there is no coverage to report\n`);
    return EXIT.failed;
  }
  const ccm = scope?.frameworks.ccm;
  const coverage = computeCcmCoverage(read, { ccmVersion, ...(ccm ? { excluded: new Set(ccm.excluded.keys()) } : {}) });
  await emit(options.format === 'json' ? `${JSON.stringify(coverage, null, 2)}\n` : renderCoverageText(coverage, basename(importFile)), options.output, io);
  return read.findings.some((f) => f.severity === 'error') ? EXIT.failed : EXIT.ok;
}
