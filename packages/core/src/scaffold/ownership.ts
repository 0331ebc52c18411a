import type { CcmControl } from '@trustops/frameworks';
import type { Ownership } from '../schemas/types.js';
import { SERVICE_MODEL_LABEL, type CloudVendor, type ServiceModel } from './init-options.js';

/** The SSRM entry init proposes for one CCM control, and why (shown as a comment beside it). */
export interface ProposedAssignment {
  ownership: Ownership;
  /** The cloud vendor's id, for the two third-party ownerships. */
  vendor?: string;
  /** CSA's typical ownership for the service model, verbatim ("Shared"), and what init made of it. */
  basis: string;
}

/**
 * Controls outside the DCS domain that are about the physical data center: redundant equipment placed
 * apart (BCR), and logs of physical access (LOG "Access Control Logs": "monitor and log physical access").
 * Named by title, which both CCM versions share, because their ids differ (LOG-12 in 4.0.13, LOG-13 in 4.1).
 */
const PHYSICAL_TITLES = new Set(['Equipment Redundancy', 'Access Control Logs']);

/** The CCM domain of infrastructure and virtualization: IVS in 4.0.13, I&S in 4.1. */
const INFRASTRUCTURE_DOMAINS = new Set(['IVS', 'I&S']);

function isPhysical(control: CcmControl): boolean {
  return control.group === 'DCS' || PHYSICAL_TITLES.has(control.title);
}

/**
 * CSA's typical ownership ("Typical Control Applicability and Ownership" of the CCM, per IaaS/PaaS/SaaS),
 * in the CAIQ's SSRM terms, with the layer a public cloud carries given to that cloud's vendor:
 *
 * 1. CSA's column for the service model: CSP-Owned -> csp-owned, CSC-Owned -> csc-owned, Shared ->
 *    shared-csp-csc.
 * 2. With a cloud, the physical layer is the cloud's: a physical control (the DCS domain, Equipment
 *    Redundancy, physical Access Control Logs) that CSA marks CSP-Owned even for IaaS, where the provider
 *    runs nothing but the data center, is third-party-outsourced to the cloud's vendor. (DCS-06/07, asset
 *    classification and cataloguing, are Shared for every model: ours to do, so rule 1 stands.)
 * 3. With a cloud, for SaaS and PaaS (built on the cloud's IaaS): an infrastructure and virtualization
 *    control (IVS / I&S) that CSA gives the CSP for that model is shared-csp-third-party: the cloud runs the
 *    hypervisor, the physical network and the capacity under our workloads; we configure what runs on them.
 *    An IaaS provider keeps rule 1 there: that layer is its own.
 */
export function proposeAssignment(control: CcmControl, model: ServiceModel, cloud: CloudVendor | undefined): ProposedAssignment {
  const csa = control.ownership[model];
  const label = `CSA, ${SERVICE_MODEL_LABEL[model]}: ${csa}`;
  if (cloud && isPhysical(control) && control.ownership.iaas === 'CSP-Owned') {
    return { ownership: 'third-party-outsourced', vendor: cloud.id, basis: `${label}; physical, carried by ${cloud.name}` };
  }
  if (cloud && model !== 'iaas' && INFRASTRUCTURE_DOMAINS.has(control.group) && csa === 'CSP-Owned') {
    return { ownership: 'shared-csp-third-party', vendor: cloud.id, basis: `${label}; the layer under it is ${cloud.name}'s` };
  }
  const ownership: Ownership = csa === 'CSP-Owned' ? 'csp-owned' : csa === 'CSC-Owned' ? 'csc-owned' : 'shared-csp-csc';
  return { ownership, basis: label };
}
