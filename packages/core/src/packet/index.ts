// The audit packet: loaded only by `trustops packet` (pdfkit and the HTML toolchain are heavy to start).
export { buildPacket } from './build-packet.js';
export type { BuildPacketOptions, BuildPacketResult } from './build-packet.js';
export type { PacketFileEntry, PacketInput, PacketMeta } from './packet-input.js';
export { renderManifest, renderSha256Sums, writeDeterministicZip } from './packet-writer.js';
export { renderMarkdownHtml } from './markdown-html.js';
export { buildCaiqTable, buildControlMatrix, buildEvidenceIndex, buildSsrmMatrix, renderCsv } from './tables.js';
export { renderOscal } from './oscal.js';
export { renderXlsx } from './xlsx.js';
export type { XlsxColumn, XlsxSheet } from './xlsx.js';
export { renderSummaryPdf } from './summary-pdf.js';
