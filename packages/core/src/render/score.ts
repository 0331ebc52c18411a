import type { FrameworkKey } from '@trustops/frameworks';
import { catalogName, FRAMEWORK_SHORT as FRAMEWORK_LABEL, GROUP_NOUN, renderView } from './labels.js';
import type { FrameworkResult, ReadinessReport, RequirementResult, StatusReason } from '../score/readiness.js';
import { stringifyJsonChunks } from './json-chunks.js';

/** "82.5%", or "n/a" when nothing is in scope. */
export function renderPercent(value: number | null): string {
  return value === null ? 'n/a' : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

/** A 20-cell bar: one cell per 5%. */
export function renderBar(value: number | null, width = 20): string {
  if (value === null) return '·'.repeat(width);
  const filled = Math.round(value * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

export function renderMaturity(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(1);
}


function selected(report: ReadinessReport, only?: FrameworkKey): FrameworkResult[] {
  return Object.values(report.frameworks).filter((f): f is FrameworkResult => f !== undefined && (!only || f.key === only));
}

/** `{"frameworks":{"<key>":{"readiness","groups":[{"id","readiness","maturity"}],"requirements":[{"id","status","reasons"}]}}}` */
export function renderScoreJson(report: ReadinessReport, only?: FrameworkKey): string {
  return [...renderScoreJsonChunks(report, only)].join('');
}

/** renderScoreJson in pieces (see stringifyJsonChunks): the CLI writes a large report without holding it whole. */
export function renderScoreJsonChunks(report: ReadinessReport, only?: FrameworkKey): Generator<string> {
  const frameworks: Record<string, unknown> = {};
  for (const fw of selected(report, only)) {
    frameworks[fw.key] = {
      name: fw.name,
      version: fw.version,
      readiness: fw.readiness,
      counts: fw.counts,
      groups: fw.groups.map((g) => ({ id: g.id, name: g.name, readiness: g.readiness, maturity: g.maturity, maturityOf: g.maturityOf, counts: g.counts })),
      requirements: fw.requirements.map((r) => ({ id: r.id, title: r.title, group: r.group, status: r.status, maturity: r.maturity, reasons: r.reasons })),
    };
  }
  // Taken apart down to each requirement (frameworks.<key>.requirements.<i>, level 4): one framework's
  // requirements in one piece were 3 MB at 10,000 controls, a string that V8 puts straight into the old
  // generation (as any over 128 KB), and its re-indented copy another.
  return stringifyJsonChunks(
    {
      type: report.type,
      today: report.today,
      asOf: report.asOf,
      ...(report.period ? { period: report.period, periodConfigured: report.periodConfigured } : {}),
      frameworks,
      controls: renderControlsJson(report),
      exceptions: report.exceptions,
    },
    5,
  );
}

function countsLine(fw: FrameworkResult): string {
  const c = fw.counts;
  return `${c.met} met, ${c.inherited} inherited, ${c.partial} partial, ${c.gap} gap, ${c.excluded} excluded`;
}

/** Terminal output: a bar per framework and per group. */
export function renderScoreText(report: ReadinessReport, only?: FrameworkKey): string {
  const lines: string[] = [`Readiness: ${renderView(report)}`, ''];
  for (const fw of selected(report, only)) {
    lines.push(`${FRAMEWORK_LABEL[fw.key]} (${catalogName(fw.name, fw.version)})  ${renderBar(fw.readiness)} ${renderPercent(fw.readiness).padStart(6)}  ${countsLine(fw)}`);
    const width = Math.max(...fw.groups.map((g) => g.id.length));
    for (const g of fw.groups) {
      lines.push(`  ${g.id.padEnd(width)}  ${renderBar(g.readiness)} ${renderPercent(g.readiness).padStart(6)}  maturity ${renderMaturity(g.maturity)} (N=${g.maturityOf})  ${g.name}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

/** Markdown for PR comments and the audit packet: a table per framework with a bar per group. */
export function renderScoreMarkdown(report: ReadinessReport, only?: FrameworkKey): string {
  const groups = renderScoreGroupsMarkdown(report, only);
  return groups ? `${renderScoreOverviewMarkdown(report, only)}\n${groups}` : renderScoreOverviewMarkdown(report, only);
}

/** The heading, the view line and one row per framework. */
export function renderScoreOverviewMarkdown(report: ReadinessReport, only?: FrameworkKey, heading = '## Readiness'): string {
  const lines: string[] = [
    heading,
    '',
    renderView(report, true),
    '',
    '| Framework | Readiness | | Met | Inherited | Partial | Gap | Excluded |',
    '|---|---:|---|---:|---:|---:|---:|---:|',
  ];
  for (const fw of selected(report, only)) {
    const c = fw.counts;
    lines.push(`| ${FRAMEWORK_LABEL[fw.key]} ${fw.version} | ${renderPercent(fw.readiness)} | \`${renderBar(fw.readiness)}\` | ${c.met} | ${c.inherited} | ${c.partial} | ${c.gap} | ${c.excluded} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** One table per framework: readiness and maturity per domain, series or theme. */
export function renderScoreGroupsMarkdown(report: ReadinessReport, only?: FrameworkKey, level = 3): string {
  const lines: string[] = [];
  for (const fw of selected(report, only)) {
    lines.push(
      '',
      `${'#'.repeat(level)} ${FRAMEWORK_LABEL[fw.key]} by ${GROUP_NOUN[fw.key]}`,
      '',
      '| Group | Name | Readiness | | Met | Inherited | Partial | Gap | Maturity (N) |',
      '|---|---|---:|---|---:|---:|---:|---:|---:|',
    );
    for (const g of fw.groups) {
      const c = g.counts;
      lines.push(
        `| ${g.id} | ${escapeCell(g.name)} | ${renderPercent(g.readiness)} | \`${renderBar(g.readiness)}\` | ${c.met} | ${c.inherited} | ${c.partial} | ${c.gap} | ${renderMaturity(g.maturity)} (${g.maturityOf}) |`,
      );
    }
  }
  return lines.length ? `${lines.slice(1).join('\n')}\n` : '';
}

export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** Per control: design, operation, every evidence window, the records that show nothing and why. */
function renderControlsJson(report: ReadinessReport): Record<string, unknown>[] {
  const type2 = report.type === 'type2';
  return [...report.controls.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => ({
      id: c.id,
      title: c.title,
      owner: c.owner,
      file: c.file,
      line: c.line,
      status: c.status,
      designed: c.designed,
      designIssues: c.designIssues,
      ...(type2 ? { operating: c.operating, operationIssues: c.operationIssues } : {}),
      maturity: { declared: c.declaredMaturity ?? null, counted: c.effectiveMaturity },
      // Per evidence item: the records that count (their files), and in the Type II view the windows that
      // have ended (due), those of them no record covers (missing) and the one in progress (open).
      evidence: c.evidence.map((e) => ({
        id: e.id,
        every: e.every,
        records: e.records,
        recordFiles: e.recordFiles,
        rejectedRecords: e.rejectedRecords,
        ignoredRecords: e.ignoredRecords,
        ...(type2
          ? { recordsInPeriod: e.recordsInPeriod, windowsDue: e.dueWindows.length, windowsMissing: e.missingWindows, windowsOpen: e.openWindows, windows: e.windows }
          : {}),
      })),
      deviations: c.exceptions.length,
      vendors: c.vendors,
      ...(c.lateStart ? { lateStart: c.lateStart } : {}),
    }));
}
