import { resolveEvidencePath } from '../model/evidence-files.js';
import { RELEASE_TAG_PATTERN } from '../model/revisions.js';
import { renderChangelogMarkdown } from '../render/changelog.js';
import { renderScoreJsonChunks, renderScoreMarkdown } from '../render/score.js';
import { renderOscalLazily } from './oscal/oscal.js';
import type { LazyPacketSource, PacketInput, PacketLines, PacketSource } from './packet-input.js';
import { renderPolicyPage, renderSiteLines } from './site.js';
import { buildCaiqTable, buildControlMatrix, buildSsrmMatrix, EVIDENCE_INDEX_COLUMNS, evidenceIndexRows, renderCsv, renderCsvParts, type Table } from './tables.js';
import { renderXlsx, type XlsxProperties } from './xlsx.js';
import { buildCsocTable, buildCuecTable, buildPbcTable, buildRiskTable, buildVendorRegisterTable } from './audit-tables.js';
import { buildSoaTable } from '../render/soa.js';
import { renderDueMarkdown } from '../render/due.js';

/**
 * Every file of the audit packet but the three that describe the others (summary.pdf, manifest.json,
 * SHA256SUMS: see manifest.ts and summary-pdf/), in the order they are written. Pure: the IO layer writes
 * them and copies the evidence files they name.
 */
export function renderPacket(input: PacketInput): PacketSource[] {
  return renderPacketLazily(input).map((s) => {
    if (!('render' in s)) return s;
    const content = s.render();
    return { path: s.path, content: typeof content === 'string' || content instanceof Uint8Array ? content : [...content.lines].join(content.separator ?? '\n') };
  });
}

/** renderPacket's files, each rendered only when asked for (the IO layer writes one at a time). */
export function renderPacketLazily(input: PacketInput): LazyPacketSource[] {
  const { model, readiness, changelog } = input;
  const sources: LazyPacketSource[] = [];
  const add = (path: string, render: () => string | Uint8Array | PacketLines) => sources.push({ path, render });
  // A table given as a function is built when its CSV is written and let go once its workbook is, so that
  // one table at a time is in memory (the control matrix and the evidence index are the large ones).
  const addTable = (folder: string, file: string, table: Table | (() => Table) | undefined) => {
    if (!table) return;
    let built: Table | undefined;
    const get = () => (built ??= typeof table === 'function' ? table() : table);
    add(`${folder}/${file}.csv`, () => ({ lines: renderCsvParts(get()), separator: '' }));
    add(`${folder}/${file}.xlsx`, () => {
      const t = get();
      built = undefined;
      return renderXlsx([t, readmeSheet(input, `${folder}/${file}`, t)], workbookProperties(input, t));
    });
  };
  // The CAIQ and the SSRM matrix exist only with CCM in scope: built here to know.
  addTable('caiq', 'caiq', buildCaiqTable(input));
  addTable('matrix', 'controls', () => buildControlMatrix(input));
  addTable('matrix', 'ssrm', buildSsrmMatrix(input));
  const { audit } = input;
  const { soa } = audit;
  if (soa) addTable('soa', 'soa', () => buildSoaTable(soa));
  addTable('system', 'cuecs', () => buildCuecTable(audit.complementary));
  addTable('system', 'csocs', () => buildCsocTable(audit.complementary));
  addTable('vendors', 'register', () => buildVendorRegisterTable(audit.vendors));
  if (readiness.risks.risks.length > 0) addTable('risks', 'register', () => buildRiskTable(readiness.risks));
  add('pbc.md', () => renderDueMarkdown(audit.due, 1));
  add('pbc.csv', () => renderCsv(buildPbcTable(audit.due)));
  // In parts: 6 MB of text at 2,000 controls, which as one string goes straight into the old generation.
  add('readiness.json', () => ({ lines: renderScoreJsonChunks(readiness), separator: '' }));
  add('readiness.md', () => renderScoreMarkdown(readiness));
  add('changelog.md', () =>
    changelog ? renderChangelogMarkdown(changelog, { headingLevel: 2 }) : `${input.changelogNote ?? `No previous release (${RELEASE_TAG_PATTERN}) to compare with.`}\n`,
  );
  const policyPage = (id: string) => `policies/${id}.html`;
  const sourceByPath = new Map(input.sourceFiles.map((f) => [f.path, f]));
  for (const p of model.policies) {
    const original = sourceByPath.get(p.source.file);
    add(`policies/${p.data.id}.md`, () => original?.text ?? p.body);
    add(policyPage(p.data.id), () => renderPolicyPage(input, p.data.id));
  }
  // Evidence: the records and every file they reference that verifies as inside evidence/.
  for (const path of publishedEvidence(input)) sources.push({ path, evidence: path });
  add('evidence/index.csv', () => ({ lines: renderCsvParts({ columns: EVIDENCE_INDEX_COLUMNS, rows: evidenceIndexRows(input, (p) => p) }), separator: '' }));
  for (const [name, renderFile] of renderOscalLazily(input)) add(`oscal/${name}`, renderFile);
  add('index.html', () => ({ lines: renderSiteLines(input, { policyPage, evidenceFile: (p) => p }) }));
  return sources;
}

