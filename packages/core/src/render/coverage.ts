import type { CcmCoverage } from '../score/soa-import.js';
import { renderImportFindings } from './import-report.js';
import { renderBar, renderPercent } from './score.js';

/** `gaps --from-soa` / `--from-tsc`: what the reader could not read first, then the coverage, least covered domain first. */
export function renderCoverageText(coverage: CcmCoverage, file: string): string {
  const label = coverage.source === 'iso27001' ? 'ISO 27001 Statement of Applicability' : 'SOC 2 control matrix (TSC)';
  const lines = [
    ...(coverage.findings.length ? [renderImportFindings(coverage.findings, file).trimEnd(), ''] : []),
    `${label} ${file} against CCM ${coverage.ccmVersion}, through CSA's mapping:`,
    `  ${renderBar(coverage.coverage)} ${renderPercent(coverage.coverage)} of CCM already addressed (${coverage.addressed} addressed, ${coverage.partial} partially, ${coverage.notAddressed} not, of ${coverage.total})`,
    '',
    'Remaining gaps by domain (least covered first):',
  ];
  for (const d of coverage.domains) {
    lines.push(`  ${d.id.padEnd(4)} ${renderBar(d.coverage)} ${renderPercent(d.coverage).padStart(6)}  ${d.name}`);
    for (const item of d.remaining) {
      const targets = item.targets.length ? item.targets.map((t) => `${t.id}${t.implemented ? '✓' : '✗'}`).join(' ') : 'no mapped requirement';
      lines.push(`        ${item.status === 'partial' ? 'partial' : 'missing'} ${item.id} ${item.title} (${item.gapLevel}; ${targets})`);
    }
  }
  return `${lines.join('\n')}\n`;
}
