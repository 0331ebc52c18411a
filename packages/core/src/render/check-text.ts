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
  // Linear in the number of findings: a file with 100,000 findings must not copy its list per finding, nor
  // spread it into Math.max (past ~100,000 arguments that overflows the stack).
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  for (const [file, list] of byFile) {
    lines.push(c.underline(file));
    let width = 0;
    for (const f of list) width = Math.max(width, `${f.line}:${f.column}`.length);
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
  const gateFailed = s.errors > 0 || (s.failOn === 'warning' && s.warnings > 0);
  const limit = s.maxWarnings !== undefined ? `, --max-warnings ${s.maxWarnings}` : '';
  const verdict = s.passed
    ? c.green(`✔ passed (fail_on: ${s.failOn}${limit})`)
    : c.red(gateFailed ? `✖ failed (fail_on: ${s.failOn})` : `✖ failed (more than ${plural(s.maxWarnings ?? 0, 'warning')}: --max-warnings ${s.maxWarnings})`);
  const hidden = s.quiet && s.warnings + s.infos > 0 ? `; --quiet: ${plural(s.warnings, 'warning')} and ${plural(s.infos, 'info')} not shown` : '';
  return `${verdict}: ${counts} (${scope}${hidden})`;
}
