import { DUE_KIND_LABEL } from '../../render/due.js';
import { plural } from '../../render/labels.js';
import { countDeviations, deviationStatus, sortDeviations, windowLabel } from '../deviations.js';
import type { PacketInput } from '../packet-input.js';
import { SECTION_TITLES } from './sections.js';
import { BOLD, MUTED, type Cell, type Writer } from './writer.js';

/** The summary lists this many deviations; the site lists them all. */
const MAX_DEVIATION_ROWS = 80;

/**
 * Section 4 of summary.pdf: the deviations the evidence records state, in the site's order (open
 * high-severity first). A page has room for five columns; the site has each one's root cause, management
 * response and the record it is stated in.
 */
export function deviationsSection(pdf: Writer, input: PacketInput): void {
  pdf.heading(SECTION_TITLES.deviations);
  const { exceptions, today } = input.readiness;
  if (exceptions.length === 0) {
    pdf.paragraph('No deviations recorded in the evidence.');
    return;
  }
  const d = countDeviations(exceptions);
  // "Window" is a Type II word: a Type I summary says when a deviation happened.
  const when = input.readiness.type === 'type2' ? 'Window' : 'When';
  pdf.paragraph(
    `${plural(d.total, 'deviation')} stated by evidence records (exceptions:), ${d.open} open on ${today}${d.openHigh ? `, ${d.openHigh} of them of high severity` : ''}. ` +
      `Open high-severity ones first, then by severity, control and ${when === 'Window' ? 'window' : 'date'}. The packet site (index.html, Deviations) has each one's root cause, management response and the record file and line it is stated in.`,
    { color: MUTED },
  );
  const sorted = sortDeviations(exceptions);
  const shown = sorted.slice(0, MAX_DEVIATION_ROWS);
  const rows: Cell[][] = shown.map((x) => [x.control, windowLabel(x.window).replace('..', ' to '), x.severity, deviationStatus(x), x.description]);
  if (sorted.length > shown.length) rows.push(['', '', '', '', `and ${plural(sorted.length - shown.length, 'more deviation')}: see index.html`]);
  pdf.table(
    [
      { header: 'Control', width: 100, font: BOLD },
      { header: when, width: 62 },
      { header: 'Severity', width: 45 },
      { header: 'Status', width: 68 },
      { header: 'Description', width: 220 },
    ],
    rows,
    { size: 8 },
  );
}

/** How many PBC items the summary lists; the rest are in pbc.md and pbc.csv. */
const MAX_PBC_ROWS = 60;

/** The PBC list: what falls due within the packet's horizon and what is overdue, from whom. */
export function pbcSection(pdf: Writer, input: PacketInput): void {
  const due = input.audit.due;
  pdf.heading(SECTION_TITLES.pbc);
  pdf.paragraph(`What is due, from whom, by when: ${due.counts.overdue} overdue and ${due.counts.due} due by ${due.until} (as of ${due.today}). The full list is \`pbc.md\` and \`pbc.csv\`.`, { color: MUTED });
  if (due.items.length === 0) {
    pdf.paragraph('Nothing is due.');
    return;
  }
  const rows: Cell[][] = due.items.slice(0, MAX_PBC_ROWS).map((i) => [i.due, i.overdue ? 'overdue' : 'due', DUE_KIND_LABEL[i.kind], i.subject, i.what, i.from]);
  pdf.table(
    [
      { header: 'Due', width: 58 },
      { header: 'Status', width: 44 },
      { header: 'Kind', width: 64 },
      { header: 'Subject', width: 80, font: BOLD },
      { header: 'What', width: 170 },
      { header: 'From', width: 80 },
    ],
    rows,
    { size: 7.5 },
  );
  if (due.items.length > MAX_PBC_ROWS) pdf.paragraph(`… and ${due.items.length - MAX_PBC_ROWS} more in pbc.md.`, { color: MUTED });
}
