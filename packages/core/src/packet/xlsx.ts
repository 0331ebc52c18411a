import { strToU8, zipSync, type ZipOptions } from 'fflate';

/**
 * A small Office Open XML spreadsheet writer for the audit packet: one worksheet per sheet, a bold frozen
 * header row with an autofilter, column widths, wrapped text where a column is narrower than its text,
 * cells as inline strings or numbers.
 *
 * Each sheet prints landscape, one page wide, its header row repeated on every page; wrapped rows get
 * an explicit height (LibreOffice and Excel's viewer keep the 15 pt default otherwise, and the lines
 * overlap); a column may offer a drop-down list (data validation) or a note on its header.
 *
 * Deterministic on purpose (same input, same bytes, on any day and in any time zone): document
 * properties carry only the dates they are given (the commit's), no shared-string table whose order
 * could vary, and every zip entry written with the same timestamp, attributes and compression level. exceljs was tried and not used: it stamps every
 * zip entry with the current local time and offers no way to fix it.
 */
export interface XlsxColumn {
  header: string;
  /** Width in characters; default: fitted to the longest line in the column (10 to 60). */
  width?: number;
  /** A drop-down list for the column's cells (values without commas, 255 characters in all at most). */
  choices?: readonly string[];
  /** An input message on the header cell: shown when it is selected (title: the header). */
  note?: string;
}

/** docProps/core.xml: what the workbook is and where it comes from. */
export interface XlsxProperties {
  title?: string;
  subject?: string;
  creator?: string;
  description?: string;
  keywords?: string;
  /** ISO 8601 UTC; the commit's time, never the clock's. */
  created?: string;
}

export interface XlsxSheet {
  /** Sheet tab name; characters Excel forbids (: \ / ? * [ ]) become "-", cut to 31, made unique. */
  name: string;
  columns: XlsxColumn[];
  rows: (string | number)[][];
}

/** Excel's limit on the characters in one cell. */
const MAX_CELL_CHARS = 32_767;
const MIN_AUTO_WIDTH = 10;
const MAX_AUTO_WIDTH = 60;

// Style indexes into cellXfs of styles.xml.
const STYLE_HEADER = 1;
const STYLE_TEXT = 2;
const STYLE_TEXT_WRAP = 3;
const STYLE_NUMBER = 4;

export function renderXlsx(sheets: readonly XlsxSheet[], properties: XlsxProperties = {}): Uint8Array {
  const list: readonly XlsxSheet[] = sheets.length > 0 ? sheets : [{ name: 'Sheet1', columns: [], rows: [] }];
  const names = sheetNames(list.map((s) => s.name));

  const parts: [string, string | Uint8Array][] = [
    ['[Content_Types].xml', contentTypes(list.length)],
    ['_rels/.rels', ROOT_RELS],
    ['docProps/core.xml', coreProperties(properties)],
    ['docProps/app.xml', APP_PROPERTIES],
    ['xl/workbook.xml', workbook(names, list)],
    ['xl/_rels/workbook.xml.rels', workbookRels(list.length)],
    ['xl/styles.xml', STYLES],
    ...list.map((sheet, i): [string, Uint8Array] => [`xl/worksheets/sheet${i + 1}.xml`, worksheet(sheet, i === 0)]),
  ];
  return zipFixed(parts.map(([path, xml]) => [path, typeof xml === 'string' ? strToU8(xml) : xml]));
}

/**
 * Zips entries in the given order with fixed metadata. fflate turns `mtime` into the DOS date and time with
 * the *local* calendar (getFullYear, getHours, ...), so the date is built from local components: the
 * stored bytes are then 1980-01-01 12:00:00 in every time zone.
 */
function zipFixed(entries: readonly [string, Uint8Array][]): Uint8Array {
  const options: ZipOptions = { level: 6, mtime: new Date(1980, 0, 1, 12, 0, 0), os: 0, attrs: 0 };
  const files: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const [path, data] of entries) files[path] = [data, options];
  return zipSync(files);
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function contentTypes(sheetCount: number): string {
  const overrides = [
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    ['/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
    ['/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'],
    ['/xl/styles.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml'],
    ...Array.from({ length: sheetCount }, (_, i) => [
      `/xl/worksheets/sheet${i + 1}.xml`,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
    ]),
  ];
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('') +
    '</Types>'
  );
}

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
  '</Relationships>';

const APP_PROPERTIES = `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>trustops</Application></Properties>`;

function coreProperties(p: XlsxProperties): string {
  const el = (name: string, value: string | undefined) => (value ? `<${name}>${escapeXml(value)}</${name}>` : '');
  const date = (name: string) => (p.created ? `<${name} xsi:type="dcterms:W3CDTF">${escapeXml(p.created)}</${name}>` : '');
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    el('dc:title', p.title) + el('dc:subject', p.subject) + el('dc:creator', p.creator) + el('cp:keywords', p.keywords) + el('dc:description', p.description) +
    date('dcterms:created') + date('dcterms:modified') +
    '</cp:coreProperties>'
  );
}

