import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { queryCatalog, readComplianceConfig, renderCatalogJson, renderCatalogText, type FrameworkKey } from '@trustops/core/catalog';
import { resolveCcmVersion } from '@trustops/frameworks';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { emit, findRepoRoot, resolveRepoDir } from './repo-dir.js';

export interface CatalogCommandOptions {
  repo?: string;
  search?: string;
  domain?: string;
  version?: string;
  format: 'text' | 'json';
  output?: string;
}

/** The newest CCM trustops ships: what a listing shows outside a program. */
const LATEST_CCM = '4.1';

/** frameworks.ccm.version of the repository's compliance.yaml, when there is one and it names a shipped version. */
async function configuredCcmVersion(options: CatalogCommandOptions, io: CliIo): Promise<string | undefined> {
  const dir = options.repo !== undefined ? resolveRepoDir(options.repo, io) : findRepoRoot(io.cwd);
  if (!dir) return undefined;
  for (const name of ['compliance.yaml', 'compliance.yml']) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    const version = await readComplianceConfig(name, readFileSync(file, 'utf8'));
    const ccm = (version as { frameworks?: { ccm?: { version?: unknown } } } | undefined)?.frameworks?.ccm?.version;
    return typeof ccm === 'string' && resolveCcmVersion(ccm) ? ccm : undefined;
  }
  return undefined;
}

/** `trustops catalog [ccm|tsc|iso27001]`: ids, titles, groups, CCM-Lite, CSA's typical ownership and mappings. */
export async function runCatalog(framework: string | undefined, options: CatalogCommandOptions, io: CliIo): Promise<number> {
  const key = (framework ?? 'ccm') as FrameworkKey;
  if (!['ccm', 'tsc', 'iso27001'].includes(key)) throw new UsageError(`the catalog is ccm, tsc or iso27001, got "${framework}"`);
  if (options.version !== undefined && !resolveCcmVersion(options.version)) {
    throw new UsageError(`--version is a CCM version trustops ships (4.0.13 or 4.1), got "${options.version}"`);
  }
  const ccmVersion = options.version ?? (await configuredCcmVersion(options, io)) ?? LATEST_CCM;
  const listing = queryCatalog({
    framework: key,
    ccmVersion,
    ...(options.search !== undefined ? { search: options.search } : {}),
    ...(options.domain !== undefined ? { group: options.domain } : {}),
  });
  if (options.domain !== undefined && listing.entries.length === 0 && !queryCatalog({ framework: key, ccmVersion }).entries.some((e) => e.group.toLowerCase() === options.domain!.toLowerCase())) {
    const groups = [...new Set(queryCatalog({ framework: key, ccmVersion }).entries.map((e) => e.group))];
    throw new UsageError(`--domain ${options.domain} is not a group of ${listing.name} ${listing.version}: ${groups.join(', ')}`);
  }
  await emit(options.format === 'json' ? renderCatalogJson(listing) : renderCatalogText(listing), options.output, io);
  // Like grep: nothing found is a status a script can test.
  return listing.entries.length > 0 ? EXIT.ok : EXIT.failed;
}
