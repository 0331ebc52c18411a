import type { Entity, RepoModel } from '../load/load-repo.js';
import { locate } from '../load/yaml-source.js';
import type { FrameworkScope } from '../model/scope.js';
import { placeholderIn } from '../model/placeholders.js';
import type { Assignment, VendorData } from '../schemas/types.js';
import { isEffective, type ControlAssessment, type ReportType } from './assess-controls.js';
import type { RequirementResult, RequirementStatus, StatusReason } from './readiness.js';
import { gapsText, type VendorAssessment } from './vendor-standing.js';
import type { Contribution } from './clause-contributions.js';

export interface AssignmentAt {
  assignment: Assignment;
  file: string;
  line: number;
}

export interface ScoreContext {
  type: ReportType;
  controls: ReadonlyMap<string, ControlAssessment>;
  vendors: ReadonlyMap<string, VendorAssessment>;
  vendorEntities: ReadonlyMap<string, Entity<VendorData>>;
  ssrm: ReadonlyMap<string, AssignmentAt>;
  /** For TSC/ISO: requirement id -> the CCM controls CSA maps to it. */
  viaCcm?: ReadonlyMap<string, readonly string[]>;
}

/** The SSRM entry of each CCM control (the first, where a control is assigned twice). */
export function collectAssignments(model: RepoModel): Map<string, AssignmentAt> {
  const out = new Map<string, AssignmentAt>();
  for (const r of model.responsibilities) {
    for (const [id, assignment] of Object.entries(r.data.assignments)) {
      if (!assignment || out.has(id)) continue;
      out.set(id, { assignment, file: r.source.file, line: locate(r.source, ['assignments', id], 'key').line });
    }
  }
  return out;
}

type ControlReason = Extract<StatusReason, { kind: 'control' }>;
type VendorReason = Extract<StatusReason, { kind: 'vendor' }>;

/**
 * What our controls alone say: met when every mapped control counts, partial when some do or any is in
 * place beyond a plan, gap when none maps or all are only planned. Plans earn nothing.
 */
function statusFromControls(controls: readonly ControlAssessment[], type: ReportType, extra: readonly Contribution[] = []): RequirementStatus {
  const total = controls.length + extra.length;
  if (total === 0) return 'gap';
  const counting = controls.filter((c) => isEffective(c, type)).length + extra.filter((c) => c.counts).length;
  if (counting === total) return 'met';
  if (counting > 0) return 'partial';
  return controls.some((c) => c.status !== 'planned') || extra.some((c) => c.inPlace) ? 'partial' : 'gap';
}

/** A status no better than `cap` (met > partial > gap). */
function atMost(status: RequirementStatus, cap: 'partial' | 'gap'): RequirementStatus {
  if (cap === 'gap') return status === 'met' || status === 'partial' ? 'gap' : status;
  return status === 'met' ? 'partial' : status;
}

export function scoreRequirement(
  req: { id: string; title: string; group: string },
  fw: FrameworkScope,
  controls: ControlAssessment[],
  ctx: ScoreContext,
  configFile: string,
  exclusionLine: number,
  /** ISMS clauses: the policies and the risk register that meet them besides controls. */
  extra: readonly Contribution[] = [],
): RequirementResult {
  const base = { id: req.id, title: req.title, group: req.group };
  const excluded = fw.excluded.get(req.id);
  if (excluded !== undefined) {
    return { ...base, status: 'excluded', maturity: 0, reasons: [{ kind: 'exclusion', reason: excluded, file: configFile, line: exclusionLine }] };
  }
  const controlReasons = controls.map((c): ControlReason => controlReason(c, ctx.type));
  // Maturity is capability: a requirement is as mature as the least mature control it relies on.
  const maturities = [...controls.map((c) => c.effectiveMaturity), ...extra.map((c) => c.maturity)];
  const maturity = maturities.length ? Math.min(...maturities) : 0;
  const fromControls = statusFromControls(controls, ctx.type, extra);

  // The SSRM speaks for CCM requirements only.
  const entry = fw.key === 'ccm' ? ctx.ssrm.get(req.id) : undefined;
  if (!entry) {
    if (controls.length === 0 && extra.length === 0) {
      const inherited = inheritedViaCcm(req.id, ctx);
      if (inherited) return { ...base, status: inherited.status, maturity, reasons: inherited.reasons };
      const what = req.group === 'clauses' ? 'no control, policy or risk register' : 'no control';
      return { ...base, status: 'gap', maturity, reasons: [{ kind: 'no-control', note: `${what} maps to ${req.id}` }] };
    }
    return { ...base, status: fromControls, maturity, reasons: [...controlReasons, ...extra.map((c) => c.reason)] };
  }
  const { status, reasons } = scoreWithSsrm(req.id, entry, controls, controlReasons, fromControls, ctx);
  return { ...base, status, maturity, reasons };
}

