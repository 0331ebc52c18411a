import { getIsmsClauses } from '@trustops/frameworks';
import type { EvidenceItemState, ReportType } from '../score/assess-controls.js';
import type { FrameworkResult, ReadinessReport, RequirementResult, StatusReason } from '../score/readiness.js';
import { FRAMEWORK_SHORT as FRAMEWORK_LABEL, OWNERSHIP_LABEL, plural } from './labels.js';
import { renderPercent } from './score.js';

export function describeReason(reason: StatusReason): string {
  switch (reason.kind) {
    case 'control': {
      const state = reason.counts ? 'counts' : 'does not count';
      const issues = reason.issues.length ? `: ${reason.issues.join('; ')}` : '';
      return `control ${reason.control} (${reason.status}, maturity ${reason.maturity}) ${state}${issues} [${reason.file}:${reason.line}]`;
    }
    case 'ssrm':
      // In CAIQ's words ("Shared CSP and CSC"), as the CAIQ, the matrices and the site say it.
      return `SSRM: ${OWNERSHIP_LABEL[reason.ownership as keyof typeof OWNERSHIP_LABEL] ?? reason.ownership}${reason.vendor ? ` (vendor ${reason.vendor})` : ''}, ${reason.note} [${reason.file}:${reason.line}]`;
    case 'vendor':
      return `vendor ${reason.vendor}: ${reason.note} [${reason.file}:${reason.line}]`;
    case 'exclusion':
      return `excluded: ${reason.reason} [${reason.file}:${reason.line}]`;
    case 'via-ccm':
      return `inherited: ${reason.note}`;
    case 'placeholder':
      return `${reason.note} [${reason.file}:${reason.line}]`;
    case 'no-control':
      return reason.note;
    case 'policy':
      return `policy ${reason.policy} ${reason.counts ? 'counts' : `does not count: ${reason.issues.join('; ')}`} [${reason.file}:${reason.line}]`;
    case 'risk-register':
      return `the risk register (${plural(reason.risks, 'risk')}) ${reason.counts ? 'counts: every risk reviewed on schedule and treated' : `does not count: ${reason.issues.join('; ')}`} [${reason.file}:${reason.line}]`;
  }
}

/** `trustops explain`: one requirement (in every framework that has it) or one control, with every reason. */
export function renderExplainRequirement(fw: FrameworkResult, r: RequirementResult): string {
  const group = fw.groups.find((g) => g.id === r.group);
  const lines = [
    `${FRAMEWORK_LABEL[fw.key]} ${r.id} ${r.title}`,
    `  group: ${r.group}${group ? ` ${group.name}` : ''}`,
    `  status: ${r.status}`,
    `  maturity: ${r.maturity}`,
    '  because:',
    ...r.reasons.map((reason) => `    - ${describeReason(reason)}`),
  ];
  return `${lines.join('\n')}\n`;
}


/**
 * `trustops explain IAM` (a CCM domain, TSC series or ISO theme; any case): the group's readiness and each
 * of its requirements with its status, for every framework that has such a group.
 */
export function renderExplainGroups(report: ReadinessReport, id: string): string[] {
  const parts: string[] = [];
  for (const fw of Object.values(report.frameworks)) {
    const group = fw?.groups.find((g) => g.id.toLowerCase() === id.toLowerCase());
    if (!fw || !group) continue;
    const requirements = fw.requirements.filter((r) => r.group === group.id);
    const c = group.counts;
    const width = Math.max(...requirements.map((r) => r.id.length));
    const lines = [
      `${FRAMEWORK_LABEL[fw.key]} ${group.id} ${group.name}: ${group.readiness === null ? 'all excluded' : `${renderPercent(group.readiness)} ready`} (${c.met} met, ${c.inherited} inherited, ${c.partial} partial, ${c.gap} gap, ${c.excluded} excluded)`,
      ...requirements.map((r) => `  ${r.id.padEnd(width)}  ${r.status.padEnd(9)}  ${r.title}`),
      `  trustops explain <id> says why, for one of them.`,
    ];
    parts.push(`${lines.join('\n')}\n`);
  }
  return parts;
}

