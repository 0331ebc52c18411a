import type { Finding, Severity } from '../../model/findings.js';
import { plural } from '../../render/labels.js';
import type { PacketInput } from '../packet-input.js';
import { countDeviations } from '../deviations.js';
import { frameworkResults, readinessColumns, readinessRow, SECTION_TITLES } from './sections.js';
import { formatCreated } from './text.js';
import { ALERT, ALERT_FILL, BOLD, FONT, INK, MUTED, RULE, type Writer } from './writer.js';

/**
 * The first page of summary.pdf (what the packet is, a notice when it was built despite error findings and
 * one when its CAIQ carries placeholder texts, readiness at a glance, the contents) and what every page
 * carries at its foot. The contents are filled in last, once the sections know their pages.
 */

// ---------------------------------------------------------------- title page

export interface ContentsSlot {
  page: number;
  x: number;
  y: number;
}

const SECTIONS = Object.entries(SECTION_TITLES) as [key: keyof typeof SECTION_TITLES, title: string][];

export function titlePage(pdf: Writer, input: PacketInput): ContentsSlot {
  const { doc } = pdf;
  const { meta, readiness } = input;
  pdf.y = 80;
  doc.font(BOLD).fontSize(9).fillColor(MUTED).text('AUDIT PACKET  ·  COMPLIANCE SUMMARY', pdf.left, pdf.y, { width: pdf.width, characterSpacing: 1.2 });
  pdf.y += 14;
  doc.fontSize(26).fillColor(INK);
  pdf.fonts.text(BOLD, meta.organization || 'Unnamed organization', pdf.left, pdf.y, { width: pdf.width });
  pdf.y += 4;
  doc.fontSize(15).fillColor(INK);
  pdf.fonts.text(FONT, meta.systemName || 'Unnamed system', pdf.left, pdf.y, { width: pdf.width });
  const description = meta.systemDescription ?? input.model.config?.data.system.description;
  if (description?.trim()) {
    pdf.y += 4;
    doc.fontSize(10).fillColor(MUTED);
    pdf.fonts.text(FONT, description.trim(), pdf.left, pdf.y, { width: pdf.width });
  }
  pdf.y += 18;

  if (meta.builtWithFindings) findingsNotice(pdf, input.findings);
  if (meta.caiqPlaceholders > 0) {
    noticeBox(
      pdf,
      `NOTICE: ${plural(meta.caiqPlaceholders, 'placeholder text')} in the CAIQ`,
      `The CAIQ in this packet carries ${plural(meta.caiqPlaceholders, 'placeholder text')} (TODO, TBD, ...): it was built with --allow-findings. ` +
        'Those CAIQ rows describe nothing yet; `trustops check` lists them as content/placeholder findings.',
    );
  }

  const tsc = input.model.config?.data.frameworks?.tsc;
  pdf.table(
    [
      { header: '', width: 130, font: BOLD },
      { header: '', width: 365 },
    ],
    [
      ['Organization', meta.organization],
      ['System', meta.systemName],
      ['Packet version', meta.version],
      ['Commit', meta.commit],
      ['Created', formatCreated(meta.createdAt)],
      ['Built with', `trustops ${meta.toolVersion}`],
      ['Readiness view', readiness.type === 'type2' ? 'SOC 2 Type II: designed and operating' : 'Type I: designed'],
      ...(readiness.period
        ? [['Observation period', `${readiness.period.start} to ${readiness.period.end}${tsc?.period ? '' : ' (no period in compliance.yaml: the 12 months up to the scoring date)'}`] as [string, string]]
        : []),
      ['Scored as of', readiness.asOf],
      ['Deviations', deviationsLine(readiness.exceptions)],
    ],
    { header: false, size: 9.5 },
  );

  const frameworks = frameworkResults(input);
  if (frameworks.length) {
    pdf.heading('At a glance', 2);
    pdf.table(readinessColumns(), frameworks.map(readinessRow));
    pdf.legend();
  }

  pdf.ensure(SECTIONS.length * 14 + 40);
  pdf.heading('Contents', 2);
  const slot = { page: pdf.page(), x: pdf.left, y: pdf.y };
  pdf.y += SECTIONS.length * 14 + 6;
  return slot;
}

