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
