import type { RequirementStatus } from '../../score/readiness.js';
import { SEGMENTS, stackSegments, TRACK_COLOR } from '../charts.js';
import { BOLD, FONT, FontSet, type PdfFonts } from './fonts.js';

export { BOLD, FONT, MONO } from './fonts.js';

/**
 * The drawing layer of summary.pdf: page layout, fonts and colours, and a Writer that keeps the cursor and
 * the page so that headings, paragraphs and tables break across pages the same way on every run.
 */

// ---------------------------------------------------------------- layout

export const MARGIN_TOP = 56;
export const MARGIN_BOTTOM = 70;
export const MARGIN_X = 50;
export const INK = '#1a1a1a';
export const MUTED = '#5f6368';
export const RULE = '#c8c8c8';
const HEADER_FILL = '#e8eaed';
const ZEBRA_FILL = '#f6f7f8';
export const ALERT = '#b3261e';
export const ALERT_FILL = '#fdecea';

/** A table cell longer than this is cut with "…": one runaway message must not fill pages. */
const MAX_CELL_CHARS = 400;

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
  /** Draw a stacked readiness bar in this column; the row's cell holds the counts. */
  bar?: boolean;
  font?: string;
}

/** Text, or the counts a stacked bar (met, inherited, partial, gap) is drawn from. */
export type Cell = string | { stack: Readonly<Record<RequirementStatus, number>> };

/** Keeps track of the cursor and the page so that tables can break across pages. */
export class Writer {
  readonly left: number;
  readonly width: number;
  readonly fonts: FontSet;
  constructor(
    readonly doc: PDFKit.PDFDocument,
    fonts: PdfFonts,
  ) {
    this.fonts = new FontSet(doc, fonts);
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
    this.doc.fontSize(size).fillColor(INK);
    this.fonts.text(BOLD, text, this.left, this.y, { width: this.width });
    this.y += level === 1 ? 8 : 4;
  }

  paragraph(text: string, options: { size?: number; color?: string; font?: string; gap?: number } = {}): void {
    const size = options.size ?? 9.5;
    const font = options.font ?? FONT;
    this.doc.font(font).fontSize(size);
    this.ensure(Math.min(this.doc.heightOfString(this.fonts.plain(text), { width: this.width }), 120));
    this.doc.fillColor(options.color ?? INK);
    this.fonts.text(font, text, this.left, this.y, { width: this.width });
    this.y += options.gap ?? 6;
  }

  /** The legend of the stacked bars, once under each table that draws them. */
  legend(): void {
    const { doc } = this;
    const size = 7.5;
    this.ensure(16);
    const y = this.y - 4;
    let x = this.left;
    doc.font(FONT).fontSize(size);
    for (const s of SEGMENTS) {
      doc.rect(x, y + 0.5, 8, 7).fill(s.color);
      doc.fillColor(INK).text(s.label, x + 11, y, { lineBreak: false });
      x += 11 + doc.widthOfString(s.label) + 12;
    }
    doc.fillColor(MUTED).text('(requirements per group; excluded ones are left out)', x, y, { lineBreak: false });
    this.y = y + size + 10;
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

    const cellText = (cell: Cell | undefined): string => (typeof cell === 'string' ? (cell.length > MAX_CELL_CHARS ? `${cell.slice(0, MAX_CELL_CHARS)}…` : cell) : '');
    const heightOf = (cells: readonly (Cell | undefined)[], font: (c: number) => string): number => {
      let height = 0;
      cells.forEach((cell, c) => {
        const text = cellText(cell);
        if (!text) return;
        doc.font(font(c)).fontSize(size);
        height = Math.max(height, doc.heightOfString(this.fonts.plain(text), { width: widths[c]! - 2 * pad }));
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
          drawStack(doc, x + pad, y + pad + 1.5, w - 2 * pad, size * 0.85, cell.stack);
        } else {
          const text = cellText(cell);
          if (text) {
            doc.fontSize(size).fillColor(INK);
            this.fonts.text(font(c), text, x + pad, y + pad, { width: w - 2 * pad, align: column.align ?? 'left' });
          }
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

/** A stacked bar: a track, then met, inherited, partial and gap as wide as their shares (the site's palette). */
function drawStack(doc: PDFKit.PDFDocument, x: number, y: number, width: number, height: number, counts: Readonly<Record<RequirementStatus, number>>): void {
  doc.rect(x, y, width, height).fill(TRACK_COLOR);
  const segments = stackSegments(counts, width);
  for (const s of segments) doc.rect(x + s.x, y, s.width, height).fill(s.color);
  // Thin white separators, so that adjacent segments stay apart in print and in greyscale.
  for (const s of segments.slice(1)) doc.rect(x + s.x - 0.3, y, 0.6, height).fill('#ffffff');
}
