import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `input`, for "did you mean" hints. Comparison ignores case; ties keep catalog
 * order so hints are deterministic. Returns undefined when nothing is reasonably close.
 */
export function suggestClosest(input: string, candidates: Iterable<string>, maxDistance?: number): string | undefined {
  const needle = input.toLowerCase();
  const limit = maxDistance ?? Math.max(2, Math.ceil(needle.length / 2));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(needle, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
