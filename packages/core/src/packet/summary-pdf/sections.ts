import { FRAMEWORK_KEYS } from '@trustops/frameworks';
import { compareText, SEVERITY_ORDER, sortFindings, type Finding, type Severity } from '../../model/findings.js';
import { FRAMEWORK_REPORT as FRAMEWORK_LABEL, plural, REQUIREMENT_NOUN } from '../../render/labels.js';
import type { FrameworkResult, RequirementResult } from '../../score/readiness.js';
import { renderPercent } from '../../render/score.js';
import { describeMaturity } from '../charts.js';
import type { PacketFileEntry, PacketInput } from '../packet-input.js';
import { groupDigits, reportTypeLabel, shortCommit } from './text.js';
import { BOLD, MUTED, type Cell, type Column, type Writer } from './writer.js';

/**
 * The numbered sections of summary.pdf, each starting where the caller puts it: scope, readiness,
 * exceptions, open findings and the files of the packet. Long lists are cut (see the limits below) so
 * that the summary stays a few pages; the spreadsheet, manifest.json and `trustops check` have the rest.
 */

/** The numbered sections, in order, as their headings and the contents on the title page name them. */
export const SECTION_TITLES = {
  scope: '1  Scope',
  readiness: '2  Readiness',
  exceptions: '3  Gaps and partial requirements',
  deviations: '4  Deviations',
  pbc: '5  Due (PBC list)',
  findings: '6  Open findings',
  files: '7  Files in this packet',
} as const;

/** How many rows a long list shows before "and N more". */
const MAX_PARTIAL_ROWS = 40;
const MAX_GAP_IDS_PER_GROUP = 60;
const MAX_FINDING_ROWS = 60;
const MAX_FINDINGS_PER_RULE = 10;

// ---------------------------------------------------------------- scope

const TSC_CATEGORY: Record<string, string> = {
  security: 'Security',
  availability: 'Availability',
  processing_integrity: 'Processing Integrity',
  confidentiality: 'Confidentiality',
  privacy: 'Privacy',
};

export function scopeSection(pdf: Writer, input: PacketInput): void {
  const config = input.model.config?.data;
  pdf.heading(SECTION_TITLES.scope);
  pdf.paragraph(
    `What compliance.yaml puts in scope at commit ${shortCommit(input.meta.commit)}. Excluded requirements are left out of every readiness figure.`,
    { color: MUTED },
  );

  const rows: Cell[][] = [];
  for (const key of FRAMEWORK_KEYS) {
    const fw = input.scope.frameworks[key];
    if (!fw) continue;
    const details: string[] = [];
    if (key === 'ccm') {
      const ccm = config?.frameworks?.ccm;
      if (ccm?.star_level) details.push(`CSA STAR Level ${ccm.star_level}`);
      details.push(ccm?.lite ? 'CCM-Lite controls only' : 'all controls');
    } else if (key === 'tsc') {
      const tsc = config?.frameworks?.tsc;
      const categories = ['security', ...(tsc?.categories ?? []).filter((c) => c !== 'security')];
      details.push(`Categories: ${categories.map((c) => TSC_CATEGORY[c] ?? c).join(', ')}`);
      details.push(input.readiness.period ? `SOC 2 Type II, observation period ${input.readiness.period.start} to ${input.readiness.period.end}` : `SOC 2 Type I, as of ${input.readiness.asOf}`);
    } else {
      details.push('Annex A (themes 5 to 8)');
    }
    const excluded = fw.excluded.size;
    rows.push([
      `${fw.catalog.name}`,
      fw.catalog.version,
      `${fw.applicable.size} ${REQUIREMENT_NOUN[key]}${excluded ? `, ${excluded} excluded` : ''}`,
      details.join('; '),
    ]);
  }
  pdf.heading('Frameworks', 2);
  if (rows.length) {
    pdf.table(
      [
        { header: 'Framework', width: 150 },
        { header: 'Version', width: 55 },
        { header: 'In scope', width: 100 },
        { header: 'Details', width: 190 },
      ],
      rows,
    );
  } else {
    pdf.paragraph('No framework is in scope.');
  }

  const { period } = input.readiness;
  pdf.heading(period ? 'Report type and observation period' : 'Report type', 2);
  pdf.paragraph(
    period
      ? `${reportTypeLabel(input.readiness.type)}. Observation period ${period.start} to ${period.end}` +
          `${input.readiness.periodConfigured ? ' (frameworks.tsc.period)' : ' (none configured: the 12 months up to the scoring date)'}; scored as of ${input.readiness.today}.`
      : `${reportTypeLabel(input.readiness.type)}, as of ${input.readiness.asOf}${config?.frameworks?.tsc?.as_of ? ' (frameworks.tsc.as_of)' : ''}.`,
  );

  pdf.heading('Exclusions', 2);
  const exclusions = config?.exclusions ?? [];
  if (exclusions.length) {
    pdf.table(
      [
        { header: 'Framework', width: 80 },
        { header: 'Requirement', width: 80 },
        { header: 'Reason', width: 335 },
      ],
      exclusions.map((e) => [FRAMEWORK_LABEL[e.framework], e.id, e.reason]),
    );
  } else {
    pdf.paragraph('No requirement is excluded.');
  }

  const attributions = FRAMEWORK_KEYS.map((k) => input.scope.frameworks[k]?.catalog.attribution).filter((a): a is string => Boolean(a));
  if (attributions.length) {
    pdf.heading('Sources', 2);
    for (const a of attributions) pdf.paragraph(a, { size: 8.5, color: MUTED, gap: 3 });
  }
}

