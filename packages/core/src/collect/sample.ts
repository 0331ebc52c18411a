import { createHash } from 'node:crypto';
import type { Frequency } from '../schemas/types.js';

/**
 * Reproducible samples. The algorithm, which an auditor can repeat with any SHA-256 tool:
 *
 * 1. for each item of the population, take its key (a pull request's "owner/repo#123", an alert's URL);
 * 2. compute SHA-256 of the UTF-8 bytes of `seed + "\n" + key`, as lower-case hex;
 * 3. order the items by that hex, ascending (equal digests cannot happen for distinct keys in practice;
 *    the key decides if they do), and take the first N.
 *
 * The same population and seed always give the same items; another seed gives an unrelated order. The
 * default seed is the SHA-256 of the population file (as the record lists it), so the draw is fixed by the
 * data itself and nobody picks it after seeing the population.
 */
export function sampleRank(seed: string, key: string): string {
  return createHash('sha256').update(`${seed}\n${key}`, 'utf8').digest('hex');
}

export interface SampledItem<T> {
  item: T;
  key: string;
  rank: string;
}

/** The first `size` items by rank (all of them when the population is no larger). */
export function drawSample<T>(items: readonly T[], keyOf: (item: T) => string, seed: string, size: number): SampledItem<T>[] {
  const ranked = items.map((item) => {
    const key = keyOf(item);
    return { item, key, rank: sampleRank(seed, key) };
  });
  ranked.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return ranked.slice(0, Math.max(0, size));
}

/**
 * Sample sizes for tests of a control's operating effectiveness, by how often the control operates: the
 * lower end of the ranges service auditors commonly use (annual 1, quarterly 2, monthly 2-5, weekly 5-15,
 * daily 20-40, several times a day 25-60). These ranges are common practice in SOC 2 and ISO 27001 audits,
 * as published in audit firms' practice aids built on the AICPA Audit Guide *Audit Sampling*; no standard
 * prescribes these exact figures, and the auditor decides the size they rely on.
 * Semiannual controls take the quarterly figure; continuous and per-event controls (a pull request, an
 * alert) operate several times a day.
 */
export const SAMPLE_SIZE_BY_FREQUENCY: Readonly<Record<Frequency, { size: number; range: string }>> = {
  annual: { size: 1, range: '1' },
  semiannual: { size: 2, range: '2 (as quarterly)' },
  quarterly: { size: 2, range: '2' },
  monthly: { size: 2, range: '2-5' },
  weekly: { size: 5, range: '5-15' },
  daily: { size: 20, range: '20-40' },
  continuous: { size: 25, range: '25-60 (several times a day)' },
  'per-event': { size: 25, range: '25-60 (several times a day)' },
};

export const SAMPLE_SIZE_SOURCE =
  "the lower end of the sample-size ranges commonly used by service auditors for tests of controls (annual 1, quarterly 2, monthly 2-5, weekly 5-15, daily 20-40, several times a day 25-60); common practice, not a figure a standard prescribes";

/** `--size auto`: the table's size for the control's frequency, never more than the population. */
export function autoSampleSize(frequency: Frequency | undefined, populationSize: number): number {
  const size = SAMPLE_SIZE_BY_FREQUENCY[frequency ?? 'per-event'].size;
  return Math.min(size, populationSize);
}
