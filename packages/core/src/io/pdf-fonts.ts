import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PdfFonts } from '../packet/summary-pdf/fonts.js';

/**
 * The fonts summary.pdf embeds, read from the npm packages that ship them: DejaVu Sans Condensed (close
 * to Helvetica's widths, which the page layout was made for) and DejaVu Sans
 * Mono (Bitstream Vera licence: free to embed and redistribute) for Latin, Greek, Cyrillic and symbols,
 * and Noto Sans SC (SIL OFL 1.1, @fontsource-variable/noto-sans-sc) for CJK, in the slices Fontsource
 * cuts it into by Unicode range. A slice is read only when a text needs one of its characters, and pdfkit
 * embeds only the glyphs drawn, so a packet without CJK text carries none of it.
 *
 * In the action bundle the same files sit in fonts/ beside the module (scripts/build-action-bundle.ts).
 */
export function loadPdfFonts(): PdfFonts {
  const bundled = join(dirname(fileURLToPath(import.meta.url)), 'fonts');
  const fromBundle = existsSync(join(bundled, 'DejaVuSansCondensed.ttf'));
  const require = createRequire(import.meta.url);
  const dejavu = (name: string) => (fromBundle ? join(bundled, name) : require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
  const cjkDir = fromBundle ? join(bundled, 'noto-sans-sc') : join(dirname(require.resolve('@fontsource-variable/noto-sans-sc/package.json')), 'files');
  const cjkRanges = JSON.parse(readFileSync(fromBundle ? join(cjkDir, 'unicode.json') : require.resolve('@fontsource-variable/noto-sans-sc/unicode.json'), 'utf8')) as Record<string, string>;
  return {
    regular: readFileSync(dejavu('DejaVuSansCondensed.ttf')),
    bold: readFileSync(dejavu('DejaVuSansCondensed-Bold.ttf')),
    mono: readFileSync(dejavu('DejaVuSansMono.ttf')),
    fallbacks: Object.entries(cjkRanges)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([subset, ranges]) => {
        const file = join(cjkDir, `noto-sans-sc-${subset.replace(/^\[(\d+)\]$/, '$1')}-wght-normal.woff2`);
        return { name: `NotoSansSC-${subset.replace(/[[\]]/g, '')}`, ranges: parseUnicodeRange(ranges), load: () => readFileSync(file) };
      }),
  };
}

/** CSS unicode-range ("U+4e00-4e3f,U+5317") as [first, last] code points. */
function parseUnicodeRange(text: string): [number, number][] {
  return text.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
  });
}