function workbook(names: readonly string[], sheets: readonly XlsxSheet[]): string {
  const sheetEls = names.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  // The autofilter on each header row needs its hidden defined name for Excel to keep it; the header row
  // repeats on every printed page (Print_Titles).
  const filters = sheets
    .map((sheet, i) => {
      const range = filterRange(sheet);
      if (!range) return '';
      const quoted = `'${names[i]!.replace(/'/g, "''")}'`;
      return (
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(`${quoted}!${absolute(range)}`)}</definedName>` +
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`${quoted}!$1:$1`)}</definedName>`
      );
    })
    .join('');
  return (
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${sheetEls}</sheets>` +
    (filters ? `<definedNames>${filters}</definedNames>` : '') +
    '</workbook>'
  );
}

function workbookRels(sheetCount: number): string {
  const rels = Array.from(
    { length: sheetCount },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  rels.push(
    `<Relationship Id="rId${sheetCount + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`,
  );
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
}

// cellXfs: 0 default, 1 header (bold, grey fill, bottom border, wrapped), 2 text (top), 3 wrapped text (top),
// 4 number (top).
const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
  '<fonts count="2">' +
  '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '</fonts>' +
  '<fills count="3">' +
  '<fill><patternFill patternType="none"/></fill>' +
  '<fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/><bgColor indexed="64"/></patternFill></fill>' +
  '</fills>' +
  '<borders count="2">' +
  '<border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>' +
  '</borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

function worksheet(sheet: XlsxSheet, selected: boolean): Uint8Array {
  let columnCount = sheet.columns.length;
  for (const row of sheet.rows) columnCount = Math.max(columnCount, row.length);
  const longest = Array.from({ length: columnCount }, (_, c) => longestLine(sheet.columns[c]?.header ?? ''));
  const longestBody = Array.from({ length: columnCount }, () => 0);
  for (const row of sheet.rows) {
    row.forEach((value, c) => {
      longestBody[c] = Math.max(longestBody[c]!, longestLine(cellText(value)));
    });
  }
  const widths = longest.map((header, c) => columnWidth(sheet.columns[c]?.width, Math.max(header, longestBody[c]!)));
  // Wrap a column's text when some line of it is wider than the column.
  const wrap = widths.map((width, c) => longestBody[c]! > width);

  // Each row as its bytes: the 2,000 rows of a control matrix as strings, then joined, were 6 MB of the old
  // generation (kept while the sheet was built, then one string too large for the young one).
  const rows: Buffer[] = [];
  if (sheet.columns.length > 0) {
    const cells = sheet.columns.map((col, c) => stringCell(ref(c, 1), col.header, STYLE_HEADER));
    rows.push(Buffer.from(`<row r="1"${rowHeight(sheet.columns.map((col) => col.header), widths, widths.map(() => true))}>${cells.join('')}</row>`, 'utf8'));
  }
  const offset = sheet.columns.length > 0 ? 2 : 1;
  sheet.rows.forEach((row, i) => {
    const r = i + offset;
    const cells = row.map((value: string | number | null | undefined, c) => {
      if (value === null || value === undefined || value === '') return '';
      if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref(c, r)}" s="${STYLE_NUMBER}"><v>${numberText(value)}</v></c>`;
      return stringCell(ref(c, r), String(value), wrap[c] ? STYLE_TEXT_WRAP : STYLE_TEXT);
    });
    rows.push(Buffer.from(`<row r="${r}"${rowHeight(row.map(cellText), widths, wrap)}>${cells.join('')}</row>`, 'utf8'));
  });

  const lastRow = sheet.rows.length + offset - 1;
  const dimension = columnCount > 0 && lastRow > 0 ? `A1:${ref(columnCount - 1, lastRow)}` : 'A1';
  const frozen = sheet.columns.length > 0;
  const view = frozen
    ? `<sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>`
    : `<sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0"/>`;
  const cols = widths.length
    ? `<cols>${widths.map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
  const range = filterRange(sheet);
  const head =
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="${dimension}"/>` +
    `<sheetViews>${view}</sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    cols +
    (rows.length ? '<sheetData>' : '<sheetData/>');
  const tail =
    (rows.length ? '</sheetData>' : '') +
    (range ? `<autoFilter ref="${range}"/>` : '') +
    dataValidations(sheet) +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    // Landscape, one page wide and as many pages long as it takes.
    '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    '</worksheet>';
  return Buffer.concat([Buffer.from(head, 'utf8'), ...rows, Buffer.from(tail, 'utf8')]);
}

/** Excel's default row height for 11 pt Calibri, and its maximum. */
const LINE_POINTS = 15;
const MAX_ROW_POINTS = 409;

/**
 * ` ht=".." customHeight="1"` for a row whose wrapped cells take more than one line: the lines each cell
 * needs at its column's width (in characters, as Excel measures them), the tallest cell deciding.
 */
function rowHeight(texts: readonly string[], widths: readonly number[], wrap: readonly boolean[]): string {
  let lines = 1;
  texts.forEach((text, c) => {
    if (!text) return;
    const width = Math.max(1, (widths[c] ?? MIN_AUTO_WIDTH) - 1);
    const needed = text.split(/\r\n|\r|\n/).reduce((n, line) => n + (wrap[c] ? Math.max(1, Math.ceil(line.length / width)) : 1), 0);
    lines = Math.max(lines, needed);
  });
  return lines > 1 ? ` ht="${Math.min(MAX_ROW_POINTS, lines * LINE_POINTS)}" customHeight="1"` : '';
}

/** Drop-down lists for the columns that offer choices, and the header notes, as data validations. */
function dataValidations(sheet: XlsxSheet): string {
  const out: string[] = [];
  const last = sheet.rows.length + 1;
  sheet.columns.forEach((col, c) => {
    if (col.choices?.length && sheet.rows.length > 0) {
      const list = col.choices.join(',');
      out.push(`<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${ref(c, 2)}:${ref(c, last)}"><formula1>${escapeXml(`"${list}"`)}</formula1></dataValidation>`);
    }
    if (col.note) {
      // Excel caps an input message's title at 32 characters and its text at 255.
      out.push(`<dataValidation allowBlank="1" showInputMessage="1" promptTitle="${escapeXml(truncate(col.header, 32))}" prompt="${escapeXml(truncate(col.note, 255))}" sqref="${ref(c, 1)}"/>`);
    }
  });
  return out.length ? `<dataValidations count="${out.length}">${out.join('')}</dataValidations>` : '';
}

