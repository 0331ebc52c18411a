import { readFileSync } from 'node:fs';
import { getCaiq } from '@trustops/frameworks';
import { describe, expect, it } from 'vitest';
import { preparePacket } from '../pipeline/packet.js';
import { BASE_FILES, BASE_TODAY } from '../testing/base-repo.js';
import { createInMemoryRepo, mergeFiles, type FileOverrides } from '../testing/in-memory-repo.js';
import type { PacketInput } from './packet-input.js';
import { stringify } from 'csv-stringify/sync';
import { buildCaiqTable, buildControlMatrix, buildSsrmMatrix, caiqPlaceholderRows, renderCsv, renderCsvParts } from './tables.js';
import { patch } from '../testing/patch.js';

/** The packet input of the base repository with `files` changed, as `trustops packet --allow-findings` builds it. */
function packetInput(files: FileOverrides = {}): Promise<PacketInput> {
  return preparePacket(createInMemoryRepo(mergeFiles(BASE_FILES, files)), {
    meta: { commit: 'a'.repeat(40), version: 'v', createdAt: '2026-11-01T12:00:00Z', toolVersion: '0' },
    allowFindings: true,
    today: BASE_TODAY,
  });
}

function inputFor(ccm: string): Promise<PacketInput> {
  return packetInput({ 'compliance.yaml': patch(BASE_FILES['compliance.yaml']!, '    version: "4.0.13"', ccm) });
}

describe('CAIQ table', () => {
  it('has the 283 CAIQ v4.1 questions in order for a CCM v4.1 scope', async () => {
    const table = buildCaiqTable(await inputFor('    version: "4.1"'))!;
    expect(table.rows.map((r) => r[0])).toEqual(getCaiq('4.1').questions.map((q) => q.id));
    expect(table.rows).toHaveLength(283);
  });

  it('keeps only CAIQ-Lite questions with lite: true', async () => {
    const table = buildCaiqTable(await inputFor('    version: "4.0.13"\n    lite: true'))!;
    expect(table.rows).toHaveLength(124);
    expect(table.rows.map((r) => r[0])).toEqual(getCaiq('4.0.13').questions.filter((q) => q.caiqLite).map((q) => q.id));
  });
});

describe('CAIQ answers follow the design (Type I) view', () => {
  const SSRM = 'controls/responsibility/ccm.yaml';
  const rowsOf = (input: PacketInput, ccm: string) => {
    const table = buildCaiqTable(input)!;
    const col = (header: string) => table.columns.findIndex((c) => c.header === header);
    return table.rows.filter((r) => r[col('CCM Control ID')] === ccm).map((r) => ({
      question: r[0],
      answer: r[col('CSP CAIQ Answer')],
      design: r[col('trustops Status (Type I: designed)')],
      operation: r[col('trustops Status (Type II: operating)')],
    }));
  };

  it('an implemented control that missed an evidence window still answers Yes; Type II sits in its own column', async () => {
    // IAM-MFA is designed (operating, with POL-ACCESS) but has no record for Q2: not operating (Type II).
    const input = await packetInput({ 'evidence/IAM-MFA/2026-Q2.yaml': null });
    expect(input.readiness.frameworks.ccm!.requirements.find((r) => r.id === 'IAM-14')!.status).toBe('partial');
    const rows = rowsOf(input, 'IAM-14');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ answer: 'Yes', design: 'met', operation: 'partial' });
  });

  it('a planned control answers No; an excluded control NA', async () => {
    const input = await packetInput({ 'controls/iam/IAM-MFA.yaml': patch(BASE_FILES['controls/iam/IAM-MFA.yaml']!, 'status: operating', 'status: planned') });
    for (const row of rowsOf(input, 'IAM-14')) expect(row).toMatchObject({ answer: 'No', design: 'gap' });
    for (const row of rowsOf(input, 'DCS-07')) expect(row.answer).toBe('NA');
  });

  it('counts the placeholder texts a CAIQ would carry', async () => {
    const input = await packetInput({ [SSRM]: patch(BASE_FILES[SSRM]!, 'csc: Customers enable SSO and MFA for the users of their own tenants.', 'csc: TODO') });
    const rows = caiqPlaceholderRows(input);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => `${r.ccm} ${r.field} ${r.why}`))).toEqual(new Set(['IAM-14 csc TODO']));
    expect(input.meta.caiqPlaceholders).toBe(rows.length);
  });
});

