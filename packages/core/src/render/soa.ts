import type { SoaRow, StatementOfApplicability } from '../score/soa.js';
import { renderCsv, type Table } from '../packet/tables.js';
import { renderView } from './labels.js';
import { escapeMarkdown } from './markdown-escape.js';

/** "Yes", "Partial", "No" or "NA": what `gaps --from-soa` reads back as implemented. */
function implementedCell(r: SoaRow): string {
  return r.implementation === 'implemented' ? 'Yes' : r.implementation === 'partially implemented' ? 'Partial' : r.implementation === 'not implemented' ? 'No' : 'NA';
}

/**
 * The SoA as a table: Annex A id, applicable and implemented come first, in the columns `trustops gaps
 * --from-soa` reads, so the file can be read back; then the justification and what implements it.
 */
export function buildSoaTable(soa: StatementOfApplicability): Table {
  return {
    name: 'Statement of Applicability',
    columns: [
      { header: 'Annex A id', width: 10 },
      { header: 'Title', width: 44 },
      { header: 'Applicable', width: 11 },
      { header: 'Implemented', width: 12 },
      { header: 'Justification', width: 70 },
      { header: 'Implementation status', width: 22 },
      { header: 'Implementing controls', width: 36 },
      { header: 'Policies', width: 24 },
      { header: 'Risks', width: 20 },
      { header: 'CCM requirements (CSA mapping)', width: 30 },
      { header: 'Inherited from', width: 18 },
      { header: 'Theme', width: 24 },
    ],
    rows: soa.rows.map((r) => [
      r.id,
      r.title,
      r.applicable ? 'Yes' : 'No',
      implementedCell(r),
      r.justification,
      r.implementation,
      r.controls.join(', '),
      r.policies.join(', '),
      r.risks.join(', '),
      r.requirements.join(', '),
      r.vendors.join(', '),
      `${r.theme} ${r.themeName}`,
    ]),
  };
}

function viewLine(soa: StatementOfApplicability, markdown = false): string {
  return renderView({ type: soa.type, asOf: soa.asOf, today: soa.asOf, ...(soa.period ? { period: soa.period } : {}), periodConfigured: true }, markdown);
}

function countsLine(soa: StatementOfApplicability): string {
  const c = soa.counts;
  return `${soa.rows.length} Annex A controls: ${c.applicable} applicable, ${c.excluded} excluded; ${c.implemented} implemented, ${c.partial} partially implemented, ${c.notImplemented} not implemented`;
}

export function renderSoaCsv(soa: StatementOfApplicability): string {
  return renderCsv(buildSoaTable(soa));
}

export function renderSoaJson(soa: StatementOfApplicability): string {
  return `${JSON.stringify(soa, null, 2)}\n`;
}

/** Terminal output: one block per control, the justification folded under it. */
export function renderSoaText(soa: StatementOfApplicability): string {
  const lines = ['Statement of Applicability (ISO/IEC 27001:2022 Annex A)', viewLine(soa), countsLine(soa), ''];
  for (const r of soa.rows) {
    const applicable = r.applicable ? 'applicable' : 'EXCLUDED';
    lines.push(`${r.id.padEnd(5)} ${applicable.padEnd(10)} ${r.implementation.padEnd(21)} ${r.title}`);
    lines.push(`      ${r.justification}`);
    if (r.controls.length || r.policies.length) lines.push(`      controls: ${r.controls.join(', ') || '–'}; policies: ${r.policies.join(', ') || '–'}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderSoaMarkdown(soa: StatementOfApplicability): string {
  const cell = escapeMarkdown;
  const lines = [
    '## Statement of Applicability',
    '',
    `${viewLine(soa, true)}. ${countsLine(soa)}.`,
    '',
    '| Annex A | Title | Applicable | Implementation | Justification | Controls | Policies |',
    '|---|---|---|---|---|---|---|',
    ...soa.rows.map(
      (r) =>
        `| ${r.id} | ${cell(r.title)} | ${r.applicable ? 'yes' : '**no**'} | ${r.implementation} | ${cell(r.justification)} | ${cell(r.controls.join(', ') || '–')} | ${cell(r.policies.join(', ') || '–')} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
