import { describe, expect, it } from 'vitest';
import { buildXlsxFixture } from '../testing/xlsx-fixture.js';
import { decodeText, detectDelimiter, readTable, type Table } from './table.js';

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('decodeText: the encodings spreadsheets write CSV in', () => {
  it('UTF-8 without and with a byte order mark', () => {
    expect(decodeText(bytes('Müller'))).toEqual({ text: 'Müller', encoding: 'utf-8' });
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], 'Müller'))).toEqual({ text: 'Müller', encoding: 'utf-8 with BOM' });
  });

  it('UTF-16 with its byte order mark (Excel\'s "Unicode text")', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xfc, 0x00]))).toEqual({ text: 'Aü', encoding: 'utf-16' });
  });

  it('Windows-1252 when the bytes are not UTF-8, the range 0x80-0x9F included', () => {
    // "Müller – 40 €" with typographic quotes, as a Western Excel saves it.
    expect(decodeText(new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x20, 0x96, 0x20, 0x34, 0x30, 0x20, 0x80, 0x20, 0x93, 0x61, 0x94]))).toEqual({
      text: 'Müller – 40 € “a”',
      encoding: 'windows-1252',
    });
  });
});

describe('detectDelimiter', () => {
  it('takes the delimiter the first lines use most, outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('a;b;c\n"1,5";2;3')).toBe(';');
    expect(detectDelimiter('"a, b";c;d\n1;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    // A title line with a comma above a ";" table.
    expect(detectDelimiter('SOC 2 matrix, FY2026\nControl #;Criteria;Owner\nC-01;CC6.1;IT\n')).toBe(';');
  });
});

describe('readTable', () => {
  it('keeps empty lines so that row numbers are the spreadsheet\'s, and a cell over two lines is one cell', async () => {
    const table = (await readTable(bytes('a,b\n\n"x\ny",z\n'))) as Table;
    expect(table.sheets[0]!.rows).toEqual([['a', 'b'], [''], ['x\ny', 'z']]);
    expect(table).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',' });
  });

  it('reads every sheet of an .xlsx, cells in their places, dates as YYYY-MM-DD, numbers marked', async () => {
    const xlsx = buildXlsxFixture([
      { name: 'Cover', cells: { A1: 'Title' } },
      { name: 'Data', cells: { B2: 'x', C2: 5.1, A3: true, B3: new Date(Date.UTC(2026, 0, 31)), C3: { rich: ['Par', 'tial'] } } },
    ]);
    const table = (await readTable(xlsx)) as Table;
    expect(table.format).toBe('xlsx');
    expect(table.sheets.map((s) => s.name)).toEqual(['Cover', 'Data']);
    expect(table.sheets[1]!.rows).toEqual([
      ['', '', ''],
      ['', 'x', '5.1'],
      ['TRUE', '2026-01-31', 'Partial'],
    ]);
    expect([...table.sheets[1]!.numeric]).toEqual(['1:2']);
  });

  it('says what a file is when it is no table: an .xls, a broken .xlsx, broken CSV quoting', async () => {
    expect(await readTable(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual({
      message: 'this is an Excel 97-2003 workbook (.xls), which trustops does not read',
      hint: 'Save it as .xlsx or as CSV and import that.',
    });
    expect(await readTable(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toMatchObject({ message: expect.stringMatching(/^not a readable \.xlsx workbook/) });
    expect(await readTable(bytes('a,b\n"x,y\n'))).toMatchObject({ message: expect.stringMatching(/^not valid CSV/) });
  });
});