function controlReason(c: ControlAssessment, type: ReportType): ControlReason {
  return {
    kind: 'control',
    control: c.id,
    file: c.file,
    line: c.line,
    status: c.status,
    maturity: c.effectiveMaturity,
    designed: c.designed,
    operating: c.operating,
    counts: isEffective(c, type),
    issues: type === 'type1' ? c.designIssues : [...c.designIssues, ...c.operationIssues],
  };
}

function scoreWithSsrm(
  id: string,
  entry: AssignmentAt,
  controls: readonly ControlAssessment[],
  controlReasons: ControlReason[],
  fromControls: RequirementStatus,
  ctx: ScoreContext,
): { status: RequirementStatus; reasons: StatusReason[] } {
  const { assignment } = entry;
  const ssrm = (note: string): StatusReason => ({
    kind: 'ssrm',
    ownership: assignment.ownership,
    ...(assignment.vendor ? { vendor: assignment.vendor } : {}),
    file: entry.file,
    line: entry.line,
    note,
  });
  const placeholder = (field: 'csp' | 'csc'): StatusReason | undefined => {
    const text = assignment[field];
    const why = text === undefined ? undefined : placeholderIn(text);
    if (!why) return undefined;
    const what = field === 'csp' ? "our implementation description (csp:)" : "the customers' responsibilities (csc:)";
    return { kind: 'placeholder', field, why, file: entry.file, line: entry.line, note: `${what} is a placeholder (${why}): it documents nothing` };
  };

  if (assignment.ownership === 'csc-owned') {
    const cscWhy = placeholderIn(assignment.csc);
    const documented = cscWhy === undefined;
    const reasons: StatusReason[] = [
      ssrm(documented ? 'owned by customers; their responsibilities are documented for them (csc)' : `owned by customers, but csc: does not tell them what to do (${cscWhy})`),
      ...controlReasons,
    ];
    return { status: documented ? 'met' : 'gap', reasons };
  }

  if (assignment.ownership === 'third-party-outsourced' || assignment.ownership === 'shared-csp-third-party') {
    const vendor = vendorReason(assignment.vendor, ctx);
    const vouched = vendorStanding(vendor, ctx) === 'vouched';
    const reasons: StatusReason[] = [
      ssrm(assignment.ownership === 'third-party-outsourced' ? 'outsourced to a third party' : 'shared between us and a third party'),
      vendor,
      ...controlReasons,
    ];
    if (assignment.ownership === 'third-party-outsourced') {
      const standing = vendorStanding(vendor, ctx);
      return { status: standing === 'vouched' ? 'inherited' : standing === 'partly' ? 'partial' : 'gap', reasons };
    }
    // Shared with a third party: our part is scored from our controls, and never above partial while the
    // vendor's part is not vouched for.
    if (controls.length === 0) reasons.push({ kind: 'no-control', note: `no control carries our part of ${id}` });
    const ours = placeholder('csp');
    if (ours) reasons.push(ours);
    const status = !vouched || ours ? atMost(fromControls, 'partial') : fromControls;
    return { status, reasons };
  }

  const reasons: StatusReason[] = [ssrm(assignment.ownership === 'csp-owned' ? 'owned by us' : 'shared between us and customers'), ...controlReasons];
  if (controls.length === 0) reasons.push({ kind: 'no-control', note: `no control maps to ${id}` });
  const texts = [placeholder('csp'), ...(assignment.ownership === 'shared-csp-csc' ? [placeholder('csc')] : [])].filter((x): x is StatusReason => x !== undefined);
  reasons.push(...texts);
  return { status: texts.length ? atMost(fromControls, 'partial') : fromControls, reasons };
}

function equivalentIds(id: string, ctx: ScoreContext): readonly string[] {
  return ctx.viaCcm?.get(id) ?? [];
}

