import { strToU8, zipSync } from 'fflate';

/** A cell as a spreadsheet holds it: text (through the shared-string table, as Excel writes it), a number, a boolean or a date. */
export type XlsxFixtureCell = string | number | boolean | Date | { rich: string[] };

export interface XlsxFixtureSheet {
  name: string;
  /** Cells by reference ("A3"); rows and columns left out stay empty, as in a real sheet. */
  cells: Readonly<Record<string, XlsxFixtureCell>>;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Excel's serial day number (1900 date system) of a UTC date. */
function excelSerial(date: Date): number {
  return (date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function cellRef(ref: string): { row: number; col: number } {
  const match = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!match) throw new Error(`bad cell reference ${ref}`);
  const col = [...match[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(match[2]), col };
}

/**
 * Builds an .xlsx the way Excel writes one, for import tests: a shared-string table (with a rich-text run
 * where asked), a date cell carrying a date number format, rows that start below empty ones, several
 * sheets. Not a writer for the product (the packet has its own); a fixture made in the test, so that no
 * binary file needs to be trusted.
 */
export function buildXlsxFixture(sheets: readonly XlsxFixtureSheet[]): Uint8Array {
  const strings: string[] = [];
  const stringIndex = (xml: string) => {
    let i = strings.indexOf(xml);
    if (i < 0) i = strings.push(xml) - 1;
    return i;
  };
  const worksheets = sheets.map((sheet) => {
    const rows = new Map<number, string[]>();
    const refs = Object.keys(sheet.cells).sort((a, b) => cellRef(a).row - cellRef(b).row || cellRef(a).col - cellRef(b).col);
    for (const ref of refs) {
      const value = sheet.cells[ref]!;
      const { row } = cellRef(ref);
      let xml: string;
      if (typeof value === 'string') xml = `<c r="${ref}" t="s"><v>${stringIndex(`<t xml:space="preserve">${escapeXml(value)}</t>`)}</v></c>`;
      else if (typeof value === 'number') xml = `<c r="${ref}"><v>${value}</v></c>`;
      else if (typeof value === 'boolean') xml = `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
      else if (value instanceof Date) xml = `<c r="${ref}" s="1"><v>${excelSerial(value)}</v></c>`;
      else xml = `<c r="${ref}" t="s"><v>${stringIndex(value.rich.map((r, i) => `<r>${i ? '<rPr><b/></rPr>' : ''}<t xml:space="preserve">${escapeXml(r)}</t></r>`).join(''))}</v></c>`;
      rows.set(row, [...(rows.get(row) ?? []), xml]);
    }
    const body = [...rows].map(([r, cells]) => `<row r="${r}">${cells.join('')}</row>`).join('');
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
  });
  const ns = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${ns}"><sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${ns}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="${ns}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId${sheets.length + 2}" Type="${ns}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ),
    'xl/sharedStrings.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si>${s}</si>`).join('')}</sst>`,
    ),
  };
  worksheets.forEach((xml, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(xml)));
  return zipSync(files, { level: 6, mtime: new Date(1980, 0, 1, 12, 0, 0) });
}
