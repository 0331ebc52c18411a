import { createColors } from 'picocolors';
import type { CheckSummary } from '../model/check-result.js';
import type { Finding } from '../model/findings.js';
import { plural } from './labels.js';

export interface RenderCheckTextOptions {
  color: boolean;
}

/** Human output: findings grouped by file (like ESLint's stylish), then a one-line summary. */
export function renderCheckText(findings: readonly Finding[], summary: CheckSummary, options: RenderCheckTextOptions): string {
  const c = createColors(options.color);
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, list] of byFile) {
    lines.push(c.underline(file));
    const width = Math.max(...list.map((f) => `${f.line}:${f.column}`.length));
    for (const f of list) {
      const sev = f.severity === 'error' ? c.red('error  ') : f.severity === 'warning' ? c.yellow('warning') : c.blue('info   ');
      lines.push(`  ${c.dim(`${f.line}:${f.column}`.padEnd(width))}  ${sev}  ${f.message}  ${c.dim(f.ruleId)}`);
      lines.push(`  ${' '.repeat(width)}  ${c.dim(`         hint: ${f.hint}`)}`);
      for (const r of f.related ?? []) lines.push(`  ${' '.repeat(width)}  ${c.dim(`         related: ${r.file}:${r.line}:${r.column} ${r.message}`)}`);
    }
    lines.push('');
  }
  lines.push(summaryLine(summary, c));
  return `${lines.join('\n')}\n`;
}

function summaryLine(s: CheckSummary, c: ReturnType<typeof createColors>): string {
  const scope = `${s.controls} controls, ${s.policies} policies, ${s.vendors} vendors, ${s.risks ? `${s.risks} risks, ` : ''}${s.evidenceRecords} evidence records`;
  const total = s.errors + s.warnings + s.infos;
  if (total === 0) return c.green(`✔ no problems (${scope})`);
  const counts = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')} in ${plural(s.files, 'file')}`;
  const verdict = s.passed ? c.green(`✔ passed (fail_on: ${s.failOn})`) : c.red(`✖ failed (fail_on: ${s.failOn})`);
  return `${verdict}: ${counts} (${scope})`;
}
