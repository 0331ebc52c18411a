import { getCaiq } from '@trustops/frameworks';
import { describe, expect, it } from 'vitest';
import { preparePacket } from '../pipeline/packet.js';
import { BASE_FILES, BASE_TODAY } from '../testing/base-repo.js';
import { createInMemoryRepo, mergeFiles, type FileOverrides } from '../testing/in-memory-repo.js';
import type { PacketInput } from './packet-input.js';
import { buildCaiqTable, caiqPlaceholderRows, renderCsv } from './tables.js';
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
  it('quotes what needs quoting and keeps spreadsheet formulas inert', () => {
    // Every cell start OWASP lists as a formula trigger (= + - @ tab CR) is prefixed with a quote.
    const cells = ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd', 'plain'];
    expect(renderCsv({ name: 't', columns: cells.map((_, i) => ({ header: `c${i}` })), rows: [cells] }).split('\n')[1]).toBe(
      `"'=HYPERLINK(""http://x"")",'+1+1,'-2+3,'@SUM(A1),'\tcmd,'\rcmd,plain`,
    );
    expect(renderCsv({ name: 't', columns: [{ header: 'a' }, { header: 'b' }], rows: [['x, y', 'say "hi"\nnext']] })).toBe('a,b\n"x, y","say ""hi""\nnext"\n');
  });
});
