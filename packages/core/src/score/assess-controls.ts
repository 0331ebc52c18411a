import { addMonths, addDays, type IsoDate } from '../model/dates.js';
import { resolveEvidencePath, type EvidenceFileFacts } from '../model/evidence-files.js';
import type { Entity, RepoModel } from '../load/load-repo.js';
import { locate } from '../load/yaml-source.js';
import type { ControlData, EvidenceRecordData, Frequency } from '../schemas/types.js';
import { dueWindows, uncoveredWindows, type DateRange } from './windows.js';

/** type1: controls designed at a point in time; type2: also operating across the observation period. */
export type ReportType = 'type1' | 'type2';

export interface EvidenceItemState {
  id: string;
  every: Frequency;
  /** Records of this item whose files all verify (exist, inside evidence/, digest matches). */
  records: number;
  /** Records that do not count because a file is missing, tampered or outside evidence/. */
  rejectedRecords: number;
  firstCovered?: IsoDate;
  dueWindows: DateRange[];
  missingWindows: DateRange[];
}

export interface ControlAssessment {
  id: string;
  title: string;
  file: string;
  line: number;
  status: ControlData['status'];
  owner: string;
  implementedOn?: IsoDate;
  /** Type I: implemented (or operating), described, and carrying out at least one existing policy. */
  designed: boolean;
  /** Type II: designed, operating, with evidence items whose every due window is covered. */
  operating: boolean;
  /** Why it is not designed / not operating, in words. */
  designIssues: string[];
  operationIssues: string[];
  declaredMaturity?: number;
  /** Declared maturity, capped at 3 when a claim of 4 or 5 is not backed by evidence on schedule. */
  effectiveMaturity: number;
  maturitySupported: boolean;
  evidence: EvidenceItemState[];
  /** Set when the control went live, or its evidence began, too late for the observation period. */
  lateStart?: string;
}

export interface AssessOptions {
  today: IsoDate;
  /** The Type II observation period; without one, the 12 months up to today. */
  period: DateRange;
  evidenceFiles: ReadonlyMap<string, EvidenceFileFacts>;
  policyIds: ReadonlySet<string>;
}

/** The observation period from compliance.yaml, or the 12 months ending today. */
export function observationPeriod(model: RepoModel, today: IsoDate): DateRange {
  return model.config?.data.frameworks?.tsc?.period ?? { start: addDays(addMonths(today, -12), 1), end: today };
}

/** Assesses every control once: design, operation window by window, maturity support. */
export function assessControls(model: RepoModel, options: AssessOptions): Map<string, ControlAssessment> {
  const recordsByControl = new Map<string, Entity<EvidenceRecordData>[]>();
  for (const record of model.evidence) {
    const list = recordsByControl.get(record.data.control);
    if (list) list.push(record);
    else recordsByControl.set(record.data.control, [record]);
  }
  const out = new Map<string, ControlAssessment>();
  for (const control of model.controls) {
    if (out.has(control.data.id)) continue;
    out.set(control.data.id, assessControl(control, recordsByControl.get(control.data.id) ?? [], options));
  }
  return out;
}

function recordVerifies(record: Entity<EvidenceRecordData>, facts: ReadonlyMap<string, EvidenceFileFacts>): boolean {
  const files = record.data.files ?? [];
  if (files.length === 0) return Boolean(record.data.uri && record.data.sha256);
  return files.every((f) => {
    const resolved = resolveEvidencePath(record.source.file, f.path);
    if (!('repoPath' in resolved)) return false;
    const fact = facts.get(resolved.repoPath);
    return fact?.kind === 'file' && fact.sha256 === f.sha256;
  });
}

function assessControl(
  control: Entity<ControlData>,
  records: Entity<EvidenceRecordData>[],
  { today, period, evidenceFiles, policyIds }: AssessOptions,
): ControlAssessment {
  const d = control.data;
  const designIssues: string[] = [];
  if (d.status === 'planned') designIssues.push('status is planned: not in place yet');
  if (d.status === 'retired') designIssues.push('status is retired');
  const policies = (d.policies ?? []).filter((p) => policyIds.has(p));
  if (policies.length === 0) designIssues.push('carries out no existing policy (policies: is empty or unknown)');
  const designed = designIssues.length === 0;

  const evidence: EvidenceItemState[] = (d.evidence ?? []).map((item) => {
    const itemRecords = records.filter((r) => r.data.evidence === item.id);
    const valid = itemRecords.filter((r) => recordVerifies(r, evidenceFiles));
    const covers = valid.map((r) => r.data.covers);
    const due = dueWindows(period, item.every, today);
    const firstCovered = covers.map((c) => c.start).sort()[0];
    return {
      id: item.id,
      every: item.every,
      records: valid.length,
      rejectedRecords: itemRecords.length - valid.length,
      ...(firstCovered ? { firstCovered } : {}),
      dueWindows: due,
      missingWindows: uncoveredWindows(due, covers),
    };
  });

  const operationIssues: string[] = [];
  if (d.status !== 'operating') operationIssues.push(`status is ${d.status}, not operating`);
  if (evidence.length === 0) operationIssues.push('declares no evidence items, so its operation cannot be shown');
  for (const item of evidence) {
    if (item.missingWindows.length > 0) {
      operationIssues.push(
        `evidence "${item.id}" (${item.every}) is missing for ${item.missingWindows.map((w) => `${w.start}..${w.end}`).join(', ')}`,
      );
    }
    if (item.every === 'per-event' && item.records === 0) operationIssues.push(`evidence "${item.id}" (per-event) has no record yet`);
    if (item.rejectedRecords > 0) operationIssues.push(`evidence "${item.id}" has ${item.rejectedRecords} record(s) whose files do not verify`);
  }
  const operating = designed && operationIssues.length === 0;

  // Maturity 4 means "monitored: evidence collected on schedule"; a claim without that is capped at 3.
  const onSchedule = evidence.length > 0 && evidence.every((e) => e.missingWindows.length === 0 && (e.dueWindows.length > 0 || e.records > 0));
  const declared = d.maturity;
  const maturitySupported = declared === undefined || declared < 4 || onSchedule;
  const effectiveMaturity = declared === undefined ? 0 : maturitySupported ? declared : 3;

  let lateStart: string | undefined;
  const threeMonthsBeforeEnd = addMonths(period.end, -3);
  if (d.implemented_on && d.implemented_on > threeMonthsBeforeEnd && d.implemented_on <= period.end) {
    lateStart = `implemented on ${d.implemented_on}, less than three months before the observation period ends (${period.end})`;
  } else {
    const late = evidence.find((e) => e.firstCovered !== undefined && e.dueWindows[0] && e.firstCovered > e.dueWindows[0].end);
    if (late) lateStart = `evidence "${late.id}" starts on ${late.firstCovered}, after its first window (${late.dueWindows[0]!.start}..${late.dueWindows[0]!.end}) had ended`;
  }

  const pos = locate(control.source, ['id']);
  return {
    id: d.id,
    title: d.title,
    file: control.source.file,
    line: pos.line,
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
    ...(lateStart ? { lateStart } : {}),
  };
}

/** Whether a control counts for a requirement under the report type. */
export function isEffective(control: ControlAssessment, type: ReportType): boolean {
  return type === 'type1' ? control.designed : control.operating;
}
