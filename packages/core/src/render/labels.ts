import type { FrameworkKey } from '@trustops/frameworks';
import type { Severity } from '../model/findings.js';
import type { Ownership } from '../schemas/types.js';

/**
 * The words every output uses for frameworks, severities and counts, in one place. Three lengths of
 * framework name, because a terminal column, a PDF heading and a page title have different room.
 */
export const FRAMEWORK_SHORT: Readonly<Record<FrameworkKey, string>> = { ccm: 'CCM', tsc: 'TSC', iso27001: 'ISO 27001' };

/** In the summary PDF, where readers may not know "TSC" is SOC 2. */
export const FRAMEWORK_REPORT: Readonly<Record<FrameworkKey, string>> = { ccm: 'CCM', tsc: 'SOC 2 (TSC)', iso27001: 'ISO/IEC 27001' };

/** On the packet's site, which names the catalog's owner and edition. */
export const FRAMEWORK_TITLE: Readonly<Record<FrameworkKey, string>> = { ccm: 'CSA CCM', tsc: 'SOC 2 TSC', iso27001: 'ISO/IEC 27001:2022' };

/**
 * A framework with its edition, said once: "CSA CCM 4.0.13", "SOC 2 TSC 2017", but "ISO/IEC 27001:2022"
 * (its title already carries the edition, so "ISO/IEC 27001:2022 2022" never appears).
 */
/** A catalog's name with its version, said once: "ISO/IEC 27001:2022 Annex A", not "... Annex A 2022". */
export function catalogName(name: string, version: string): string {
  return name.includes(version) ? name : `${name} ${version}`;
}

export function frameworkName(key: FrameworkKey, version: string): string {
  const title = FRAMEWORK_TITLE[key];
  return title.endsWith(version) || title.endsWith(`:${version}`) ? title : `${title} ${version}`;
}

/** CAIQ v4 "SSRM Control Ownership" wording: what the CAIQ, the matrices and the site all show. */
export const OWNERSHIP_LABEL: Readonly<Record<Ownership, string>> = {
  'csp-owned': 'CSP-owned',
  'csc-owned': 'CSC-owned',
  'third-party-outsourced': 'Third-party outsourced',
  'shared-csp-csc': 'Shared CSP and CSC',
  'shared-csp-third-party': 'Shared CSP and 3rd-party',
};

/** The report a readiness view is for, in the AICPA's words. */
export const REPORT_TYPE_LABEL: Readonly<Record<'type1' | 'type2', string>> = { type1: 'Type I', type2: 'Type II' };

/** What one requirement of each framework is called. */
export const REQUIREMENT_NOUN: Readonly<Record<FrameworkKey, string>> = { ccm: 'controls', tsc: 'criteria', iso27001: 'Annex A controls' };

/** What a group of requirements is called ("readiness by domain"). */
export const GROUP_NOUN: Readonly<Record<FrameworkKey, string>> = { ccm: 'domain', tsc: 'series', iso27001: 'theme' };

/** Severities as Markdown shows them (pull-request comments). */
export const SEVERITY_MARKDOWN: Readonly<Record<Severity, string>> = { error: '❌ error', warning: '⚠️ warning', info: 'ℹ️ info' };

/** "1 error", "2 errors", "3 info" (info is a mass noun). */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}

/** The view a readiness report takes, in one line: Type II with its period, or Type I as of a date. */
export function renderView(report: { type: 'type1' | 'type2'; asOf: string; today: string; period?: { start: string; end: string }; periodConfigured: boolean }, markdown = false): string {
  if (report.type === 'type2' && report.period) {
    const assumed = report.periodConfigured ? '' : ' (no period in compliance.yaml: the 12 months up to the scoring date)';
    const and = markdown ? '**and**' : 'and';
    return `SOC 2 Type II view: controls must be designed ${and} operating, with evidence for every ended window · observation period ${report.period.start} to ${report.period.end}${assumed} · as of ${report.today}`;
  }
  return `Type I view: controls designed and implemented · as of ${report.asOf}`;
}
