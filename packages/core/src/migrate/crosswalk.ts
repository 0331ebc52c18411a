import { getCcmCatalog, getCcmCrosswalk, resolveCcmVersion, type CcmVersion, type CrosswalkRow } from '@trustops/frameworks';

/**
 * CCM ids of one shipped version read in another, through CSA's v4.0 → v4.1 crosswalk, in one pass: every
 * id is looked up in the crosswalk once, never chained, so v4.0 IAM-15 → IAM-14 and v4.0 IAM-14 → IAM-13 in
 * the same run are both right. Backward (4.1 → 4.0.13) reads the rows the other way; it serves the
 * history of a program that went back, not `migrate`, which only goes forward.
 */
export interface CcmTranslation {
  from: CcmVersion;
  to: CcmVersion;
  direction: 'forward' | 'backward';
  /** The ids in `to` of an id of `from`: [] when the control has no successor, undefined when `from` has no such id. */
  lookup(id: string): readonly string[] | undefined;
  /** The crosswalk row behind an id of `from`. */
  rowOf(id: string): CrosswalkRow | undefined;
  /** Ids of `to` that no id of `from` becomes. */
  added: readonly string[];
}

const cache = new Map<string, CcmTranslation>();

/** The translation between two CCM version spellings, or undefined when they are the same or not shipped. */
export function ccmTranslation(from: string, to: string): CcmTranslation | undefined {
  const a = resolveCcmVersion(from);
  const b = resolveCcmVersion(to);
  if (!a || !b || a === b) return undefined;
  const key = `${a}>${b}`;
  let translation = cache.get(key);
  if (!translation) {
    translation = buildTranslation(a, b, getCcmCrosswalk());
    cache.set(key, translation);
  }
  return translation;
}

/** Exported for tests with crosswalks of their own (merges and splits, which CSA's v4.1 has none of). */
export function buildTranslation(from: CcmVersion, to: CcmVersion, rows: readonly CrosswalkRow[]): CcmTranslation {
  const forward = from === '4.0.13';
  const targets = new Map<string, readonly string[]>();
  const rowById = new Map<string, CrosswalkRow>();
  for (const row of rows) {
    if (forward) {
      if (row.from === null) continue;
      targets.set(row.from, row.change === 'removed' ? [] : row.to);
      rowById.set(row.from, row);
    } else {
      for (const id of row.to) {
        targets.set(id, row.from === null ? [] : [...(targets.get(id) ?? []), row.from]);
        rowById.set(id, row);
      }
    }
  }
  const reached = new Set([...targets.values()].flat());
  const added = getCcmCatalog(to)
    .requirements.map((r) => r.id)
    .filter((id) => !reached.has(id));
  return {
    from,
    to,
    direction: forward ? 'forward' : 'backward',
    lookup: (id) => targets.get(id),
    rowOf: (id) => rowById.get(id),
    added,
  };
}

/** A list of ids translated in one pass: unknown ids stay as they are, removed ones go, duplicates fold. */
export function translateIds(ids: readonly string[], translation: CcmTranslation | undefined): string[] {
  if (!translation) return [...ids];
  const out: string[] = [];
  for (const id of ids) for (const to of translation.lookup(id) ?? [id]) if (!out.includes(to)) out.push(to);
  return out;
}

/** true when `trustops migrate` can take a program from one version to the other (4.0.13 → 4.1 only). */
export function canMigrate(translation: CcmTranslation | undefined): boolean {
  return translation?.direction === 'forward';
}

/** How people write a shipped version: "4.0.13", "4.1". */
export function ccmVersionLabel(version: CcmVersion): string {
  return version === '4.1.0' ? '4.1' : version;
}

/** A shipped CCM version for a spelling that may be absent ("4.1" → "4.1.0"). */
export function resolveCcmVersionOf(version: string | undefined): CcmVersion | undefined {
  return version === undefined ? undefined : resolveCcmVersion(version);
}
