import type { CheckSummary } from '../model/check-result.js';
import type { Finding } from '../model/findings.js';

/** `{"findings":[...],"summary":{...}}`, keys in a fixed order, one trailing newline. */
export function renderCheckJson(findings: readonly Finding[], summary: CheckSummary): string {
  const out = {
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      file: f.file,
      line: f.line,
      column: f.column,
      hint: f.hint,
      ...(f.url ? { url: f.url } : {}),
      ...(f.related?.length ? { related: f.related.map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message })) } : {}),
    })),
    summary: {
      passed: summary.passed,
      failOn: summary.failOn,
      errors: summary.errors,
      warnings: summary.warnings,
      infos: summary.infos,
      filesWithFindings: summary.files,
      controls: summary.controls,
      policies: summary.policies,
      vendors: summary.vendors,
      evidenceRecords: summary.evidenceRecords,
      ...(summary.maxWarnings !== undefined ? { maxWarnings: summary.maxWarnings } : {}),
      ...(summary.quiet ? { quiet: true } : {}),
      risks: summary.risks,
    },
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
