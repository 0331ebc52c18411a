import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRepo } from '../io/read-repo.js';
import { readRevisionPair } from '../io/git/read-revisions.js';
import { createGitFixture, type GitFixture } from '../testing/git-fixture.js';
import { computeChangelog } from './changelog.js';
import { checkWithHistory } from './check-with-history.js';
import { checkRepo } from './check.js';
import { BASE_FILES, BASE_TODAY } from '../testing/base-repo.js';
import { createInMemoryRepo, mergeFiles, type FileOverrides } from '../testing/in-memory-repo.js';
import { writeTempRepo } from '../testing/temp-repo.js';
import { patch } from '../testing/patch.js';
import { AWS_KEY, BAD_INPUT_TABLE as table, CLEAN, CONTROL, GITHUB_TOKEN, EVIDENCE, HOSTILE_INPUT_TABLE as hostile, LIMITS_8MB, POLICY, RECORD, VALID_VARIANTS } from '../testing/bad-input-table.js';

/**
 * Broken input never throws, never hangs and never yields a stack trace: each row names the rule, file and
 * line it must produce. The base is a complete, clean program (every CCM control assigned).
 */
const control = BASE_FILES[CONTROL]!;
const policy = BASE_FILES[POLICY]!;
const record = BASE_FILES[RECORD]!;

async function check(files: FileOverrides) {
  const repo = createInMemoryRepo(mergeFiles(BASE_FILES, { ...CLEAN, ...files }));
  return (await checkRepo(repo, { today: BASE_TODAY })).findings;
}

describe('bad input gets a finding with rule and line, never an exception', () => {
  it('the clean base has no findings', async () => {
    expect(await check({})).toEqual([]);
  });

  it.each([...table, ...hostile])('$name -> $ruleId at $file:$line', async ({ files, ruleId, file, line, hint }) => {
    const findings = await check(files);
    const match = findings.find((f) => f.ruleId === ruleId && f.file === file && f.line === line);
    expect(match, JSON.stringify(findings, null, 2)).toBeDefined();
    if (hint) expect(match!.hint).toMatch(hint);
    for (const f of findings) {
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.column).toBeGreaterThanOrEqual(1);
      expect(f.message).not.toMatch(/\n\s+at /);
      expect(f.hint).not.toBe('');
      // No message echoes a value whole, and none prints a credential.
      expect(f.message.length).toBeLessThanOrEqual(600);
      for (const secret of [AWS_KEY, GITHUB_TOKEN, 'MIIEpAIBAAKCAQEA']) expect(`${f.message} ${f.hint}`).not.toContain(secret);
    }
  });

  it('quotes at most 80 characters of a value, with an ellipsis (a 5 MB one-line value)', async () => {
    const findings = await check({ 'compliance.yaml': LIMITS_8MB, [CONTROL]: patch(control, 'status: operating', `status: ${'o'.repeat(5_000_000)}`) });
    const finding = findings.find((f) => f.ruleId === 'schema/invalid' && f.line === 6)!;
    expect(finding.message).toMatch(/^status is the text "o{79}…"; expected one of/);
    expect(finding.message.length).toBeLessThan(200);
  });
});

describe('valid variants pass', () => {
  const variants = VALID_VARIANTS;
  it.each(variants)('%s', async (_name, files) => {
    expect(await check(files)).toEqual([]);
  });

  it('keeps line numbers right with CRLF', async () => {
    const findings = await check({ [CONTROL]: patch(patch(control, 'status: operating', 'status: operatin'), /\n/g, '\r\n') });
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['schema/invalid', 6, 9]]);
  });

  it('keeps line numbers right after a BOM', async () => {
    const findings = await check({ [CONTROL]: `\uFEFF${patch(control, 'status: operating', 'status: operatin')}` });
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['schema/invalid', 6, 9]]);
  });
});

/** On disk: links are real links (the in-memory repository has none). Same shape: rule, file, line. */
interface DiskCase {
  name: string;
  /** Changes the temporary repository at `dir` (outside: a folder beside it, outside the repository). */
  setup: (dir: string, outside: string) => void;
  ruleId: string;
  file: string;
  line: number;
  message?: RegExp;
}

