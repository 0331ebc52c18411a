import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/universal';

/** One sheet of a spreadsheet as text: rows[0] is the sheet's row 1, cells[0] its column A. */
export interface Sheet {
  name: string;
  rows: string[][];
  /** Cells the spreadsheet stored as numbers ("row:col", 0-based): 5.10 typed as a number is 5.1. */
  numeric: ReadonlySet<string>;
}

export interface Table {
  format: 'csv' | 'xlsx';
  sheets: Sheet[];
  /** CSV only: how the bytes were read. */
  encoding?: 'utf-8' | 'utf-8 with BOM' | 'utf-16' | 'windows-1252';
  delimiter?: ',' | ';' | '\t';
}

/** A file that cannot be read as a table at all. */
export interface TableProblem {
  message: string;
  hint: string;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Reads a CSV or an .xlsx file into sheets of text. CSV: UTF-8 with or without a byte order mark,
 * UTF-16 with one (Excel's "Unicode text"), else Windows-1252 (Excel's "CSV" on Western Windows); the
 * delimiter (",", ";" as a European Excel writes it, or a tab) is the one the header line uses most.
 * XLSX through read-excel-file; dates become YYYY-MM-DD. Pure: bytes in, text out.
 */
export async function readTable(bytes: Uint8Array): Promise<Table | TableProblem> {
  if (startsWith(bytes, OLE)) {
    return { message: 'this is an Excel 97-2003 workbook (.xls), which trustops does not read', hint: 'Save it as .xlsx or as CSV and import that.' };
  }
  if (startsWith(bytes, ZIP)) return readXlsx(bytes);
  return readCsv(bytes);
}

/** A number cell as the file stores it: no float noise (0.30000000000000004), and known to have been a number. */
class NumberText {
  constructor(readonly text: string) {}
}

async function readXlsx(bytes: Uint8Array): Promise<Table | TableProblem> {
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    sheets = (await readXlsxFile(buffer, { parseNumber: (text: string) => new NumberText(text) })) as { sheet: string; data: unknown[][] }[];
  } catch (error) {
    return { message: `not a readable .xlsx workbook (${(error as Error).message})`, hint: 'Open it in a spreadsheet program and save it again as .xlsx or CSV.' };
  }
  return {
    format: 'xlsx',
    sheets: sheets.map(({ sheet, data }) => {
      const numeric = new Set<string>();
      const rows = data.map((row, r) =>
        row.map((cell, c) => {
          if (cell === null || cell === undefined) return '';
          if (cell instanceof Date) return cell.toISOString().slice(0, 10);
          if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
          if (cell instanceof NumberText) {
            numeric.add(`${r}:${c}`);
            return cell.text;
          }
          return String(cell).trim();
        }),
      );
      return { name: sheet, rows, numeric };
    }),
  };
}

function readCsv(bytes: Uint8Array): Table | TableProblem {
  const { text, encoding } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  let rows: string[][];
  try {
    // Empty lines are kept so that row numbers are the ones a spreadsheet shows.
    rows = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true, bom: false }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { message: `not valid CSV${line ? ` at line ${line}` : ''}: ${(error as Error).message.replace(/^Invalid \w+: /, '')}`, hint: 'Check the quotes on that line, or export the sheet again as CSV.' };
  }
  return { format: 'csv', sheets: [{ name: 'CSV', rows, numeric: new Set() }], encoding, delimiter };
}

/** The text of CSV bytes and the encoding it was written in. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: NonNullable<Table['encoding']> } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8 with BOM' };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { text: new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: what Excel writes as "CSV" on a Western Windows. Every byte is a character there.
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/**
 * 0x80-0x9F of Windows-1252 (the WHATWG index), where it differs from ISO-8859-1. Node's TextDecoder
 * decodes "windows-1252" as ISO-8859-1 in some versions (0x80 gives U+0080, not "€"), so the few code
 * points that differ are put right here when the decoder gets them wrong.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  const text = new TextDecoder('windows-1252').decode(bytes);
  return text.replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]!);
}

/** The delimiter the first lines use most, outside quotes (a title line above the header may have none). */
export function detectDelimiter(text: string): NonNullable<Table['delimiter']> {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 10);
  for (const line of lines) {
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
    }
  }
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return counts[';'] > counts[','] ? ';' : ',';
}