/**
 * A TSC/ISO requirement no control maps is inherited when every CCM control CSA maps to it as an
 * equivalent is outsourced in the SSRM to a vendor vouched for (and there is at least one); partial when
 * they are all outsourced but a vendor's reviewed attestation lapsed or leaves part of the period
 * uncovered; gap when a vendor has nothing we reviewed.
 */
function inheritedViaCcm(id: string, ctx: ScoreContext): { status: RequirementStatus; reasons: StatusReason[] } | undefined {
  const ccmIds = equivalentIds(id, ctx);
  if (ccmIds.length === 0) return undefined;
  const vendors = new Set<string>();
  const vendorReasons: VendorReason[] = [];
  for (const ccmId of ccmIds) {
    const entry = ctx.ssrm.get(ccmId);
    if (entry?.assignment.ownership !== 'third-party-outsourced') return undefined;
    const vendor = vendorReason(entry.assignment.vendor, ctx);
    if (vendor.kind !== 'vendor') return undefined;
    if (!vendors.has(vendor.vendor)) vendorReasons.push(vendor);
    vendors.add(vendor.vendor);
  }
  const standings = vendorReasons.map((v) => vendorStanding(v, ctx));
  const vouched = standings.every((s) => s === 'vouched');
  const status: RequirementStatus = vouched ? 'inherited' : standings.includes('none') ? 'gap' : 'partial';
  const via: StatusReason = {
    kind: 'via-ccm',
    ccm: [...ccmIds],
    vendors: [...vendors],
    note: `CSA maps ${ccmIds.join(', ')} to ${id}, and the SSRM outsources all of them to ${[...vendors].join(', ')}${vouched ? ' (current attestation)' : ''}`,
  };
  return { status, reasons: vouched ? [via] : [via, ...vendorReasons] };
}

/**
 * How far a vendor vouches for what is outsourced to it: `vouched` (current, and for Type II the whole
 * period so far), `partly` (current but leaving days of the period uncovered, or a report we reviewed that
 * has lapsed), `none` (nothing we reviewed: a placeholder attestation, or none at all). An auditor gives
 * an outsourced control no credit on the word of a vendor whose report nobody has read.
 */
function vendorStanding(v: StatusReason, ctx: ScoreContext): 'vouched' | 'partly' | 'none' {
  if (v.kind !== 'vendor') return 'none';
  if (v.current) return v.coverageGaps?.length ? 'partly' : 'vouched';
  const data = ctx.vendorEntities.get(v.vendor)?.data;
  const reviewed = (data?.attestations ?? []).some((a) => a.reviewed_on !== undefined && a.period !== undefined) || (data?.reviews ?? []).length > 0;
  return reviewed ? 'partly' : 'none';
}

/** Whether a vendor vouches for its part: vouched for on the date, and (Type II) for the whole period so far. */
function vendorReason(vendorId: string | undefined, ctx: ScoreContext): StatusReason {
  const assessment = vendorId ? ctx.vendors.get(vendorId) : undefined;
  const entity = vendorId ? ctx.vendorEntities.get(vendorId) : undefined;
  if (!vendorId || !assessment || !entity) {
    return { kind: 'no-control', note: vendorId ? `vendor ${vendorId} does not exist` : 'the SSRM entry names no vendor' };
  }
  const index = assessment.attestation?.index ?? assessment.covering[0];
  const line = index !== undefined ? locate(entity.source, ['attestations', index]).line : locate(entity.source, ['id']).line;
  const attestation = assessment.attestation ? entity.data.attestations?.[assessment.attestation.index] : undefined;
  const gaps = ctx.type === 'type2' ? assessment.coverageGaps : [];
  const note = !assessment.vouched
    ? assessment.note
    : gaps.length
      ? `${assessment.note}; but no reviewed SOC 2 Type II report or bridge letter covers ${gapsText(gaps)} of the observation period`
      : assessment.note;
  return {
    kind: 'vendor',
    vendor: vendorId,
    file: entity.source.file,
    line,
    ...(attestation ? { attestation: attestation.type } : {}),
    ...(assessment.attestation?.until ? { until: assessment.attestation.until } : {}),
    current: assessment.vouched,
    ...(attestation?.reviewed_on ? { reviewedOn: attestation.reviewed_on } : {}),
    ...(gaps.length ? { coverageGaps: gaps } : {}),
    note,
  };
}

