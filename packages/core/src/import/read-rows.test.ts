import { describe, expect, it } from 'vitest';
import { findColumns, normalizeHeader, parseColumnsOption, type ImportField } from './columns.js';
import { readCcmIds, readIsoIds, readTscIds, splitCell } from './ids.js';
import { readImportRows } from './read-rows.js';
import type { Sheet, Table } from './table.js';
import { parseApplicable, parseFrequency, parseStatus } from './values.js';

const sheet = (rows: string[][], name = 'S'): Sheet => ({ name, rows, numeric: new Set() });
const table = (...sheets: Sheet[]): Table => ({ format: 'xlsx', sheets });

describe('headers: case- and space-insensitive, with synonyms', () => {
  it('normalises what people write', () => {
    expect(normalizeHeader('  Implemented?  ')).toBe('implemented');
    expect(normalizeHeader('Annex A Control (2022)')).toBe('annex a control');
    expect(normalizeHeader('Control\u00a0#')).toBe('control #');
  });

  it.each([
    ['soa', ['Annex A control', 'Control', 'Applicable?', 'Implemented', 'Justification', 'Control owner'], { requirements: 0, title: 1, applicable: 2, status: 3, justification: 4, owner: 5 }],
    ['soa', ['Control ref', 'Name', 'Applicability', 'Status', 'Reason for selection'], { requirements: 0, title: 1, applicable: 2, status: 3, justification: 4 }],
    ['soa', ['ISO 27001:2022 Annex A ref.', 'Included', 'Implementation status'], { requirements: 0, applicable: 1, status: 2 }],
    ['tsc-matrix', ['Control #', 'Control Description', 'Criteria', 'Owner', 'Implemented?'], { id: 0, description: 1, requirements: 2, owner: 3, status: 4 }],
    ['tsc-matrix', ['Ref', 'Control', 'TSC', 'Frequency'], { id: 0, description: 1, requirements: 2, frequency: 3 }],
    ['ccm-matrix', ['Question ID', 'CSP CAIQ Answer', 'SSRM Control Ownership', 'CSP Implementation Description (Optional/Recommended)', 'CSC Responsibilities (Optional/Recommended)'], { requirements: 0, status: 1, ownership: 2, csp: 3, csc: 4 }],
  ] as const)('%s: %j', (kind, headers, expected) => {
    const map = findColumns(sheet([[...headers]]), kind, new Map());
    expect(map).toMatchObject({ headerRow: 0, columns: expected });
  });

  it('finds the header under title rows, and --columns wins over guesses', () => {
    const rows = [['Statement of Applicability'], [], ['Ref', 'Title', 'Done'], ['A.5.1', 'Policies', 'Yes']];
    expect(findColumns(sheet(rows), 'soa', new Map())).toMatchObject({ headerRow: 2, columns: { requirements: 0, title: 1 } });
    const given = findColumns(sheet(rows), 'soa', new Map<ImportField, string>([['status', 'Done']]));
    expect(given).toMatchObject({ headerRow: 2, columns: { requirements: 0, status: 2 } });
    const byLetter = findColumns(sheet([['A.5.1', 'Yes']]), 'soa', new Map<ImportField, string>([['requirements', 'A'], ['status', 'B']]));
    expect(byLetter).toMatchObject({ headerRow: -1, columns: { requirements: 0, status: 1 } });
  });

  it('parses --columns', () => {
    expect(parseColumnsOption('id="Control #",requirements=C')).toEqual(new Map([['id', 'Control #'], ['requirements', 'C']]));
    expect(parseColumnsOption('requirements=Criteria, status=Implemented?')).toEqual(new Map([['requirements', 'Criteria'], ['status', 'Implemented?']]));
    expect(parseColumnsOption('colour=B')).toEqual({ error: '--columns: "colour" is not a field; fields: requirements, id, title, description, owner, status, applicable, justification, frequency, ownership, csp, csc, vendor' });
  });
});

