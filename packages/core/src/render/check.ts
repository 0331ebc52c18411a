import type { CheckResult } from '../model/check-result.js';
import { rules } from '../rules/registry.js';
import { renderCheckGithub } from './check-github.js';
import { renderCheckJson } from './check-json.js';
import { renderCheckSarif } from './check-sarif.js';
import { renderCheckText } from './check-text.js';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface RenderCheckOptions {
  color?: boolean;
  toolVersion: string;
}

/** Renders a check result in one of the CLI's formats. */
export function renderCheckResult(result: Pick<CheckResult, 'findings' | 'summary'>, format: CheckFormat, options: RenderCheckOptions): string {
  switch (format) {
    case 'text':
      return renderCheckText(result.findings, result.summary, { color: options.color ?? false });
    case 'json':
      return renderCheckJson(result.findings, result.summary);
    case 'sarif':
      return renderCheckSarif(result.findings, { toolVersion: options.toolVersion, rules });
    case 'github':
      return renderCheckGithub(result.findings);
  }
}

export { renderCheckGithub, renderCheckJson, renderCheckSarif, renderCheckText };