// ---------------------------------------------------------------- readiness

export function frameworkResults(input: PacketInput): FrameworkResult[] {
  return FRAMEWORK_KEYS.map((k) => input.readiness.frameworks[k]).filter((f): f is FrameworkResult => f !== undefined);
}

export function readinessColumns(): Column[] {
  return [
    { header: 'Framework', width: 125 },
    { header: 'Readiness', width: 55, align: 'right' },
    { header: '', width: 85, bar: true },
    { header: 'Met', width: 38, align: 'right' },
    { header: 'Inherited', width: 48, align: 'right' },
    { header: 'Partial', width: 42, align: 'right' },
    { header: 'Gap', width: 38, align: 'right' },
    { header: 'Excluded', width: 50, align: 'right' },
  ];
}

export function readinessRow(fw: FrameworkResult): Cell[] {
  const c = fw.counts;
  return [`${FRAMEWORK_LABEL[fw.key]} ${fw.version}`, renderPercent(fw.readiness), { stack: c }, `${c.met}`, `${c.inherited}`, `${c.partial}`, `${c.gap}`, `${c.excluded}`];
}

export function readinessSection(pdf: Writer, input: PacketInput): void {
  pdf.heading(SECTION_TITLES.readiness);
  pdf.paragraph(
    `${reportTypeLabel(input.readiness.type)}, as of ${input.readiness.asOf}. Readiness = (met + inherited + partial / 2) / (requirements in scope - excluded). ` +
      'The bars stack met, inherited, partial and gap requirements; excluded ones are left out. ' +
      "A requirement's maturity is the lowest counted level (0 not performed ... 5 optimised) of its controls; a group's is the mean over its N requirements that are neither excluded nor inherited, shown as mean (N=...). " +
      `A claim of 4 or 5 counts only when the evidence is ${input.readiness.type === 'type2' ? 'on schedule' : 'there'}. The rules are in docs/scoring.md of trustops.`,
    { color: MUTED },
  );
  const frameworks = frameworkResults(input);
  if (!frameworks.length) {
    pdf.paragraph('No framework is in scope.');
    return;
  }
  pdf.table(readinessColumns(), frameworks.map(readinessRow));
  pdf.legend();

  for (const fw of frameworks) {
    const noun = fw.key === 'ccm' ? 'domain' : fw.key === 'tsc' ? 'series' : 'theme';
    pdf.heading(`${FRAMEWORK_LABEL[fw.key]} ${fw.version} by ${noun}${fw.key === 'ccm' ? ', with maturity' : ''}`, 2);
    pdf.table(
      [
        { header: fw.key === 'ccm' ? 'Domain' : fw.key === 'tsc' ? 'Series' : 'Theme', width: 42, font: BOLD },
        { header: 'Name', width: 138 },
        { header: 'Readiness', width: 50, align: 'right' },
        { header: '', width: 70, bar: true },
        { header: 'Met', width: 28, align: 'right' },
        { header: 'Inh.', width: 28, align: 'right' },
        { header: 'Part.', width: 28, align: 'right' },
        { header: 'Gap', width: 28, align: 'right' },
        { header: 'Maturity', width: 60, align: 'right' },
      ],
      fw.groups.map((g) => [
        g.id,
        g.name,
        renderPercent(g.readiness),
        { stack: g.counts },
        `${g.counts.met}`,
        `${g.counts.inherited}`,
        `${g.counts.partial}`,
        `${g.counts.gap}`,
        describeMaturity(g),
      ]),
      { size: 8 },
    );
    pdf.legend();
  }
}