/** `trustops explain <control>`: its design and operation, its evidence windows, and what it counts towards. */
export function renderExplainControl(report: ReadinessReport, id: string): string | undefined {
  const control = report.controls.get(id);
  if (!control) return undefined;
  const lines = [
    `control ${control.id} ${control.title} [${control.file}:${control.line}]`,
    `  status: ${control.status}${control.implementedOn ? ` since ${control.implementedOn}` : ''}; owner ${control.owner}`,
    `  maturity: ${control.declaredMaturity ?? 'not set'} declared, ${control.effectiveMaturity} counted${control.maturitySupported ? '' : ' (claim not backed by evidence on schedule)'}`,
    `  designed (Type I): ${control.designed ? 'yes' : `no: ${control.designIssues.join('; ')}`}`,
    ...(report.type === 'type2' ? [`  operating (Type II): ${control.operating ? 'yes' : `no: ${control.operationIssues.join('; ')}`}`] : []),
    ...control.evidence.flatMap((e) => renderEvidenceItem(e, report.type)),
    ...control.exceptions.map(
      (x) => `  exception (${x.severity}, ${x.open ? 'open' : `remediated ${x.remediatedOn}`}) ${x.window.start}..${x.window.end}: ${x.description} [${x.file}:${x.line}]`,
    ),
    ...(control.vendors.length ? [`  depends on vendors: ${control.vendors.join(', ')}`] : []),
    ...(report.type === 'type2' && control.lateStart ? [`  late start: ${control.lateStart}`] : []),
    '  counts towards:',
  ];
  for (const fw of Object.values(report.frameworks)) {
    for (const r of fw?.requirements ?? []) {
      const reason = r.reasons.find((x) => x.kind === 'control' && x.control === id);
      if (fw && reason) lines.push(`    - ${fw.key} ${r.id} (${r.status}): ${describeReason(reason)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One evidence item: its records and, in the Type II view, each window (✓ covered, ✗ missing, … open, due on its end). */
function renderEvidenceItem(e: EvidenceItemState, type: ReportType): string[] {
  const ignored = e.ignoredRecords.map((r) => `    shows nothing: ${r.file}:${r.line} (${r.why})`);
  if (type === 'type1') return [`  evidence ${e.id} (${e.every}): ${e.records} record(s)`, ...ignored];
  const marks = e.windows.map((w) => `${w.start}..${w.end} ${w.state === 'covered' ? '✓' : w.state === 'missing' ? '✗' : `… due ${w.end}`}`);
  const covered = e.windows.filter((w) => w.state === 'covered').length;
  const ended = e.windows.filter((w) => w.state !== 'open').length;
  return [
    `  evidence ${e.id} (${e.every}): ${e.records} record(s), ${e.recordsInPeriod} in the period, ${covered}/${ended} ended windows covered${e.recordsInPeriod === 0 ? '; not yet evidenced' : ''}`,
    ...(marks.length ? [`    windows: ${marks.join(' · ')}`] : []),
    ...ignored,
  ];
}

/** Every explanation of `id`: the requirement in each framework that has it, and the control of that id. */
export function renderExplain(report: ReadinessReport, id: string): string | undefined {
  const parts: string[] = [];
  const ids = explainIds(id);
  for (const fw of Object.values(report.frameworks)) {
    for (const r of fw?.requirements.filter((x) => ids.has(x.id)) ?? []) if (fw) parts.push(renderExplainRequirement(fw, r));
  }
  const control = renderExplainControl(report, id);
  if (control) parts.push(control);
  if (parts.length === 0) parts.push(...renderExplainGroups(report, id));
  if (parts.length === 0) return undefined;
  const summary = Object.values(report.frameworks)
    .map((f) => (f ? `${f.key} ${renderPercent(f.readiness)}` : ''))
    .join(', ');
  return `${parts.join('\n')}\nreadiness (${report.type}): ${summary}\n`;
}

/**
 * The requirement ids `id` may mean: itself and, for ISO 27001, the clauses it names ("9.2" and "clause
 * 9.2" are internal audit, 9.2.1 and 9.2.2). A number that is also an Annex A id ("8.2") shows both.
 */
function explainIds(id: string): Set<string> {
  const clauses = getIsmsClauses();
  return new Set([id, ...(clauses.resolve(id) ?? []), ...(clauses.isClauseRef(id) ? [] : (clauses.resolve(`clause ${id}`) ?? []))]);
}
