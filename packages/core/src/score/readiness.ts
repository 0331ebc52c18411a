import { FRAMEWORK_KEYS, getCcmMapping, invertCcmMapping, type CcmMapping, type FrameworkKey } from '@trustops/frameworks';
import type { DateRange, IsoDate } from '../model/dates.js';
import type { EvidenceFileFacts } from '../model/evidence-files.js';
import type { Entity, RepoModel } from '../load/load-repo.js';
import { locate } from '../load/yaml-source.js';
import { placeholderSections, requiredPolicySections } from '../model/policies.js';
import type { FrameworkScope, Scope } from '../model/scope.js';
import type { Assignment } from '../schemas/types.js';
import { assessControls, observationPeriod, type ControlAssessment, type ReportType } from './assess-controls.js';
import { assessRecords, type ExceptionAssessment, type RecordAssessment } from './records.js';
import { collectAssignments, scoreRequirement, type ScoreContext } from './requirement-status.js';
import { assessVendor, type VendorAssessment } from './vendor-standing.js';
import { assessRiskRegister, type RiskRegisterAssessment } from './risk-register.js';
import { clauseContributions, type Contribution } from './clause-contributions.js';

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
      /** Type II: the days of the observation period its reports and bridge letters leave uncovered. */
      coverageGaps?: DateRange[];
      note: string;
    }
  | { kind: 'exclusion'; reason: string; file: string; line: number }
  | { kind: 'via-ccm'; ccm: string[]; vendors: string[]; note: string }
  | { kind: 'placeholder'; field: 'csp' | 'csc'; why: string; file: string; line: number; note: string }
  | { kind: 'no-control'; note: string }
  /** ISMS clauses: a policy mapped to the clause (in force, reviewed on schedule, its sections written). */
  | { kind: 'policy'; policy: string; file: string; line: number; counts: boolean; issues: string[] }
  /** ISMS clauses 6.1.2, 6.1.3, 8.2, 8.3: the risk register (risks/), reviewed and treated. */
  | { kind: 'risk-register'; risks: number; file: string; line: number; counts: boolean; issues: string[] };

export interface RequirementResult {
  id: string;
  title: string;
  group: string;
  status: RequirementStatus;
  reasons: StatusReason[];
  /** Lowest counted maturity among the (non-retired) controls mapped to it (0 when none). */
  maturity: number;
}

