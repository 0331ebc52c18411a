import type { RepoModel } from '../load/load-repo.js';
import { locate } from '../load/yaml-source.js';
import { addFrequency, mergeRanges, type DateRange, type IsoDate } from '../model/dates.js';
import { compareText } from '../model/findings.js';
import { attestationProblem, attestationValidity, requiredCoverage } from '../model/vendors.js';
import { attestationFacts } from './complementary-controls.js';
import type { ReadinessReport } from './readiness.js';
import { collectAssignments } from './requirement-status.js';

/** One attestation of a vendor as the register lists it. */
export interface RegisterAttestation {
  type: string;
  period?: DateRange;
  expires?: IsoDate;
  reviewedOn?: IsoDate;
  reference?: string;
  /** Vouches for the vendor on the date (current and reviewed, not a placeholder). */
  current: boolean;
  /** The date it stops vouching. */
  until?: IsoDate;
  /** The one the vendor's standing rests on. */
  relied: boolean;
  /** Type II: a reviewed SOC 2 Type II report or bridge letter that covers part of the observation period. */
  covering: boolean;
  /** Why it cannot be relied on (not reviewed, a placeholder reference), if so. */
  problem?: string;
}

/** One vendor of the register: what it is, what vouches for it, how much of the period is covered, what it carries. */
export interface VendorRegisterRow {
  id: string;
  name: string;
  kind: string;
  file: string;
  line: number;
  services: string[];
  data: string[];
  vouched: boolean;
  standing: string;
  attestations: RegisterAttestation[];
  /** Type II: the span of the observation period it must cover so far, the parts covered and the gaps. */
  coverage?: { required: DateRange; covered: DateRange[]; gaps: DateRange[] };
  lastReview?: { on: IsoDate; by: string; outcome?: string };
  nextReview?: IsoDate;
  /** CCM requirements the SSRM outsources to it or shares with it. */
  ssrm: string[];
  /** TSC and ISO requirements inherited from it through CSA's mapping ("tsc CC6.4"). */
  inherited: string[];
  /** Our controls that depend on it (vendors:). */
  controls: string[];
}

/**
 * The vendor register of the packet: every vendor with its attestations and their periods, the Type II
 * coverage of the observation period (bridge letters included), our last review, and the requirements it
 * carries, from the readiness report (so the dates are those readiness judged by).
 */
export function buildVendorRegister(model: RepoModel, readiness: ReadinessReport): VendorRegisterRow[] {
  // The CCM requirements in scope (not excluded) that the SSRM hands to each vendor, in catalog order.
  const ssrm = new Map<string, string[]>();
  const assignments = collectAssignments(model);
  for (const r of readiness.frameworks.ccm?.requirements ?? []) {
    const a = assignments.get(r.id)?.assignment;
    if (r.status !== 'excluded' && a?.vendor && (a.ownership === 'third-party-outsourced' || a.ownership === 'shared-csp-third-party')) ssrm.set(a.vendor, [...(ssrm.get(a.vendor) ?? []), r.id]);
  }
  const inherited = new Map<string, string[]>();
  for (const fw of Object.values(readiness.frameworks)) {
    for (const r of fw?.requirements ?? []) {
      for (const x of r.reasons) if (x.kind === 'via-ccm' && fw) for (const v of x.vendors) inherited.set(v, [...(inherited.get(v) ?? []), `${fw.key} ${r.id}`]);
    }
  }
  const rows: VendorRegisterRow[] = [];
  const seen = new Set<string>();
  for (const v of model.vendors) {
    const d = v.data;
    if (seen.has(d.id)) continue;
    seen.add(d.id);
    const standing = readiness.vendors.get(d.id);
    const covering = new Set(standing?.covering ?? []);
    const required = readiness.type === 'type2' && readiness.period ? requiredCoverage(readiness.period, readiness.asOf) : undefined;
    const attestations = (d.attestations ?? []).map((a, i): RegisterAttestation => {
      const validity = attestationValidity(a, readiness.asOf);
      const problem = attestationProblem(a);
      return {
        ...attestationFacts(a),
        current: validity.current && !problem,
        ...(validity.until ? { until: validity.until } : {}),
        relied: standing?.attestation?.index === i,
        covering: covering.has(i),
        ...(problem ? { problem } : {}),
      };
    });
    const coveredRanges = required
      ? mergeRanges(
          [...covering].flatMap((i) => {
            const p = d.attestations?.[i]?.period;
            return p ? [{ start: p.start > required.start ? p.start : required.start, end: p.end < required.end ? p.end : required.end }] : [];
          }),
        )
      : [];
    const reviews = (d.reviews ?? []).filter((r) => r.on).sort((a, b) => compareText(b.on, a.on));
    const last = reviews.find((r) => r.outcome !== 'rejected') ?? reviews[0];
    const next = last && last.outcome !== 'rejected' ? addFrequency(last.on, d.review_every ?? 'annual') : undefined;
    rows.push({
      id: d.id,
      name: d.name,
      kind: d.kind,
      file: v.source.file,
      line: locate(v.source, ['id']).line,
      services: [...(d.services ?? [])],
      data: [...(d.data ?? [])],
      vouched: standing?.vouched ?? false,
      standing: standing?.note ?? 'not assessed',
      attestations,
      ...(required ? { coverage: { required, covered: coveredRanges, gaps: [...(standing?.coverageGaps ?? [])] } } : {}),
      ...(last ? { lastReview: { on: last.on, by: last.by, ...(last.outcome ? { outcome: last.outcome } : {}) } } : {}),
      ...(next ? { nextReview: next } : {}),
      ssrm: ssrm.get(d.id) ?? [],
      inherited: [...new Set(inherited.get(d.id) ?? [])],
      controls: model.controls.filter((c) => (c.data.vendors ?? []).includes(d.id)).map((c) => c.data.id).sort(compareText),
    });
  }
  return rows.sort((a, b) => compareText(a.id, b.id));
}
