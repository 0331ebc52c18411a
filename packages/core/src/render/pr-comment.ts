import { sortFindings, SEVERITY_ORDER, type Finding } from '../model/findings.js';
import type { CheckSummary } from '../model/check-result.js';
import type { Changelog } from '../diff/diff-models.js';
import type { ReadinessReport } from '../score/readiness.js';
import { renderChangelogMarkdown } from './changelog.js';
import { plural, SEVERITY_MARKDOWN } from './labels.js';
import { escapeMarkdown, fileLink } from './markdown-escape.js';
import { renderScoreGroupsMarkdown, renderScoreOverviewMarkdown } from './score.js';

/** Findings shown as a table; the rest fold into <details>. */
const FINDINGS_SHOWN = 20;

/** Findings by severity: a table of the first 20, the rest folded. Repository text is escaped. */
export function renderFindingsMarkdown(findings: readonly Finding[], linkBase: string): string {
  const sorted = sortFindings(findings).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  if (sorted.length === 0) return 'No findings.\n';
  const row = (f: Finding) => {
    const where = fileLink(`${f.file}${f.line ? `:${f.line}` : ''}`, f.file, f.line, linkBase);
    const hint = f.hint ? ` _${escapeMarkdown(f.hint)}_` : '';
    return `| ${SEVERITY_MARKDOWN[f.severity]} | \`${f.ruleId.replace(/[`|\r\n]/g, '')}\` | ${where} | ${escapeMarkdown(f.message)}${hint} |`;
  };
  const head = ['| Severity | Rule | Where | Finding |', '|---|---|---|---|'];
  const out = [...head, ...sorted.slice(0, FINDINGS_SHOWN).map(row), ''];
  const rest = sorted.slice(FINDINGS_SHOWN);
  if (rest.length) out.push(`<details><summary>${plural(rest.length, 'more finding')}</summary>`, '', ...head, ...rest.map(row), '', '</details>', '');
  return out.join('\n');
}

export interface PrCommentInput {
  /** The hidden marker that finds the comment again on the next run. */
  marker: string;
  changelog: Changelog;
  findings: readonly Finding[];
  summary: CheckSummary;
  readiness: ReadinessReport;
  /** Prefix for file links ("" for relative links). */
  linkBase: string;
  /** The footer's parts: tool version, commit, workflow run link (already Markdown). */
  footer: readonly string[];
}

/** The whole pull-request comment: marker, title, changelog, check result, readiness, footer. */
export function renderPrCommentMarkdown(input: PrCommentInput): string {
  const { summary } = input;
  const overview = renderScoreOverviewMarkdown(input.readiness, undefined, '### Readiness at this commit').trimEnd();
  const groups = renderScoreGroupsMarkdown(input.readiness, undefined, 4).trimEnd();
  const verdict = summary.passed ? '✅ **passed**' : `❌ **failed** (gate: ${summary.failOn})`;
  return [
    input.marker,
    '## trustops: compliance impact of this pull request',
    '',
    renderChangelogMarkdown(input.changelog, { linkBase: input.linkBase, headingLevel: 3 }).trimEnd(),
    '',
    `### Check: ${verdict}`,
    '',
    `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}.`,
    '',
    renderFindingsMarkdown(input.findings, input.linkBase).trimEnd(),
    '',
    overview,
    '',
    ...(groups ? ['<details><summary>Readiness by domain, series and theme</summary>', '', groups, '', '</details>', ''] : []),
    '---',
    `_${input.footer.join(' · ')}_`,
    '',
  ].join('\n');
}