/** "3 recorded in the evidence, 1 open (0 of high severity)", or "none recorded in the evidence". */
function deviationsLine(exceptions: PacketInput['readiness']['exceptions']): string {
  const d = countDeviations(exceptions);
  if (d.total === 0) return 'none recorded in the evidence';
  return `${d.total} recorded in the evidence, ${d.open} open (${d.openHigh} of high severity): section ${SECTION_TITLES.deviations.split(' ')[0]}`;
}

function findingsNotice(pdf: Writer, findings: readonly Finding[]): void {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  noticeBox(
    pdf,
    `NOTICE: built with ${plural(errors, 'open error finding')}`,
    `This packet was built with --allow-findings while \`trustops check\` reported ${plural(errors, 'error finding')}` +
      ` (and ${plural(warnings, 'warning')}). The program did not pass its own gate at this commit: read the findings` +
      ` in section ${SECTION_TITLES.findings.split(' ')[0]} before relying on this packet.`,
  );
}

/** A boxed notice with a red bar: what a reader must know before relying on the packet. */
function noticeBox(pdf: Writer, title: string, body: string): void {
  const { doc } = pdf;
  const pad = 10;
  const inner = pdf.width - 2 * pad - 6;
  doc.font(BOLD).fontSize(13);
  const titleHeight = doc.heightOfString(pdf.fonts.plain(title), { width: inner });
  doc.font(FONT).fontSize(9.5);
  const bodyHeight = doc.heightOfString(pdf.fonts.plain(body), { width: inner });
  const height = titleHeight + bodyHeight + 2 * pad + 4;
  const top = pdf.y;
  doc.rect(pdf.left, top, pdf.width, height).fill(ALERT_FILL);
  doc.rect(pdf.left, top, 6, height).fill(ALERT);
  doc.rect(pdf.left, top, pdf.width, height).lineWidth(1).strokeColor(ALERT).stroke();
  doc.fontSize(13).fillColor(ALERT);
  pdf.fonts.text(BOLD, title, pdf.left + 6 + pad, top + pad, { width: inner });
  doc.fontSize(9.5).fillColor(INK);
  pdf.fonts.text(FONT, body, pdf.left + 6 + pad, top + pad + titleHeight + 4, { width: inner });
  pdf.y = top + height + 14;
}

export function drawContents(pdf: Writer, slot: ContentsSlot, pages: ReadonlyMap<string, number>): void {
  const { doc } = pdf;
  doc.switchToPage(slot.page);
  let y = slot.y;
  for (const [key, title] of SECTIONS) {
    const page = pages.get(key);
    if (page === undefined) continue;
    doc.font(FONT).fontSize(10).fillColor(INK).text(title, slot.x, y, { width: pdf.width - 40, lineBreak: false });
    doc.text(String(page + 1), slot.x + pdf.width - 40, y, { width: 40, align: 'right', lineBreak: false });
    y += 14;
  }
}

export function drawFooters(pdf: Writer, input: PacketInput): void {
  const { doc } = pdf;
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    // Writing below the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 50;
    doc.moveTo(pdf.left, y - 6).lineTo(pdf.left + pdf.width, y - 6).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.fontSize(7.5).fillColor(MUTED);
    pdf.fonts.text(FONT, `${input.meta.organization}  ·  ${input.meta.systemName}  ·  audit packet ${input.meta.version}`, pdf.left, y, {
      width: pdf.width - 80,
      lineBreak: false,
      ellipsis: true,
    });
    doc.font(FONT);
    doc.text(`Page ${i + 1} of ${total}`, pdf.left + pdf.width - 80, y, { width: 80, align: 'right', lineBreak: false });
    doc
      .fontSize(6.5)
      .text(ATTRIBUTION, pdf.left, y + 11, { width: pdf.width, lineBreak: false });
    doc.page.margins.bottom = bottomMargin;
  }
}

const ATTRIBUTION =
  'CSA Cloud Controls Matrix and CAIQ © Cloud Security Alliance; Trust Services Criteria © AICPA; ISO/IEC 27001:2022 © ISO/IEC. Ids, short titles and mappings only.';
