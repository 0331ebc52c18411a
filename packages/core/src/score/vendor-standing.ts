import { rangeText, type DateRange, type IsoDate } from '../model/dates.js';
import { attestationProblem, attestationValidity, currentReview, requiredCoverage, vendorCoverage } from '../model/vendors.js';
import type { VendorData } from '../schemas/types.js';

/** Whether a vendor is vouched for on a date: by a current attestation we reviewed, or by our own current review. */
export interface VendorStanding {
  vouched: boolean;
  /** The attestation relied on (index in attestations:), when one is current and reviewed. */
  attestation?: { index: number; type: string; until?: IsoDate; reviewedOn?: IsoDate };
  /** Our own review relied on, when no attestation is. */
  review?: { index: number; on: IsoDate; until: IsoDate };
  note: string;
}

/**
 * A vendor's standing on `asOf`. An attestation counts when it is current (a SOC 2 report whose period
 * ended within 12 months, a bridge letter not yet ended, an unexpired certificate), reviewed by us, and
 * not a placeholder. Failing that, a vendor review within review_every vouches for it (a tool with no
 * report of its own).
 */
export function vendorStanding(vendor: VendorData, asOf: IsoDate): VendorStanding {
  const attestations = vendor.attestations ?? [];
  let best: VendorStanding | undefined;
  let lapsed: string | undefined;
  attestations.forEach((a, index) => {
    const validity = attestationValidity(a, asOf);
    const problem = attestationProblem(a);
    if (!validity.current) {
      lapsed ??= `${a.type} ${validity.until ? `lapsed on ${validity.until}` : 'has no period or expiry'}`;
      return;
    }
    if (problem) {
      lapsed ??= `${a.type}: ${problem}`;
      return;
    }
    const candidate: VendorStanding = {
      vouched: true,
      attestation: { index, type: a.type, ...(validity.until ? { until: validity.until } : {}), ...(a.reviewed_on ? { reviewedOn: a.reviewed_on } : {}) },
      note: `${a.type} current until ${validity.until}${a.reviewed_on ? `, reviewed ${a.reviewed_on}` : ''}`,
    };
    // Prefer the attestation current the longest.
    if (!best || (candidate.attestation!.until ?? '') > (best.attestation?.until ?? '')) best = candidate;
  });
  if (best) return best;
  const review = currentReview(vendor, asOf);
  if (review) return { vouched: true, review, note: `reviewed by us on ${review.on}, current until ${review.until}` };
  if (attestations.length === 0 && !(vendor.reviews ?? []).length) return { vouched: false, note: 'it lists no attestation and no review of ours' };
  return { vouched: false, note: `no current attestation we reviewed (${lapsed ?? 'none'}) and no current review of ours` };
}

/** A vendor as the readiness report sees it: its standing and, for Type II, the days of the period it leaves uncovered. */
export interface VendorAssessment extends VendorStanding {
  id: string;
  file: string;
  /** Type II: the days of the observation period (up to today) no reviewed SOC 2 Type II report or bridge letter covers. */
  coverageGaps: DateRange[];
  /** Indexes of the attestations that cover part of the period. */
  covering: number[];
}

export function assessVendor(id: string, file: string, vendor: VendorData, asOf: IsoDate, period: DateRange | undefined): VendorAssessment {
  const standing = vendorStanding(vendor, asOf);
  const required = period ? requiredCoverage(period, asOf) : undefined;
  const coverage = required ? vendorCoverage(vendor, required) : { gaps: [], used: [] };
  return { ...standing, id, file, coverageGaps: coverage.gaps, covering: coverage.used };
}

/** "2026-10-01..2026-11-30, 2026-12-05..2026-12-31" */
export function gapsText(gaps: readonly DateRange[]): string {
  return gaps.map(rangeText).join(', ');
}
