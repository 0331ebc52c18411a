import type { ImportFinding } from '../import/columns.js';
import type { ImportPlan } from '../import/build-program.js';
import type { ImportRead } from '../import/read-rows.js';
import type { Table } from '../import/table.js';
import { plural } from './labels.js';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** The findings of an import, first of all in any output: "soa.csv:13:A  error  …", worst first, then by row. */
export function renderImportFindings(findings: readonly ImportFinding[], file: string): string {
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.row ?? 0) - (b.row ?? 0));
  return sorted
    .map((f) => {
      const where = `${file}${f.row ? `:${f.row}` : ''}${f.column ? `:${f.column}` : ''}`;
      return `${where}  ${f.severity.padEnd(7)}  ${f.message}${f.hint ? `\n${' '.repeat(where.length + 11)}hint: ${f.hint}` : ''}\n`;
    })
    .join('');
}

/** How the file was read: "CSV (windows-1252, ";"-separated)", "sheet "SoA" of an .xlsx workbook", header row, columns. */
export function renderImportSource(table: Table, read: ImportRead, file: string): string {
  const how = table.format === 'csv' ? `CSV (${table.encoding}, "${table.delimiter === '\t' ? 'tab' : table.delimiter}"-separated)` : `sheet "${read.sheet}" of an .xlsx workbook`;
  const columns = Object.entries(read.columns).map(([field, where]) => `${field} ${where}`).join(', ');
  return `Read ${file}: ${how}, ${read.headerRow ? `header in row ${read.headerRow}` : 'no header row'}; columns: ${columns || 'none'}.\n`;
}

/** The 2013 ids and what they became: translated one to one, merged into one 2022 control, or split over several. */
function translations(plan: ImportPlan): string[] {
  if (plan.iso2013.length === 0) return [];
  const lines = ['ISO/IEC 27001:2013 ids, through ISO/IEC 27002:2022 Annex B:'];
  for (const t of plan.iso2013) {
    if (t.change === 'renumbered') lines.push(`  A.${t.from} → ${t.to.join(', ')} (translated; row ${t.rows.join(', ')})`);
    if (t.change === 'split') lines.push(`  A.${t.from} → ${t.to.join(', ')} (split; row ${t.rows.join(', ')})`);
  }
  // A 2022 control that more than one 2013 id of the file became, or that Annex B merges others into.
  const into = new Map<string, string[]>();
  for (const t of plan.iso2013) for (const to of t.to) into.set(to, [...(into.get(to) ?? []), `A.${t.from}`]);
  for (const [to, from] of into) {
    const merged = plan.iso2013.some((t) => t.change === 'merged' && t.to.includes(to));
    if (merged || from.length > 1) lines.push(`  ${from.join(' + ')} → ${to} (merged${from.length === 1 ? ', with 2013 controls the file does not list' : ''})`);
  }
  return lines;
}

/** What `trustops import` did, as text: findings first, then what was read, written, kept and left to write. */
export function renderImportReport(input: { table: Table; read: ImportRead; plan: ImportPlan; file: string; dryRun: boolean }): string {
  const { table, read, plan, file, dryRun } = input;
  const out: string[] = [];
  const findings = [...read.findings, ...plan.findings];
  if (findings.length) out.push(renderImportFindings(findings, file).trimEnd(), '');
  out.push(renderImportSource(table, read, file).trimEnd());
  const implemented = plan.controls.filter((c) => c.status === 'implemented').length;
  const verb = dryRun ? 'Would write' : 'Wrote';
  out.push(
    `${verb} ${plural(plan.controls.length, 'control')} (${implemented} implemented, ${plan.controls.length - implemented} planned) from ${plural(read.rows.length, 'row')}, ${plural(plan.exclusions.length, 'exclusion')}, ${plural(plan.ssrm.length, 'SSRM entry').replace('entrys', 'entries')}${read.headings ? `; ${plural(read.headings, 'heading row')} skipped` : ''}.`,
  );
  out.push(...translations(plan));
  if (plan.writes.length) {
    out.push(`${dryRun ? 'Files that would be written' : 'Files written'} (nothing existing is overwritten):`);
    for (const w of plan.writes) out.push(`  ${w.before === undefined ? 'new   ' : 'merged'} ${w.path}`);
  } else out.push('Nothing new to write.');
  if (plan.kept.length) out.push(`Kept as they are (they exist already): ${plan.kept.join('; ')}.`);
  const descriptions = plan.controls.filter((c) => c.placeholders.includes('description')).length;
  const owners = plan.controls.filter((c) => c.placeholders.includes('owner')).length;
  const reasons = plan.exclusions.filter((e) => e.placeholder).length;
  if (descriptions + owners + reasons) {
    out.push(`To write by hand: ${[descriptions ? `${plural(descriptions, 'description')} (TODO)` : '', owners ? `${plural(owners, 'owner')} (owner: TODO)` : '', reasons ? `${plural(reasons, 'exclusion reason')} (TODO)` : ''].filter(Boolean).join(', ')}.`);
  }
  for (const note of plan.notes) out.push(`Note: ${note}`);
  if (plan.createdConfig && !dryRun) out.push('compliance.yaml is new: fill in organization and system.');
  out.push(dryRun ? 'Dry run: nothing was written.' : 'Next: trustops check, then trustops score.');
  return `${out.join('\n')}\n`;
}
