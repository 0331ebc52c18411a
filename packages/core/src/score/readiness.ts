import { FRAMEWORK_KEYS, getCcmMapping, invertCcmMapping, type CcmMapping, type FrameworkKey } from '@trustops/frameworks';
import type { IsoDate } from '../model/dates.js';
import type { EvidenceFileFacts } from '../model/evidence-files.js';
import type { Entity, RepoModel } from '../load/load-repo.js';
import { locate } from '../load/yaml-source.js';
import type { Assignment, VendorData } from '../schemas/types.js';
import type { FrameworkScope, Scope } from '../model/scope.js';
import { attestationValidity } from '../model/vendors.js';
import { assessControls, isEffective, observationPeriod, type ControlAssessment, type ReportType } from './assess-controls.js';
import type { DateRange } from './windows.js';

export type RequirementStatus = 'met' | 'partial' | 'gap' | 'inherited' | 'excluded';

/** Why a requirement has its status; every reason names the file and line it comes from. */
export type StatusReason =
  | {
      kind: 'control';
      control: string;
      file: string;
      line: number;
      status: string;
      maturity: number;
      designed: boolean;
      operating: boolean;
      counts: boolean;
      issues: string[];
    }
  | { kind: 'ssrm'; ownership: Assignment['ownership']; vendor?: string; file: string; line: number; note: string }
  | {
      kind: 'vendor';
      vendor: string;
      file: string;
      line: number;
      attestation?: string;
      until?: IsoDate;
      current: boolean;
      reviewedOn?: IsoDate;
      note: string;
    }
  | { kind: 'exclusion'; reason: string; file: string; line: number }
  | { kind: 'via-ccm'; ccm: string[]; vendors: string[]; note: string }
  | { kind: 'no-control'; note: string };

export interface RequirementResult {
  id: string;
  title: string;
  group: string;
  status: RequirementStatus;
  reasons: StatusReason[];
  /** Highest effective maturity among the (non-retired) controls mapped to it (0 when none). */
  maturity: number;
}

export interface GroupResult {
  id: string;
  name: string;
  /** null when every requirement of the group is excluded. */
  readiness: number | null;
  /** Mean maturity over the group's requirements that are neither excluded nor inherited; null when none. */
  maturity: number | null;
  counts: Record<RequirementStatus, number>;
}

export interface FrameworkResult {
  key: FrameworkKey;
  name: string;
  version: string;
  readiness: number | null;
  counts: Record<RequirementStatus, number>;
  groups: GroupResult[];
  requirements: RequirementResult[];
}

export interface ReadinessReport {
  type: ReportType;
  today: IsoDate;
  period: DateRange;
  frameworks: Partial<Record<FrameworkKey, FrameworkResult>>;
  controls: Map<string, ControlAssessment>;
}

export interface ReadinessOptions {
  today: IsoDate;
  /** Defaults to frameworks.tsc.report, else type2 when a period is set, else type1. */
  type?: ReportType;
  evidenceFiles: ReadonlyMap<string, EvidenceFileFacts>;
}

/** The report type compliance.yaml implies. */
export function defaultReportType(model: RepoModel): ReportType {
  const tsc = model.config?.data.frameworks?.tsc;
  return tsc?.report ?? (tsc?.period ? 'type2' : 'type1');
}

/**
 * One status per in-scope requirement of each framework, with its reasons, and readiness per framework
 * and group. The formula is in docs/scoring.md: readiness = (met + inherited + partial/2) / (applicable
 * requirements - excluded).
 */
