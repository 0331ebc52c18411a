import type { Sheet } from './table.js';

export type ImportKind = 'soa' | 'tsc-matrix' | 'ccm-matrix';
export const IMPORT_KINDS: readonly ImportKind[] = ['soa', 'tsc-matrix', 'ccm-matrix'];

/** What a column can hold; `requirements` holds the framework ids (Annex A, TSC or CCM), the one column every import needs. */
export const IMPORT_FIELDS = [
  'requirements',
  'id',
  'title',
  'description',
  'owner',
  'status',
  'applicable',
  'justification',
  'frequency',
  'ownership',
  'csp',
  'csc',
  'vendor',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A problem with a file or a row, where a person finds it in the spreadsheet: row 7, column C. */
export interface ImportFinding {
  severity: 'error' | 'warning' | 'info';
  /** 1-based, as the spreadsheet numbers rows. */
  row?: number;
  /** The column letter ("C"). */
  column?: string;
  message: string;
  hint?: string;
}

const OWNER = ['owner', 'control owner', 'responsible', 'responsible party', 'process owner', 'accountable', 'assignee', 'owned by'];
const STATUS = ['implemented', 'implementation status', 'status', 'state', 'in place', 'control status', 'implemented (y/n)', 'operating'];
const APPLICABLE = ['applicable', 'applicability', 'included', 'selected', 'in scope', 'applies', 'relevant'];
const JUSTIFICATION = [
  'justification',
  'justification for inclusion',
  'justification for exclusion',
  'justification for inclusion/exclusion',
  'justification for inclusion or exclusion',
  'reason',
  'reason for selection',
  'reason for inclusion',
  'reason for exclusion',
  'reason for inclusion/exclusion',
  'exclusion reason',
  'rationale',
];
const FREQUENCY = ['frequency', 'control frequency', 'how often', 'periodicity', 'cadence'];
const VENDOR = ['vendor', 'third party', 'third-party', 'supplier', 'provider', 'subprocessor', 'sub-processor'];

/** Header names per field, compared after normalizeHeader (lower case, no "?", no parenthesised notes). */
const SYNONYMS: Record<ImportKind, Partial<Record<ImportField, readonly string[]>>> = {
  soa: {
    requirements: [
      'annex a control', 'annex a', 'annex a id', 'annex a ref', 'annex a reference', 'annex a control id', 'annex a control number',
      'annex a control ref', 'annex a clause', 'control ref', 'control reference', 'control id', 'control no', 'control number', 'control #',
      'iso control', 'iso 27001 control', 'iso/iec 27001 control', 'iso ref', 'iso reference', 'clause', 'ref', 'reference', 'id', '#', 'no', 'number',
    ],
    id: ['internal control', 'internal control id', 'internal id', 'control code', 'our control'],
    title: ['control name', 'control title', 'title', 'name', 'control', 'annex a control name', 'annex a control title', 'control objective'],
    description: ['implementation', 'implementation description', 'how implemented', 'how it is implemented', 'implementation details', 'description', 'control description', 'details', 'evidence of implementation'],
    owner: OWNER,
    status: STATUS,
    applicable: APPLICABLE,
    justification: JUSTIFICATION,
    frequency: FREQUENCY,
  },
  'tsc-matrix': {
    requirements: [
      'tsc', 'tscs', 'tsc ref', 'tsc reference', 'tsc criteria', 'tsc criterion', 'tsc mapping', 'tsc id', 'criteria', 'criterion', 'criteria ref',
      'criteria reference', 'criteria mapping', 'mapped criteria', 'trust services criteria', 'trust services criterion', 'soc 2 criteria',
      'soc2 criteria', 'soc 2 criterion', 'common criteria', 'coso/tsc', 'requirement', 'requirements', 'mapping',
    ],
    id: ['control #', 'control no', 'control number', 'control id', 'control ref', 'control reference', 'control code', 'control key', 'ref', 'ref #', '#', 'id', 'no', 'key'],
    title: ['control name', 'control title', 'title', 'name'],
    description: ['control description', 'control activity', 'control activities', 'description', 'activity', 'control narrative', 'narrative', 'control', 'control statement'],
    owner: OWNER,
    status: STATUS,
    applicable: APPLICABLE,
    justification: JUSTIFICATION,
    frequency: FREQUENCY,
    vendor: VENDOR,
  },
  'ccm-matrix': {
    requirements: ['ccm', 'ccm id', 'ccm control', 'ccm control id', 'ccm ref', 'ccm reference', 'ccm v4 control id', 'control id', 'question id', 'caiq question id', 'id', 'control'],
    id: ['control #', 'internal control', 'internal control id', 'control code', 'our control'],
    title: ['control title', 'control name', 'title', 'name'],
    description: ['control description', 'description', 'implementation', 'control implementation'],
    owner: OWNER,
    // A CAIQ answer says whether the control is in place: Yes, No, NA.
    status: [...STATUS, 'csp caiq answer', 'caiq answer', 'answer', 'csp answer'],
    applicable: APPLICABLE,
    justification: JUSTIFICATION,
    frequency: FREQUENCY,
    ownership: ['ssrm control ownership', 'control ownership', 'ownership', 'ssrm ownership', 'shared responsibility', 'responsibility', 'typical control ownership'],
    csp: ['csp implementation description', 'csp implementation', 'csp description', 'implementation description'],
    csc: ['csc responsibilities', 'csc responsibility', 'customer responsibilities', 'customer responsibility', 'csc'],
    vendor: VENDOR,
  },
};

/** When no header is a synonym: a header that contains one of these words. */
const CONTAINS: Record<ImportKind, Partial<Record<ImportField, RegExp>>> = {
  soa: { requirements: /\bannex a\b/, applicable: /\bapplicab/, justification: /\bjustif|\breason/, status: /\bimplemented\b|\bstatus\b/, owner: /\bowner\b/ },
  'tsc-matrix': { requirements: /\btsc\b|\bcriteri(a|on)\b/, id: /\bcontrol (#|no|number|id)\b/, applicable: /\bapplicab/, justification: /\bjustif|\breason/, status: /\bimplemented\b|\bstatus\b/, owner: /\bowner\b/ },
  'ccm-matrix': { requirements: /\bccm\b/, ownership: /\bownership\b/, csp: /\bcsp implementation\b/, csc: /\bcsc respons/, status: /\banswer\b|\bimplemented\b|\bstatus\b/, applicable: /\bapplicab/, justification: /\bjustif|\breason/, owner: /\bowner\b/ },
};

/** The order fields claim columns in: the specific before the general ("Control #" is an id before "Control" is a title). */
const PRIORITY: readonly ImportField[] = ['requirements', 'id', 'ownership', 'csp', 'csc', 'applicable', 'justification', 'status', 'owner', 'frequency', 'vendor', 'title', 'description'];

/** "Implemented?" → "implemented", "Annex A Control (2022)" → "annex a control". */
export function normalizeHeader(header: string): string {
  return header
    .replace(/\u00a0/g, ' ')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[?:*]/g, ' ')
    .replace(/\.$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Column A is 0. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function columnIndex(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** `--columns id="Control #",requirements=C` as field → column text. */
export function parseColumnsOption(text: string | undefined): Map<ImportField, string> | { error: string } {
  const out = new Map<ImportField, string>();
  if (!text) return out;
  for (const part of text.split(/,(?=\s*[a-z]+\s*=)/)) {
    const match = /^\s*([a-z]+)\s*=\s*(.+?)\s*$/.exec(part);
    if (!match) return { error: `--columns: "${part}" is not field=COLUMN (e.g. requirements=C or id="Control #")` };
    const field = match[1] as ImportField;
    if (!IMPORT_FIELDS.includes(field)) return { error: `--columns: "${match[1]}" is not a field; fields: ${IMPORT_FIELDS.join(', ')}` };
    out.set(field, match[2]!.replace(/^["']|["']$/g, ''));
  }
  return out;
}

export interface ColumnMap {
  /** 0-based index of the header row, -1 when the sheet has none (every column given by letter). */
  headerRow: number;
  columns: Partial<Record<ImportField, number>>;
  headers: string[];
}

const HEADER_SEARCH_ROWS = 20;

const isPosition = (wanted: string) => /^[A-Za-z]{1,3}$|^\d+$/.test(wanted);

/**
 * Columns of one row read as a header: what --columns names (by header, else by letter or number), then
 * synonyms, then telling words. `byName` are the fields this row's own text placed; undefined when a
 * header that --columns names is not in the row.
 */
function matchRow(headers: readonly string[], kind: ImportKind, overrides: ReadonlyMap<ImportField, string>) {
  const normalized = headers.map(normalizeHeader);
  const columns: Partial<Record<ImportField, number>> = {};
  const byName = new Set<ImportField>();
  const used = new Set<number>();
  for (const [field, wanted] of overrides) {
    const byHeader = normalized.indexOf(normalizeHeader(wanted));
    if (byHeader < 0 && !isPosition(wanted)) return undefined;
    const index = byHeader >= 0 ? byHeader : /^\d+$/.test(wanted) ? Number(wanted) - 1 : columnIndex(wanted);
    columns[field] = index;
    used.add(index);
    if (byHeader >= 0) byName.add(field);
  }
  for (const pass of ['exact', 'contains'] as const) {
    for (const field of PRIORITY) {
      if (columns[field] !== undefined) continue;
      const index = normalized.findIndex((h, i) => !used.has(i) && h !== '' && (pass === 'exact' ? SYNONYMS[kind][field]?.includes(h) : CONTAINS[kind][field]?.test(h)));
      if (index < 0) continue;
      columns[field] = index;
      used.add(index);
      byName.add(field);
    }
  }
  return { columns, byName };
}

/**
 * The header row, the first of the sheet's first rows that names the requirements column (or, when
 * --columns gives that column by letter, names any other), and where each field is.
 */
export function findColumns(sheet: Sheet, kind: ImportKind, overrides: ReadonlyMap<ImportField, string>): ColumnMap | ImportFinding {
  for (let r = 0; r < Math.min(sheet.rows.length, HEADER_SEARCH_ROWS); r++) {
    const headers = sheet.rows[r] ?? [];
    const match = matchRow(headers, kind, overrides);
    if (!match || match.columns.requirements === undefined) continue;
    if (match.byName.has('requirements') || (overrides.has('requirements') && match.byName.size > 0)) return { headerRow: r, columns: match.columns, headers: [...headers] };
  }
  if (overrides.has('requirements') && [...overrides.values()].every(isPosition)) {
    return { headerRow: -1, columns: matchRow([], kind, overrides)!.columns, headers: [] };
  }
  const names = SYNONYMS[kind].requirements!.slice(0, 6).map((n) => `"${n}"`).join(', ');
  return {
    severity: 'error',
    row: 1,
    message: `no header row in the first ${HEADER_SEARCH_ROWS} rows names the column of ${REQUIREMENT_WORDS[kind]} (looked for ${names}, …)`,
    hint: `Name the column, e.g. --columns requirements=C or --columns requirements="${kind === 'soa' ? 'Annex A ref' : kind === 'tsc-matrix' ? 'Criteria' : 'CCM ID'}".`,
  };
}

export const REQUIREMENT_WORDS: Record<ImportKind, string> = {
  soa: 'ISO 27001 Annex A controls',
  'tsc-matrix': 'TSC criteria',
  'ccm-matrix': 'CCM control ids',
};