describe('ids: several per cell', () => {
  it('splits cells the ways people write lists', () => {
    expect(splitCell('CC6.1, CC6.6')).toEqual(['CC6.1', 'CC6.6']);
    expect(splitCell('A.5.1; A.5.2\nA.5.3')).toEqual(['A.5.1', 'A.5.2', 'A.5.3']);
    expect(splitCell('5.1 and 5.2 | 5.3')).toEqual(['5.1', '5.2', '5.3']);
  });

  it('reads Annex A ids of 2022 in every spelling, and 2013 ids through Annex B', () => {
    expect(readIsoIds('A.5.1, 5.10; A 8.5 Secure authentication, ISO 27001:2022 A.8.24').ids).toEqual(['5.1', '5.10', '8.5', '8.24']);
    expect(readIsoIds('A.9.4.2')).toMatchObject({ ids: ['8.5'], iso2013: [{ from: '9.4.2', to: ['8.5'], change: 'renumbered' }] });
    expect(readIsoIds('A.18.2.3')).toMatchObject({ ids: ['5.36', '8.8'], iso2013: [{ change: 'split' }] });
    expect(readIsoIds('A.12 Operations security').heading).toBe(true);
    expect(readIsoIds('A.9.4 System and application access control', { in2013File: true })).toMatchObject({ ids: [], heading: true });
    expect(readIsoIds('5.1', { numeric: true }).ambiguousNumber).toBe('5.1');
    expect(readIsoIds('5.4', { numeric: true }).ambiguousNumber).toBeUndefined();
    expect(readIsoIds('A.9.2').problems).toEqual([{ text: 'A.9.2', message: '"A.9.2" is not an Annex A control of ISO/IEC 27001:2022', hint: 'ISO/IEC 27001:2013 ids have three parts (A.9.4.2); 2022 ids run from 5.1 to 8.34.' }]);
    expect(readIsoIds('5.38').problems[0]?.hint).toMatch(/^Did you mean 5\.3/);
  });

  it('reads TSC criteria however they are spaced or decorated', () => {
    expect(readTscIds('CC6.1 Logical access; cc 6.6, CC6.2 / CC6.3\nA1.2').ids).toEqual(['CC6.1', 'CC6.6', 'CC6.2', 'CC6.3', 'A1.2']);
    expect(readTscIds('CC9.9').problems).toEqual([{ text: 'CC9.9', message: 'CC9.9 is not a criterion of the 2017 Trust Services Criteria', hint: 'Did you mean CC9.1?' }]);
    expect(readTscIds('Logical access').problems[0]?.message).toMatch(/^"Logical access" is not a TSC criterion id/);
  });

  it('reads CCM ids and CAIQ question ids of one version, and knows the other', () => {
    expect(readCcmIds('IAM-13.1, A&A-01; IAM-2', '4.1').ids).toEqual(['IAM-13', 'A&A-01', 'IAM-02']);
    expect(readCcmIds('IVS-01', '4.1').problems[0]).toEqual({ text: 'IVS-01', message: 'IVS-01 is not a control of CCM 4.1', hint: 'It is a CCM 4.0.13 id: if the file is a CCM 4.0.13 matrix, import it with --ccm-version 4.0.13.' });
  });
});

describe('values', () => {
  it.each([
    ['Yes', 'implemented'],
    ['Implemented', 'implemented'],
    ['Yes - fully', 'implemented'],
    ['✓', 'implemented'],
    ['Partial', 'partial'],
    ['Partially (MFA pending)', 'partial'],
    ['In progress', 'partial'],
    ['No', 'no'],
    ['Not implemented', 'no'],
    ['Planned', 'no'],
    ['N/A', 'na'],
    ['Not applicable', 'na'],
    ['', ''],
    ['maybe', undefined],
  ] as const)('status "%s" is %s', (text, expected) => {
    expect(parseStatus(text)).toBe(expected);
  });

  it('applicability and frequency', () => {
    expect([parseApplicable('Yes'), parseApplicable('Y'), parseApplicable('Excluded'), parseApplicable('N/A'), parseApplicable(''), parseApplicable('?')]).toEqual([true, true, false, false, '', undefined]);
    expect(['Annually', 'Semi-annually', 'Ad hoc', 'Per change', 'Quarterly', 'often'].map(parseFrequency)).toEqual(['annual', 'semiannual', 'per-event', 'per-event', 'quarterly', undefined]);
  });
});

describe('readImportRows', () => {
  it('picks the first sheet whose header it knows, reads every row, and reports each cell it cannot read', () => {
    const read = readImportRows(
      table(
        sheet([['Cover page']], 'Cover'),
        sheet(
          [
            ['Control #', 'Control Description', 'TSC', 'Implemented?', 'Frequency'],
            ['C-01', 'SSO with MFA for every production system.', 'CC6.1, CC6.6', 'Yes', 'Continuous'],
            ['C-02', 'Quarterly access reviews by the system owners.', 'CC6.2; CC9.9', 'Partial', 'every blue moon'],
            [],
            ['C-03', 'No criteria.', '', 'Yes', ''],
            ['C-04', 'Physical security inherited.', 'CC6.4', 'N/A', ''],
          ],
          'Matrix',
        ),
      ),
      'tsc-matrix',
      { ccmVersion: '4.1' },
    );
    expect(read).toMatchObject({ sheet: 'Matrix', headerRow: 1, columns: { id: 'A (Control #)', requirements: 'C (TSC)', status: 'D (Implemented?)' } });
    expect(read.rows.map((r) => [r.row, r.sourceId, r.requirements, r.status, r.applicable, r.frequency])).toEqual([
      [2, 'C-01', ['CC6.1', 'CC6.6'], 'implemented', true, 'continuous'],
      [3, 'C-02', ['CC6.2'], 'partial', true, undefined],
      [6, 'C-04', ['CC6.4'], 'na', false, undefined],
    ]);
    expect(read.findings.map((f) => `${f.row}:${f.column} ${f.severity} ${f.message}`)).toEqual([
      '3:C warning CC9.9 is not a criterion of the 2017 Trust Services Criteria; the row\'s other ids are imported',
      '3:E warning cannot read "every blue moon" as a frequency: left out',
      '5:C error no TSC criteria in this row: it is left out',
    ]);
  });

  it('a 2013 SoA: objectives and themes are headings, counted and skipped', () => {
    const read = readImportRows(
      table(sheet([['Annex A ref', 'Applicable', 'Implemented'], ['A.9', '', ''], ['A.9.4', '', ''], ['A.9.4.2', 'Yes', 'Yes'], ['A.5.1', '', '']])),
      'soa',
      { ccmVersion: '4.1' },
    );
    expect(read.headings).toBe(3);
    expect(read.rows.map((r) => r.requirements)).toEqual([['8.5']]);
    expect(read.findings).toEqual([]);
  });
});