const onDisk: DiskCase[] = [
  { name: 'control linked to a file outside the repository', setup: (dir, outside) => symlinkSync(join(outside, 'secret.yaml'), join(dir, 'controls/iam/OUT.yaml')), ruleId: 'file/symlink', file: 'controls/iam/OUT.yaml', line: 1, message: /leads outside the repository/ },
  {
    name: 'a loop of two links',
    setup: (dir) => {
      symlinkSync('LOOP-B.yaml', join(dir, 'controls/iam/LOOP-A.yaml'));
      symlinkSync('LOOP-A.yaml', join(dir, 'controls/iam/LOOP-B.yaml'));
    },
    ruleId: 'file/symlink',
    file: 'controls/iam/LOOP-A.yaml',
    line: 1,
    message: /loop/,
  },
  { name: 'a folder linked to its parent', setup: (dir) => symlinkSync('..', join(dir, 'controls/iam/up')), ruleId: 'file/symlink', file: 'controls/iam/up', line: 1, message: /loop/ },
  { name: 'a broken link', setup: (dir) => symlinkSync('GONE.yaml', join(dir, 'controls/iam/BROKEN.yaml')), ruleId: 'file/symlink', file: 'controls/iam/BROKEN.yaml', line: 1, message: /does not exist/ },
  { name: 'policy linked outside the repository', setup: (dir, outside) => symlinkSync(join(outside, 'policy.md'), join(dir, 'policies/linked.md')), ruleId: 'file/symlink', file: 'policies/linked.md', line: 1 },
  {
    name: 'risk register linked outside the repository',
    setup: (dir, outside) => {
      mkdirSync(join(dir, 'risks'));
      symlinkSync(join(outside, 'secret.yaml'), join(dir, 'risks/register.yaml'));
    },
    ruleId: 'file/symlink',
    file: 'risks/register.yaml',
    line: 1,
  },
  // Followed: inside the repository a link reads as the file it points at, so the copy is a duplicate.
  { name: 'a link to a real control (followed: a duplicate)', setup: (dir) => symlinkSync('IAM-MFA.yaml', join(dir, 'controls/iam/MFA-LINK.yaml')), ruleId: 'id/duplicate', file: 'controls/iam/MFA-LINK.yaml', line: 1 },
];

describe('bad input on disk (links) gets a finding with rule and line', () => {
  const made: (() => void)[] = [];
  afterEach(() => {
    while (made.length) made.pop()!();
  });
  function diskRepo(): { dir: string; outside: string } {
    const repo = writeTempRepo(Object.fromEntries(mergeFiles(BASE_FILES, CLEAN)) as Record<string, string>);
    const beside = writeTempRepo({ 'secret.yaml': 'id: IAM-OUTSIDE\n', 'policy.md': policy });
    made.push(repo.cleanup, beside.cleanup);
    return { dir: repo.dir, outside: beside.dir };
  }

  it.each(onDisk)('$name -> $ruleId at $file:$line', async ({ setup, ruleId, file, line, message }) => {
    const { dir, outside } = diskRepo();
    setup(dir, outside);
    const repo = await readRepo(dir, { cache: false });
    const { findings } = await checkRepo(repo, { today: BASE_TODAY });
    const match = findings.find((f) => f.ruleId === ruleId && f.file === file && f.line === line);
    expect(match, JSON.stringify(findings, null, 2)).toBeDefined();
    if (message) expect(match!.message).toMatch(message);
    // Nothing outside the repository was read.
    expect(repo.files.some((f) => f.text.includes('IAM-OUTSIDE'))).toBe(false);
  });

  it('never reads a packet written into the program folders by an older trustops', async () => {
    const { dir } = diskRepo();
    mkdirSync(join(dir, 'controls/audit-packet/policies'), { recursive: true });
    writeFileSync(join(dir, 'controls/audit-packet/IAM-MFA.yaml'), control);
    writeFileSync(join(dir, 'controls/audit-packet/policies/POL-ACCESS.md'), policy);
    mkdirSync(join(dir, 'policies/.audit-packet.tmp-4242'), { recursive: true });
    writeFileSync(join(dir, 'policies/.audit-packet.tmp-4242/copy.md'), policy);
    expect((await checkRepo(await readRepo(dir, { cache: false }), { today: BASE_TODAY })).findings).toEqual([]);
  });
});

