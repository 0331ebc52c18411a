// The part of fontkit (pdfkit's font engine, which ships no types) that summary.pdf uses: whether a font
// has a glyph for a character, to pick the font that draws it.
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Uint8Array): Font;
}
