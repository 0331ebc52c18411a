import type { Finding } from '../model/findings.js';

// Escaping as @actions/core does it (toCommandValue / escapeData / escapeProperty): data escapes % CR LF,
// properties additionally ':' and ','.
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub Actions workflow commands: one annotation per finding, shown on the PR's changed lines. */
export function renderCheckGithub(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const props = [
        `file=${escapeProperty(f.file)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `title=${escapeProperty(f.ruleId)}`,
      ].join(',');
      return `::${COMMAND[f.severity]} ${props}::${escapeData(`${f.message}\n${f.hint}`)}\n`;
    })
    .join('');
}