describe('CSV', () => {
  const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n');

  it('quotes what needs quoting and keeps spreadsheet formulas inert', () => {
    // Every cell start OWASP lists as a formula trigger (= + - @ tab CR) is prefixed with a quote.
    const cells = ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd', 'plain'];
    expect(lines(renderCsv({ name: 't', columns: cells.map((_, i) => ({ header: `c${i}` })), rows: [cells] }))[1]).toBe(
      `"'=HYPERLINK(""http://x"")",'+1+1,'-2+3,'@SUM(A1),'\tcmd,"'\rcmd",plain`,
    );
    expect(renderCsv({ name: 't', columns: [{ header: 'a' }, { header: 'b' }], rows: [['x, y', 'say "hi"\nnext']] })).toBe('\uFEFFa,b\r\n"x, y","say ""hi""\nnext"\r\n');
  });

  it('is the same text in parts (500 rows at a time) as csv-stringify makes of the whole table', () => {
    const tricky = ['=1+1', 'x, y', 'say "hi"\nnext', 'Łódź €', '\rcmd', '', '😀 漢字', '-2+3'];
    const rows = Array.from({ length: 1234 }, (_, i) => [String(i), tricky[i % tricky.length]!, tricky[(i * 3) % tricky.length]!]);
    const table = { name: 't', columns: [{ header: 'n' }, { header: 'a' }, { header: '=b' }], rows };
    const whole = `\uFEFF${stringify([['n', 'a', '=b'], ...rows], { record_delimiter: '\r\n', escape_formulas: true, quoted_match: /[\r\n]/ })}`;
    const parts = [...renderCsvParts(table)];
    expect(parts.length).toBe(4);
    expect(parts.join('')).toBe(whole);
    expect(renderCsv(table)).toBe(whole);
    expect([...renderCsvParts({ ...table, rows: [] })].join('')).toBe('\uFEFFn,a,\'=b\r\n');
  });

  it('is UTF-8 with a byte order mark and CRLF line ends, so Excel reads "Łódź €" as written; a DDE payload stays text', async () => {
    const input = await packetInput({
      'controls/iam/IAM-MFA.yaml': patch(BASE_FILES['controls/iam/IAM-MFA.yaml']!, 'title: Phishing-resistant MFA for all workforce access', "title: \"-2+3+cmd|' /C calc'!A0\""),
      'compliance.yaml': patch(BASE_FILES['compliance.yaml']!, 'No facilities of our own; all hosting is AWS.', 'No facilities of our own in Łódź € or elsewhere; all hosting is AWS.'),
    });
    const matrix = renderCsv(buildControlMatrix(input));
    const bytes = Buffer.from(matrix, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(matrix.replace(/\r\n/g, '')).not.toMatch(/\n(?=[^"]*(?:"[^"]*"[^"]*)*$)/); // no bare LF outside quotes
    const row = lines(matrix).find((l) => l.startsWith('IAM-MFA,'))!;
    expect(row.split(',')[1]).toBe("'-2+3+cmd|' /C calc'!A0");
    const ssrm = renderCsv(buildSsrmMatrix(input)!);
    expect(ssrm.startsWith('\uFEFF')).toBe(true);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(ssrm, 'utf8'))).toContain('Łódź €');
  });
});

describe('the CAIQ pastes column for column into CSA\'s workbook', () => {
  const CSA = JSON.parse(readFileSync(new URL('../../test/fixtures/caiq/csa-caiq-v4-header-row.json', import.meta.url), 'utf8')) as { columns: string[]; answers: string[]; ownership: string[] };

  it.each(['4.0.13', '4.1'])('CCM %s: CSA\'s header row first, in CSA\'s order, then trustops\' columns', async (version) => {
    const table = buildCaiqTable(await inputFor(`    version: "${version}"`))!;
    const headers = table.columns.map((c) => c.header);
    expect(headers.slice(0, CSA.columns.length)).toEqual(CSA.columns);
    expect(headers.slice(CSA.columns.length).every((h) => h.startsWith('trustops '))).toBe(true);
    const col = (h: string) => headers.indexOf(h);
    for (const row of table.rows) {
      // CSA's text columns stay empty; the rest are filled from the catalog and the program.
      expect(row[col('Question')]).toBe('');
      expect(row[col('CCM Control Specification')]).toBe('');
      expect(CSA.answers).toContain(row[col('CSP CAIQ Answer')]);
      expect(String(row[col('Question ID')])).toMatch(new RegExp(`^${String(row[col('CCM Control ID')]).replace(/[&]/g, '\\$&')}\\.\\d+$`));
      expect(row[col('CCM Control Title')]).not.toBe('');
      expect(row[col('CCM Domain Title')]).not.toBe('');
      if (row[col('SSRM Control Ownership')] !== '') expect(CSA.ownership).toContain(row[col('SSRM Control Ownership')]);
    }
    expect(table.columns.find((c) => c.header === 'Question')!.note).toMatch(/CSA's question text is CSA's to distribute/);
    expect(table.columns.find((c) => c.header === 'CSP CAIQ Answer')!.choices).toEqual(CSA.answers);
    expect(table.columns.find((c) => c.header === 'SSRM Control Ownership')!.choices).toEqual(CSA.ownership);
  });
});

describe('the control matrix is a risk and control matrix', () => {
  it('has each control\'s description, type, automation, frequency, evidence items, owner and results, then a column per framework', async () => {
    const input = await packetInput();
    const table = buildControlMatrix(input);
    expect(table.columns.map((c) => c.header)).toEqual([
      'Control', 'Title', 'Description', 'Type', 'Automation', 'Frequency', 'Evidence items (frequency)', 'Owner', 'Status',
      'Design (Type I)', 'Operating (Type II)', 'Maturity (declared)', 'Maturity (counted)',
      'CSA CCM 4.0.13', 'SOC 2 TSC 2017', 'ISO/IEC 27001:2022', 'Policies', 'File',
    ]);
    const row = Object.fromEntries(table.columns.map((c, i) => [c.header, table.rows.find((r) => r[0] === 'IAM-MFA')![i]]));
    expect(row).toMatchObject({ 'Evidence items (frequency)': 'mfa-policy-export (quarterly)', 'Design (Type I)': 'yes', 'CSA CCM 4.0.13': expect.stringContaining('IAM-14') });
    expect(String(row['Description'])).not.toBe('');
  });
});
