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
  /** github and sarif: the compliance repository's folder in the repository GitHub knows ("" at its root). */
  pathPrefix?: string;
  /** github: files the change touched, annotated first. */
  changedFiles?: ReadonlySet<string>;
  /** github: where else all findings can be read, for the annotation that closes an overflow. */
  moreAt?: string;
}

/** Renders a check result in one of the CLI's formats. */
export function renderCheckResult(result: Pick<CheckResult, 'findings' | 'summary'>, format: CheckFormat, options: RenderCheckOptions): string {
  switch (format) {
    case 'text':
      return renderCheckText(result.findings, result.summary, { color: options.color ?? false });
    case 'json':
      return renderCheckJson(result.findings, result.summary);
    case 'sarif':
      return renderCheckSarif(result.findings, { toolVersion: options.toolVersion, rules, pathPrefix: options.pathPrefix ?? '' });
    case 'github':
      return renderCheckGithub(result.findings, {
        pathPrefix: options.pathPrefix ?? '',
        ...(options.changedFiles ? { changedFiles: options.changedFiles } : {}),
        ...(options.moreAt ? { moreAt: options.moreAt } : {}),
      });
  }
}

export { renderCheckGithub, renderCheckJson, renderCheckSarif, renderCheckText };
export { ANNOTATIONS_PER_SEVERITY, type GithubAnnotationOptions } from './check-github.js';
export { fingerprintFindings, SARIF_FINGERPRINT_KEY } from './check-sarif.js';
export { joinPathPrefix, normalizePathPrefix } from './path-prefix.js';
