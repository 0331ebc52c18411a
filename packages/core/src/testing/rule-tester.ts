import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../model/findings.js';
import type { FileChange, RevisionPair } from '../model/revisions.js';
import { checkRepo } from '../pipeline/check.js';
import { checkWithHistory } from '../pipeline/check-with-history.js';
import type { Rule } from '../rules/define-rule.js';
import { BASE_FILES, BASE_TODAY } from './base-repo.js';
import { createInMemoryRepo, mergeFiles, type FileContent, type FileOverrides } from './in-memory-repo.js';

export interface ValidCase {
  name: string;
  /** Files changed on top of the base repository (`null` deletes one). */
  files?: FileOverrides;
  today?: string;
  /**
   * The BASE revision, as changes to the base repository: the case then runs as `check --base` does,
   * with the history rules comparing HEAD (the base repository with `files`) against it.
   */
  baseRevision?: FileOverrides;
  /** Control ids the change acknowledges (`--acknowledge`). */
  acknowledged?: string[];
}

export interface ExpectedFinding {
  file: string;
  line: number;
  column?: number;
  message?: RegExp;
  hint?: RegExp;
  severity?: Severity;
  /** The related locations, as "file:line". */
  related?: string[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

export interface RunRuleOptions {
  today?: string;
  /** Run against a BASE revision (see ValidCase.baseRevision). */
  baseRevision?: FileOverrides;
  acknowledged?: string[];
}

/** Runs only `rule` over the base repository with `files` applied, as the CLI would. */
export async function runRuleOn(rule: Rule, files: FileOverrides = {}, options: RunRuleOptions | string = {}): Promise<Finding[]> {
  const { today = BASE_TODAY, baseRevision, acknowledged } = typeof options === 'string' ? { today: options } : options;
  const headFiles = mergeFiles(BASE_FILES, files);
  if (!baseRevision) return (await checkRepo(createInMemoryRepo(headFiles), { today, rules: [rule] })).findings;
  const baseFiles = mergeFiles(BASE_FILES, baseRevision);
  const pair: RevisionPair = {
    base: { label: 'BASE', input: createInMemoryRepo(baseFiles) },
    head: { label: 'HEAD', input: createInMemoryRepo(headFiles) },
    changes: diffFiles(baseFiles, headFiles),
    baseReason: 'given',
  };
  return (await checkWithHistory(pair, { today, rules: [rule], ...(acknowledged ? { acknowledged } : {}) })).findings;
}

/** What `git diff --name-status` would say between two in-memory revisions (renames as delete + add). */
function diffFiles(base: ReadonlyMap<string, FileContent>, head: ReadonlyMap<string, FileContent>): FileChange[] {
  const bytes = (c: FileContent) => (typeof c === 'object' && 'symlink' in c ? Buffer.from(`-> ${c.symlink}`) : Buffer.from(c));
  const same = (a: FileContent, b: FileContent) => bytes(a).equals(bytes(b));
  const paths = [...new Set([...base.keys(), ...head.keys()])].sort();
  const changes: FileChange[] = [];
  for (const path of paths) {
    const before = base.get(path);
    const after = head.get(path);
    if (before === undefined) changes.push({ status: 'added', path });
    else if (after === undefined) changes.push({ status: 'deleted', path });
    else if (!same(before, after)) changes.push({ status: 'modified', path });
  }
  return changes;
}

/**
 * typescript-eslint's RuleTester, for trustops rules: every valid case yields no finding of the rule; every
 * invalid case yields exactly the listed findings (file, line, and optionally column, message, hint,
 * related locations). A case with `baseRevision` runs against that BASE, as `check --base` does.
 */
export function testRule(
  rule: Rule,
  cases: { valid: ValidCase[]; invalid: InvalidCase[]; /** Changes applied to the base for every case. */ base?: FileOverrides },
): void {
  const withBase = (files: FileOverrides | undefined): FileOverrides => ({ ...cases.base, ...files });
  const optionsOf = (c: ValidCase): RunRuleOptions => ({
    ...(c.today ? { today: c.today } : {}),
    ...(c.baseRevision ? { baseRevision: withBase(c.baseRevision) } : {}),
    ...(c.acknowledged ? { acknowledged: c.acknowledged } : {}),
  });
  describe(rule.id, () => {
    it('reports nothing on the base repository', async () => {
      expect(await runRuleOn(rule, withBase({}))).toEqual([]);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        expect(await runRuleOn(rule, withBase(c.files), optionsOf(c))).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const findings = await runRuleOn(rule, withBase(c.files), optionsOf(c));
        expect(findings.map((f) => `${f.file}:${f.line}`), JSON.stringify(findings, null, 2)).toEqual(
          c.errors.map((e) => `${e.file}:${e.line}`),
        );
        c.errors.forEach((expected, i) => {
          const actual = findings[i]!;
          expect(actual.ruleId).toBe(rule.id);
          if (expected.column !== undefined) expect(actual.column).toBe(expected.column);
          if (expected.message) expect(actual.message).toMatch(expected.message);
          if (expected.hint) expect(actual.hint).toMatch(expected.hint);
          if (expected.related) expect((actual.related ?? []).map((r) => `${r.file}:${r.line}`)).toEqual(expected.related);
          expect(actual.severity).toBe(expected.severity ?? rule.severity);
          expect(actual.hint.length).toBeGreaterThan(0);
          expect(actual.url).toMatch(/^https:\/\//);
        });
      });
    }
  });
}
