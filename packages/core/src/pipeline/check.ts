import { summarizeCheck, type CheckResult } from '../model/check-result.js';
import type { RepoInput } from '../model/repo-input.js';
import type { Rule } from '../rules/define-rule.js';
import { runRules } from '../rules/run-rules.js';
import { assess, type Assessment } from './assess.js';

export interface CheckOptions {
  /** The date to check against (YYYY-MM-DD): expiries, overdue reviews. */
  today: string;
  /** Rules to run; all rules by default. */
  rules?: readonly Rule[];
}

/** Loads the repository once and runs every rule over it. */
export async function checkRepo(input: RepoInput, options: CheckOptions): Promise<CheckResult & { assessment: Assessment }> {
  const assessment = await assess(input, { today: options.today });
  const findings = runRules({ ...assessment, today: options.today, ...(options.rules ? { rules: options.rules } : {}) });
  return { findings, summary: summarizeCheck(assessment.model, findings), model: assessment.model, scope: assessment.scope, assessment };
}
