import type { DueItem, DueKind, DueList } from '../score/due.js';
import { plural } from './labels.js';
import { escapeMarkdown as esc } from './markdown-escape.js';

/** What each kind of item is called in a PBC list. */
export const DUE_KIND_LABEL: Readonly<Record<DueKind, string>> = {
  evidence: 'evidence',
  'policy-review': 'policy review',
  'vendor-review': 'vendor review',
  'vendor-attestation': 'vendor report',
  'vendor-coverage': 'vendor coverage',
  'risk-review': 'risk review',
  'risk-acceptance': 'risk acceptance',
};

function heading(list: DueList): string {
  return `Due by ${list.until} (as of ${list.today}): ${plural(list.counts.overdue, 'item')} overdue, ${list.counts.due} due`;
}

/** Terminal output: one line per item, overdue first (they are the earliest), with file and line. */
export function renderDueText(list: DueList): string {
  const lines = [heading(list), ''];
  if (list.items.length === 0) lines.push('Nothing is due.');
  for (const i of list.items) {
    lines.push(`${(i.overdue ? 'OVERDUE' : 'due').padEnd(7)} ${i.due}  ${DUE_KIND_LABEL[i.kind].padEnd(16)} ${i.subject}: ${i.what}`);
    lines.push(`${' '.repeat(8)}from ${i.from} [${i.file}:${i.line}]`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderDueJson(list: DueList): string {
  return `${JSON.stringify(list, null, 2)}\n`;
}

/** A table for the packet and pull requests: due, status, kind, subject, what, from. */
export function renderDueMarkdown(list: DueList, headingLevel = 2): string {
  const lines = [`${'#'.repeat(headingLevel)} Due (PBC list)`, '', `${esc(heading(list))}.`, ''];
  if (list.items.length === 0) return `${[...lines, 'Nothing is due.'].join('\n')}\n`;
  lines.push('| Due | Status | Kind | Subject | What | From |', '|---|---|---|---|---|---|');
  for (const i of list.items) lines.push(row(i));
  return `${lines.join('\n')}\n`;
}

function row(i: DueItem): string {
  return `| ${i.due} | ${i.overdue ? '**overdue**' : 'due'} | ${DUE_KIND_LABEL[i.kind]} | ${esc(i.subject)} | ${esc(i.what)} | ${esc(i.from)} |`;
}