export function computeReadiness(model: RepoModel, scope: Scope, options: ReadinessOptions): ReadinessReport {
  const type = options.type ?? defaultReportType(model);
  const period = observationPeriod(model, options.today);
  const policyIds = new Set(model.policies.map((p) => p.data.id));
  const controls = assessControls(model, { today: options.today, period, evidenceFiles: options.evidenceFiles, policyIds });
  const vendors = new Map(model.vendors.map((v) => [v.data.id, v]));
  const ssrm = collectAssignments(model);

  const frameworks: ReadinessReport['frameworks'] = {};
  for (const key of FRAMEWORK_KEYS) {
    const fw = scope.frameworks[key];
    if (!fw) continue;
    // TSC and ISO requirements nobody maps can still be carried by a third party: through CSA's mapping to
    // CCM controls that the SSRM outsources (AWS's physical security for ISO 7.x, say). Only "No Gap"
    // (equivalent-to) entries count: a partial mapping says the CCM control is broader, not the same.
    const ccmVersion = scope.frameworks.ccm?.catalog.version;
    const viaCcm = key !== 'ccm' && ccmVersion ? invertCcmMapping(equivalentOnly(getCcmMapping(ccmVersion, key))) : undefined;
    frameworks[key] = scoreFramework(model, fw, { type, today: options.today, controls, vendors, ssrm, ...(viaCcm ? { viaCcm } : {}) });
  }
  return { type, today: options.today, period, frameworks, controls };
}

interface AssignmentAt {
  assignment: Assignment;
  file: string;
  line: number;
}

function collectAssignments(model: RepoModel): Map<string, AssignmentAt> {
  const out = new Map<string, AssignmentAt>();
  for (const r of model.responsibilities) {
    for (const [id, assignment] of Object.entries(r.data.assignments)) {
      if (!assignment || out.has(id)) continue;
      out.set(id, { assignment, file: r.source.file, line: locate(r.source, ['assignments', id], 'key').line });
    }
  }
  return out;
}

interface ScoreContext {
  type: ReportType;
  today: IsoDate;
  controls: Map<string, ControlAssessment>;
  vendors: Map<string, Entity<VendorData>>;
  ssrm: Map<string, AssignmentAt>;
  /** For TSC/ISO: requirement id -> the CCM controls CSA maps to it. */
  viaCcm?: ReadonlyMap<string, readonly string[]>;
}

function emptyCounts(): Record<RequirementStatus, number> {
  return { met: 0, partial: 0, gap: 0, inherited: 0, excluded: 0 };
}

/** (met + inherited + partial/2) / (all - excluded); null when nothing is left to score. */
export function readinessOf(counts: Record<RequirementStatus, number>): number | null {
  const denominator = counts.met + counts.partial + counts.gap + counts.inherited;
  if (denominator === 0) return null;
  return (counts.met + counts.inherited + counts.partial / 2) / denominator;
}

function scoreFramework(model: RepoModel, fw: FrameworkScope, ctx: ScoreContext): FrameworkResult {
  // Which of our controls map to each requirement (first definition of an id only; retired ones never count).
  const mapped = new Map<string, ControlAssessment[]>();
  const seen = new Set<string>();
  for (const control of model.controls) {
    if (seen.has(control.data.id)) continue;
    seen.add(control.data.id);
    if (control.data.status === 'retired') continue;
    const assessment = ctx.controls.get(control.data.id)!;
    for (const id of new Set(control.data.maps?.[fw.key] ?? [])) {
      const list = mapped.get(id);
      if (list) list.push(assessment);
      else mapped.set(id, [assessment]);
    }
  }
  const exclusionLines = new Map<string, number>();
  (model.config?.data.exclusions ?? []).forEach((e, i) => {
    if (e.framework === fw.key && model.config) exclusionLines.set(e.id, locate(model.config.source, ['exclusions', i]).line);
  });

  const requirements: RequirementResult[] = [];
  for (const req of fw.catalog.requirements) {
    if (!fw.applicable.has(req.id)) continue;
    requirements.push(
      scoreRequirement(req, fw, mapped.get(req.id) ?? [], ctx, model.config?.source.file ?? 'compliance.yaml', exclusionLines.get(req.id) ?? 1),
    );
  }

  const counts = emptyCounts();
  for (const r of requirements) counts[r.status]++;
  const groups: GroupResult[] = fw.catalog.groups
    .map((g) => {
      const members = requirements.filter((r) => r.group === g.id);
      const groupCounts = emptyCounts();
      for (const r of members) groupCounts[r.status]++;
      const rated = members.filter((r) => r.status !== 'excluded' && r.status !== 'inherited');
      return {
        id: g.id,
        name: g.name,
        readiness: readinessOf(groupCounts),
        maturity: rated.length ? rated.reduce((sum, r) => sum + r.maturity, 0) / rated.length : null,
        counts: groupCounts,
        size: members.length,
      };
    })
    .filter((g) => g.size > 0)
    .map(({ size: _size, ...g }) => g);

  return {
    key: fw.key,
    name: fw.catalog.name,
    version: fw.catalog.version,
    readiness: readinessOf(counts),
    counts,
    groups,
    requirements,
  };
}