export interface GroupResult {
  id: string;
  name: string;
  /** null when every requirement of the group is excluded. */
  readiness: number | null;
  /** Mean maturity over the group's requirements that are neither excluded nor inherited; null when none. */
  maturity: number | null;
  /** How many requirements the maturity is the mean of. */
  maturityOf: number;
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
  /** The scoring date. */
  today: IsoDate;
  /** The date the statuses hold on: today, or a Type I report's as_of. */
  asOf: IsoDate;
  /** Type II only: the observation period. */
  period?: DateRange;
  /** Whether the period comes from compliance.yaml (false: the 12 months up to today were assumed). */
  periodConfigured: boolean;
  frameworks: Partial<Record<FrameworkKey, FrameworkResult>>;
  controls: Map<string, ControlAssessment>;
  /** Every evidence record, as assessed (what it covers, or why it shows nothing). */
  records: RecordAssessment[];
  /** Every deviation the evidence states, in file order. */
  exceptions: ExceptionAssessment[];
  /** Every vendor's standing and coverage, by id. */
  vendors: Map<string, VendorAssessment>;
  /** The risk register (risks/) as of the date of the statuses. */
  risks: RiskRegisterAssessment;
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
 * and group. The rules are in docs/scoring.md: readiness = (met + inherited + partial/2) / (applicable
 * requirements - excluded).
 */
export function computeReadiness(model: RepoModel, scope: Scope, options: ReadinessOptions): ReadinessReport {
  const type = options.type ?? defaultReportType(model);
  const tsc = model.config?.data.frameworks?.tsc;
  const asOf = type === 'type1' ? (tsc?.as_of ?? options.today) : options.today;
  const period = type === 'type2' ? observationPeriod(model, options.today) : undefined;
  const records = assessRecords(model, options.evidenceFiles, options.today);
  const vendorEntities = firstById(model.vendors);
  const vendors = new Map([...vendorEntities].map(([id, v]) => [id, assessVendor(id, v.source.file, v.data, asOf, period)]));
  const { real, placeholder } = classifyPolicies(model);
  const controls = assessControls(model, {
    type,
    asOf,
    ...(period ? { period } : {}),
    records,
    realPolicies: real,
    placeholderPolicies: placeholder,
    vendors: vendorEntities,
  });
  const ctx: ScoreContext = { type, controls, vendors, vendorEntities, ssrm: collectAssignments(model) };
  const risks = assessRiskRegister(model, asOf);
  const policyReview = { asOf, real };

  const frameworks: ReadinessReport['frameworks'] = {};
  for (const key of FRAMEWORK_KEYS) {
    const fw = scope.frameworks[key];
    if (!fw) continue;
    // TSC and ISO requirements nobody maps can still be carried by a third party: through CSA's mapping to
    // CCM controls that the SSRM outsources (AWS's physical security for ISO 7.x, say). Only "No Gap"
    // (equivalent-to) entries count: a partial mapping says the CCM control is broader, not the same.
    const ccmVersion = scope.frameworks.ccm?.catalog.version;
    const viaCcm = key !== 'ccm' && ccmVersion ? invertCcmMapping(equivalentOnly(getCcmMapping(ccmVersion, key))) : undefined;
    const extra = key === 'iso27001' ? clauseContributions(model, fw, { ...policyReview, risks }) : new Map<string, Contribution[]>();
    frameworks[key] = scoreFramework(model, fw, { ...ctx, ...(viaCcm ? { viaCcm } : {}) }, extra);
  }
  return {
    type,
    today: options.today,
    asOf,
    ...(period ? { period } : {}),
    periodConfigured: Boolean(tsc?.period),
    frameworks,
    controls,
    records,
    exceptions: records.flatMap((r) => r.exceptions),
    vendors,
    risks,
  };
}

function firstById<T extends { id: string }>(entities: readonly Entity<T>[]): Map<string, Entity<T>> {
  const map = new Map<string, Entity<T>>();
  for (const e of entities) if (!map.has(e.data.id)) map.set(e.data.id, e);
  return map;
}

/** Policies that document something, and those whose required sections are empty or placeholders. */
function classifyPolicies(model: RepoModel): { real: Set<string>; placeholder: Set<string> } {
  const required = requiredPolicySections(model);
  const real = new Set<string>();
  const placeholder = new Set<string>();
  for (const p of model.policies) {
    if (placeholderSections(p, required).length > 0) placeholder.add(p.data.id);
    else real.add(p.data.id);
  }
  // A policy id defined twice counts if any definition is real (id/duplicate reports the second).
  for (const id of real) placeholder.delete(id);
  return { real, placeholder };
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

function scoreFramework(model: RepoModel, fw: FrameworkScope, ctx: ScoreContext, extra: ReadonlyMap<string, Contribution[]>): FrameworkResult {
  // Which of our controls map to each requirement (first definition of an id only; retired ones never count).
  const mapped = new Map<string, ControlAssessment[]>();
  const seen = new Set<string>();
  for (const control of model.controls) {
    if (seen.has(control.data.id)) continue;
    seen.add(control.data.id);
    if (control.data.status === 'retired') continue;
    const assessment = ctx.controls.get(control.data.id)!;
    // A reference may stand for several requirements (an ISO clause for the clauses under it).
    for (const id of new Set((control.data.maps?.[fw.key] ?? []).flatMap((ref) => fw.resolve(ref)))) {
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
  for (const req of fw.requirements) {
    if (!fw.applicable.has(req.id)) continue;
    requirements.push(
      scoreRequirement(req, fw, mapped.get(req.id) ?? [], ctx, model.config?.source.file ?? 'compliance.yaml', exclusionLines.get(req.id) ?? 1, extra.get(req.id) ?? []),
    );
  }

  const counts = emptyCounts();
  for (const r of requirements) counts[r.status]++;
  const groups: GroupResult[] = fw.groups
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
        maturityOf: rated.length,
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

function equivalentOnly(mapping: ReadonlyMap<string, CcmMapping>): ReadonlyMap<string, CcmMapping> {
  return new Map([...mapping].filter(([, entry]) => entry.relationship === 'equivalent-to'));
}

