import type { RepoModel } from '../load/load-repo.js';
import { locate } from '../load/yaml-source.js';
import { addFrequency, rangeText, type DateRange, type IsoDate } from '../model/dates.js';
import { compareText } from '../model/findings.js';
import { requiredCoverage, vendorCoverage } from '../model/vendors.js';
import type { ReadinessReport } from './readiness.js';

/** What is due: evidence of a window, a review, an attestation or acceptance to renew. */
export type DueKind = 'evidence' | 'policy-review' | 'vendor-review' | 'vendor-attestation' | 'vendor-coverage' | 'risk-review' | 'risk-acceptance';

/** One line of the PBC ("prepared by client") list: what is due, from whom, by when. */
export interface DueItem {
  kind: DueKind;
  /** The date it is due by. */
  due: IsoDate;
  /** Due before the date of the list. */
  overdue: boolean;
  /** The control, policy, vendor or risk it is about. */
  subject: string;
  /** What to provide, in words. */
  what: string;
  /** Who provides it: the owner of the control, policy or risk, the vendor, the last reviewer. */
  from: string;
  file: string;
  line: number;
  /** Evidence: the window it is for. */
  window?: DateRange;
}

export interface DueList {
  today: IsoDate;
  /** The horizon: items due up to this date are listed, and everything overdue. */
  until: IsoDate;
  items: DueItem[];
  counts: { overdue: number; due: number };
}

/**
 * The PBC list on `today` up to `until`: evidence windows still open or missed (Type II), evidence items
 * with no record in the period, policy, vendor and risk reviews, risk acceptances that expire, and vendor
 * reports or bridge letters the observation period still needs. Pure: the dates come from the files and
 * the readiness report.
 */
export function computeDue(model: RepoModel, readiness: ReadinessReport, options: { today: IsoDate; until: IsoDate }): DueList {
  const { today, until } = options;
  const items: DueItem[] = [
    ...evidenceItems(readiness, today),
    ...policyItems(model, today),
    ...vendorItems(model, readiness, today),
    ...riskItems(readiness, today),
  ].filter((i) => i.overdue || i.due <= until);
  items.sort((a, b) => compareText(a.due, b.due) || compareText(a.kind, b.kind) || compareText(a.subject, b.subject) || compareText(a.what, b.what));
  const overdue = items.filter((i) => i.overdue).length;
  return { today, until, items, counts: { overdue, due: items.length - overdue } };
}

function evidenceItems(readiness: ReadinessReport, today: IsoDate): DueItem[] {
  if (readiness.type !== 'type2' || !readiness.period) return [];
  const period = readiness.period;
  const out: DueItem[] = [];
  for (const c of readiness.controls.values()) {
    if (c.status !== 'operating' && c.status !== 'implemented') continue;
    for (const e of c.evidence) {
      const base = { kind: 'evidence' as const, subject: c.id, from: c.owner, file: c.file, line: c.line };
      const none = e.recordsInPeriod === 0 ? '; no record of it shows any of the period yet' : '';
      for (const w of e.missingWindows) out.push({ ...base, due: w.end, overdue: true, window: w, what: `${e.id} (${e.every}) for ${rangeText(w)}: the window ended without a record${none}` });
      for (const w of e.openWindows) out.push({ ...base, due: w.end, overdue: w.end < today, window: w, what: `${e.id} (${e.every}) for ${rangeText(w)}${none}` });
      if (e.windows.length === 0 && e.recordsInPeriod === 0) {
        // per-event items have no windows: one record in the period is still needed.
        out.push({ ...base, due: period.end, overdue: period.end < today, what: `${e.id} (${e.every}): no record shows any of the period ${rangeText(period)}` });
      }
    }
  }
  return out;
}

function policyItems(model: RepoModel, today: IsoDate): DueItem[] {
  const out: DueItem[] = [];
  for (const p of firstById(model.policies)) {
    const d = p.data;
    const since = d.last_reviewed ?? d.effective;
    const every = d.review_every ?? 'annual';
    const due = since ? addFrequency(since, every) : undefined;
    if (!due) continue;
    out.push({
      kind: 'policy-review',
      due,
      overdue: due < today,
      subject: d.id,
      what: `${every} review of ${d.id} ${d.title} (${d.last_reviewed ? 'last reviewed' : 'effective'} ${since})`,
      from: d.owner,
      file: p.source.file,
      line: locate(p.source, [d.last_reviewed ? 'last_reviewed' : 'effective']).line,
    });
  }
  return out;
}