function scoreRequirement(
  req: { id: string; title: string; group: string },
  fw: FrameworkScope,
  controls: ControlAssessment[],
  ctx: ScoreContext,
  configFile: string,
  exclusionLine: number,
): RequirementResult {
  const base = { id: req.id, title: req.title, group: req.group };
  const excluded = fw.excluded.get(req.id);
  if (excluded !== undefined) {
    return { ...base, status: 'excluded', maturity: 0, reasons: [{ kind: 'exclusion', reason: excluded, file: configFile, line: exclusionLine }] };
  }

  const reasons: StatusReason[] = [];
  const controlReasons = controls.map((c): StatusReason => {
    const counts = isEffective(c, ctx.type);
    return {
      kind: 'control',
      control: c.id,
      file: c.file,
      line: c.line,
      status: c.status,
      maturity: c.effectiveMaturity,
      designed: c.designed,
      operating: c.operating,
      counts,
      issues: ctx.type === 'type1' ? c.designIssues : [...c.designIssues, ...c.operationIssues],
    };
  });
  const counting = controls.filter((c) => isEffective(c, ctx.type));
  // Maturity is capability, not completeness: every control mapped here speaks for it.
  const maturity = Math.max(0, ...controls.map((c) => c.effectiveMaturity));
  const fromControls: RequirementStatus = counting.length > 0 ? 'met' : controls.length > 0 ? 'partial' : 'gap';

  // The SSRM speaks for CCM requirements only.
  const entry = fw.key === 'ccm' ? ctx.ssrm.get(req.id) : undefined;
  if (!entry) {
    reasons.push(...controlReasons);
    if (controls.length === 0) {
      const inherited = inheritedViaCcm(req.id, ctx);
      if (inherited) return { ...base, status: 'inherited', maturity, reasons: [inherited] };
      reasons.push({ kind: 'no-control', note: `no control maps to ${req.id}` });
    }
    return { ...base, status: fromControls, maturity, reasons };
  }

  const { assignment } = entry;
  const ssrmReason = (note: string): StatusReason => ({
    kind: 'ssrm',
    ownership: assignment.ownership,
    ...(assignment.vendor ? { vendor: assignment.vendor } : {}),
    file: entry.file,
    line: entry.line,
    note,
  });

  if (assignment.ownership === 'csc-owned') {
    const documented = Boolean(assignment.csc?.trim());
    reasons.push(
      ssrmReason(documented ? 'owned by customers; their responsibilities are documented for them (csc)' : 'owned by customers, but csc: does not tell them what to do'),
      ...controlReasons,
    );
    return { ...base, status: documented ? 'met' : 'partial', maturity, reasons };
  }

  if (assignment.ownership === 'third-party-outsourced' || assignment.ownership === 'shared-csp-third-party') {
    const vendorReason = vendorStatus(assignment.vendor, ctx);
    reasons.push(ssrmReason(assignment.ownership === 'third-party-outsourced' ? 'outsourced to a third party' : 'shared between us and a third party'), vendorReason, ...controlReasons);
    if (assignment.ownership === 'third-party-outsourced') {
      return { ...base, status: vendorReason.kind === 'vendor' && vendorReason.current ? 'inherited' : 'partial', maturity, reasons };
    }
    // Shared with a third party: our part is scored from our controls, and never above partial while the
    // vendor's part is not vouched for.
    if (controls.length === 0) reasons.push({ kind: 'no-control', note: `no control carries our part of ${req.id}` });
    const current = vendorReason.kind === 'vendor' && vendorReason.current;
    const status: RequirementStatus = fromControls === 'met' && !current ? 'partial' : fromControls;
    return { ...base, status, maturity, reasons };
  }

  reasons.push(ssrmReason(assignment.ownership === 'csp-owned' ? 'owned by us' : 'shared between us and customers'), ...controlReasons);
  if (controls.length === 0) reasons.push({ kind: 'no-control', note: `no control maps to ${req.id}` });
  return { ...base, status: fromControls, maturity, reasons };
}

