import { addMonths, type IsoDate } from './dates.js';
import type { Attestation } from '../schemas/types.js';

/**
 * Whether an attestation still vouches for a vendor on `today`: a SOC 2 report whose period ended within
 * the last 12 months (the usual bridge-letter horizon), or a certificate (ISO 27001, CSA STAR) that has
 * not expired. Returns the date it stops being current, for messages.
 */
export function attestationValidity(attestation: Attestation, today: IsoDate): { current: boolean; until?: IsoDate } {
  if (attestation.type === 'soc2-type1' || attestation.type === 'soc2-type2') {
    if (!attestation.period) return { current: false };
    const until = addMonths(attestation.period.end, 12);
    return { current: today <= until, until };
  }
  if (!attestation.expires) return { current: false };
  return { current: today <= attestation.expires, until: attestation.expires };
}