// ---------------------------------------------------------------- exceptions

export function exceptionsSection(pdf: Writer, input: PacketInput): void {
  pdf.heading(SECTION_TITLES.exceptions);
  pdf.paragraph(
    (input.readiness.type === 'type2'
      ? 'Partial: some of the controls mapped to the requirement count and others do not, or all are designed but not all operating (a missing evidence window, no record in the observation period, an open high-severity deviation), ' +
        'or a third party it depends on has no current, reviewed attestation covering the period. '
      : 'Partial: some of the controls mapped to the requirement are designed and implemented and others are not, or a third party it depends on has no current, reviewed attestation. ') +
      'Gap: no control maps to it, or none is beyond planned. The packet spreadsheet lists every requirement with all its reasons.',
    { color: MUTED },
  );
  const frameworks = frameworkResults(input);
  let any = false;
  for (const fw of frameworks) {
    const partial = fw.requirements.filter((r) => r.status === 'partial');
    const gaps = fw.requirements.filter((r) => r.status === 'gap');
    if (!partial.length && !gaps.length) continue;
    any = true;
    pdf.heading(`${FRAMEWORK_LABEL[fw.key]} ${fw.version}: ${partial.length} partial, ${gaps.length} gap`, 2);
    if (partial.length) {
      const shown = partial.slice(0, MAX_PARTIAL_ROWS);
      pdf.table(
        [
          { header: 'Requirement', width: 62, font: BOLD },
          { header: 'Title', width: 150 },
          { header: 'Why it is partial', width: 283 },
        ],
        [...shown.map((r) => [r.id, r.title, partialReason(r)]), ...(partial.length > shown.length ? [['', `and ${partial.length - shown.length} more`, 'see the packet spreadsheet']] : [])],
      );
    }
    if (gaps.length) {
      const groupName = new Map(fw.groups.map((g) => [g.id, g.name]));
      const byGroup = new Map<string, RequirementResult[]>();
      for (const r of gaps) {
        const list = byGroup.get(r.group);
        if (list) list.push(r);
        else byGroup.set(r.group, [r]);
      }
      pdf.table(
        [
          { header: 'Gap in', width: 130 },
          { header: 'Requirements no control carries (none maps, or all are planned)', width: 365 },
        ],
        [...byGroup].map(([group, list]) => {
          const ids = list.slice(0, MAX_GAP_IDS_PER_GROUP).map((r) => r.id);
          const rest = list.length - ids.length;
          return [`${group} ${groupName.get(group) ?? ''} (${list.length})`, `${ids.join(', ')}${rest > 0 ? `, and ${rest} more` : ''}`];
        }),
      );
    }
  }
  if (!any) pdf.paragraph('None: every requirement in scope is met, inherited or excluded.');
}

/** The first things that keep a partial requirement from being met, from its reasons. */
function partialReason(r: RequirementResult): string {
  const why: string[] = [];
  for (const reason of r.reasons) {
    if (reason.kind === 'control' && !reason.counts) {
      why.push(`${reason.control}: ${reason.issues.length ? reason.issues.join('; ') : `${reason.status}, does not count`}`);
    } else if (reason.kind === 'vendor' && !reason.current) {
      why.push(`vendor ${reason.vendor}: ${reason.note}`);
    } else if (reason.kind === 'ssrm' && reason.ownership === 'csc-owned') {
      why.push(`SSRM: ${reason.note}`);
    } else if (reason.kind === 'no-control') {
      why.push(reason.note);
    }
  }
  return why.length ? why.join(' | ') : 'see the spreadsheet';
}