function equivalentOnly(mapping: ReadonlyMap<string, CcmMapping>): ReadonlyMap<string, CcmMapping> {
  return new Map([...mapping].filter(([, entry]) => entry.relationship === 'equivalent-to'));
}

/**
 * A TSC/ISO requirement is inherited when every CCM control CSA maps to it is outsourced in the SSRM to a
 * vendor with a current, reviewed attestation (and there is at least one).
 */
function inheritedViaCcm(id: string, ctx: ScoreContext): StatusReason | undefined {
  const ccmIds = ctx.viaCcm?.get(id) ?? [];
  if (ccmIds.length === 0) return undefined;
  const vendors = new Set<string>();
  for (const ccmId of ccmIds) {
    const entry = ctx.ssrm.get(ccmId);
    if (entry?.assignment.ownership !== 'third-party-outsourced') return undefined;
    const vendor = vendorStatus(entry.assignment.vendor, ctx);
    if (vendor.kind !== 'vendor' || !vendor.current) return undefined;
    vendors.add(vendor.vendor);
  }
  return {
    kind: 'via-ccm',
    ccm: [...ccmIds],
    vendors: [...vendors],
    note: `CSA maps ${ccmIds.join(', ')} to ${id}, and the SSRM outsources all of them to ${[...vendors].join(', ')} (current attestation)`,
  };
}

/** Whether a vendor vouches for its part today: a current attestation that we have reviewed. */
function vendorStatus(vendorId: string | undefined, ctx: ScoreContext): StatusReason {
  const vendor = vendorId ? ctx.vendors.get(vendorId) : undefined;
  if (!vendorId || !vendor) {
    return { kind: 'no-control', note: vendorId ? `vendor ${vendorId} does not exist` : 'the SSRM entry names no vendor' };
  }
  const file = vendor.source.file;
  const attestations = vendor.data.attestations ?? [];
  let best: StatusReason | undefined;
  attestations.forEach((a, i) => {
    const validity = attestationValidity(a, ctx.today);
    // SOC 2 reports count once reviewed after the period ended; certificates once reviewed if a review date is given.
    const reviewed = a.type.startsWith('soc2') ? Boolean(a.reviewed_on && a.period && a.reviewed_on >= a.period.end) : true;
    const current = validity.current && reviewed;
    const candidate: StatusReason = {
      kind: 'vendor',
      vendor: vendorId,
      file,
      line: locate(vendor.source, ['attestations', i]).line,
      attestation: a.type,
      ...(validity.until ? { until: validity.until } : {}),
      current,
      ...(a.reviewed_on ? { reviewedOn: a.reviewed_on } : {}),
      note: current
        ? `${a.type} current until ${validity.until}${a.reviewed_on ? `, reviewed ${a.reviewed_on}` : ''}`
        : !validity.current
          ? `${a.type} ${validity.until ? `lapsed on ${validity.until}` : 'has no period or expiry'}`
          : `${a.type} has not been reviewed by us (reviewed_on missing or before the period ended)`,
    };
    if (!best || (candidate.kind === 'vendor' && candidate.current && !(best.kind === 'vendor' && best.current))) best = candidate;
  });
  return (
    best ?? { kind: 'vendor', vendor: vendorId, file, line: locate(vendor.source, ['id']).line, current: false, note: `vendor ${vendorId} lists no attestation` }
  );
}
