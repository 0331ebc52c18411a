import { FRAMEWORK_KEYS, type FrameworkKey } from '@trustops/frameworks';
import PDFDocument from 'pdfkit';
import { compareText, SEVERITY_ORDER, sortFindings, type Finding, type Severity } from '../../model/findings.js';
import { FRAMEWORK_REPORT as FRAMEWORK_LABEL, plural, REQUIREMENT_NOUN } from '../../render/labels.js';
import type { FrameworkResult, RequirementResult } from '../../score/readiness.js';
import { renderPercent } from '../../render/score.js';
import type { PacketFileEntry, PacketInput } from '../packet-input.js';

/**
 * The audit packet's summary.pdf: a few A4 pages an auditor can print. Title page (with a notice when the
 * packet was built despite error findings), scope, readiness per framework and group, exceptions (gaps,
 * partial requirements and open findings), and the files of the packet.
 *
 * Deterministic: the same input gives the same bytes on any day, in any time zone, on any machine.
 * - Every date in the file (Info CreationDate/ModDate) is `meta.createdAt`; pdfkit writes dates in UTC.
 * - pdfkit derives the trailer /ID from an MD5 of the Info dictionary, so it is fixed by the above (its only
 *   random bytes are for encryption, which is not used).
 * - Only the standard Helvetica fonts (not embedded), no images: nothing is read from the machine.
 * - Streams are left uncompressed (`compress: false`): pdfkit would deflate them with Node's zlib, whose
 *   output may differ between zlib builds and CPUs (SIMD hashing); a deterministic zip (fflate) deflates the
 *   whole file instead.
 * - No locale-dependent formatting (numbers are grouped by hand).
 */
export async function renderSummaryPdf(input: PacketInput, files: readonly PacketFileEntry[]): Promise<Uint8Array> {
  const created = packetDate(input.meta.createdAt);
  const { meta } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_X, right: MARGIN_X },
    compress: false,
    bufferPages: true,
    pdfVersion: '1.4',
    lang: 'en',
    displayTitle: true,
    info: {
      // Document properties are Unicode strings (pdfkit writes UTF-16 when needed): only controls are dropped.
      Title: infoText(`Compliance summary: ${meta.organization}, ${meta.systemName}`),
      Author: infoText(meta.organization),
      Subject: infoText(`Audit packet ${meta.version}`),
      Keywords: 'CSA CCM, CAIQ, SOC 2, ISO/IEC 27001, audit packet',
      Creator: infoText(`trustops ${meta.toolVersion}`),
      Producer: 'trustops with PDFKit',
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<void>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const pdf = new Writer(doc);
  const sections = new Map<string, number>();
  const contents = titlePage(pdf, input);
  sections.set('scope', pdf.newPage());
  scopeSection(pdf, input);
  sections.set('readiness', pdf.newPage());
  readinessSection(pdf, input);
  sections.set('exceptions', pdf.newPage());
  exceptionsSection(pdf, input);
  pdf.y += 12;
  pdf.ensure(140);
  sections.set('findings', pdf.page());
  findingsSection(pdf, input);
  sections.set('files', pdf.newPage());
  filesSection(pdf, files);
  drawContents(pdf, contents, sections);
  drawFooters(pdf, input);

  doc.end();
  await done;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

// ---------------------------------------------------------------- layout

const MARGIN_TOP = 56;
const MARGIN_BOTTOM = 70;
const MARGIN_X = 50;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';
const INK = '#1a1a1a';
const MUTED = '#5f6368';
const RULE = '#c8c8c8';
const HEADER_FILL = '#e8eaed';
const ZEBRA_FILL = '#f6f7f8';
const ALERT = '#b3261e';
const ALERT_FILL = '#fdecea';

/** How many rows a long list shows before "and N more". */
const MAX_PARTIAL_ROWS = 40;
const MAX_GAP_IDS_PER_GROUP = 60;
const MAX_FINDING_ROWS = 60;
const MAX_FINDINGS_PER_RULE = 10;
const MAX_CELL_CHARS = 400;

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
  /** Draw a readiness bar in this column; the row's cell is the fraction (or "" for n/a). */
  bar?: boolean;
  font?: string;
}

type Cell = string | { bar: number | null };