// ---------------------------------------------------------------- findings

export function findingsSection(pdf: Writer, input: PacketInput): void {
  pdf.heading(SECTION_TITLES.findings);
  const count = (s: Severity) => input.findings.filter((f) => f.severity === s).length;
  pdf.paragraph(
    input.findings.length
      ? `\`trustops check\` reported ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')} and ${count('info')} info at this commit, as of ${input.readiness.today}. ` +
          `Errors first, by rule; at most ${MAX_FINDINGS_PER_RULE} per rule and ${MAX_FINDING_ROWS} in all are listed.`
      : `\`trustops check\` reported no finding at this commit, as of ${input.readiness.today}.`,
    { color: MUTED },
  );
  if (!input.findings.length) return;

  // By severity, then rule, then file and line.
  const byRule = new Map<string, Finding[]>();
  for (const f of sortFindings(input.findings)) {
    const key = `${SEVERITY_ORDER[f.severity]} ${f.ruleId}`;
    const list = byRule.get(key);
    if (list) list.push(f);
    else byRule.set(key, [f]);
  }
  const groups = [...byRule].sort(([a], [b]) => compareText(a, b)).map(([, list]) => list);

  pdf.table(
    [
      { header: 'Rule', width: 200 },
      { header: 'Severity', width: 60 },
      { header: 'Findings', width: 60, align: 'right' },
    ],
    groups.map((list) => [list[0]!.ruleId, list[0]!.severity, `${list.length}`]),
    { size: 8 },
  );

  const rows: Cell[][] = [];
  let omitted = 0;
  for (const list of groups) {
    const room = Math.max(0, MAX_FINDING_ROWS - rows.length);
    const shown = list.slice(0, Math.min(MAX_FINDINGS_PER_RULE, room));
    for (const f of shown) rows.push([f.severity, f.ruleId, `${f.file}:${f.line}`, f.message]);
    const rest = list.length - shown.length;
    if (rest > 0 && shown.length > 0) rows.push(['', '', '', `and ${plural(rest, `more ${list[0]!.ruleId} finding`)}`]);
    else if (rest > 0) omitted += rest;
  }
  if (omitted > 0) rows.push(['', '', '', `and ${plural(omitted, 'more finding')} of other rules; run \`trustops check\` at this commit for the full list`]);
  pdf.table(
    [
      { header: 'Severity', width: 45 },
      { header: 'Rule', width: 110 },
      { header: 'File:line', width: 130 },
      { header: 'Message', width: 210 },
    ],
    rows,
    { size: 8 },
  );
}

// ---------------------------------------------------------------- files

/**
 * The packet's files as a count per top-level folder: the list itself is manifest.json (and SHA256SUMS),
 * which a reader verifies with tools; a printed list of hundreds of digests helps no one.
 */
export function filesSection(pdf: Writer, files: readonly PacketFileEntry[]): void {
  pdf.heading(SECTION_TITLES.files);
  const total = files.reduce((sum, f) => sum + f.size, 0);
  pdf.paragraph(
    `${plural(files.length, 'file')}, ${groupDigits(total)} bytes in all. Every file with its size and SHA-256 is listed in \`manifest.json\`; ` +
      'verify the folder with `sha256sum -c SHA256SUMS`.',
    { color: MUTED },
  );
  if (!files.length) return;
  const folders = new Map<string, { count: number; size: number }>();
  for (const f of files) {
    const folder = f.path.includes('/') ? `${f.path.slice(0, f.path.indexOf('/'))}/` : '(top level)';
    const entry = folders.get(folder) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += f.size;
    folders.set(folder, entry);
  }
  pdf.table(
    [
      { header: 'Folder', width: 300 },
      { header: 'Files', width: 70, align: 'right' },
      { header: 'Bytes', width: 125, align: 'right' },
    ],
    [...folders].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([folder, e]) => [folder, groupDigits(e.count), groupDigits(e.size)]),
    { size: 8.5 },
  );
}
