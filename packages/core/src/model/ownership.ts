import { OWNERSHIPS } from '../schemas/file-kinds.js';

export type Ownership = (typeof OWNERSHIPS)[number];

/**
 * An SSRM ownership as people and CSA write it: CSA's typical ownership ("CSP-Owned", "Shared",
 * "CSC-Owned"), the CAIQ v4 "SSRM Control Ownership" terms ("Shared CSP and 3rd-party", "Third-party
 * outsourced") or the format's own values. Undefined when the text is none of them.
 */
export function parseOwnership(text: string | undefined): Ownership | undefined {
  const t = (text ?? '').toLowerCase().replace(/[_()]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!t) return undefined;
  if ((OWNERSHIPS as readonly string[]).includes(t)) return t as Ownership;
  const thirdParty = /\b(3rd|third)[ -]?part(y|ies)\b|\bvendor\b|\bsub-?processor\b/.test(t);
  if (/\bshared\b/.test(t)) return thirdParty && !/\bcsc\b|\bcustomer\b/.test(t) ? 'shared-csp-third-party' : 'shared-csp-csc';
  if (thirdParty) return 'third-party-outsourced';
  if (/^(csp|provider|cloud service provider)( ?-? ?owned)?$/.test(t)) return 'csp-owned';
  if (/^(csc|customer|cloud service customer)( ?-? ?owned)?$/.test(t)) return 'csc-owned';
  return undefined;
}
