import { create, type Font } from 'fontkit';

/**
 * The fonts of summary.pdf and the choice of font for each character. pdfkit draws a string in one font
 * and has no fallback, so text is cut into runs: `inline code` in the monospaced font (without its
 * backticks), every character the body font lacks in the first fallback whose Unicode ranges hold it
 * (Noto Sans SC for CJK), the rest in the body or bold font. All are embedded (subset to the glyphs
 * drawn), so the PDF shows the same glyphs on every machine, and its text layer is the text.
 */
export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  mono: Uint8Array;
  /** Fonts for what the body font lacks, each with the Unicode ranges it covers; read when first needed. */
  fallbacks: readonly { name: string; ranges: readonly [number, number][]; load(): Uint8Array }[];
}

export const FONT = 'Body';
export const BOLD = 'Bold';
export const MONO = 'Mono';

export interface Run {
  font: string;
  text: string;
}

/** Control characters (other than tab and line breaks) draw nothing useful: they are dropped. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export class FontSet {
  private readonly coverage = new Map<string, Font>();
  private readonly registered = new Set<string>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: PdfFonts,
  ) {
    for (const [name, bytes] of [[FONT, fonts.regular], [BOLD, fonts.bold], [MONO, fonts.mono]] as const) {
      doc.registerFont(name, Buffer.from(bytes));
      this.coverage.set(name, create(Buffer.from(bytes)));
      this.registered.add(name);
    }
  }

  /** The text cut into runs, each with the font that can draw it. */
  runs(text: string, font: string = FONT): Run[] {
    const out: Run[] = [];
    const push = (f: string, t: string) => {
      const last = out[out.length - 1];
      if (last && last.font === f) last.text += t;
      else if (t) out.push({ font: f, text: t });
    };
    // `code` spans: only a pair of backticks with something between them; a lone one is text.
    const parts = text.replace(CONTROLS, '').split(/`([^`\n]+)`/);
    parts.forEach((part, i) => {
      const base = i % 2 === 1 ? MONO : font;
      const cover = this.coverage.get(base)!;
      for (const ch of part) {
        const cp = ch.codePointAt(0)!;
        push(cover.hasGlyphForCodePoint(cp) || /\s/.test(ch) ? base : this.fallbackFor(cp) ?? base, ch);
      }
    });
    return out;
  }

  /** The first fallback font whose ranges hold the character, registered with the document on first use. */
  private fallbackFor(cp: number): string | undefined {
    const fallback = this.fonts.fallbacks.find((f) => f.ranges.some(([a, b]) => cp >= a && cp <= b));
    if (!fallback) return undefined;
    if (!this.registered.has(fallback.name)) {
      const bytes = Buffer.from(fallback.load());
      const font = create(bytes);
      if (!font.hasGlyphForCodePoint(cp)) return undefined;
      this.doc.registerFont(fallback.name, bytes);
      this.coverage.set(fallback.name, font);
      this.registered.add(fallback.name);
    }
    return this.coverage.get(fallback.name)!.hasGlyphForCodePoint(cp) ? fallback.name : undefined;
  }

  /** Draws the text at (x, y) like doc.text, switching fonts between runs. */
  text(font: string, text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions = {}): void {
    const runs = this.runs(text, font);
    if (runs.length === 0) return;
    runs.forEach((run, i) => {
      this.doc.font(run.font);
      const more = i < runs.length - 1;
      if (i === 0) this.doc.text(run.text, x, y, { ...options, continued: more });
      else this.doc.text(run.text, { ...options, continued: more });
    });
    this.doc.font(font);
  }

  /** The text's width in the current size, run by run. */
  widthOf(font: string, text: string): number {
    let width = 0;
    for (const run of this.runs(text, font)) width += this.doc.font(run.font).widthOfString(run.text);
    this.doc.font(font);
    return width;
  }

  /** The text as the body font measures it (code without its backticks): close enough to plan page breaks. */
  plain(text: string): string {
    return text.replace(CONTROLS, '').replace(/`([^`\n]+)`/g, '$1');
  }
}