/** Keeps track of the cursor and the page so that tables can break across pages. */
class Writer {
  readonly left: number;
  readonly width: number;
  constructor(readonly doc: PDFKit.PDFDocument) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
    this.doc.x = this.left;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** The current page's index (0-based). */
  page(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  newPage(): number {
    this.doc.addPage();
    this.y = this.doc.page.margins.top;
    return this.page();
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  heading(text: string, level: 1 | 2 = 1): void {
    const size = level === 1 ? 17 : 12.5;
    this.ensure(level === 1 ? 60 : 48);
    if (level === 2) this.y += 8;
    this.doc.font(BOLD).fontSize(size).fillColor(INK).text(winAnsi(text), this.left, this.y, { width: this.width });
    this.y += level === 1 ? 8 : 4;
  }

  paragraph(text: string, options: { size?: number; color?: string; font?: string; gap?: number } = {}): void {
    const size = options.size ?? 9.5;
    const clean = winAnsi(text, true);
    this.doc.font(options.font ?? FONT).fontSize(size);
    this.ensure(Math.min(this.doc.heightOfString(clean, { width: this.width }), 120));
    this.doc.fillColor(options.color ?? INK).text(clean, this.left, this.y, { width: this.width });
    this.y += options.gap ?? 6;
  }

  /** A table that repeats its header on every page it runs over. */
  table(columns: readonly Column[], rows: readonly Cell[][], options: { size?: number; header?: boolean } = {}): void {
    const size = options.size ?? 8.5;
    const pad = 3.5;
    const showHeader = options.header ?? true;
    const { doc } = this;
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const scale = total > this.width ? this.width / total : 1;
    const widths = columns.map((c) => c.width * scale);

    const cellText = (cell: Cell | undefined): string => (typeof cell === 'string' ? winAnsi(cell.length > MAX_CELL_CHARS ? `${cell.slice(0, MAX_CELL_CHARS)}…` : cell) : '');
    const heightOf = (cells: readonly (Cell | undefined)[], font: (c: number) => string): number => {
      let height = 0;
      cells.forEach((cell, c) => {
        const text = cellText(cell);
        if (!text) return;
        doc.font(font(c)).fontSize(size);
        height = Math.max(height, doc.heightOfString(text, { width: widths[c]! - 2 * pad }));
      });
      return Math.max(height, size * 1.2) + 2 * pad;
    };
    const drawRow = (cells: readonly (Cell | undefined)[], y: number, height: number, font: (c: number) => string, fill?: string): void => {
      if (fill) doc.rect(this.left, y, widths.reduce((a, b) => a + b, 0), height).fill(fill);
      let x = this.left;
      cells.forEach((cell, c) => {
        const w = widths[c]!;
        const column = columns[c]!;
        if (typeof cell === 'object' && cell !== null) {
          drawBar(doc, x + pad, y + pad + 1.5, w - 2 * pad, size * 0.85, cell.bar);
        } else {
          const text = cellText(cell);
          if (text) doc.font(font(c)).fontSize(size).fillColor(INK).text(text, x + pad, y + pad, { width: w - 2 * pad, align: column.align ?? 'left' });
        }
        x += w;
      });
      doc.moveTo(this.left, y + height).lineTo(this.left + widths.reduce((a, b) => a + b, 0), y + height).lineWidth(0.4).strokeColor(RULE).stroke();
    };
    const headerCells = columns.map((c) => c.header);
    const headerFont = (): string => BOLD;
    const headerHeight = showHeader ? heightOf(headerCells, headerFont) : 0;
    const drawHeader = (): void => {
      if (!showHeader) return;
      const top = this.y;
      drawRow(headerCells, top, headerHeight, headerFont, HEADER_FILL);
      this.y = top + headerHeight;
    };

    const bodyFont = (c: number): string => columns[c]?.font ?? FONT;
    const firstHeight = rows.length ? heightOf(rows[0]!, bodyFont) : 0;
    this.ensure(headerHeight + firstHeight);
    drawHeader();
    rows.forEach((row, i) => {
      const height = heightOf(row, bodyFont);
      if (this.y + height > this.bottom) {
        this.newPage();
        drawHeader();
      }
      const top = this.y;
      drawRow(row, top, height, bodyFont, i % 2 === 1 ? ZEBRA_FILL : undefined);
      this.y = top + height;
    });
    this.y += 10;
  }
}

function drawBar(doc: PDFKit.PDFDocument, x: number, y: number, width: number, height: number, value: number | null): void {
  doc.rect(x, y, width, height).fill('#e3e3e3');
  if (value === null) return;
  const filled = Math.max(0, Math.min(1, value)) * width;
  if (filled > 0) doc.rect(x, y, filled, height).fill(value >= 0.8 ? '#2e7d32' : value >= 0.5 ? '#c77700' : '#b3261e');
}

// ---------------------------------------------------------------- title page

interface ContentsSlot {
  page: number;
  x: number;
  y: number;
}

const SECTIONS: readonly [key: string, title: string][] = [
  ['scope', '1  Scope'],
  ['readiness', '2  Readiness'],
  ['exceptions', '3  Exceptions: gaps and partial requirements'],
  ['findings', '4  Open findings'],
  ['files', '5  Files in this packet'],
];

function titlePage(pdf: Writer, input: PacketInput): ContentsSlot {
  const { doc } = pdf;
  const { meta, readiness } = input;
  pdf.y = 80;
  doc.font(BOLD).fontSize(9).fillColor(MUTED).text('AUDIT PACKET  ·  COMPLIANCE SUMMARY', pdf.left, pdf.y, { width: pdf.width, characterSpacing: 1.2 });
  pdf.y += 14;
  doc.font(BOLD).fontSize(26).fillColor(INK).text(winAnsi(meta.organization || 'Unnamed organization'), pdf.left, pdf.y, { width: pdf.width });
  pdf.y += 4;
  doc.font(FONT).fontSize(15).fillColor(INK).text(winAnsi(meta.systemName || 'Unnamed system'), pdf.left, pdf.y, { width: pdf.width });
  const description = meta.systemDescription ?? input.model.config?.data.system.description;
  if (description?.trim()) {
    pdf.y += 4;
    doc.font(FONT).fontSize(10).fillColor(MUTED).text(winAnsi(description.trim(), true), pdf.left, pdf.y, { width: pdf.width });
  }
  pdf.y += 18;

  if (meta.builtWithFindings) findingsNotice(pdf, input.findings);

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
      ['Observation period', `${readiness.period.start} to ${readiness.period.end}${tsc?.period ? '' : ' (no period in compliance.yaml: the 12 months up to the scoring date)'}`],
      ['Scored as of', readiness.today],
    ],
    { header: false, size: 9.5 },
  );

