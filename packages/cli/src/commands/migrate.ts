import { migrateProgram, migrationSummary, plural, readRepo, renderMigrationReport, writeRepoFiles } from '@trustops/core';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { emit, resolveRepoDir } from './shared.js';

export interface MigrateCommandOptions {
  repo: string;
  ccm: string;
  from?: string;
  dryRun?: boolean;
  output?: string;
}

/**
 * `trustops migrate --ccm 4.1`: the program's CCM ids renumbered through CSA's crosswalk, files edited in
 * place; the Markdown report goes to standard output (or --output) for the pull request, one line of
 * status to standard error.
 */
export async function runMigrate(options: MigrateCommandOptions, io: CliIo): Promise<number> {
  const input = await readRepo(resolveRepoDir(options.repo, io), { cache: false });
  const result = migrateProgram(input.files, { ccm: options.ccm, ...(options.from ? { from: options.from } : {}) });
  if (result.refused) {
    if (result.reason === 'usage') throw new UsageError(result.message);
    io.stderr(`trustops migrate: ${result.message}\n`);
    return EXIT.failed;
  }
  if (result.files.length === 0) {
    io.stderr(`trustops migrate: the program is on CCM ${result.to} already (compliance.yaml and the SSRM files say so); nothing to change\n`);
    return EXIT.ok;
  }
  if (!options.dryRun) writeRepoFiles(input.root, result.files);
  const command = `trustops migrate --ccm ${options.ccm}${options.from ? ` --from ${options.from}` : ''}`;
  await emit(renderMigrationReport(result, { command, dryRun: Boolean(options.dryRun) }), options.output, io);
  const where = options.output ? `report: ${options.output}` : 'report above, for the pull request';
  io.stderr(
    `trustops migrate: ${migrationSummary(result)}; ${plural(result.files.length, 'file')} ${options.dryRun ? 'would change (dry run: nothing written)' : 'changed'}; ${plural(result.added.length, 'placeholder')} to write, ${plural(result.removed.length + result.merged.length + result.unknown.length, 'decision')}, ${result.review.length} to review (${where})\n`,
  );
  return EXIT.ok;
}