function vendorItems(model: RepoModel, readiness: ReadinessReport, today: IsoDate): DueItem[] {
  const out: DueItem[] = [];
  const relied = new Set(
    model.responsibilities.flatMap((r) =>
      Object.values(r.data.assignments).flatMap((a) => (a?.vendor && (a.ownership === 'third-party-outsourced' || a.ownership === 'shared-csp-third-party') ? [a.vendor] : [])),
    ),
  );
  for (const v of firstById(model.vendors)) {
    const d = v.data;
    const standing = readiness.vendors.get(d.id);
    const at = (path: (string | number)[]) => ({ file: v.source.file, line: locate(v.source, path).line });
    const reviews = (d.reviews ?? []).filter((r) => r.on && r.outcome !== 'rejected').sort((a, b) => compareText(b.on, a.on));
    const latest = reviews[0];
    if (latest) {
      const due = addFrequency(latest.on, d.review_every ?? 'annual');
      if (due) out.push({ kind: 'vendor-review', due, overdue: due < today, subject: d.id, what: `${d.review_every ?? 'annual'} review of ${d.name} (last reviewed ${latest.on})`, from: latest.by, ...at(['reviews', (d.reviews ?? []).indexOf(latest)]) });
    }
    if (standing?.attestation?.until) {
      const index = standing.attestation.index;
      out.push({
        kind: 'vendor-attestation',
        due: standing.attestation.until,
        overdue: standing.attestation.until < today,
        subject: d.id,
        what: `the next ${ATTESTATION_LABEL[standing.attestation.type] ?? standing.attestation.type} of ${d.name}, reviewed: the one relied on is current until ${standing.attestation.until}`,
        from: d.name,
        ...at(['attestations', index]),
      });
    }
    // Type II: the days of the whole period no reviewed report or bridge letter covers, for the vendors the SSRM relies on.
    const period = readiness.type === 'type2' ? readiness.period : undefined;
    const span = period ? requiredCoverage(period, period.end) : undefined;
    if (!span || !relied.has(d.id)) continue;
    for (const gap of vendorCoverage(d, span).gaps) {
      out.push({
        kind: 'vendor-coverage',
        due: gap.start,
        overdue: gap.start < today,
        subject: d.id,
        what: `a SOC 2 Type II report or bridge letter of ${d.name} covering ${rangeText(gap)} of the observation period`,
        from: d.name,
        ...at(['id']),
      });
    }
  }
  return out;
}

const ATTESTATION_LABEL: Readonly<Record<string, string>> = {
  'soc2-type1': 'SOC 2 report',
  'soc2-type2': 'SOC 2 Type II report',
  'bridge-letter': 'SOC 2 Type II report or bridge letter',
  iso27001: 'ISO 27001 certificate',
  'csa-star-level1': 'CSA STAR Level 1 entry',
  'csa-star-level2': 'CSA STAR Level 2 certificate',
  other: 'attestation',
};

function riskItems(readiness: ReadinessReport, today: IsoDate): DueItem[] {
  const out: DueItem[] = [];
  for (const r of readiness.risks.risks) {
    const base = { subject: r.id, file: r.file, line: r.line };
    if (r.reviewDue) out.push({ ...base, kind: 'risk-review', due: r.reviewDue, overdue: r.reviewDue < today, what: `${r.reviewEvery} review of ${r.id} ${r.title} (last reviewed ${r.lastReviewed})`, from: r.owner });
    else if (!r.lastReviewed) out.push({ ...base, kind: 'risk-review', due: today, overdue: true, what: `review of ${r.id} ${r.title}: it has never been reviewed`, from: r.owner });
    const until = r.acceptance?.until;
    if (until) out.push({ ...base, kind: 'risk-acceptance', due: until, overdue: until < today, what: `renewal or end of the acceptance of ${r.id} ${r.title} (residual ${r.residual ?? '?'}; accepted by ${r.acceptance?.by ?? 'no one'})`, from: r.acceptance?.by ?? r.owner });
  }
  return out;
}

function firstById<T extends { data: { id: string } }>(entities: readonly T[]): T[] {
  const seen = new Set<string>();
  return entities.filter((e) => !seen.has(e.data.id) && Boolean(seen.add(e.data.id)));
}
