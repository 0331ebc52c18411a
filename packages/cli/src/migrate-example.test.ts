import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCcmCrosswalk } from '@trustops/frameworks';
import { loadRepo, readRepo, type RepoModel } from '@trustops/core';
import { createGitFixture, patch, type GitFixture } from '@trustops/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './main.js';

// The example program at the repository root, migrated to CCM 4.1 in a git repository of its own.
const root = new URL('../../../', import.meta.url).pathname;
const SSRM = 'controls/responsibility/ccm.yaml';
const TODAY = '2026-12-01';
let fx: GitFixture;
let baseCommit: string;
let original: RepoModel;
let originalText: Map<string, string>;
let migrated: RepoModel;
let report: string;

async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: fx.dir, env: {}, isTty: false });
  return { status, stdout, stderr };
}

async function modelOf(dir: string): Promise<{ model: RepoModel; texts: Map<string, string> }> {
  const input = await readRepo(dir, { cache: false });
  return { model: loadRepo(input.files), texts: new Map(input.files.map((f) => [f.path, f.text])) };
}

interface Findings {
  findings: { ruleId: string; severity: string; file: string; line: number; message: string; hint: string }[];
  summary: { passed: boolean };
}

beforeAll(async () => {
  fx = await createGitFixture({});
  for (const part of ['compliance.yaml', 'controls', 'policies', 'evidence', 'risks']) cpSync(join(root, part), join(fx.dir, part), { recursive: true });
  baseCommit = await fx.commit('the example program on CCM 4.0.13');
  ({ model: original, texts: originalText } = await modelOf(fx.dir));
  const run = await cli(['migrate', '--ccm', '4.1']);
  expect(run.status, run.stderr).toBe(0);
  report = run.stdout;
  migrated = (await modelOf(fx.dir)).model;
  await fx.commit('migrate to CCM 4.1');
}, 60_000);
afterAll(() => fx?.cleanup());

/** What names CCM ids: each control's and policy's maps.ccm, the exclusions, and the SSRM entries by key. */
function namesOf(model: RepoModel) {
  const owners = new Map<string, string[]>();
  for (const c of model.controls) owners.set(`control ${c.data.id}`, c.data.maps?.ccm ?? []);
  for (const p of model.policies) owners.set(`policy ${p.data.id}`, p.data.maps?.ccm ?? []);
  owners.set('exclusions', (model.config?.data.exclusions ?? []).filter((e) => e.framework === 'ccm').map((e) => e.id));
  const ssrm = new Map(model.responsibilities.flatMap((r) => Object.entries(r.data.assignments)));
  return { owners, ssrm };
}

