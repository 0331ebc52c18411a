import type { Entity, RepoModel } from '../load/load-repo.js';
import { locate } from '../load/yaml-source.js';
import { overlaps, type DateRange, type IsoDate } from '../model/dates.js';
import { resolveRecordFile, type EvidenceFileFacts } from '../model/evidence-files.js';
import type { EvidenceException, EvidenceRecordData } from '../schemas/types.js';

/** A deviation an evidence record states, as the readiness report and the packet's deviations list show it. */
export interface ExceptionAssessment {
  control: string;
  evidence: string;
  /** The record that states it, and the line of the exception in it. */
  file: string;
  line: number;
  description: string;
  severity: EvidenceException['severity'];
  window: DateRange;
  rootCause?: string;
  managementResponse?: string;
  remediatedOn?: IsoDate;
  /** Not remediated on the scoring date. */
  open: boolean;
}

/** What one evidence record shows, after an auditor's checks. */
export interface RecordAssessment {
  file: string;
  line: number;
  control: string;
  evidence: string;
  covers: DateRange;
  collectedOn: IsoDate;
  /** Its files exist inside evidence/ and match their digests (or it states a nil population, or uri + sha256). */
  verifies: boolean;
  /** Why a record that verifies still shows nothing: it covers time after its collection, it is dated in the future, its files were shown already. */
  ignored?: string;
  /** The earlier record of the same item that already showed these files. */
  reusedFrom?: { file: string; line: number };
  /** population.size is 0: nothing happened in the window, and the record says how that was established. */
  nilPopulation: boolean;
  /** It verifies and is not ignored: it covers its `covers`. */
  counts: boolean;
  exceptions: ExceptionAssessment[];
}

/**
 * Every evidence record assessed once, for readiness and the rules alike. A record covers its period only
 * when its files verify, it does not claim time after it was collected, it is not dated after `today`, and
 * (unless it says it is an unchanged snapshot) it does not show files an earlier record of the same item
 * already showed.
 */
export function assessRecords(model: RepoModel, evidenceFiles: ReadonlyMap<string, EvidenceFileFacts>, today: IsoDate): RecordAssessment[] {
  const out = model.evidence.map((record) => assessRecord(record, evidenceFiles, today));
  markReused(model.evidence, out);
  return out;
}

/** Shared by the records that state no exception (most of them); frozen, so nothing can add to it. */
const NO_EXCEPTIONS = Object.freeze([]) as unknown as ExceptionAssessment[];

function assessRecord(record: Entity<EvidenceRecordData>, facts: ReadonlyMap<string, EvidenceFileFacts>, today: IsoDate): RecordAssessment {
  const d = record.data;
  const nilPopulation = d.population?.size === 0;
  const verifies = recordVerifies(record, facts, nilPopulation);
  let ignored: string | undefined;
  if (d.collected_on > today) ignored = `it was collected on ${d.collected_on}, after the scoring date ${today}`;
  else if (d.covers.end > d.collected_on) ignored = `it covers up to ${d.covers.end} but was collected on ${d.collected_on}: it cannot show time that had not happened`;
  // Every field written here, in one order (markReused may set ignored and reusedFrom later): objects of
  // one shape, without a second array for fields added afterwards, ~6 MB less at 100,000 records.
  return {
    file: record.source.file,
    line: locate(record.source, ['covers']).line,
    control: d.control,
    evidence: d.evidence,
    covers: d.covers,
    collectedOn: d.collected_on,
    verifies,
    ignored,
    reusedFrom: undefined,
    nilPopulation,
    counts: verifies && !ignored,
    exceptions: !d.exceptions?.length ? NO_EXCEPTIONS : d.exceptions.map((x, i) => ({
      control: d.control,
      evidence: d.evidence,
      file: record.source.file,
      line: locate(record.source, ['exceptions', i]).line,
      description: x.description,
      severity: x.severity,
      window: x.window ?? d.covers,
      ...(x.root_cause ? { rootCause: x.root_cause } : {}),
      ...(x.management_response ? { managementResponse: x.management_response } : {}),
      ...(x.remediated_on ? { remediatedOn: x.remediated_on } : {}),
      open: !x.remediated_on || x.remediated_on > today,
    })),
  };
}

function recordVerifies(record: Entity<EvidenceRecordData>, facts: ReadonlyMap<string, EvidenceFileFacts>, nilPopulation: boolean): boolean {
  const files = record.data.files ?? [];
  if (files.length === 0) return nilPopulation || Boolean(record.data.uri && record.data.sha256);
  return files.every((f) => {
    const resolved = resolveRecordFile(record.source.file, f);
    if (!('repoPath' in resolved)) return false;
    const fact = facts.get(resolved.repoPath);
    return fact?.kind === 'file' && fact.sha256 === f.sha256;
  });
}

/**
 * Within one evidence item, a record whose every file (by digest) an earlier record already showed covers
 * nothing new: the same export shown for Q2 and again for Q3 is evidence of Q2 only.
 */
function markReused(records: readonly Entity<EvidenceRecordData>[], assessed: RecordAssessment[]): void {
  const byItem = new Map<string, number[]>();
  records.forEach((r, i) => {
    const key = `${r.data.control}\0${r.data.evidence}`;
    const list = byItem.get(key);
    if (list) list.push(i);
    else byItem.set(key, [i]);
  });
  for (const indexes of byItem.values()) {
    const ordered = [...indexes].sort((a, b) => compareRecords(assessed[a]!, assessed[b]!));
    const shownBy = new Map<string, number>();
    for (const i of ordered) {
      const a = assessed[i]!;
      const digests = (records[i]!.data.files ?? []).map((f) => f.sha256).filter((x): x is string => typeof x === 'string');
      if (!a.verifies || digests.length === 0) continue;
      const earlier = digests.every((x) => shownBy.has(x)) ? shownBy.get(digests[0]!) : undefined;
      if (earlier !== undefined && !records[i]!.data.unchanged_snapshot && !a.ignored) {
        const from = assessed[earlier]!;
        a.ignored = `its files are those ${from.file} already showed for ${from.covers.start}..${from.covers.end}`;
        a.reusedFrom = { file: from.file, line: from.line };
        a.counts = false;
        continue;
      }
      for (const x of digests) if (!shownBy.has(x)) shownBy.set(x, i);
    }
  }
}

function compareRecords(a: RecordAssessment, b: RecordAssessment): number {
  return a.covers.start < b.covers.start ? -1 : a.covers.start > b.covers.start ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** The counting records of one evidence item that show part of the period. */
export function recordsInPeriod(records: readonly RecordAssessment[], period: DateRange): RecordAssessment[] {
  return records.filter((r) => r.counts && overlaps(r.covers, period));
}
