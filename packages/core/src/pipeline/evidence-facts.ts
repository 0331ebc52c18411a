import type { Entity } from '../load/load-repo.js';
import { resolveEvidencePath, resolveRecordFile, type EvidenceFileAccess, type EvidenceFileFacts } from '../model/evidence-files.js';
import type { EvidenceRecordData } from '../schemas/types.js';

/**
 * Asks `access` about every file the records reference, each once: in one batch when the access has
 * `inspectMany` (git), otherwise one after another in the records' order (the disk reads synchronously,
 * so a pool of promises would only add overhead).
 *
 * Memory: a file whose digest is the one its record states keeps the record's string rather than a second
 * copy of the same 64 characters (8 MB at 100,000 records). One at a time, the copy is dropped as soon as
 * it is made, while it is still in the young generation; a list of every path, or digests shared after the
 * whole batch, outlived it and was ~20 MB of old-space garbage at 100,000 records.
 */
export async function collectEvidenceFacts(records: readonly Entity<EvidenceRecordData>[], access: EvidenceFileAccess): Promise<Map<string, EvidenceFileFacts>> {
  if (access.inspectMany) {
    const facts = await access.inspectMany([...referencedPaths(records)].sort());
    for (const record of records) {
      for (const file of record.data.files ?? []) shareDigest(facts, resolvedPath(record, file), file.sha256);
    }
    return facts;
  }
  const facts = new Map<string, EvidenceFileFacts>();
  for (const record of records) {
    for (const file of record.data.files ?? []) {
      const path = resolvedPath(record, file);
      if (path === undefined || facts.has(path)) continue;
      facts.set(path, await access.inspect(path));
      shareDigest(facts, path, file.sha256);
    }
    // The population file too: the packet publishes it beside the record so that a sample can be drawn again.
    const population = populationPath(record);
    if (population !== undefined && !facts.has(population)) facts.set(population, await access.inspect(population));
  }
  return facts;
}

function resolvedPath(record: Entity<EvidenceRecordData>, file: { path: string }): string | undefined {
  const resolved = resolveRecordFile(record.source.file, file);
  return 'repoPath' in resolved ? resolved.repoPath : undefined;
}

function populationPath(record: Entity<EvidenceRecordData>): string | undefined {
  if (!record.data.population?.file) return undefined;
  const resolved = resolveEvidencePath(record.source.file, record.data.population.file);
  return 'repoPath' in resolved ? resolved.repoPath : undefined;
}

function referencedPaths(records: readonly Entity<EvidenceRecordData>[]): Set<string> {
  const paths = new Set<string>();
  for (const record of records) {
    for (const file of record.data.files ?? []) {
      const path = resolvedPath(record, file);
      if (path !== undefined) paths.add(path);
    }
    const population = populationPath(record);
    if (population !== undefined) paths.add(population);
  }
  return paths;
}

function shareDigest(facts: Map<string, EvidenceFileFacts>, path: string | undefined, stated: string | undefined): void {
  const fact = path === undefined ? undefined : facts.get(path);
  if (fact?.kind === 'file' && fact.sha256 === stated) fact.sha256 = stated;
}