  const frameworks = frameworkResults(input);
  if (frameworks.length) {
    pdf.heading('At a glance', 2);
    pdf.table(readinessColumns(), frameworks.map(readinessRow));
  }

  pdf.ensure(SECTIONS.length * 14 + 40);
  pdf.heading('Contents', 2);
  const slot = { page: pdf.page(), x: pdf.left, y: pdf.y };
  pdf.y += SECTIONS.length * 14 + 6;
  return slot;
}

function findingsNotice(pdf: Writer, findings: readonly Finding[]): void {
  const { doc } = pdf;
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  const title = `NOTICE: built with ${plural(errors, 'open error finding')}`;
  const body =
    `This packet was built with --allow-findings while \`trustops check\` reported ${plural(errors, 'error finding')}` +
    ` (and ${plural(warnings, 'warning')}). The program did not pass its own gate at this commit: read the findings` +
    ' in section 4 before relying on this packet.';
  const pad = 10;
  const inner = pdf.width - 2 * pad - 6;
  doc.font(BOLD).fontSize(13);
  const titleHeight = doc.heightOfString(title, { width: inner });
  doc.font(FONT).fontSize(9.5);
  const bodyHeight = doc.heightOfString(winAnsi(body), { width: inner });
  const height = titleHeight + bodyHeight + 2 * pad + 4;
  const top = pdf.y;
  doc.rect(pdf.left, top, pdf.width, height).fill(ALERT_FILL);
  doc.rect(pdf.left, top, 6, height).fill(ALERT);
  doc.rect(pdf.left, top, pdf.width, height).lineWidth(1).strokeColor(ALERT).stroke();
  doc.font(BOLD).fontSize(13).fillColor(ALERT).text(title, pdf.left + 6 + pad, top + pad, { width: inner });
  doc.font(FONT).fontSize(9.5).fillColor(INK).text(winAnsi(body), pdf.left + 6 + pad, top + pad + titleHeight + 4, { width: inner });
  pdf.y = top + height + 16;
}

function drawContents(pdf: Writer, slot: ContentsSlot, pages: ReadonlyMap<string, number>): void {
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

function drawFooters(pdf: Writer, input: PacketInput): void {
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
    doc
      .font(FONT)
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(winAnsi(`${input.meta.organization}  ·  ${input.meta.systemName}  ·  audit packet ${input.meta.version}`), pdf.left, y, {
        width: pdf.width - 80,
        lineBreak: false,
        ellipsis: true,
      });
    doc.text(`Page ${i + 1} of ${total}`, pdf.left + pdf.width - 80, y, { width: 80, align: 'right', lineBreak: false });
    doc
      .fontSize(6.5)
      .text(ATTRIBUTION, pdf.left, y + 11, { width: pdf.width, lineBreak: false });
    doc.page.margins.bottom = bottomMargin;
  }
}

