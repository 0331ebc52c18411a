import type { RepoModel } from '../load/load-repo.js';
import type { DateRange, IsoDate } from '../model/dates.js';
import { placeholderIn } from '../model/placeholders.js';
import type { Scope } from '../model/scope.js';
import type { Attestation, Ownership } from '../schemas/types.js';
import { attestationProblem, attestationValidity } from '../model/vendors.js';
import type { ReadinessReport } from './readiness.js';
import { collectAssignments } from './requirement-status.js';

/** A complementary user entity control: what customers must do for a control of ours to work (SOC 2 DC 6). */
export interface Cuec {
  id: string;
  ccm: string;
  title: string;
  ownership: Ownership;
  /** The SSRM's csc: text, as written. */
  text: string;
  file: string;
  line: number;
}

/** The attestation of a vendor that a CSOC relies on. */
export interface ReliedAttestation {
  type: string;
  period?: DateRange;
  expires?: IsoDate;
  reviewedOn?: IsoDate;
  reference?: string;
}

/** A complementary subservice organisation control: what a vendor must do, and the report we rely on for it (DC 7). */
export interface Csoc {
  id: string;
  ccm: string;
  title: string;
  ownership: Ownership;
  vendor: string;
  vendorName: string;
  /** What we rely on the vendor for: the SSRM's csp: text. */
  reliedOn: string;
  /** The vendor's current, reviewed SOC 2 report (else whatever vouches for it on the date), if any. */
  attestation?: ReliedAttestation;
  /** Type II: the reports and bridge letters that cover the observation period, and the days they leave uncovered. */
  covering: ReliedAttestation[];
  coverageGaps: DateRange[];
  vouched: boolean;
  file: string;
  line: number;
}

export interface ComplementaryControls {
  cuecs: Cuec[];
  csocs: Csoc[];
}

const THIRD_PARTY: ReadonlySet<Ownership> = new Set(['third-party-outsourced', 'shared-csp-third-party']);

/**
 * CUECs and CSOCs derived from the SSRM: every in-scope CCM entry whose csc: text tells customers what to
 * do is a CUEC (a placeholder tells them nothing and is left out); every third-party-outsourced or
 * shared-csp-third-party entry is a CSOC, with the vendor and the attestation relied on. Numbered in CCM
 * catalog order, so the ids are the same on every build of the same files.
 */
export function deriveComplementaryControls(model: RepoModel, scope: Scope, readiness: ReadinessReport): ComplementaryControls {
  const ccm = scope.frameworks.ccm;
  if (!ccm) return { cuecs: [], csocs: [] };
  const ssrm = collectAssignments(model);
  const vendors = new Map(model.vendors.map((v) => [v.data.id, v.data]));
  const cuecs: Omit<Cuec, 'id'>[] = [];
  const csocs: Omit<Csoc, 'id'>[] = [];
  for (const req of ccm.catalog.requirements) {
    if (!ccm.applicable.has(req.id) || ccm.excluded.has(req.id)) continue;
    const entry = ssrm.get(req.id);
    if (!entry) continue;
    const { assignment: a, file, line } = entry;
    if (a.csc !== undefined && !placeholderIn(a.csc)) cuecs.push({ ccm: req.id, title: req.title, ownership: a.ownership, text: a.csc.trim(), file, line });
    if (!THIRD_PARTY.has(a.ownership) || !a.vendor) continue;
    const vendor = vendors.get(a.vendor);
    const standing = readiness.vendors.get(a.vendor);
    const attestationAt = (index: number) => relied(vendor?.attestations?.[index]);
    const report = socReportRelied(vendor?.attestations ?? [], readiness.asOf);
    csocs.push({
      ccm: req.id,
      title: req.title,
      ownership: a.ownership,
      vendor: a.vendor,
      vendorName: vendor?.name ?? a.vendor,
      reliedOn: a.csp?.trim() ?? '',
      ...(report !== undefined ? { attestation: attestationAt(report)! } : standing?.attestation ? { attestation: attestationAt(standing.attestation.index)! } : {}),
      covering: readiness.type === 'type2' ? (standing?.covering ?? []).map(attestationAt).filter((x): x is ReliedAttestation => x !== undefined) : [],
      coverageGaps: readiness.type === 'type2' ? [...(standing?.coverageGaps ?? [])] : [],
      vouched: standing?.vouched ?? false,
      file,
      line,
    });
  }
  return { cuecs: cuecs.map((c, i) => ({ id: numbered('CUEC', i, cuecs.length), ...c })), csocs: csocs.map((c, i) => ({ id: numbered('CSOC', i, csocs.length), ...c })) };
}

/**
 * A SOC report's CSOCs rest on the vendor's own SOC 2 report: the current, reviewed one whose period ends
 * last (a certificate vouches for the vendor, but it is not what the report's reader relies on).
 */
function socReportRelied(attestations: readonly Attestation[], asOf: IsoDate): number | undefined {
  let best: number | undefined;
  attestations.forEach((a, i) => {
    if ((a.type !== 'soc2-type1' && a.type !== 'soc2-type2') || !a.period || attestationProblem(a) || !attestationValidity(a, asOf).current) return;
    if (best === undefined || a.period.end > attestations[best]!.period!.end) best = i;
  });
  return best;
}

function numbered(prefix: string, index: number, count: number): string {
  return `${prefix}-${String(index + 1).padStart(Math.max(2, String(count).length), '0')}`;
}

/** What a register or a CSOC says of an attestation: its facts as written, in the reports' field names. */
export function attestationFacts(a: Attestation): ReliedAttestation {
  return {
    type: a.type,
    ...(a.period ? { period: a.period } : {}),
    ...(a.expires ? { expires: a.expires } : {}),
    ...(a.reviewed_on ? { reviewedOn: a.reviewed_on } : {}),
    ...(a.reference ? { reference: a.reference } : {}),
  };
}

function relied(a: Attestation | undefined): ReliedAttestation | undefined {
  return a ? attestationFacts(a) : undefined;
}

/** "soc2-type2 2025-10-01..2026-09-30, reviewed 2026-10-20", for tables. */
export function attestationText(a: ReliedAttestation | undefined): string {
  if (!a) return '';
  const when = a.period ? ` ${a.period.start}..${a.period.end}` : a.expires ? ` expires ${a.expires}` : '';
  return `${a.type}${when}${a.reviewedOn ? `, reviewed ${a.reviewedOn}` : ''}`;
}
