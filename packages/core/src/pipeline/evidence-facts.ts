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
    const paths = new Set<string>();
    for (const [path] of referencedFiles(records)) paths.add(path);
    const facts = await access.inspectMany([...paths].sort());
    for (const [path, stated] of referencedFiles(records)) shareDigest(facts, path, stated);
    return facts;
  }
  const facts = new Map<string, EvidenceFileFacts>();
  for (const [path, stated] of referencedFiles(records)) {
    if (facts.has(path)) continue;
    facts.set(path, await access.inspect(path));
    shareDigest(facts, path, stated);
  }
  return facts;
}

/**
 * Every file the records reference inside evidence/, with the digest its record states: the files of
 * each record, and its population file too (the packet publishes it beside the record so that a sample
 * can be drawn again).
 */
function* referencedFiles(records: readonly Entity<EvidenceRecordData>[]): Generator<[path: string, stated: string | undefined]> {
  for (const record of records) {
    for (const file of record.data.files ?? []) {
      const resolved = resolveRecordFile(record.source.file, file);
      if ('repoPath' in resolved) yield [resolved.repoPath, file.sha256];
    }
    if (record.data.population?.file) {
      const resolved = resolveEvidencePath(record.source.file, record.data.population.file);
      if ('repoPath' in resolved) yield [resolved.repoPath, undefined];
    }
  }
}

function shareDigest(facts: Map<string, EvidenceFileFacts>, path: string, stated: string | undefined): void {
  const fact = facts.get(path);
  if (fact?.kind === 'file' && stated !== undefined && fact.sha256 === stated) fact.sha256 = stated;
}
