/** How serious a finding is; `gate.fail_on` in compliance.yaml decides which fail CI. */
export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * A content problem, shaped like an ESLint message / vfile-message: where it is (repo-relative path with
 * '/', 1-based line and column at the offending key or value), what is wrong and how to fix it.
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  hint: string;
  /** The rule's documentation (its section in docs/rules.md). */
  url?: string;
  /** Other places the finding is about, e.g. the first definition of a duplicated id. */
  related?: RelatedLocation[];
  /**
   * The offending key or id by name (`maps.ccm[IAM-14]`), when the finding points into a YAML document:
   * unlike the line, it survives edits elsewhere in the file (SARIF fingerprints).
   */
  key?: string;
}

/** A second place a finding points at (SARIF relatedLocations). */
export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Most serious first: 0 for errors. The one severity order of the project (gate, reports, comments). */
export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** true when `severity` reaches the gate threshold (`error` fails only on errors, `warning` on both). */
export function reachesGate(severity: Severity, failOn: 'error' | 'warning'): boolean {
  return SEVERITY_ORDER[severity] <= SEVERITY_ORDER[failOn];
}

/** Findings in a stable order: by file, line, column, rule, message. Same input, same bytes. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.message, b.message),
  );
}

/** Code-point order, independent of the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface FindingSummary {
  errors: number;
  warnings: number;
  infos: number;
  /** Files with at least one finding. */
  files: number;
}

export function summarizeFindings(findings: readonly Finding[]): FindingSummary {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
    files: new Set(findings.map((f) => f.file)).size,
  };
}

/** The most characters of a value from a file that a message quotes (then an ellipsis). */
export const MAX_QUOTED_VALUE = 80;

/** The most characters of any message or hint: a safety net over every rule (runRules applies it). */
export const MAX_MESSAGE = 600;

/**
 * `text` cut to `max` characters with an ellipsis, and line breaks shown as spaces: a value from a file
 * is quoted in a message, and a 5 MB one-line value must not be echoed whole in every format.
 */
export function shorten(text: string, max = MAX_QUOTED_VALUE): string {
  const flat = text.length > max * 4 ? text.slice(0, max * 4) : text;
  const oneLine = flat.replace(/[\r\n]+/g, ' ');
  if (oneLine.length <= max && flat.length === text.length) return oneLine;
  // Never cut a surrogate pair in half.
  let cut = Math.min(max - 1, oneLine.length);
  if (/[\uD800-\uDBFF]/.test(oneLine.charAt(cut - 1))) cut--;
  return `${oneLine.slice(0, cut)}…`;
}
