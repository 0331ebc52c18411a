import PDFDocument from 'pdfkit';
import type { PacketFileEntry, PacketInput } from '../packet-input.js';
import { deviationsSection, pbcSection } from './deviations-section.js';
import type { PdfFonts } from './fonts.js';
import { exceptionsSection, filesSection, findingsSection, readinessSection, scopeSection, SECTION_TITLES } from './sections.js';
import { infoText, packetDate } from './text.js';
import { drawContents, drawFooters, titlePage } from './title-page.js';
import { MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, Writer } from './writer.js';

/**
 * The audit packet's summary.pdf: a few A4 pages an auditor can print. Title page (with a notice when the
 * packet was built despite error findings or with placeholder texts in its CAIQ), scope, readiness per
 * framework and group as stacked bars, gaps and partial requirements, the deviations the evidence states,
 * open findings, and the files of the packet.
 *
 * Deterministic: the same input gives the same bytes on any day, in any time zone, on any machine.
 * - Every date in the file (Info CreationDate/ModDate) is `meta.createdAt`; pdfkit writes dates in UTC.
 * - pdfkit derives the trailer /ID from an MD5 of the Info dictionary, so it is fixed by the above (its only
 *   random bytes are for encryption, which is not used).
 * - Fonts are embedded, subset to the glyphs drawn (pdfkit names each subset from the font's id, not at
 *   random), from the npm packages that ship them (io/pdf-fonts.ts reads them): DejaVu Sans for Latin,
 *   Greek, Cyrillic and symbols, DejaVu Sans Mono for `code`, Noto Sans SC for CJK. No images.
 * - Streams are left uncompressed (`compress: false`): pdfkit would deflate them with Node's zlib, whose
 *   output may differ between zlib builds and CPUs (SIMD hashing); a deterministic zip (fflate) deflates the
 *   whole file instead.
 * - No locale-dependent formatting (numbers are grouped by hand).
 *
 * This file puts the pages in order; writer.ts draws, title-page.ts, sections.ts and deviations-section.ts
 * hold the content and text.ts makes text safe for the standard fonts.
 */
export async function renderSummaryPdf(input: PacketInput, files: readonly PacketFileEntry[], fonts: PdfFonts): Promise<Uint8Array> {
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

  const pdf = new Writer(doc, fonts);
  const sections = new Map<string, number>();
  // The outline (bookmarks): one entry per section, on the page it starts on.
  const start = (key: keyof typeof SECTION_TITLES, page: number) => {
    sections.set(key, page);
    doc.outline.addItem(SECTION_TITLES[key].replace(/^\d+\s+/, ''));
  };
  doc.outline.addItem('Summary');
  const contents = titlePage(pdf, input);
  start('scope', pdf.newPage());
  scopeSection(pdf, input);
  start('readiness', pdf.newPage());
  readinessSection(pdf, input);
  start('exceptions', pdf.newPage());
  exceptionsSection(pdf, input);
  pdf.y += 12;
  pdf.ensure(140);
  start('deviations', pdf.page());
  deviationsSection(pdf, input);
  pdf.y += 12;
  pdf.ensure(140);
  start('pbc', pdf.page());
  pbcSection(pdf, input);
  pdf.y += 12;
  pdf.ensure(140);
  start('findings', pdf.page());
  findingsSection(pdf, input);
  start('files', pdf.newPage());
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
