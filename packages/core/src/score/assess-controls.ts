import { addDays, addMonths, rangeText, type DateRange, type IsoDate } from '../model/dates.js';
import type { Entity, RepoModel } from '../load/load-repo.js';
import { locate } from '../load/yaml-source.js';
import { placeholderIn } from '../model/placeholders.js';
import type { ControlData, Frequency, VendorData } from '../schemas/types.js';
import { type ExceptionAssessment, type RecordAssessment, recordsInPeriod } from './records.js';
import { vendorStanding } from './vendor-standing.js';
import { periodWindows, type EvidenceWindow } from './windows.js';

/** type1: controls designed at a point in time; type2: also operating across the observation period. */
export type ReportType = 'type1' | 'type2';

export interface EvidenceItemState {
  id: string;
  every: Frequency;
  /** Records of this item that count: their files verify and they show what they claim. */
  records: number;
  /** Records that do not count because a file is missing, tampered or outside evidence/. */
  rejectedRecords: number;
  /** Records whose files verify but that show nothing, and why (covers after collection, future date, reused files). */
  ignoredRecords: { file: string; line: number; why: string }[];
  /** Counting records that show part of the observation period (Type II). */
  recordsInPeriod: number;
  /** The files of the records that count, in path order. */
  recordFiles: string[];
  firstCovered?: IsoDate;
  /** Type II: every started window of the period, covered, missing or open. Empty in the Type I view. */
  windows: EvidenceWindow[];
  /** The ended windows (covered or missing). */
  dueWindows: DateRange[];
  missingWindows: DateRange[];
  /** The window in progress, due on its end date. */
  openWindows: DateRange[];
}

export interface ControlAssessment {
  id: string;
  title: string;
  file: string;
  line: number;
  status: ControlData['status'];
  owner: string;
  implementedOn?: IsoDate;
  /** Type I: implemented (or operating), described, carrying out a real policy, its vendors vouched for. */
  designed: boolean;
  /** Type II: designed, operating, every ended window covered, evidence in the period, no open high exception. */
  operating: boolean;
  /** Why it is not designed / not operating, in words. */
  designIssues: string[];
  operationIssues: string[];
  declaredMaturity?: number;
  /** Declared maturity, capped at 3 when a claim of 4 or 5 is not backed by evidence on schedule. */
  effectiveMaturity: number;
  maturitySupported: boolean;
  evidence: EvidenceItemState[];
  /** Deviations its evidence records state. */
  exceptions: ExceptionAssessment[];
  /** The vendors it depends on (vendors:). */
  vendors: string[];
  /** Set when the control went live, or its evidence began, too late for the observation period. */
  lateStart?: string;
}

export interface AssessOptions {
  type: ReportType;
  /** The date the assessment holds on: today, or a Type I report's as_of. */
  asOf: IsoDate;
  /** The Type II observation period (undefined in the Type I view). */
  period?: DateRange;
  records: readonly RecordAssessment[];
  /** Policies that document something: they exist and none of their required sections is a placeholder. */
  realPolicies: ReadonlySet<string>;
  /** Ids of policies that exist but whose required sections are placeholders. */
  placeholderPolicies: ReadonlySet<string>;
  vendors: ReadonlyMap<string, Entity<VendorData>>;
}

/** The observation period from compliance.yaml, or the 12 months ending today. */
export function observationPeriod(model: RepoModel, today: IsoDate): DateRange {
  return model.config?.data.frameworks?.tsc?.period ?? { start: addDays(addMonths(today, -12), 1), end: today };
}

/** Assesses every control once: design, operation window by window, maturity support. */
export function assessControls(model: RepoModel, options: AssessOptions): Map<string, ControlAssessment> {
  const recordsByControl = new Map<string, RecordAssessment[]>();
  for (const record of options.records) {
    const list = recordsByControl.get(record.control);
    if (list) list.push(record);
    else recordsByControl.set(record.control, [record]);
  }
  const out = new Map<string, ControlAssessment>();
  for (const control of model.controls) {
    if (out.has(control.data.id)) continue;
    out.set(control.data.id, assessControl(control, recordsByControl.get(control.data.id) ?? [], options));
  }
  return out;
}

function assessControl(control: Entity<ControlData>, records: RecordAssessment[], options: AssessOptions): ControlAssessment {
  const d = control.data;
  const designIssues = designIssuesOf(d, options);
  const designed = designIssues.length === 0;
  const evidence = (d.evidence ?? []).map((item) => assessItem(item, records, options));
  const exceptions = records.flatMap((r) => r.exceptions);
  const operationIssues = options.type === 'type2' ? operationIssuesOf(d, evidence, exceptions) : [];
  const operating = options.type === 'type2' && designed && operationIssues.length === 0;

  // Maturity 4 means "monitored: evidence collected on schedule"; a claim without that is capped at 3.
  const onSchedule =
    evidence.length > 0 &&
    evidence.every((e) => (options.type === 'type2' ? e.missingWindows.length === 0 && e.recordsInPeriod > 0 : e.records > 0));
  const declared = d.maturity;
  const maturitySupported = declared === undefined || declared < 4 || onSchedule;
  const effectiveMaturity = declared === undefined ? 0 : maturitySupported ? declared : 3;
  const lateStart = options.type === 'type2' && options.period ? lateStartOf(d, evidence, options.period) : undefined;

  return {
    id: d.id,
    title: d.title,
    file: control.source.file,
    line: locate(control.source, ['id']).line,
    status: d.status,
    owner: d.owner,
    ...(d.implemented_on ? { implementedOn: d.implemented_on } : {}),
    designed,
    operating,
    designIssues,
    operationIssues,
    ...(declared !== undefined ? { declaredMaturity: declared } : {}),
    effectiveMaturity,
    maturitySupported,
    evidence,
    exceptions,
    vendors: [...(d.vendors ?? [])],
    ...(lateStart ? { lateStart } : {}),
  };
}

