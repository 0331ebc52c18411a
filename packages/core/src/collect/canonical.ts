/**
 * The bytes a collector stores: canonical JSON (keys sorted at every level, two-space indent, a final
 * newline) and RFC 4180 CSV. Same data, same bytes: that is what lets a second collection of the same
 * window be recognised as such and write nothing.
 */

/** JSON with the keys of every object sorted (arrays keep their order: it is part of the data). */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

export type CsvCell = string | number | boolean | null | undefined;

/** One CSV cell: quoted when it holds a comma, a quote or a line break; a cell a spreadsheet would run as a formula is prefixed with '. */
function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // CSV injection: =, +, -, @ at the start make Excel and Sheets evaluate the cell.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV table for people: a header row, then one row per item, lines ended with \n. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}
