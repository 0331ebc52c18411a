import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { RepoModel } from '../load/load-repo.js';
import type { EvidenceException, EvidenceRecordData } from '../schemas/types.js';
import type { EvidenceRecordHead } from '../scaffold/evidence-record.js';
import { schemaModeline } from '../scaffold/yaml-text.js';

export type EvidenceProvenance = NonNullable<EvidenceRecordData['provenance']>;

/** What a collector (or `trustops sample`, or `collect run`) hands over to become a record. */
export interface CollectedEvidence extends EvidenceRecordHead {
  /** The files, each named <base><suffix> beside the record (suffix ".json", ".csv", "-sample.json"). */
  files: { suffix: string; bytes: Uint8Array }[];
  /** The population: `file` is the index in `files` of the list itself, or a path relative to the record's folder (a sample's population is another record's file). */
  population?: { source: string; size: number; file: number | string };
  sample?: NonNullable<EvidenceRecordData['sample']>;
  exceptions?: EvidenceException[];
  provenance: EvidenceProvenance;
  /** The record's name without .yaml (default <label>-<item>). */
  name?: string;
  /** Which command wrote it, for the record's comment. */
  writtenBy: string;
}

export interface PlannedRecord {
  /** Repository path of the record. */
  record: string;
  files: { path: string; name: string; bytes: Uint8Array; sha256: string }[];
  text: string;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * An existing record of the same control, item and window whose files are byte for byte these (by their
 * digests, in any order): collecting again found nothing new, so nothing is written.
 */
export function findSameRecord(model: RepoModel, c: CollectedEvidence): string | undefined {
  const digests = c.files.map((f) => sha256Hex(f.bytes)).sort().join(',');
  const same = model.evidence.find(
    (r) =>
      r.data.control === c.control &&
      r.data.evidence === c.item &&
      r.data.covers?.start === c.covers.start &&
      r.data.covers?.end === c.covers.end &&
      (r.data.files ?? []).map((f) => f.sha256).sort().join(',') === digests,
  );
  return same?.source.file;
}

/**
 * The names a new record may take: <label>-<item>, else (that name is taken by another collection of the
 * window) <label>-<item>-<first 8 hex of the files' digest>, which is the same for the same data.
 */
export function recordBaseNames(c: CollectedEvidence): [string, string] {
  const base = c.name ?? `${c.label}-${c.item}`;
  const digest = sha256Hex(c.files.map((f) => sha256Hex(f.bytes)).join('\n')).slice(0, 8);
  return [base, `${base}-${digest}`];
}

/** The record and its files under evidence/<control>/ for one base name, with the record's YAML. */
export function planCollectedRecord(c: CollectedEvidence, base: string, schemaDir: string): PlannedRecord {
  const folder = `evidence/${c.control}`;
  const files = c.files.map((f) => {
    const name = `${base}${f.suffix}`;
    return { path: `${folder}/${name}`, name, bytes: f.bytes, sha256: sha256Hex(f.bytes) };
  });
  const record = `${folder}/${base}.yaml`;
  const data: Record<string, unknown> = {
    control: c.control,
    evidence: c.item,
    collected_on: c.collectedOn,
    covers: { start: c.covers.start, end: c.covers.end },
    ...(c.collectedBy ? { collected_by: c.collectedBy } : {}),
    ...(c.note ? { note: c.note } : {}),
    files: files.map((f) => ({ path: f.name, sha256: f.sha256 })),
    ...(c.population ? { population: { source: c.population.source, size: c.population.size, file: typeof c.population.file === 'number' ? files[c.population.file]!.name : c.population.file } } : {}),
    ...(c.sample ? { sample: c.sample } : {}),
    ...(c.exceptions?.length ? { exceptions: c.exceptions } : {}),
    provenance: c.provenance,
  };
  const text = [
    schemaModeline(record, schemaDir, 'evidence'),
    `# Written by \`${c.writtenBy}\`. Evidence is append-only: a new collection adds a new record; this one is never changed.`,
    stringify(data, { lineWidth: 0, collectionStyle: 'block' }),
  ].join('\n');
  return { record, files, text };
}