/** What each table of the packet is, for its workbook's README sheet and properties. */
const TABLE_ABOUT: Readonly<Record<string, string>> = {
  CAIQ: "CSA's Consensus Assessments Initiative Questionnaire (CAIQ v4): CSA's columns in CSA's order (Question ID to CCM Domain Title), then trustops' own. Answers follow the Type I view (designed and implemented).",
  Controls: 'Risk and control matrix (RCM): each control with its description, type, automation, frequency, evidence items, owner, design and operating result, and the requirements it maps to per framework.',
  SSRM: 'The shared-responsibility model: every in-scope CCM control with its ownership (CAIQ words), vendor, CSP implementation and CSC responsibilities.',
};

/** The workbook's README sheet: what the table is, where it comes from, and what its columns' notes say. */
function readmeSheet(input: PacketInput, path: string, table: Table): Table {
  const { meta } = input;
  const rows: string[][] = [
    ['File', `${path}.xlsx (the same table as ${path}.csv: UTF-8 with a byte order mark, CRLF line ends)`],
    ['What', TABLE_ABOUT[table.name] ?? table.name],
    ['Organization', meta.organization],
    ['System', meta.systemName],
    ['Packet version', meta.version],
    ['Commit', meta.commit],
    ['Created', `${meta.createdAt} (the commit's time)`],
    ['Made by', `trustops ${meta.toolVersion}`],
    ...table.columns.flatMap((c) => [
      ...(c.note ? [[`Column "${c.header}"`, c.note]] : []),
      ...(c.choices ? [[`Column "${c.header}"`, `One of: ${c.choices.join(', ')} (a drop-down list in the sheet)`]] : []),
    ]),
  ];
  return { name: 'README', columns: [{ header: 'Field', width: 28 }, { header: 'Value', width: 100 }], rows };
}

function workbookProperties(input: PacketInput, table: Table): XlsxProperties {
  const { meta } = input;
  return {
    title: `${table.name}: ${meta.organization} ${meta.systemName}`,
    subject: TABLE_ABOUT[table.name] ?? table.name,
    creator: `trustops ${meta.toolVersion}`,
    description: `Audit packet ${meta.version}, commit ${meta.commit}`,
    keywords: 'audit packet, trustops',
    created: meta.createdAt,
  };
}

/** Evidence records, and the files they list that are inside evidence/ and exist, in path order. */
function publishedEvidence(input: PacketInput): string[] {
  const paths = new Set<string>();
  for (const record of input.model.evidence) {
    paths.add(record.source.file);
    for (const path of [...(record.data.files ?? []).map((f) => f.path), ...(record.data.population?.file ? [record.data.population.file] : [])]) {
      const resolved = resolveEvidencePath(record.source.file, path);
      if ('repoPath' in resolved && input.evidenceFiles.get(resolved.repoPath)?.kind === 'file') paths.add(resolved.repoPath);
    }
  }
  // A file holding a credential never travels, whatever --allow-findings says.
  return [...paths].filter((p) => !input.withheld.has(p)).sort();
}