const ATTRIBUTION =
  'CSA Cloud Controls Matrix and CAIQ © Cloud Security Alliance; Trust Services Criteria © AICPA; ISO/IEC 27001:2022 © ISO/IEC. Ids, short titles and mappings only.';

// ---------------------------------------------------------------- scope

const TSC_CATEGORY: Record<string, string> = {
  security: 'Security',
  availability: 'Availability',
  processing_integrity: 'Processing Integrity',
  confidentiality: 'Confidentiality',
  privacy: 'Privacy',
};

function scopeSection(pdf: Writer, input: PacketInput): void {
  const config = input.model.config?.data;
  pdf.heading('1  Scope');
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
      details.push(`${input.readiness.type === 'type2' ? 'SOC 2 Type II' : 'SOC 2 Type I'}, observation period ${input.readiness.period.start} to ${input.readiness.period.end}`);
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

  pdf.heading('Report type and observation period', 2);
  const period = config?.frameworks?.tsc?.period;
  pdf.paragraph(
    `${reportTypeLabel(input.readiness.type)}. Observation period ${input.readiness.period.start} to ${input.readiness.period.end}` +
      `${period ? ' (frameworks.tsc.period)' : ' (none configured: the 12 months up to the scoring date)'}; scored as of ${input.readiness.today}.`,
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

function frameworkResults(input: PacketInput): FrameworkResult[] {
  return FRAMEWORK_KEYS.map((k) => input.readiness.frameworks[k]).filter((f): f is FrameworkResult => f !== undefined);
}

function readinessColumns(): Column[] {
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

function readinessRow(fw: FrameworkResult): Cell[] {
  const c = fw.counts;
  return [`${FRAMEWORK_LABEL[fw.key]} ${fw.version}`, renderPercent(fw.readiness), { bar: fw.readiness }, `${c.met}`, `${c.inherited}`, `${c.partial}`, `${c.gap}`, `${c.excluded}`];
}

function readinessSection(pdf: Writer, input: PacketInput): void {
  pdf.heading('2  Readiness');
  pdf.paragraph(
    `${reportTypeLabel(input.readiness.type)}, as of ${input.readiness.today}. Readiness = (met + inherited + partial / 2) / (requirements in scope - excluded). ` +
      'Maturity is the mean level (0 not performed ... 5 optimised) of the requirements of a group, leaving out excluded and inherited ones; ' +
      'a claim of 4 or 5 counts only when the evidence is on schedule. The rules are in docs/scoring.md of trustops.',
    { color: MUTED },
  );
  const frameworks = frameworkResults(input);
  if (!frameworks.length) {
    pdf.paragraph('No framework is in scope.');
    return;
  }
  pdf.table(readinessColumns(), frameworks.map(readinessRow));

  for (const fw of frameworks) {
    const noun = fw.key === 'ccm' ? 'domain' : fw.key === 'tsc' ? 'series' : 'theme';
    pdf.heading(`${FRAMEWORK_LABEL[fw.key]} ${fw.version} by ${noun}${fw.key === 'ccm' ? ', with maturity' : ''}`, 2);
    pdf.table(
      [
        { header: fw.key === 'ccm' ? 'Domain' : fw.key === 'tsc' ? 'Series' : 'Theme', width: 42, font: BOLD },
        { header: 'Name', width: 150 },
        { header: 'Readiness', width: 52, align: 'right' },
        { header: '', width: 70, bar: true },
        { header: 'Met', width: 30, align: 'right' },
        { header: 'Inh.', width: 30, align: 'right' },
        { header: 'Part.', width: 30, align: 'right' },
        { header: 'Gap', width: 30, align: 'right' },
        { header: 'Maturity', width: 48, align: 'right' },
      ],
      fw.groups.map((g) => [
        g.id,
        g.name,
        renderPercent(g.readiness),
        { bar: g.readiness },
        `${g.counts.met}`,
        `${g.counts.inherited}`,
        `${g.counts.partial}`,
        `${g.counts.gap}`,
        g.maturity === null ? 'n/a' : g.maturity.toFixed(1),
      ]),
      { size: 8 },
    );
  }
}

// ---------------------------------------------------------------- exceptions

function exceptionsSection(pdf: Writer, input: PacketInput): void {
  pdf.heading('3  Exceptions: gaps and partial requirements');
  pdf.paragraph(
    'Partial: controls map to the requirement but none counts yet (a missing evidence window, no policy, not operating), or a third party it depends on has no current, reviewed attestation. ' +
      'Gap: no control maps to it. The packet spreadsheet lists every requirement with all its reasons.',
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
          { header: 'Requirements no control maps to', width: 365 },
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


function findingsSection(pdf: Writer, input: PacketInput): void {
  pdf.heading('4  Open findings');
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

function filesSection(pdf: Writer, files: readonly PacketFileEntry[]): void {
  pdf.heading('5  Files in this packet');
  const total = files.reduce((sum, f) => sum + f.size, 0);
  pdf.paragraph(
    `${plural(files.length, 'file')}, ${groupDigits(total)} bytes in all. SHA-256 digests are shortened to their first 16 hex digits here; ` +
      'manifest.json has them in full. Verify a file with `sha256sum`.',
    { color: MUTED },
  );
  if (!files.length) return;
  pdf.table(
    [
      { header: 'Path', width: 300 },
      { header: 'Size (bytes)', width: 70, align: 'right' },
      { header: 'SHA-256 (first 16)', width: 125, font: 'Courier' },
    ],
    condenseFileList(files).map((f) => [f.path, groupDigits(f.size), f.sha256]),
    { size: 8 },
  );
}

/** Beyond this many files, evidence is listed per control folder: the summary stays a few pages. */
const FILES_LISTED_ONE_BY_ONE = 300;

function condenseFileList(files: readonly PacketFileEntry[]): { path: string; size: number; sha256: string }[] {
  const rows = (list: readonly PacketFileEntry[]) => list.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256.slice(0, 16).toLowerCase() }));
  if (files.length <= FILES_LISTED_ONE_BY_ONE) return rows(files);
  const single = files.filter((f) => !/^evidence\/[^/]+\//.test(f.path));
  const folders = new Map<string, { count: number; size: number }>();
  for (const f of files) {
    const folder = /^evidence\/[^/]+\//.exec(f.path)?.[0];
    if (!folder) continue;
    const entry = folders.get(folder) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += f.size;
    folders.set(folder, entry);
  }
  const grouped = [...folders].map(([folder, { count, size }]) => ({ path: `${folder} (${count} files)`, size, sha256: 'see manifest.json' }));
  return [...rows(single), ...grouped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

// ---------------------------------------------------------------- text

function reportTypeLabel(type: 'type1' | 'type2'): string {
  return type === 'type2'
    ? 'SOC 2 Type II view: controls must be designed and operating, with evidence for every ended window'
    : 'Type I view: controls must be designed and implemented';
}

function shortCommit(commit: string): string {
  return /^[0-9a-f]{40}$/i.test(commit) ? commit.slice(0, 12) : commit;
}

/** `meta.createdAt` as a Date; an unreadable value falls back to the epoch rather than to the clock. */
function packetDate(createdAt: string): Date {
  const date = new Date(createdAt);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

/** "2026-11-01 12:00:00 UTC", whatever the machine's time zone. */
function formatCreated(createdAt: string): string {
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return createdAt;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** 1234567 -> "1,234,567" without the locale. */
function groupDigits(value: number): string {
  const [whole = '0', fraction] = String(Math.round(value * 100) / 100).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

/** Unicode characters Windows-1252 lacks that have a readable ASCII stand-in. */
const STAND_INS: Record<string, string> = {
  '\u2192': '->',
  '\u2190': '<-',
  '\u2194': '<->',
  '\u21d2': '=>',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2713': 'yes',
  '\u2714': 'yes',
  '\u2717': 'no',
  '\u2718': 'no',
  '\u2588': '#',
  '\u2591': '.',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0131': 'i',
  '\u0127': 'h',
  '\u0126': 'H',
};

/** A document property: any Unicode, without control characters or unpaired surrogates. */
function infoText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .trim();
}

/** Windows-1252 code points above 0x7F outside Latin-1 that the standard fonts can show. */
const WIN_ANSI_EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);

/**
 * Text the standard 14 fonts can draw (Windows-1252): known symbols become ASCII stand-ins, accents that
 * 1252 lacks are dropped (NFKD), control characters become spaces and anything else "?". Line breaks are
 * kept only when `keepLines` is set.
 */
function winAnsi(text: string, keepLines = false): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n').normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n') out += keepLines ? '\n' : ' ';
    else if (code === 0x09) out += ' ';
    else if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code)) out += ch;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else if (STAND_INS[ch] !== undefined) out += STAND_INS[ch];
    else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += base && [...base].every((c) => c.codePointAt(0)! >= 0x20 && c.codePointAt(0)! <= 0x7e) ? base : '?';
    }
  }
  return out;
}
