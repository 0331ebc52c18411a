import type { FrameworkKey } from '@trustops/frameworks';
import type { CcmCoverage } from '../score/soa-import.js';
import type { GapGroup } from '../score/gaps.js';
import type { FrameworkResult, ReadinessReport, RequirementResult, StatusReason } from '../score/readiness.js';

/** "82.5%", or "n/a" when nothing is in scope. */
export function formatPercent(value: number | null): string {
  return value === null ? 'n/a' : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

/** A 20-cell bar: one cell per 5%. */
export function renderBar(value: number | null, width = 20): string {
  if (value === null) return '·'.repeat(width);
  const filled = Math.round(value * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

function formatMaturity(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(1);
}

const FRAMEWORK_LABEL: Record<FrameworkKey, string> = { ccm: 'CCM', tsc: 'TSC', iso27001: 'ISO 27001' };

function selected(report: ReadinessReport, only?: FrameworkKey): FrameworkResult[] {
  return Object.values(report.frameworks).filter((f): f is FrameworkResult => f !== undefined && (!only || f.key === only));
}

/** `{"frameworks":{"<key>":{"readiness","groups":[{"id","readiness","maturity"}],"requirements":[{"id","status","reasons"}]}}}` */
export function renderScoreJson(report: ReadinessReport, only?: FrameworkKey): string {
  const frameworks: Record<string, unknown> = {};
  for (const fw of selected(report, only)) {
    frameworks[fw.key] = {
      name: fw.name,
      version: fw.version,
      readiness: fw.readiness,
      counts: fw.counts,
      groups: fw.groups.map((g) => ({ id: g.id, name: g.name, readiness: g.readiness, maturity: g.maturity, counts: g.counts })),
      requirements: fw.requirements.map((r) => ({ id: r.id, title: r.title, group: r.group, status: r.status, maturity: r.maturity, reasons: r.reasons })),
    };
  }
  return `${JSON.stringify({ type: report.type, today: report.today, period: report.period, frameworks }, null, 2)}\n`;
}

function countsLine(fw: FrameworkResult): string {
  const c = fw.counts;
  return `${c.met} met, ${c.inherited} inherited, ${c.partial} partial, ${c.gap} gap, ${c.excluded} excluded`;
}

/** Terminal output: a bar per framework and per group. */
export function renderScoreText(report: ReadinessReport, only?: FrameworkKey): string {
  const lines: string[] = [`Readiness (${report.type === 'type2' ? 'Type II: designed and operating' : 'Type I: designed'}; period ${report.period.start}..${report.period.end}; as of ${report.today})`, ''];
  for (const fw of selected(report, only)) {
    lines.push(`${FRAMEWORK_LABEL[fw.key]} (${fw.name} ${fw.version})  ${renderBar(fw.readiness)} ${formatPercent(fw.readiness).padStart(6)}  ${countsLine(fw)}`);
    const width = Math.max(...fw.groups.map((g) => g.id.length));
    for (const g of fw.groups) {
      lines.push(`  ${g.id.padEnd(width)}  ${renderBar(g.readiness)} ${formatPercent(g.readiness).padStart(6)}  maturity ${formatMaturity(g.maturity)}  ${g.name}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

/** Markdown for PR comments and the audit packet: a table per framework with a bar per group. */
export function renderScoreMarkdown(report: ReadinessReport, only?: FrameworkKey): string {
  const lines: string[] = [
    `## Readiness`,
    '',
    `${report.type === 'type2' ? 'SOC 2 Type II view: controls must be designed **and** operating, with evidence for every ended window' : 'Type I view: controls designed and implemented'} · observation period ${report.period.start} to ${report.period.end} · as of ${report.today}`,
    '',
    '| Framework | Readiness | | Met | Inherited | Partial | Gap | Excluded |',
    '|---|---:|---|---:|---:|---:|---:|---:|',
  ];
  for (const fw of selected(report, only)) {
    const c = fw.counts;
    lines.push(`| ${FRAMEWORK_LABEL[fw.key]} ${fw.version} | ${formatPercent(fw.readiness)} | \`${renderBar(fw.readiness)}\` | ${c.met} | ${c.inherited} | ${c.partial} | ${c.gap} | ${c.excluded} |`);
  }
  for (const fw of selected(report, only)) {
    lines.push('', `### ${FRAMEWORK_LABEL[fw.key]} by ${fw.key === 'ccm' ? 'domain' : fw.key === 'tsc' ? 'series' : 'theme'}`, '', '| Group | Name | Readiness | | Maturity |', '|---|---|---:|---|---:|');
    for (const g of fw.groups) {
      lines.push(`| ${g.id} | ${escapeCell(g.name)} | ${formatPercent(g.readiness)} | \`${renderBar(g.readiness)}\` | ${formatMaturity(g.maturity)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function describeReason(reason: StatusReason): string {
  switch (reason.kind) {
    case 'control': {
      const state = reason.counts ? 'counts' : 'does not count';
      const issues = reason.issues.length ? `: ${reason.issues.join('; ')}` : '';
      return `control ${reason.control} (${reason.status}, maturity ${reason.maturity}) ${state}${issues} [${reason.file}:${reason.line}]`;
    }
    case 'ssrm':
      return `SSRM: ${reason.ownership}${reason.vendor ? ` (vendor ${reason.vendor})` : ''}, ${reason.note} [${reason.file}:${reason.line}]`;
    case 'vendor':
      return `vendor ${reason.vendor}: ${reason.note} [${reason.file}:${reason.line}]`;
    case 'exclusion':
      return `excluded: ${reason.reason} [${reason.file}:${reason.line}]`;
    case 'via-ccm':
      return `inherited: ${reason.note}`;
    case 'no-control':
      return reason.note;
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

export function renderGapsText(groups: readonly GapGroup[]): string {
  if (groups.length === 0) return 'No gaps: every in-scope requirement is met, inherited or excluded.\n';
  const lines: string[] = [];
  for (const g of groups) {
    lines.push(`${FRAMEWORK_LABEL[g.framework]} ${g.id} ${g.name}  ${formatPercent(g.readiness)}`);
    for (const item of g.items) {
      lines.push(`  ${item.status.padEnd(7)} ${item.id} ${item.title}`);
      for (const action of item.actions) lines.push(`          → ${action}`);
      for (const s of item.suggestions) lines.push(`          ? ${s.text}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function renderGapsMarkdown(groups: readonly GapGroup[]): string {
  if (groups.length === 0) return '## Gaps\n\nNo gaps: every in-scope requirement is met, inherited or excluded.\n';
  const lines = ['## Gaps', '', 'Worst group first. → what would close it; ? a control that already covers an equivalent requirement per CSA’s mappings.', ''];
  for (const g of groups) {
    lines.push(`### ${FRAMEWORK_LABEL[g.framework]} ${g.id} ${escapeCell(g.name)} (${formatPercent(g.readiness)})`, '');
    for (const item of g.items) {
      lines.push(`- **${item.id}** ${item.title}: ${item.status}`);
      for (const action of item.actions) lines.push(`  - → ${action}`);
      for (const s of item.suggestions) lines.push(`  - ? ${s.text}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

export function renderCoverageText(coverage: CcmCoverage, file: string): string {
  const label = coverage.source === 'iso27001' ? 'ISO 27001 Statement of Applicability' : 'SOC 2 control matrix (TSC)';
  const lines = [
    `${label} ${file} against CCM ${coverage.ccmVersion}, through CSA's mapping:`,
    `  ${renderBar(coverage.coverage)} ${formatPercent(coverage.coverage)} of CCM already addressed (${coverage.addressed} addressed, ${coverage.partial} partially, ${coverage.notAddressed} not, of ${coverage.total})`,
    '',
    'Remaining gaps by domain (least covered first):',
  ];
  for (const d of coverage.domains) {
    lines.push(`  ${d.id.padEnd(4)} ${renderBar(d.coverage)} ${formatPercent(d.coverage).padStart(6)}  ${d.name}`);
    for (const item of d.remaining) {
      const targets = item.targets.length ? item.targets.map((t) => `${t.id}${t.implemented ? '✓' : '✗'}`).join(' ') : 'no mapped requirement';
      lines.push(`        ${item.status === 'partial' ? 'partial' : 'missing'} ${item.id} ${item.title} (${item.gapLevel}; ${targets})`);
    }
  }
  for (const p of coverage.problems) lines.push(`${file}:${p.line}: ${p.message}`);
  return `${lines.join('\n')}\n`;
}
