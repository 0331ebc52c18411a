import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text layer of a PDF, one string per page, as a PDF reader extracts it (pdf.js, through each font's
 * ToUnicode map): what an auditor's search or copy and paste finds.
 */
export async function pdfText(pdf: Uint8Array, between = ''): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      // Items are the strings as drawn; `between` joins them ('' reads as a line of text, '\n' one item a line).
      const items = content.items.filter((item) => 'str' in item && (item.str !== '' || item.hasEOL));
      pages.push(items.map((item) => ('str' in item ? `${item.str}${item.hasEOL && !between ? '\n' : ''}` : '')).filter((t) => !between || t.trim() !== '').join(between));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** The document outline (bookmarks) as titles, depth first. */
export async function pdfOutline(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  try {
    const out: string[] = [];
    const walk = (items: { title: string; items: unknown[] }[] | null, depth: number) => {
      for (const item of items ?? []) {
        out.push(`${'  '.repeat(depth)}${item.title}`);
        walk(item.items as { title: string; items: unknown[] }[], depth + 1);
      }
    };
    walk((await doc.getOutline()) as { title: string; items: unknown[] }[] | null, 0);
    return out;
  } finally {
    await doc.destroy();
  }
}