/** The header row and the rows under it, when there is a header. */
function filterRange(sheet: XlsxSheet): string | undefined {
  if (sheet.columns.length === 0) return undefined;
  return `A1:${ref(sheet.columns.length - 1, sheet.rows.length + 1)}`;
}

function absolute(range: string): string {
  return range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
}

function columnWidth(given: number | undefined, longest: number): number {
  if (given !== undefined && Number.isFinite(given) && given > 0) return Math.min(255, Math.round(given * 100) / 100);
  return Math.min(MAX_AUTO_WIDTH, Math.max(MIN_AUTO_WIDTH, longest + 2));
}

function cellText(value: string | number | null | undefined): string {
  return value === undefined || value === null ? '' : typeof value === 'number' ? numberText(value) : value;
}

function longestLine(text: string): number {
  let longest = 0;
  for (const line of text.split(/\r\n|\r|\n/)) longest = Math.max(longest, line.length);
  return longest;
}

function numberText(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

function stringCell(cellRef: string, text: string, style: number): string {
  return `<c r="${cellRef}" t="inlineStr" s="${style}"><is><t xml:space="preserve">${escapeCellText(text)}</t></is></c>`;
}

/** A1-style reference: column index from 0, row from 1. */
function ref(column: number, row: number): string {
  let name = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return `${name}${row}`;
}

/**
 * Characters XML 1.0 forbids (C0 controls other than tab, newline and carriage return; U+FFFE, U+FFFF;
 * unpaired surrogates) cannot be escaped either: they are removed.
 */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function escapeXml(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Text of a cell: line ends normalised to "\n", cut to Excel's 32,767 characters, and a literal "_xHHHH_"
 * protected (Excel reads it as an escaped character otherwise) by writing its "_" as "_x005F_".
 */
function escapeCellText(text: string): string {
  let clean = text.replace(XML_FORBIDDEN, '').replace(/\r\n?/g, '\n');
  if (clean.length > MAX_CELL_CHARS) {
    clean = clean.slice(0, MAX_CELL_CHARS);
    if (/[\uD800-\uDBFF]$/.test(clean)) clean = clean.slice(0, -1);
  }
  return escapeXml(clean.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_'));
}

/** Valid, unique tab names: no : \ / ? * [ ], not blank, at most 31 characters, no leading or trailing "'". */
function sheetNames(requested: readonly string[]): string[] {
  const used = new Set<string>();
  return requested.map((raw, i) => {
    let base = raw
      .replace(XML_FORBIDDEN, '')
      .replace(/[:\\/?*[\]]/g, '-')
      .replace(/^'+|'+$/g, '')
      .trim();
    if (!base) base = `Sheet${i + 1}`;
    let name = truncate(base, 31) || `Sheet${i + 1}`;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = truncate(base, 31 - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** At most `max` UTF-16 units (Excel's unit), never half a surrogate pair, no trailing space or "'". */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.replace(/[\s']+$/, '');
}