/** Git faults: an operational error (exit 3) naming revision, path and object, never a wrong answer. */
describe('a damaged git repository stops the history commands with one line that names what is missing', () => {
  const fixtures: GitFixture[] = [];
  afterEach(() => {
    while (fixtures.length) fixtures.pop()!.cleanup();
  });
  const removeObject = (fx: GitFixture, oid: string) => rmSync(join(fx.dir, '.git/objects', oid.slice(0, 2), oid.slice(2)));
  async function repoWithHistory() {
    const fx = await createGitFixture(Object.fromEntries(mergeFiles(BASE_FILES, CLEAN)) as Record<string, string>);
    fixtures.push(fx);
    const base = await fx.commit('release');
    return { fx, base };
  }

  it('a renamed control whose BASE blob is missing: READ_FAILED, not "added"', async () => {
    const { fx, base } = await repoWithHistory();
    await fx.commit('move', { [CONTROL]: null, 'controls/identity/IAM-MFA.yaml': control });
    const oid = (await fx.git.revparse([`${base}:${CONTROL}`])).trim();
    // The same blob is still HEAD's (an exact rename), so remove it and keep HEAD readable from disk only.
    removeObject(fx, oid);
    const failure = readRevisionPair(fx.dir, { base }).then((pair) => computeChangelog(pair, { today: BASE_TODAY }));
    await expect(failure).rejects.toMatchObject({ code: 'READ_FAILED', message: expect.stringMatching(new RegExp(`${CONTROL}.*${base}.*${oid}`)) });
  });

  it('check --base with a policy blob missing in BASE: READ_FAILED, not a passing gate', async () => {
    const { fx, base } = await repoWithHistory();
    await fx.commit('change the policy', { [POLICY]: patch(policy, 'reviewed quarterly', 'reviewed monthly') });
    const oid = (await fx.git.revparse([`${base}:${POLICY}`])).trim();
    removeObject(fx, oid);
    const failure = readRevisionPair(fx.dir, { base }).then((pair) => checkWithHistory(pair, { today: BASE_TODAY }));
    await expect(failure).rejects.toMatchObject({ code: 'READ_FAILED', message: expect.stringMatching(new RegExp(`${POLICY} at ${base}: object ${oid} is missing`)) });
  });

  it('a missing evidence object at HEAD: READ_FAILED naming the file, not a type error', async () => {
    const { fx, base } = await repoWithHistory();
    await fx.commit('touch the control', { [CONTROL]: patch(control, 'maturity: 4', 'maturity: 3') });
    const oid = (await fx.git.revparse([`HEAD:${EVIDENCE}`])).trim();
    removeObject(fx, oid);
    const failure = readRevisionPair(fx.dir, { base, head: 'HEAD' }).then((pair) => computeChangelog(pair, { today: BASE_TODAY }));
    await expect(failure).rejects.toMatchObject({ code: 'READ_FAILED', message: expect.stringContaining(`${EVIDENCE} at `) });
    await expect(failure).rejects.toMatchObject({ message: expect.stringContaining(oid) });
  });

  it('links in a commit are read as on disk: followed inside the repository, reported when they lead out', async () => {
    const { fx, base } = await repoWithHistory();
    mkdirSync(join(fx.dir, 'shared'), { recursive: true });
    writeFileSync(join(fx.dir, 'shared/LOG-CENTRAL.yaml'), patch(patch(control, /IAM-MFA/g, 'LOG-CENTRAL'), 'IAM-14', 'LOG-03'));
    symlinkSync('../../shared/LOG-CENTRAL.yaml', join(fx.dir, 'controls/iam/LOG-CENTRAL.yaml'));
    symlinkSync('/etc/hostname', join(fx.dir, 'controls/iam/HOST.yaml'));
    await fx.commit('links');
    const { changelog, head } = await computeChangelog(await readRevisionPair(fx.dir, { base, head: 'HEAD' }), { today: BASE_TODAY });
    expect(changelog.controls.map((c) => [c.id, c.kind])).toEqual([['LOG-CENTRAL', 'added']]);
    expect(head.model.links).toEqual([{ path: 'controls/iam/HOST.yaml', problem: 'outside', target: '/etc/hostname' }]);
  });

  it('an unreadable tree in BASE: READ_FAILED naming the revision', async () => {
    const { fx, base } = await repoWithHistory();
    await fx.commit('next', { [CONTROL]: patch(control, 'maturity: 4', 'maturity: 3') });
    const tree = (await fx.git.revparse([`${base}^{tree}`])).trim();
    removeObject(fx, tree);
    await expect(readRevisionPair(fx.dir, { base })).rejects.toMatchObject({ code: 'READ_FAILED', message: expect.stringContaining(base) });
  });
});