describe('the example program migrated to CCM 4.1', () => {
  it('follows every one of the 208 crosswalk rows, id by id', () => {
    const before = namesOf(original);
    const after = namesOf(migrated);
    const rows = getCcmCrosswalk();
    expect(rows).toHaveLength(208);
    let checked = 0;
    for (const row of rows) {
      if (row.from === null) {
        // New in 4.1: a placeholder SSRM entry, and nothing maps to it yet.
        const entry = after.ssrm.get(row.to[0]!);
        expect(entry, row.to[0]).toBeDefined();
        expect(`${entry!.csp ?? ''} ${entry!.csc ?? ''}`, row.to[0]).toMatch(/TODO: /);
        for (const [owner, ids] of after.owners) if (owner !== 'exclusions') expect(ids, `${owner} ${row.to[0]}`).not.toContain(row.to[0]);
        checked++;
        continue;
      }
      const namers = [...before.owners].filter(([, ids]) => ids.includes(row.from!)).map(([owner]) => owner);
      const entry = before.ssrm.get(row.from);
      expect(namers.length + (entry ? 1 : 0), `${row.from} is named somewhere in the example`).toBeGreaterThan(0);
      if (row.change === 'removed') {
        // Its SSRM text went into the report, and no entry carries it any more.
        expect([...after.ssrm.values()].map((a) => a.csp)).not.toContain(entry!.csp);
        for (const owner of namers) expect(after.owners.get(owner)!.length, owner).toBe(before.owners.get(owner)!.length - 1);
      } else {
        for (const owner of namers) for (const to of row.to) expect(after.owners.get(owner), `${owner}: ${row.from} → ${to}`).toContain(to);
        if (entry) expect(after.ssrm.get(row.to[0]!), `SSRM ${row.from} → ${row.to[0]}`).toEqual(entry);
      }
      checked++;
    }
    expect(checked).toBe(208);
    // And nothing else moved: every list is exactly the one-pass image of what it was.
    const crosswalk = new Map(rows.flatMap((r) => (r.from ? [[r.from, r.to] as const] : [])));
    for (const [owner, ids] of before.owners) expect(after.owners.get(owner), owner).toEqual(ids.flatMap((id) => crosswalk.get(id) ?? [id]));
    expect(after.ssrm.size).toBe(before.ssrm.size - 1 + 11);
  });

  it('changes the files only where an id moved: comments, order and formatting kept (line by line)', () => {
    const rows = new Map(getCcmCrosswalk().flatMap((r) => (r.from ? [[r.from, r.to] as const] : [])));
    const changed = migrated.files.map((f) => f.path).filter((p) => readFileSync(join(fx.dir, p), 'utf8') !== originalText.get(p));
    expect(changed.length).toBe(29);
    for (const path of changed) {
      const before = originalText.get(path)!.split('\n');
      const after = readFileSync(join(fx.dir, path), 'utf8').split('\n');
      // Each line of the original with its ids moved (comments are never rewritten), against the migrated lines.
      // The versions are the one other change; the removed control's entry is expected to go whole.
      const iam12 = path === SSRM ? before.findIndex((l) => l.startsWith('  IAM-12:')) : -1;
      const iam12End = before.findIndex((l, i) => iam12 >= 0 && i > iam12 && /^ {2}\S/.test(l));
      const expected = before.map((line, i) => {
        if (i >= iam12 && i < iam12End) return line;
        if (line === '    version: "4.0.13"' || line === 'version: "4.0.13"') return line.replace('4.0.13', '4.1');
        return moveIds(line, rows);
      });
      const { removed, inserted } = lineDiff(expected, after);
      if (path !== SSRM) {
        expect({ path, removed, inserted }).toEqual({ path, removed: [], inserted: [] });
        continue;
      }
      // The SSRM: the removed control's entry went, one placeholder per new control came.
      expect(removed).toEqual(before.slice(iam12, iam12End));
      const entries = inserted.filter((l) => /^ {2}[A-Z&]+-\d\d:/.test(l));
      expect(entries.map((l) => l.slice(2, l.indexOf(':')))).toEqual(['AIS-08', 'DCS-01', 'DCS-17', 'DCS-18', 'LOG-08', 'SEF-07', 'SEF-09', 'STA-01', 'STA-09', 'TVM-04', 'TVM-10']);
      for (const line of inserted) expect(line).toMatch(/^ {2}[A-Z&]+-\d\d: {2}# .+ \(new in CCM 4\.1; CSA's typical SAAS ownership: [A-Za-z-]+\)$|^ {4}ownership: [a-z-]+$|^ {4}cs[pc]: "TODO: /);
      // Every comment line of the original is still there, in order.
      const comments = (lines: string[]) => lines.filter((l) => /^\s*#/.test(l));
      expect(comments(after)).toEqual(comments(before));
    }
  });

  it('writes a report for the pull request: the decision, the placeholders, what to review', () => {
    expect(report).toMatch(/^## CCM 4\.0\.13 → 4\.1 migration\n/);
    expect(report).toContain('**CCM 4.0.13 → 4.1: 58 ids renumbered, 1 removed, 11 added** · 29 files changed');
    expect(report).toContain('- **IAM-12** Safeguard Logs Integrity has no successor in CCM 4.1');
    expect(report).toContain('  - control LOG-CENTRAL (`controls/logging/LOG-CENTRAL.yaml:22`)');
    expect(report).toMatch(/### New in CCM 4\.1: SSRM entries to write \(11\)/);
    expect(report).toMatch(/### To review \(\d+\)/);
    // The SSRM's header comment still says IVS-07: a comment is never rewritten, so the report points at it.
    expect(report).toContain('- `controls/responsibility/ccm.yaml:3` names IVS-07, now I\\&S-07');
  });

  it('passes check apart from the placeholders and the honest warnings it had before', async () => {
    const { status, stdout } = await cli(['check', '--today', TODAY, '--format', 'json']);
    const out = JSON.parse(stdout) as Findings;
    expect(status).toBe(0);
    expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const rules = new Set(out.findings.map((f) => f.ruleId));
    expect(rules).toEqual(new Set(['content/placeholder', 'evidence/missing-window', 'evidence/late-start', 'maturity/unsupported-claim', 'vendor/coverage-gap']));
    const placeholders = out.findings.filter((f) => f.ruleId === 'content/placeholder');
    expect(new Set(placeholders.map((f) => /text for ([A-Z&]+-\d\d)/.exec(f.message)?.[1]))).toEqual(
      new Set(['AIS-08', 'DCS-01', 'DCS-17', 'DCS-18', 'LOG-08', 'SEF-07', 'SEF-09', 'STA-01', 'STA-09', 'TVM-04', 'TVM-10']),
    );
  });

  it('a second migrate changes nothing', async () => {
    const { status, stdout, stderr } = await cli(['migrate', '--ccm', '4.1']);
    expect(status).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe('trustops migrate: the program is on CCM 4.1 already (compliance.yaml and the SSRM files say so); nothing to change\n');
    expect((await fx.git.status()).isClean()).toBe(true);
  });

  it('the changelog of the migration reports renumbering, not lost coverage, and no control weakened by it', async () => {
    const { status, stdout } = await cli(['changelog', baseCommit, 'HEAD', '--format', 'json', '--today', TODAY]);
    expect(status).toBe(0);
    const changelog = JSON.parse(stdout) as {
      verdict: string;
      coverage: { change: string; id: string }[];
      controls: { id: string; weakened: string[] }[];
      policies: unknown[];
      ssrm: { id: string; kind: string }[];
      versionSwitch: { renumbered: unknown[]; removed: { id: string }[]; added: { id: string }[] };
    };
    expect(changelog.verdict).toMatch(/^CCM 4\.0\.13 → 4\.1: 58 ids renumbered, 1 removed, 11 added · readiness CCM /);
    expect(changelog.coverage.filter((c) => c.change === 'lost')).toEqual([]);
    expect(changelog.controls.filter((c) => c.weakened.length > 0)).toEqual([]);
    expect(changelog.policies).toEqual([]);
    expect(changelog.ssrm.map((s) => `${s.kind} ${s.id}`).sort()).toEqual([...changelog.versionSwitch.added.map((a) => `added ${a.id}`)].sort());
    expect(changelog.versionSwitch.removed.map((r) => r.id)).toEqual(['IAM-12']);
    const check = await cli(['check', '--today', TODAY, '--base', baseCommit, '--format', 'json']);
    const findings = (JSON.parse(check.stdout) as Findings).findings;
    expect(check.status).toBe(0);
    expect(findings.filter((f) => ['config/version-unmigrated', 'control/weakened', 'policy/changed-without-version-bump'].includes(f.ruleId))).toEqual([]);
  });
});

describe('editing only the version in compliance.yaml', () => {
  // The line of frameworks.ccm.version in the example's compliance.yaml, where the finding points.
  const ccmVersionLine = () => readFileSync(join(fx.dir, 'compliance.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('version: "4.1"')) + 1;
  const handEdit = () => {
    const file = join(fx.dir, 'compliance.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, patch(text, 'version: "4.0.13"', 'version: "4.1"'));
  };

  it('fails check with the migrate hint: the SSRM records 4.0.13 ids', async () => {
    await fx.git.checkout([baseCommit, '--', '.']);
    handEdit();
    const { status, stdout } = await cli(['check', '--today', TODAY, '--format', 'json']);
    expect(status).toBe(1);
    const mismatch = (JSON.parse(stdout) as Findings).findings.filter((f) => f.ruleId === 'config/version-mismatch');
    expect(mismatch).toEqual([
      expect.objectContaining({
        file: 'compliance.yaml',
        line: ccmVersionLine(),
        message: expect.stringMatching(/^frameworks\.ccm\.version is "4\.1" but controls\/responsibility\/ccm\.yaml holds CCM 4\.0\.13 ids \(version: "4\.0\.13"\): read as CCM 4\.1 ids, \d+ of the ids the program names mean other controls/),
        hint: expect.stringMatching(/^Run `trustops migrate --ccm 4\.1`/),
      }),
    ]);
  });

  it('fails check --base when the SSRM records no version: the history shows the ids were not migrated', async () => {
    await fx.git.checkout([baseCommit, '--', '.']);
    const ssrm = join(fx.dir, SSRM);
    writeFileSync(ssrm, patch(readFileSync(ssrm, 'utf8'), 'version: "4.0.13"\n', ''));
    const unversioned = await fx.commit('an SSRM without version:');
    handEdit();
    const { status, stdout } = await cli(['check', '--today', TODAY, '--base', unversioned, '--format', 'json']);
    expect(status).toBe(1);
    const findings = (JSON.parse(stdout) as Findings).findings;
    expect(findings.filter((f) => f.ruleId === 'config/version-unmigrated')).toEqual([
      expect.objectContaining({ file: 'compliance.yaml', line: ccmVersionLine(), hint: expect.stringMatching(/trustops migrate --ccm 4\.1 --from 4\.0\.13/) }),
    ]);
    // Without --base the keys still give it away (IVS-01... are 4.0.13 ids only).
    expect(findings.filter((f) => f.ruleId === 'config/version-mismatch')).toEqual([
      expect.objectContaining({ file: SSRM, hint: expect.stringMatching(/^If compliance\.yaml's version was changed by hand, run `trustops migrate --ccm 4\.1 --from 4\.0\.13`/) }),
    ]);
  });
});

/** A line with its CCM ids moved as the crosswalk says; a removed id leaves its list with its comma. */
function moveIds(line: string, rows: ReadonlyMap<string, readonly string[]>): string {
  const hash = /(^|\s)#/.exec(line);
  const code = hash ? line.slice(0, hash.index) : line;
  const comment = hash ? line.slice(hash.index) : '';
  const moved = code
    .replace(/\b(?:A&A|I&S|[A-Z]{3})-\d\d\b/g, (id) => {
      const to = rows.get(id);
      return to === undefined ? id : to.length === 0 ? '\u0000' : to.join(', ');
    })
    .replace(/, \u0000|\u0000, |\u0000/g, '');
  return moved + comment;
}

/** The lines only in `a` and only in `b`, by longest common subsequence. */
function lineDiff(a: readonly string[], b: readonly string[]): { removed: string[]; inserted: string[] } {
  const n = a.length;
  const m = b.length;
  const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const removed: string[] = [];
  const inserted: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) removed.push(a[i++]!);
    else inserted.push(b[j++]!);
  }
  removed.push(...a.slice(i));
  inserted.push(...b.slice(j));
  return { removed, inserted };
}

