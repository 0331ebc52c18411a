import { describeReason, formatPercent, renderExplainRequirement, suggestClosest } from '@trustops/core';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { loadReadiness } from './score.js';
import { emit } from './shared.js';

export interface ExplainCommandOptions {
  repo: string;
  today?: string;
  type1?: boolean;
  type2?: boolean;
}

/** Why a requirement has its status, or what a control contributes, down to files and lines. */
export async function runExplain(id: string, options: ExplainCommandOptions, io: CliIo): Promise<number> {
  const { report } = await loadReadiness(options, io);
  const parts: string[] = [];
  for (const fw of Object.values(report.frameworks)) {
    const r = fw?.requirements.find((x) => x.id === id);
    if (fw && r) parts.push(renderExplainRequirement(fw, r));
  }
  const control = report.controls.get(id);
  if (control) {
    const lines = [
      `control ${control.id} ${control.title} [${control.file}:${control.line}]`,
      `  status: ${control.status}${control.implementedOn ? ` since ${control.implementedOn}` : ''}; owner ${control.owner}`,
      `  maturity: ${control.declaredMaturity ?? 'not set'} declared, ${control.effectiveMaturity} counted${control.maturitySupported ? '' : ' (claim not backed by evidence on schedule)'}`,
      `  designed (Type I): ${control.designed ? 'yes' : `no: ${control.designIssues.join('; ')}`}`,
      `  operating (Type II): ${control.operating ? 'yes' : `no: ${control.operationIssues.join('; ')}`}`,
      ...control.evidence.map(
        (e) =>
          `  evidence ${e.id} (${e.every}): ${e.records} record(s), ${e.dueWindows.length - e.missingWindows.length}/${e.dueWindows.length} due windows covered${e.missingWindows.length ? `; missing ${e.missingWindows.map((w) => `${w.start}..${w.end}`).join(', ')}` : ''}`,
      ),
      ...(control.lateStart ? [`  late start: ${control.lateStart}`] : []),
      '  counts towards:',
    ];
    for (const fw of Object.values(report.frameworks)) {
      for (const r of fw?.requirements ?? []) {
        const reason = r.reasons.find((x) => x.kind === 'control' && x.control === id);
        if (fw && reason) lines.push(`    - ${fw.key} ${r.id} (${r.status}): ${describeReason(reason)}`);
      }
    }
    parts.push(`${lines.join('\n')}\n`);
  }
  if (parts.length === 0) {
    const candidates = [...report.controls.keys(), ...Object.values(report.frameworks).flatMap((f) => f?.requirements.map((r) => r.id) ?? [])];
    const guess = suggestClosest(id, candidates);
    throw new UsageError(`"${id}" is neither an in-scope requirement nor a control${guess ? `; did you mean ${guess}?` : ''}`);
  }
  const summary = Object.values(report.frameworks)
    .map((f) => (f ? `${f.key} ${formatPercent(f.readiness)}` : ''))
    .join(', ');
  await emit(`${parts.join('\n')}\nreadiness (${report.type}): ${summary}\n`, undefined, io);
  return EXIT.ok;
}
