import type { Migration, MigrationRef } from '../migrate/migrate-program.js';
import { plural } from './labels.js';
import { escapeMarkdown as esc } from './markdown-escape.js';

const FOLD_AFTER = 10;

function where(ref: MigrationRef): string {
  return `${esc(ref.owner)} (\`${ref.file}:${ref.line}\`)`;
}

function fold(lines: readonly string[], summary: string): string[] {
  return lines.length > FOLD_AFTER ? [`<details><summary>${summary}</summary>`, '', ...lines, '', '</details>'] : [...lines];
}

/** The one line that says what the migration did: "CCM 4.0.13 → 4.1: 58 ids renumbered, 1 removed, 11 added". */
export function migrationSummary(m: Migration): string {
  return `CCM ${m.from} → ${m.to}: ${plural(m.renumbered.length, 'id')} renumbered, ${m.removed.length} removed, ${m.added.length} added`;
}

/**
 * The migration report, Markdown to paste into the pull request: what to decide first (removed
 * controls), what to write (the placeholders), what to review, then every renumbered id and file.
 */
export function renderMigrationReport(m: Migration, options: { command?: string; dryRun?: boolean } = {}): string {
  const out: string[] = [`## CCM ${m.from} → ${m.to} migration`, ''];
  out.push(
    `${options.command ? `\`${options.command}\` ` : ''}${options.dryRun ? 'would renumber' : 'renumbered'} the program's CCM ids through CSA's v4.0 → v4.1 crosswalk in one pass (every id looked up once, never chained), editing the files in place: comments, order and formatting are kept.`,
    '',
    `**${migrationSummary(m)}** · ${plural(m.files.length, 'file')} ${options.dryRun ? 'would change' : 'changed'} · ${m.review.length} to review`,
    '',
  );
  const decisions = [...removedLines(m), ...mergedLines(m), ...unknownLines(m), ...m.notes.map((n) => `- ${esc(n)}`)];
  if (decisions.length) out.push('### Decisions to make', '', ...decisions, '');
  if (m.added.length) {
    out.push(
      `### New in CCM ${m.to}: SSRM entries to write (${m.added.length})`,
      '',
      'Each got a placeholder entry with CSA\'s typical ownership for the service model; `check` warns (content/placeholder) until its texts are written.',
      '',
      '| id | control | ownership | where |',
      '|---|---|---|---|',
      ...m.added.map((a) => `| ${esc(a.id)} | ${esc(a.title)} | ${a.ownership} (CSA ${a.serviceModel.toUpperCase()}: ${esc(a.typical)}) | \`${a.file}:${a.line}\` |`),
      '',
    );
  }
  if (m.review.length) {
    const lines = m.review.map(
      (r) => `- **${esc(r.id)}** ${esc(r.title)}${r.from !== r.id ? ` (was ${esc(r.from)})` : ''}: ${r.reasons.map(esc).join('; ')}. Named by ${r.owners.map(esc).join(', ')}.`,
    );
    out.push(`### To review (${m.review.length})`, '', 'The id moved as the crosswalk says, but the control changed beyond its number: check that what names it still fits.', '', ...fold(lines, `${m.review.length} ids`), '');
  }
  if (m.prose.length) {
    const lines = m.prose.map((p) => `- \`${p.file}:${p.line}\` names ${esc(p.id)}, now ${p.to.length ? p.to.map(esc).join(', ') : 'removed'}`);
    out.push(`### Text that names renumbered ids (${m.prose.length})`, '', 'Descriptions, reasons, comments and policy text are not rewritten; read these again.', '', ...fold(lines, `${m.prose.length} places`), '');
  }
  if (m.renumbered.length) {
    const rows = m.renumbered.map((r) => `| ${esc(r.from)} | ${r.to.map(esc).join(', ')} | ${esc(r.title)} | ${[...new Set(r.refs.map((x) => x.owner))].map(esc).join(', ')} |`);
    out.push(`### Renumbered (${m.renumbered.length})`, '', ...fold([`| ${m.from} | ${m.to} | control | named by |`, '|---|---|---|---|', ...rows], `${m.renumbered.length} ids`), '');
  }
  out.push(`${m.unchanged} ${m.unchanged === 1 ? 'place names an id' : 'places name ids'} that kept ${m.unchanged === 1 ? 'its' : 'their'} number.`, '');
  if (m.files.length) out.push(`### Files ${options.dryRun ? 'that would change' : 'changed'} (${m.files.length})`, '', ...fold(m.files.map((f) => `- \`${f.path}\``), `${m.files.length} files`), '');
  return `${out.join('\n').trimEnd()}\n`;
}

function removedLines(m: Migration): string[] {
  return m.removed.flatMap((r) => [
    `- **${esc(r.id)}** ${esc(r.title)} has no successor in CCM ${m.to}${r.note ? ` (the crosswalk: ${esc(r.note)})` : ''}. What named it no longer does:`,
    ...r.refs.map((ref) => `  - ${where(ref)}`),
    ...r.texts.flatMap((t) => [`  - the SSRM entry removed from \`${t.file}\` was:`, '', '    ```yaml', ...t.text.split('\n').map((l) => `    ${l}`), '    ```', '']),
    `  Map what it covered to the CCM ${m.to} control that carries it now, or leave it out.`,
  ]);
}

function mergedLines(m: Migration): string[] {
  return m.merged.map((x) => `- ${esc(x.id)} became ${esc(x.into)}, which ${where(x.ref)} already names: the second was removed${x.text ? ' (its SSRM text is in git history)' : ''}.`);
}

function unknownLines(m: Migration): string[] {
  return m.unknown.map((u) => `- ${esc(u.id)} is not a CCM ${m.from} id, so it was left as it is: ${u.refs.map(where).join(', ')}.`);
}
