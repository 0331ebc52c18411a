// The audit packet: loaded only by `trustops packet` (pdfkit and the HTML toolchain are heavy to start).
import { parseMarkdownTree } from './load/markdown-tree.js';
import { useMarkdownParser } from './load/parse-policy.js';

// Synchronous loaders (loadRepo) read any policy through this entry; `@trustops/core/check` loads the
// Markdown parser only when a policy needs it.
useMarkdownParser(parseMarkdownTree);

export { buildPacket } from './io/build-packet.js';
export type { BuildPacketOptions, BuildPacketResult } from './io/build-packet.js';
export { writeDeterministicZip } from './io/packet-writer.js';
export { renderManifest, renderSha256Sums } from './packet/manifest.js';
export { renderMarkdownHtml } from './packet/markdown-html.js';
export type { PacketFileEntry, PacketInput, PacketMeta, PacketSource } from './packet/packet-input.js';
export { renderPacket } from './packet/render-packet.js';
export { buildCaiqTable, buildControlMatrix, buildEvidenceIndex, buildSsrmMatrix, renderCsv } from './packet/tables.js';
export { renderOscal } from './packet/oscal/oscal.js';
export { renderXlsx } from './packet/xlsx.js';
export type { XlsxColumn, XlsxSheet } from './packet/xlsx.js';
export { renderSummaryPdf } from './packet/summary-pdf/summary-pdf.js';
export { preparePacket } from './pipeline/packet.js';
export type { PreparePacketOptions } from './pipeline/packet.js';
