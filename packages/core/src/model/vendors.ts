import { addFrequency, addMonths, subtractRanges, type DateRange, type IsoDate } from './dates.js';
import { placeholderIn } from './placeholders.js';
import type { Attestation, VendorData } from '../schemas/types.js';

/**
 * Whether an attestation still vouches for a vendor on `today`: a SOC 2 report whose period ended within
 * the last 12 months (the usual bridge-letter horizon), a bridge letter whose period has not ended, or a
 * certificate (ISO 27001, CSA STAR) that has not expired. Returns the date it stops being current.
 */
export function attestationValidity(attestation: Attestation, today: IsoDate): { current: boolean; until?: IsoDate } {
  if (attestation.type === 'soc2-type1' || attestation.type === 'soc2-type2') {
    if (!attestation.period) return { current: false };
    const until = addMonths(attestation.period.end, 12);
    return { current: today <= until, until };
  }
  if (attestation.type === 'bridge-letter') {
    if (!attestation.period) return { current: false };
    return { current: today <= attestation.period.end, until: attestation.period.end };
  }
  if (!attestation.expires) return { current: false };
  return { current: today <= attestation.expires, until: attestation.expires };
}

/** Why an attestation cannot be relied on at all (whatever the date), or undefined when it can. */
export function attestationProblem(attestation: Attestation): string | undefined {
  const reference = placeholderIn(attestation.reference);
  if (attestation.reference !== undefined && reference) return `its reference is a placeholder (${reference})`;
  if (attestation.type === 'soc2-type1' || attestation.type === 'soc2-type2') {
    // A report counts once we have read it: reviewed after its period ended.
    if (!attestation.reviewed_on || !attestation.period || attestation.reviewed_on < attestation.period.end) {
      return 'we have not recorded a review of it (reviewed_on missing or before its period ended)';
    }
  }
  if (attestation.type === 'bridge-letter') {
    if (!attestation.period) return 'a bridge letter needs the period it covers';
    if (!attestation.reviewed_on) return 'we have not recorded a review of it (reviewed_on missing)';
  }
  return undefined;
}

/** The vendor's Type II coverage of a period: what its reviewed SOC 2 Type II reports and bridge letters show. */
export interface VendorCoverage {
  /** The days of the required span no reviewed SOC 2 Type II report or bridge letter covers. */
  gaps: DateRange[];
  /** Indexes (in attestations:) of the reports and letters that cover part of the span. */
  used: number[];
}

/**
 * How much of `required` (the observation period up to today) the vendor's reviewed SOC 2 Type II reports
 * and bridge letters cover. A certificate vouches for a date, not for a period of operation, so it closes
 * no gap; a report with a placeholder reference is not relied on.
 */
export function vendorCoverage(vendor: VendorData, required: DateRange): VendorCoverage {
  const periods: DateRange[] = [];
  const used: number[] = [];
  (vendor.attestations ?? []).forEach((a, i) => {
    if ((a.type !== 'soc2-type2' && a.type !== 'bridge-letter') || !a.period || attestationProblem(a)) return;
    if (a.period.end < required.start || a.period.start > required.end) return;
    periods.push(a.period);
    used.push(i);
  });
  return { gaps: subtractRanges(required, periods), used };
}

/** The span of the observation period a vendor must cover by `today`: from its start to today (or its end). */
export function requiredCoverage(period: DateRange, today: IsoDate): DateRange | undefined {
  if (today < period.start) return undefined;
  return { start: period.start, end: today < period.end ? today : period.end };
}

/** A review of the vendor that is still current on `today` (within review_every, default annual). */
export function currentReview(vendor: VendorData, today: IsoDate): { on: IsoDate; until: IsoDate; index: number } | undefined {
  let best: { on: IsoDate; until: IsoDate; index: number } | undefined;
  (vendor.reviews ?? []).forEach((r, index) => {
    if (!r.on || r.on > today || r.outcome === 'rejected') return;
    const until = addFrequency(r.on, vendor.review_every ?? 'annual') ?? r.on;
    if (today <= until && (!best || r.on > best.on)) best = { on: r.on, until, index };
  });
  return best;
}
