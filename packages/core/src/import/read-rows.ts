import type { Iso2013Row } from '@trustops/frameworks';
import { parseOwnership, type Ownership } from '../model/ownership.js';
import type { FREQUENCIES } from '../schemas/definitions.js';
import { columnLetter, findColumns, REQUIREMENT_WORDS, type ImportField, type ImportFinding, type ImportKind } from './columns.js';
import { readCcmIds, readIsoIds, readTscIds, type CellIds } from './ids.js';
import type { Sheet, Table } from './table.js';
import { parseApplicable, parseFrequency, parseStatus, type ImportStatus } from './values.js';

/** One row of the source, read: the framework ids it names and what it says about them. */
export interface ImportRow {
  /** The spreadsheet's row number. */
  row: number;
  /** The company's own control id ("Control #"), when the file has one. */
  sourceId?: string;
  /** Ids of the target framework: ISO/IEC 27001:2022 Annex A, TSC criteria or CCM ids of the program's version. */
  requirements: string[];
  /** ISO: the 2013 ids the row wrote, as ISO/IEC 27002:2022 Annex B translates them. */
  iso2013: { from: string; to: readonly string[]; change: Iso2013Row['change'] }[];
  title?: string;
  description?: string;
  owner?: string;
  status?: ImportStatus;
  applicable: boolean;
  justification?: string;
  frequency?: (typeof FREQUENCIES)[number];
  ownership?: Ownership;
  csp?: string;
  csc?: string;
  vendor?: string;
}

export interface ImportRead {
  kind: ImportKind;
  sheet: string;
  /** The header's row number (0: none, every column given by letter). */
  headerRow: number;
  /** Where each field was found: "C (Control #)". */
  columns: Partial<Record<ImportField, string>>;
  rows: ImportRow[];
  /** Unreadable rows and cells first of all, with row and column. */
  findings: ImportFinding[];
  /** Rows that are theme or objective headings of an SoA, not controls. */
  headings: number;
}

export interface ReadRowsOptions {
  sheet?: string;
  columns?: ReadonlyMap<ImportField, string>;
  /** The CCM version ccm-matrix ids are read in. */
  ccmVersion: string;
}

/** The sheet to read: the one --sheet names, else the first whose header names the requirements column. */
function pickSheet(table: Table, kind: ImportKind, options: ReadRowsOptions): Sheet | ImportFinding {
  if (options.sheet !== undefined) {
    const sheet = table.sheets.find((s) => s.name === options.sheet) ?? table.sheets.find((s) => s.name.toLowerCase() === options.sheet!.toLowerCase());
    return sheet ?? { severity: 'error', message: `no sheet "${options.sheet}" in the workbook`, hint: `Sheets: ${table.sheets.map((s) => `"${s.name}"`).join(', ')}.` };
  }
  const columns = options.columns ?? new Map();
  return table.sheets.find((s) => !('severity' in findColumns(s, kind, columns))) ?? table.sheets[0]!;
}

/**
 * Reads the rows of an SoA, a SOC 2 control matrix or a CCM matrix: columns found by header (case- and
 * space-insensitive, with synonyms, or as --columns says), several ids per cell. Every cell it cannot
 * read is a finding with its row and column; a row without one readable id is left out.
 */