function designIssuesOf(d: ControlData, options: AssessOptions): string[] {
  const issues: string[] = [];
  if (d.status === 'planned') issues.push('status is planned: not in place yet');
  if (d.status === 'retired') issues.push('status is retired');
  if (d.implemented_on && d.implemented_on > options.asOf) issues.push(`implemented on ${d.implemented_on}, after ${options.asOf}`);
  const description = placeholderIn(d.description);
  if (description) issues.push(`its description is a placeholder (${description})`);
  const policies = d.policies ?? [];
  if (!policies.some((p) => options.realPolicies.has(p))) {
    const placeholders = policies.filter((p) => options.placeholderPolicies.has(p));
    issues.push(
      placeholders.length > 0
        ? `carries out no written policy (${placeholders.join(', ')}: required sections are empty or placeholders)`
        : 'carries out no existing policy (policies: is empty or unknown)',
    );
  }
  for (const vendorId of d.vendors ?? []) {
    const vendor = options.vendors.get(vendorId);
    if (!vendor) {
      issues.push(`depends on vendor ${vendorId}, which does not exist under controls/vendors/`);
      continue;
    }
    const standing = vendorStanding(vendor.data, options.asOf);
    if (!standing.vouched) issues.push(`depends on vendor ${vendorId}: ${standing.note}`);
  }
  return issues;
}

function assessItem(item: NonNullable<ControlData['evidence']>[number], records: RecordAssessment[], options: AssessOptions): EvidenceItemState {
  const itemRecords = records.filter((r) => r.evidence === item.id);
  const counting = itemRecords.filter((r) => r.counts);
  const windows =
    options.type === 'type2' && options.period
      ? periodWindows(options.period, item.every, options.asOf, counting.map((r) => ({ file: r.file, covers: r.covers })))
      : [];
  const firstCovered = counting.map((r) => r.covers.start).sort()[0];
  return {
    id: item.id,
    every: item.every,
    records: counting.length,
    recordFiles: counting.map((r) => r.file).sort(),
    rejectedRecords: itemRecords.filter((r) => !r.verifies).length,
    ignoredRecords: itemRecords.filter((r) => r.verifies && r.ignored).map((r) => ({ file: r.file, line: r.line, why: r.ignored! })),
    recordsInPeriod: options.period ? recordsInPeriod(counting, options.period).length : counting.length,
    ...(firstCovered ? { firstCovered } : {}),
    windows,
    dueWindows: windows.filter((w) => w.state !== 'open').map(({ start, end }) => ({ start, end })),
    missingWindows: windows.filter((w) => w.state === 'missing').map(({ start, end }) => ({ start, end })),
    openWindows: windows.filter((w) => w.state === 'open').map(({ start, end }) => ({ start, end })),
  };
}

function operationIssuesOf(d: ControlData, evidence: EvidenceItemState[], exceptions: ExceptionAssessment[]): string[] {
  const issues: string[] = [];
  if (d.status !== 'operating') issues.push(`status is ${d.status}, not operating`);
  if (evidence.length === 0) issues.push('declares no evidence items, so its operation cannot be shown');
  for (const item of evidence) {
    if (item.recordsInPeriod === 0) issues.push(`evidence "${item.id}" (${item.every}) is not yet evidenced: no record shows any of the observation period`);
    if (item.missingWindows.length > 0) issues.push(`evidence "${item.id}" (${item.every}) is missing for ${item.missingWindows.map(rangeText).join(', ')}`);
    if (item.rejectedRecords > 0) issues.push(`evidence "${item.id}" has ${item.rejectedRecords} record(s) whose files do not verify`);
    for (const r of item.ignoredRecords) issues.push(`evidence "${item.id}": ${r.file} shows nothing (${r.why})`);
  }
  for (const x of exceptions) {
    if (x.severity === 'high' && x.open) issues.push(`an unremediated high-severity exception in ${rangeText(x.window)}: ${x.description} [${x.file}:${x.line}]`);
  }
  return issues;
}

function lateStartOf(d: ControlData, evidence: EvidenceItemState[], period: DateRange): string | undefined {
  const threeMonthsBeforeEnd = addMonths(period.end, -3);
  if (d.implemented_on && d.implemented_on > threeMonthsBeforeEnd && d.implemented_on <= period.end) {
    return `implemented on ${d.implemented_on}, less than three months before the observation period ends (${period.end})`;
  }
  const late = evidence.find((e) => e.firstCovered !== undefined && e.dueWindows[0] && e.firstCovered > e.dueWindows[0].end);
  if (late) return `evidence "${late.id}" starts on ${late.firstCovered}, after its first window (${late.dueWindows[0]!.start}..${late.dueWindows[0]!.end}) had ended`;
  return undefined;
}

/** Whether a control counts for a requirement under the report type. */
export function isEffective(control: ControlAssessment, type: ReportType): boolean {
  return type === 'type1' ? control.designed : control.operating;
}
