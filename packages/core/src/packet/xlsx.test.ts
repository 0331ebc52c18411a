import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderXlsx, type XlsxSheet } from './xlsx.js';

const SHEETS: XlsxSheet[] = [
  {
    name: 'Requirements',
    columns: [{ header: 'Framework', width: 10 }, { header: 'Requirement', width: 12 }, { header: 'Status' }, { header: 'Maturity', width: 9 }],
    rows: [
      ['ccm', 'IAM-14', 'met', 4],
      ['ccm', 'LOG-03', 'partial', 3],
      ['tsc', 'CC6.1', 'gap', 0.5],
    ],
  },
  {
    name: 'Findings',
    columns: [{ header: 'Rule' }, { header: 'Message', width: 20 }],
    rows: [['evidence/hash-mismatch', 'Tom & Jerry <script>"quoted" \'single\'\u0000\u0007bell\u000Bvt and a line\nbreak that is longer than twenty']],
  },
];

function unzip(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([path, data]) => [path, strFromU8(data)]));
}

describe('renderXlsx', () => {
  it('writes a zip whose [Content_Types].xml lists every part', () => {
    const bytes = renderXlsx(SHEETS);
    // A zip starts with a local file header, "PK\3\4".
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const parts = unzip(bytes);
    expect(Object.keys(parts)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'docProps/app.xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    const types = parts['[Content_Types].xml']!;
    for (const part of ['/xl/workbook.xml', '/xl/styles.xml', '/xl/worksheets/sheet1.xml', '/xl/worksheets/sheet2.xml']) {
      expect(types).toContain(`<Override PartName="${part}"`);
    }
    expect(types).toContain('<Default Extension="rels"');
    expect(parts['_rels/.rels']).toContain('Target="xl/workbook.xml"');
    expect(parts['xl/_rels/workbook.xml.rels']).toContain('Target="worksheets/sheet2.xml"');
    expect(parts['xl/workbook.xml']).toContain('<sheet name="Requirements" sheetId="1" r:id="rId1"/><sheet name="Findings" sheetId="2" r:id="rId2"/>');
    for (const xml of Object.values(parts)) expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(true);
  });

  it('writes the header row bold and frozen, the column widths, and the rows as inline strings and numbers', () => {
    const sheet = unzip(renderXlsx(SHEETS))['xl/worksheets/sheet1.xml']!;
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(sheet).toContain('<row r="1"><c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">Framework</t></is></c>');
    expect(sheet).toContain('<col min="1" max="1" width="10" customWidth="1"/>');
    // Status has no width: fitted to its longest text ("partial", "Status") with the minimum of 10.
    expect(sheet).toContain('<col min="3" max="3" width="10" customWidth="1"/>');
    expect(sheet).toContain(
      '<row r="3"><c r="A3" t="inlineStr" s="2"><is><t xml:space="preserve">ccm</t></is></c><c r="B3" t="inlineStr" s="2"><is><t xml:space="preserve">LOG-03</t></is></c><c r="C3" t="inlineStr" s="2"><is><t xml:space="preserve">partial</t></is></c><c r="D3" s="4"><v>3</v></c></row>',
    );
    expect(sheet).toContain('<c r="D4" s="4"><v>0.5</v></c>');
    expect(sheet).toContain('<dimension ref="A1:D4"/>');
    expect(sheet).toContain('<autoFilter ref="A1:D4"/>');
    // Style 1 (the header) is bold.
    const styles = unzip(renderXlsx(SHEETS))['xl/styles.xml']!;
    expect(styles).toContain('<font><b/>');
    expect(styles).toMatch(/<cellXfs count="5"><xf [^>]*\/><xf numFmtId="0" fontId="1"/);
  });

  it('escapes XML, strips control characters XML forbids, and wraps text wider than its column', () => {
    const sheet = unzip(renderXlsx(SHEETS))['xl/worksheets/sheet2.xml']!;
    expect(sheet).toContain(
      '<c r="B2" t="inlineStr" s="3"><is><t xml:space="preserve">Tom &amp; Jerry &lt;script&gt;&quot;quoted&quot; &apos;single&apos;bellvt and a line\nbreak that is longer than twenty</t></is></c>',
    );
    // The rule column fits its text, so it does not wrap.
    expect(sheet).toContain('<c r="A2" t="inlineStr" s="2">');
    expect(sheet).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('keeps a literal _xHHHH_ and makes sheet names valid and unique', () => {
    const parts = unzip(
      renderXlsx([
        { name: 'a/b:c*d?[e]', columns: [{ header: 'x' }], rows: [['_x0041_ stays']] },
        { name: 'A-B-C-D--E-', columns: [], rows: [] },
        { name: "'quoted' & a name far longer than thirty-one characters", columns: [], rows: [[1, -0]] },
      ]),
    );
    expect(parts['xl/workbook.xml']).toContain(
      '<sheet name="a-b-c-d--e-" sheetId="1" r:id="rId1"/><sheet name="A-B-C-D--E- (2)" sheetId="2" r:id="rId2"/><sheet name="quoted&apos; &amp; a name far longer tha" sheetId="3" r:id="rId3"/>',
    );
    expect(parts['xl/workbook.xml']).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">&apos;a-b-c-d--e-&apos;!$A$1:$A$2</definedName>`);
    expect(parts['xl/worksheets/sheet1.xml']).toContain('<t xml:space="preserve">_x005F_x0041_ stays</t>');
    // No header: nothing frozen, no filter.
    expect(parts['xl/worksheets/sheet3.xml']).not.toContain('state="frozen"');
    expect(parts['xl/worksheets/sheet3.xml']).toContain('<row r="1"><c r="A1" s="4"><v>1</v></c><c r="B1" s="4"><v>0</v></c></row>');
  });

  it('renders the same bytes twice, whatever the clock and the time zone', async () => {
    const first = renderXlsx(SHEETS);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      const second = renderXlsx(SHEETS);
      process.env.TZ = 'America/Los_Angeles';
      const third = renderXlsx(SHEETS);
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
      expect(Buffer.from(third).equals(Buffer.from(first))).toBe(true);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    // Every entry carries the DOS date 1980-01-01 12:00:00: date 0x0021, time 0x6000 (local header bytes 10..13).
    const view = new DataView(first.buffer, first.byteOffset, first.byteLength);
    expect(view.getUint16(10, true)).toBe(0x6000);
    expect(view.getUint16(12, true)).toBe(0x0021);
  });

  it('prints landscape one page wide with the header repeated, sizes wrapped rows, and offers drop-downs and header notes', () => {
    const sheets: XlsxSheet[] = [
      {
        name: 'CAIQ',
        columns: [{ header: 'Question ID', width: 12 }, { header: 'Question', width: 10, note: "Left empty: CSA's text." }, { header: 'Answer', width: 8, choices: ['Yes', 'No', 'NA'] }, { header: 'Text', width: 11 }],
        rows: [
          ['A-1.1', '', 'Yes', 'short'],
          ['A-1.2', '', 'No', 'a text of three lines here\nand one more'],
        ],
      },
    ];
    const parts = unzip(renderXlsx(sheets, { title: 'CAIQ: Example', creator: 'trustops 1.0', created: '2026-11-01T12:00:00Z', description: 'commit abc' }));
    const sheet = parts['xl/worksheets/sheet1.xml']!;
    expect(sheet).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(sheet).toContain('<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(parts['xl/workbook.xml']).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;CAIQ&apos;!$1:$1</definedName>`);
    // "a text of three lines here" is 26 characters in a column of 11 (10 per line): 3 lines, then "and one more" 2: 5 lines of 15 pt.
    expect(sheet).toContain('<row r="3" ht="75" customHeight="1">');
    expect(sheet).toContain('<row r="2">');
    expect(sheet).toContain('<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="C2:C3"><formula1>&quot;Yes,No,NA&quot;</formula1></dataValidation>');
    expect(sheet).toContain(`<dataValidation allowBlank="1" showInputMessage="1" promptTitle="Question" prompt="Left empty: CSA&apos;s text." sqref="B1"/>`);
    expect(parts['docProps/core.xml']).toContain('<dc:title>CAIQ: Example</dc:title>');
    expect(parts['docProps/core.xml']).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-01T12:00:00Z</dcterms:created>');
    expect(parts['[Content_Types].xml']).toContain('<Override PartName="/docProps/core.xml"');
  });

  it('writes an empty workbook with one sheet', () => {
    const parts = unzip(renderXlsx([]));
    expect(parts['xl/workbook.xml']).toContain('<sheet name="Sheet1" sheetId="1" r:id="rId1"/>');
    expect(parts['xl/worksheets/sheet1.xml']).toContain('<sheetData/>');
  });
});