export function readImportRows(table: Table, kind: ImportKind, options: ReadRowsOptions): ImportRead {
  const picked = pickSheet(table, kind, options);
  if ('severity' in picked) return { kind, sheet: '', headerRow: 0, columns: {}, rows: [], findings: [picked], headings: 0 };
  const sheet = picked;
  const map = findColumns(sheet, kind, options.columns ?? new Map());
  const read: ImportRead = { kind, sheet: sheet.name, headerRow: 0, columns: {}, rows: [], findings: [], headings: 0 };
  if ('severity' in map) {
    read.findings.push(map);
    return read;
  }
  read.headerRow = map.headerRow + 1;
  for (const [field, index] of Object.entries(map.columns) as [ImportField, number][]) {
    read.columns[field] = `${columnLetter(index)}${map.headers[index] ? ` (${map.headers[index]})` : ''}`;
  }
  const col = map.columns;
  const reqCol = col.requirements!;
  const cellOf = (cells: readonly string[], field: ImportField) => (col[field] === undefined ? '' : (cells[col[field]!] ?? '').trim());
  const body = sheet.rows.map((cells, r) => ({ cells, r })).slice(map.headerRow + 1);
  // A 2013 SoA writes three-part ids; its two-part ones are then objectives, not 2022 controls.
  const in2013File = kind === 'soa' && body.some(({ cells }) => readIsoIds(cells[reqCol] ?? '').iso2013.length > 0);
  for (const { cells, r } of body) {
    if (cells.every((c) => c.trim() === '')) continue;
    const at = (field: ImportField) => ({ row: r + 1, column: columnLetter(col[field]!) });
    const reqText = cellOf(cells, 'requirements');
    const ids: CellIds & { ambiguousNumber?: string } =
      kind === 'soa' ? readIsoIds(reqText, { numeric: sheet.numeric.has(`${r}:${reqCol}`), in2013File }) : kind === 'tsc-matrix' ? readTscIds(reqText) : readCcmIds(reqText, options.ccmVersion);
    if (ids.ids.length === 0 && ids.heading && ids.problems.length === 0) {
      read.headings++;
      continue;
    }
    for (const problem of ids.problems) {
      read.findings.push({ severity: ids.ids.length ? 'warning' : 'error', ...at('requirements'), message: `${problem.message}${ids.ids.length ? '; the row\'s other ids are imported' : ''}`, ...(problem.hint ? { hint: problem.hint } : {}) });
    }
    if (ids.ids.length === 0) {
      if (reqText === '') read.findings.push({ severity: 'error', ...at('requirements'), message: `no ${REQUIREMENT_WORDS[kind]} in this row: it is left out`, hint: `Fill in column ${columnLetter(reqCol)} or delete the row.` });
      continue;
    }
    if (ids.ambiguousNumber) {
      read.findings.push({
        severity: 'warning',
        ...at('requirements'),
        message: `${ids.ambiguousNumber} is stored as a number, read as ${ids.ambiguousNumber} (a spreadsheet shows 5.10 typed as a number as 5.1)`,
        hint: 'If it means the control ending in 0, format the column as text and type the id again.',
      });
    }
    read.rows.push(readRow(cells, r, ids, { kind, cellOf, at, findings: read.findings, hasColumn: (f) => col[f] !== undefined }));
  }
  return read;
}

interface RowContext {
  kind: ImportKind;
  cellOf: (cells: readonly string[], field: ImportField) => string;
  at: (field: ImportField) => { row: number; column: string };
  findings: ImportFinding[];
  hasColumn: (field: ImportField) => boolean;
}

function readRow(cells: readonly string[], r: number, ids: CellIds, ctx: RowContext): ImportRow {
  const { cellOf, at, findings } = ctx;
  const text = (field: ImportField) => cellOf(cells, field) || undefined;
  const row: ImportRow = { row: r + 1, requirements: ids.ids, iso2013: ids.iso2013, applicable: true };
  for (const field of ['title', 'description', 'owner', 'justification', 'csp', 'csc', 'vendor'] as const) {
    const value = text(field);
    if (value) row[field] = value;
  }
  const sourceId = text('id');
  if (sourceId) row.sourceId = sourceId;
  if (ctx.hasColumn('status')) {
    const raw = cellOf(cells, 'status');
    const status = parseStatus(raw);
    if (status === undefined) findings.push({ severity: 'warning', ...at('status'), message: `cannot read "${raw}" as implemented, partial, no or n/a: imported as planned`, hint: 'Write Yes, Partial, No or N/A.' });
    else if (status !== '') row.status = status;
  }
  if (ctx.hasColumn('applicable')) {
    const raw = cellOf(cells, 'applicable');
    const applicable = parseApplicable(raw);
    if (applicable === undefined) findings.push({ severity: 'warning', ...at('applicable'), message: `cannot read "${raw}" as applicable yes or no: taken as applicable`, hint: 'Write Yes or No.' });
    else if (applicable === false) row.applicable = false;
  }
  if (row.status === 'na') row.applicable = false;
  if (ctx.hasColumn('frequency')) {
    const raw = cellOf(cells, 'frequency');
    const frequency = parseFrequency(raw);
    if (frequency === undefined) findings.push({ severity: 'warning', ...at('frequency'), message: `cannot read "${raw}" as a frequency: left out`, hint: 'Write one of continuous, daily, weekly, monthly, quarterly, semiannual, annual, per-event.' });
    else if (frequency !== '') row.frequency = frequency;
  }
  if (ctx.hasColumn('ownership')) {
    const raw = cellOf(cells, 'ownership');
    const ownership = parseOwnership(raw);
    if (raw && !ownership) findings.push({ severity: 'warning', ...at('ownership'), message: `cannot read "${raw}" as an SSRM ownership: no SSRM entry from this row`, hint: 'Write CSP-owned, CSC-owned, Shared CSP and CSC, Shared CSP and 3rd-party, or Third-party outsourced.' });
    else if (ownership) row.ownership = ownership;
  }
  return row;
}
