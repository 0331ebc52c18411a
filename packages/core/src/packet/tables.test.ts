import { getCaiq } from '@trustops/frameworks';
import { describe, expect, it } from 'vitest';
import { loadRepo } from '../load/load-repo.js';
import { computeReadiness } from '../score/readiness.js';
import { resolveScope } from '../model/scope.js';
import { BASE_FILES, BASE_TODAY } from '../testing/base-repo.js';
import { createInMemoryRepo, mergeFiles } from '../testing/in-memory-repo.js';
import type { PacketInput } from './packet-input.js';
import { buildCaiqTable, renderCsv } from './tables.js';
import { patch } from '../testing/patch.js';

function inputFor(ccm: string): PacketInput {
  const files = mergeFiles(BASE_FILES, { 'compliance.yaml': patch(BASE_FILES['compliance.yaml']!, '    version: "4.0.13"', ccm) });
  const model = loadRepo(createInMemoryRepo(files).files);
  const scope = resolveScope(model.config?.data);
  const readiness = computeReadiness(model, scope, { today: BASE_TODAY, evidenceFiles: new Map() });
  return {
    meta: { commit: 'a'.repeat(40), version: 'v', createdAt: '2026-11-01T12:00:00Z', toolVersion: '0', organization: 'o', systemName: 's', builtWithFindings: false },
    model,
    scope,
    readiness,
    findings: [],
    sourceFiles: [],
    evidenceFiles: new Map(),
    withheld: new Map(),
  };
}

describe('CAIQ table', () => {
  it('has the 283 CAIQ v4.1 questions in order for a CCM v4.1 scope', () => {
    const table = buildCaiqTable(inputFor('    version: "4.1"'))!;
    expect(table.rows.map((r) => r[0])).toEqual(getCaiq('4.1').questions.map((q) => q.id));
    expect(table.rows).toHaveLength(283);
  });

  it('keeps only CAIQ-Lite questions with lite: true', () => {
    const table = buildCaiqTable(inputFor('    version: "4.0.13"\n    lite: true'))!;
    expect(table.rows).toHaveLength(124);
    expect(table.rows.map((r) => r[0])).toEqual(getCaiq('4.0.13').questions.filter((q) => q.caiqLite).map((q) => q.id));
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
