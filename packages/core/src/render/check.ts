import type { CheckResult } from '../pipeline/check.js';
import { rules } from '../rules/index.js';
import { formatGithub } from './check-github.js';
import { formatJson } from './check-json.js';
import { formatSarif } from './check-sarif.js';
import { formatText } from './check-text.js';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface FormatCheckOptions {
  color?: boolean;
  toolVersion: string;
}

/** Renders a check result in one of the CLI's formats. */
export function formatCheckResult(result: Pick<CheckResult, 'findings' | 'summary'>, format: CheckFormat, options: FormatCheckOptions): string {
  switch (format) {
    case 'text':
      return formatText(result.findings, result.summary, { color: options.color ?? false });
    case 'json':
      return formatJson(result.findings, result.summary);
    case 'sarif':
      return formatSarif(result.findings, { toolVersion: options.toolVersion, rules });
    case 'github':
      return formatGithub(result.findings);
  }
}

export { formatGithub, formatJson, formatSarif, formatText };
