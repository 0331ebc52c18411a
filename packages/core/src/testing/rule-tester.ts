import { describe, expect, it } from 'vitest';
import { checkRepo } from '../pipeline/check.js';
import type { Finding, Severity } from '../model/findings.js';
import type { Rule } from '../rules/define-rule.js';
import { BASE_FILES, BASE_TODAY } from './base-repo.js';
import { createInMemoryRepo, mergeFiles, type FileOverrides } from './in-memory-repo.js';

export interface ValidCase {
  name: string;
  /** Files changed on top of the base repository (`null` deletes one). */
  files?: FileOverrides;
  today?: string;
}

export interface ExpectedFinding {
  file: string;
  line: number;
  column?: number;
  message?: RegExp;
  hint?: RegExp;
  severity?: Severity;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

/** Runs only `rule` over the base repository with `files` applied, as the CLI would. */
export async function runRuleOn(rule: Rule, files: FileOverrides = {}, today = BASE_TODAY): Promise<Finding[]> {
  const repo = createInMemoryRepo(mergeFiles(BASE_FILES, files));
  const result = await checkRepo(repo, { today, rules: [rule] });
  return result.findings;
}

/**
 * typescript-eslint's RuleTester, for trustops rules: every valid case yields no finding of the rule; every
 * invalid case yields exactly the listed findings (file, line, and optionally column, message, hint).
 */
export function testRule(
  rule: Rule,
  cases: { valid: ValidCase[]; invalid: InvalidCase[]; /** Changes applied to the base for every case. */ base?: FileOverrides },
): void {
  const withBase = (files: FileOverrides | undefined): FileOverrides => ({ ...cases.base, ...files });
  describe(rule.id, () => {
    it('reports nothing on the base repository', async () => {
      expect(await runRuleOn(rule, withBase({}))).toEqual([]);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        expect(await runRuleOn(rule, withBase(c.files), c.today)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const findings = await runRuleOn(rule, withBase(c.files), c.today);
        expect(findings.map((f) => `${f.file}:${f.line}`), JSON.stringify(findings, null, 2)).toEqual(
          c.errors.map((e) => `${e.file}:${e.line}`),
        );
        c.errors.forEach((expected, i) => {
          const actual = findings[i]!;
          expect(actual.ruleId).toBe(rule.id);
          if (expected.column !== undefined) expect(actual.column).toBe(expected.column);
          if (expected.message) expect(actual.message).toMatch(expected.message);
          if (expected.hint) expect(actual.hint).toMatch(expected.hint);
          expect(actual.severity).toBe(expected.severity ?? rule.severity);
          expect(actual.hint.length).toBeGreaterThan(0);
        });
      });
    }
  });
}
