import { computeChangelog, readRevisionPair, renderChangelogJson, renderChangelogMarkdown, requireConfig } from '@trustops/core';
import { EXIT, type CliIo } from '../io.js';
import { emit, resolveReportType, resolveRepoDir, resolveToday } from './shared.js';

export interface ChangelogCommandOptions {
  repo?: string;
  format: 'markdown' | 'json';
  output?: string;
  today?: string;
  linkBase?: string;
  tagPattern?: string;
  type1?: boolean;
  type2?: boolean;
}

export async function runChangelog(base: string | undefined, head: string | undefined, options: ChangelogCommandOptions, io: CliIo): Promise<number> {
  const today = resolveToday(options.today, io);
  const pair = await readRevisionPair(resolveRepoDir(options.repo, io), {
    ...(base ? { base } : {}),
    ...(head ? { head } : {}),
    ...(options.tagPattern ? { tagPattern: options.tagPattern } : {}),
  });
  const type = resolveReportType(options);
  const { changelog, head: loadedHead } = await computeChangelog(pair, { today, ...(type ? { type } : {}) });
  // BASE may predate compliance.yaml (the change that adds it); HEAD without one has no scope to compare.
  requireConfig(loadedHead.model.files, resolveRepoDir(options.repo, io));
  const text =
    options.format === 'json' ? renderChangelogJson(changelog) : renderChangelogMarkdown(changelog, options.linkBase ? { linkBase: options.linkBase } : {});
  await emit(text, options.output, io);
  return EXIT.ok;
}
