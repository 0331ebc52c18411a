import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { computeCcmCoverage, computeGaps, renderCoverageText, renderGapsMarkdown, renderGapsText, TrustopsError } from '@trustops/core';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { assessRepo } from './score.js';
import { emit } from './shared.js';

export interface GapsCommandOptions {
  repo?: string;
  format: 'text' | 'json' | 'markdown';
  fromSoa?: string;
  fromTsc?: string;
  output?: string;
  today?: string;
  type1?: boolean;
  type2?: boolean;
}

export async function runGaps(options: GapsCommandOptions, io: CliIo): Promise<number> {
  if (options.fromSoa && options.fromTsc) throw new UsageError('use --from-soa or --from-tsc, not both');
  const importFile = options.fromSoa ?? options.fromTsc;
  if (importFile) {
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, importFile), 'utf8');
    } catch (cause) {
      throw new TrustopsError('READ_FAILED', `cannot read ${importFile}: ${(cause as Error).message}`, { cause });
    }
    // The repository, when there is one, says which CCM version and exclusions to compare with; an SoA can
    // also be read before any program exists.
    const { model, scope } = await assessRepo(options, io).catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      if (code === 'REPO_NOT_FOUND' || code === 'CONFIG_MISSING') return { model: undefined, scope: undefined };
      throw error;
    });
    const ccm = scope?.frameworks.ccm;
    const coverage = computeCcmCoverage(text, options.fromSoa ? 'iso27001' : 'tsc', {
      ccmVersion: model?.config?.data.frameworks?.ccm?.version ?? '4.0.13',
      ...(ccm ? { excluded: new Set(ccm.excluded.keys()) } : {}),
    });
    await emit(options.format === 'json' ? `${JSON.stringify(coverage, null, 2)}\n` : renderCoverageText(coverage, importFile), options.output, io);
    return coverage.problems.length > 0 ? EXIT.failed : EXIT.ok;
  }
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
