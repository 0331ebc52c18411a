import { resolveEvidencePath } from '../model/evidence-files.js';
import { RELEASE_TAG_PATTERN } from '../model/revisions.js';
import { renderChangelogMarkdown } from '../render/changelog.js';
import { renderScoreJson, renderScoreMarkdown } from '../render/score.js';
import { renderOscal } from './oscal/oscal.js';
import type { PacketInput, PacketSource } from './packet-input.js';
import { renderPolicyPage, renderSite } from './site.js';
import { buildCaiqTable, buildControlMatrix, buildEvidenceIndex, buildSsrmMatrix, renderCsv, type Table } from './tables.js';
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
  const { model, readiness, changelog } = input;
  const sources: PacketSource[] = [];
  const addTable = (folder: string, file: string, table: Table | undefined) => {
    if (!table) return;
    sources.push({ path: `${folder}/${file}.csv`, content: renderCsv(table) });
    sources.push({ path: `${folder}/${file}.xlsx`, content: renderXlsx([table, readmeSheet(input, `${folder}/${file}`, table)], workbookProperties(input, table)) });
  };
  addTable('caiq', 'caiq', buildCaiqTable(input));
  addTable('matrix', 'controls', buildControlMatrix(input));
  addTable('matrix', 'ssrm', buildSsrmMatrix(input));
  const { audit } = input;
  if (audit.soa) addTable('soa', 'soa', buildSoaTable(audit.soa));
  addTable('system', 'cuecs', buildCuecTable(audit.complementary));
  addTable('system', 'csocs', buildCsocTable(audit.complementary));
  addTable('vendors', 'register', buildVendorRegisterTable(audit.vendors));
  if (readiness.risks.risks.length > 0) addTable('risks', 'register', buildRiskTable(readiness.risks));
  sources.push({ path: 'pbc.md', content: renderDueMarkdown(audit.due, 1) });
  sources.push({ path: 'pbc.csv', content: renderCsv(buildPbcTable(audit.due)) });
  sources.push({ path: 'readiness.json', content: renderScoreJson(readiness) });
  sources.push({ path: 'readiness.md', content: renderScoreMarkdown(readiness) });
  sources.push({
    path: 'changelog.md',
    content: changelog
      ? renderChangelogMarkdown(changelog, { headingLevel: 2 })
      : `${input.changelogNote ?? `No previous release (${RELEASE_TAG_PATTERN}) to compare with.`}\n`,
  });
  const policyPage = (id: string) => `policies/${id}.html`;
  const sourceByPath = new Map(input.sourceFiles.map((f) => [f.path, f]));
  for (const p of model.policies) {
    const original = sourceByPath.get(p.source.file);
    sources.push({ path: `policies/${p.data.id}.md`, content: original?.text ?? p.body });
    sources.push({ path: policyPage(p.data.id), content: renderPolicyPage(input, p.data.id) });
  }
  // Evidence: the records and every file they reference that verifies as inside evidence/.
  for (const path of publishedEvidence(input)) sources.push({ path, evidence: path });
  sources.push({ path: 'evidence/index.csv', content: renderCsv(buildEvidenceIndex(input, (p) => p)) });
  for (const [name, text] of Object.entries(renderOscal(input))) sources.push({ path: `oscal/${name}`, content: text });
  sources.push({ path: 'index.html', content: renderSite(input, { policyPage, evidenceFile: (p) => p }) });
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
