import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, type CliIo } from './main.js';

// What a new user runs first, on real folders and a real git repository: init, check, score, catalog,
// explain of a domain, evidence add; and the ESLint habits of check.
const git = promisify(execFile);
const TODAY = '2026-12-01';
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

async function emptyGitRepo(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'trustops-start-'));
  dirs.push(dir);
  await git('git', ['init', '-q'], { cwd: dir });
  await git('git', ['config', 'user.name', 'Jane Doe'], { cwd: dir });
  return dir;
}

async function run(argv: string[], cwd: string, extra: Partial<CliIo> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: { TRUSTOPS_TODAY: TODAY }, isTty: false, ...extra });
  return { status, stdout, stderr };
}

const json = <T>(text: string) => JSON.parse(text) as T;
interface CheckJson {
  findings: { ruleId: string; severity: string; file: string }[];
  summary: { passed: boolean; errors: number; warnings: number; quiet?: boolean; maxWarnings?: number };
}

describe('trustops init', () => {
  it('writes a program that checks with placeholder warnings only (exit 0) and scores near zero', async () => {
    const dir = await emptyGitRepo();
    const init = await run(['init', '--cloud', 'gcp', '--ccm', '4.1', '--type1', '--yes'], dir);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('wrote  controls/responsibility/ccm.yaml (207 CCM controls:');
    expect(init.stdout).toContain('18 third-party-outsourced');
    for (const f of ['compliance.yaml', 'controls/vendors/google-cloud.yaml', 'policies/access-control.md', '.github/workflows/compliance-pr.yml', '.gitignore']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readdirSync(join(dir, 'policies'))).toHaveLength(9);

    const check = await run(['check', '--format', 'json'], dir);
    expect(check.status).toBe(0);
    const out = json<CheckJson>(check.stdout);
    expect(out.summary.errors).toBe(0);
    expect(out.findings.filter((f) => f.ruleId === 'content/placeholder').length).toBeGreaterThan(300);
    expect(out.findings).toContainEqual(expect.objectContaining({ ruleId: 'content/placeholder', file: 'compliance.yaml' }));

    const score = await run(['score', '--format', 'json'], dir);
    const readiness = json<{ frameworks: Record<string, { readiness: number }> }>(score.stdout).frameworks;
    expect(Object.keys(readiness).sort()).toEqual(['ccm', 'tsc']);
    for (const fw of Object.values(readiness)) expect(fw.readiness).toBeLessThan(0.1);
  });

  it('never overwrites a file: a second run keeps everything and says so; .gitignore only gains what it lacks', async () => {
    const dir = await emptyGitRepo();
    writeFileSync(join(dir, '.gitignore'), 'dist\n');
    mkdirSync(join(dir, 'policies'));
    writeFileSync(join(dir, 'policies/access-control.md'), 'my own policy\n');
    const first = await run(['init', '--yes', '--org', 'Acme Ltd'], dir);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('kept   policies/access-control.md (it exists; not overwritten)');
    expect(readFileSync(join(dir, 'policies/access-control.md'), 'utf8')).toBe('my own policy\n');
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^dist\n# trustops.*\naudit-packet\/\naudit-packet-\*\.zip\n$/);
    expect((parse(readFileSync(join(dir, 'compliance.yaml'), 'utf8')) as { organization: string }).organization).toBe('Acme Ltd');
    const before = readFileSync(join(dir, 'compliance.yaml'), 'utf8');
    const second = await run(['init', '--yes', '--org', 'Other'], dir);
    expect(second.status).toBe(0);
    expect(second.stdout).not.toContain('wrote ');
    expect(second.stdout).toContain('kept   compliance.yaml');
    expect(readFileSync(join(dir, 'compliance.yaml'), 'utf8')).toBe(before);
  });

  it('asks at a terminal for what the options leave out, and refuses to guess without one (exit 2)', async () => {
    const dir = await emptyGitRepo();
    const refused = await run(['init'], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe('trustops: trustops init asks its questions on a terminal: run it in one, or pass --yes to take the defaults for what the options leave out\n');
    expect(existsSync(join(dir, 'compliance.yaml'))).toBe(false);

    const answers = ['Acme Ltd', 'Acme Analytics', 'paas', 'aws', '4.0.13', 'security,availability', 'type2', '2026-07-01..2027-06-30', 'y'];
    const asked: string[] = [];
    const prompt = async (q: string) => {
      asked.push(q);
      return answers.shift() ?? '';
    };
    const r = await run(['init'], dir, { prompt });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(asked).toHaveLength(9);
    const config = parse(readFileSync(join(dir, 'compliance.yaml'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({
      organization: 'Acme Ltd',
      system: { name: 'Acme Analytics', service_model: 'paas' },
      frameworks: { ccm: { version: '4.0.13' }, tsc: { categories: ['security', 'availability'], report: 'type2', period: { start: '2026-07-01', end: '2027-06-30' } }, iso27001: { version: '2022' } },
    });
    expect(existsSync(join(dir, 'controls/vendors/aws.yaml'))).toBe(true);
    expect((await run(['check'], dir)).status).toBe(0);
  });

  it('refuses contradictory or incomplete options with one line', async () => {
    const dir = await emptyGitRepo();
    expect((await run(['init', '--yes', '--type1', '--type2'], dir)).stderr).toBe('trustops: use --type1 or --type2, not both\n');
    expect((await run(['init', '--yes', '--type2'], dir)).stderr).toBe('trustops: --type2 needs the observation period: --period START..END\n');
    expect((await run(['init', '--yes', '--tsc', 'securty'], dir)).stderr).toMatch(/^trustops: --tsc must be one of security, availability/);
    expect((await run(['init', '--yes', '--cloud', 'ibm'], dir)).status).toBe(2);
    expect(existsSync(join(dir, 'compliance.yaml'))).toBe(false);
  });

  it('in a subfolder of a git repository, writes the workflows at its root, running there', async () => {
    const root = await emptyGitRepo();
    mkdirSync(join(root, 'compliance'));
    writeFileSync(join(root, 'compliance/pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
    const r = await run(['init', '--yes', '--repo', 'compliance'], root);
    expect(r.status).toBe(0);
    const wf = readFileSync(join(root, '.github/workflows/compliance-pr.yml'), 'utf8');
    expect(wf).toContain('working-directory: compliance');
    expect(wf).toContain('pnpm install --frozen-lockfile --ignore-scripts');
    expect(existsSync(join(root, 'compliance/compliance.yaml'))).toBe(true);
  });
});

describe('check finds its repository and writes reports as ESLint does', () => {
  it('from a subfolder, finds compliance.yaml in a parent; --output (-o) creates missing folders; -f picks the format', async () => {
    const dir = await emptyGitRepo();
    await run(['init', '--yes'], dir);
    const sub = join(dir, 'policies');
    const r = await run(['check', '-f', 'json', '-o', 'reports/deep/check.json'], sub);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^trustops check: passed: 0 errors, \d+ warnings/);
    const out = json<CheckJson>(readFileSync(join(sub, 'reports/deep/check.json'), 'utf8'));
    expect(out.findings.some((f) => f.file === 'compliance.yaml')).toBe(true);
  });

  it('--quiet reports errors only; --max-warnings N fails past N warnings', async () => {
    const dir = await emptyGitRepo();
    await run(['init', '--yes'], dir);
    const quiet = await run(['check', '--quiet'], dir);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).not.toContain('warning  ');
    expect(quiet.stdout).toMatch(/^✔ passed \(fail_on: error\): 0 errors, \d+ warnings, 0 info in \d+ files \(.*; --quiet: \d+ warnings and 0 info not shown\)\n$/);
    const capped = await run(['check', '--max-warnings', '10', '--quiet', '--format', 'json'], dir);
    expect(capped.status).toBe(1);
    expect(json<CheckJson>(capped.stdout)).toMatchObject({ findings: [], summary: { passed: false, quiet: true, maxWarnings: 10 } });
    const text = await run(['check', '--max-warnings', '10', '--quiet'], dir);
    expect(text.stdout).toMatch(/^✖ failed \(more than 10 warnings: --max-warnings 10\)/);
    expect((await run(['check', '--max-warnings', '100000'], dir)).status).toBe(0);
    expect((await run(['check', '--max-warnings', 'ten'], dir)).stderr).toBe('trustops: --max-warnings must be a whole number, got "ten"\n');
  });

  it('the report folder cannot be made: exit 3, one line', async () => {
    const dir = await emptyGitRepo();
    await run(['init', '--yes'], dir);
    writeFileSync(join(dir, 'a-file'), '');
    const r = await run(['check', '--output', 'a-file/out.json'], dir);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^trustops: cannot write a-file\/out.json: E[A-Z]+: [^\n]*\n$/);
  });
});

describe('trustops catalog and explain of a group', () => {
  it('names IAM-13 for "strong authentication" in CCM 4.1 (the configured version), IAM-14 in 4.0.13', async () => {
    const dir = await emptyGitRepo();
    await run(['init', '--yes', '--ccm', '4.1'], dir);
    const r = await run(['catalog', '--search', 'strong authentication'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^CSA Cloud Controls Matrix 4\.1\.0: 1 of 207 controls matching "strong authentication"$/m);
    expect(r.stdout).toMatch(/^ {2}IAM-13 {2}Strong Authentication {2}\[CCM-Lite\]$/m);
    expect(r.stdout).toContain('© Cloud Security Alliance');
    const old = json<{ entries: { id: string; ownership: unknown; mappings: { tsc?: string[] } }[] }>((await run(['catalog', '--search', 'strong authentication', '--version', '4.0.13', '-f', 'json'], dir)).stdout);
    expect(old.entries.map((e) => e.id)).toEqual(['IAM-14']);
    expect(old.entries[0]!.ownership).toEqual({ iaas: 'Shared', paas: 'Shared', saas: 'Shared' });
    expect(old.entries[0]!.mappings.tsc).toEqual(['CC6.1', 'CC6.2']);
  });

  it('lists a TSC series or an ISO theme with the CCM controls CSA maps to each; nothing found is exit 1', async () => {
    const dir = await emptyGitRepo();
    const tsc = await run(['catalog', 'tsc', '--domain', 'CC6'], dir);
    expect(tsc.stdout).toMatch(/8 of 61 criteria in CC6/);
    expect(tsc.stdout).toMatch(/CC6\.2 {2}User registration.*\n\s+CCM 4\.1\.0 .*IAM-13/);
    expect((await run(['catalog', 'iso27001', '--domain', '7'], dir)).stdout).toMatch(/14 of 93 Annex A controls in 7/);
    const none = await run(['catalog', '--search', 'no such words'], dir);
    expect(none.status).toBe(1);
    expect((await run(['catalog', '--domain', 'XYZ'], dir)).status).toBe(2);
    expect((await run(['catalog', 'nist'], dir)).stderr).toBe('trustops: the catalog is ccm, tsc or iso27001, got "nist"\n');
    expect((await run(['catalog', '--version', '3.0'], dir)).status).toBe(2);
  });

  it('explain takes a domain or series id and lists its requirements with their status', async () => {
    const dir = await emptyGitRepo();
    await run(['init', '--yes', '--cloud', 'aws'], dir);
    const iam = await run(['explain', 'IAM'], dir);
    expect(iam.status).toBe(0);
    expect(iam.stdout).toMatch(/^CCM IAM Identity & Access Management: 0\.0% ready \(0 met, 0 inherited, 0 partial, 15 gap, 0 excluded\)$/m);
    expect(iam.stdout).toMatch(/^ {2}IAM-13 {2}gap {8}Strong Authentication$/m);
    const dcs = await run(['explain', 'dcs'], dir);
    // Outsourced to AWS, whose attestation is still init's placeholder: no credit yet, not even half.
    expect(dcs.stdout).toMatch(/^CCM DCS Datacenter Security: 0\.0% ready \(0 met, 0 inherited, 0 partial, 18 gap, 0 excluded\)$/m);
    expect(dcs.stdout).toMatch(/^ {2}DCS-08 {2}gap {8}Controlled Physical Access Points$/m);
    expect((await run(['explain', 'CC6'], dir)).stdout).toMatch(/^TSC CC6 Logical and Physical Access Controls: /m);
  });
});

describe('trustops evidence add', () => {
  async function programWithExport(): Promise<string> {
    const dir = await emptyGitRepo();
    await run(['init', '--yes', '--cloud', 'gcp', '--ccm', '4.1', '--type1'], dir);
    writeFileSync(join(dir, 'export.json'), '{"mfa":"required"}\n');
    return dir;
  }
  const add = (dir: string, ...extra: string[]) => run(['evidence', 'add', 'export.json', '--control', 'IAM-MFA', '--item', 'mfa-policy-export', ...extra], dir);
  const evidenceFiles = (dir: string) => (existsSync(join(dir, 'evidence')) ? readdirSync(join(dir, 'evidence'), { recursive: true }).map(String).sort() : []);

  it('copies the file, writes a record whose digest check verifies, and prints it', async () => {
    const dir = await programWithExport();
    const r = await add(dir, '--window', '2026-Q1', '--note', 'Sign-on policy export');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^trustops evidence add: wrote evidence\/IAM-MFA\/2026-Q1-mfa-policy-export\.yaml\n {2}copied export\.json -> evidence\/IAM-MFA\/2026-Q1-export\.json\n/);
    const record = parse(readFileSync(join(dir, 'evidence/IAM-MFA/2026-Q1-mfa-policy-export.yaml'), 'utf8')) as Record<string, unknown>;
    expect(record).toEqual({
      control: 'IAM-MFA',
      evidence: 'mfa-policy-export',
      collected_on: TODAY,
      covers: { start: '2026-01-01', end: '2026-03-31' },
      collected_by: 'Jane Doe',
      note: 'Sign-on policy export',
      files: [{ path: '2026-Q1-export.json', sha256: '09693b210386a56a43ef5dbb65914ca51a40babc3e6e73229a62b0f352092e3e' }],
    });
    expect(r.stdout).toContain('sha256: 09693b21');
    const check = json<CheckJson>((await run(['check', '-f', 'json'], dir)).stdout);
    expect(check.summary.errors).toBe(0);
    expect(check.findings.filter((f) => f.file.startsWith('evidence/'))).toEqual([]);
    // The digest is what check verifies: change a byte and it says so.
    writeFileSync(join(dir, 'evidence/IAM-MFA/2026-Q1-export.json'), '{"mfa":"optional"}\n');
    const tampered = await run(['check', '-f', 'json'], dir);
    expect(tampered.status).toBe(1);
    expect(json<CheckJson>(tampered.stdout).findings.map((f) => f.ruleId)).toContain('evidence/hash-mismatch');
  });

  it('masks a credential in the export before storing it: the stored file and its digest hold none, check passes', async () => {
    const dir = await programWithExport();
    const key = ['AKIA', 'Z7QX4N2PLM5RTQWB'].join('');
    writeFileSync(join(dir, 'export.json'), `{"mfa":"required","leaked":"${key}"}\n`);
    const r = await add(dir, '--window', '2026-Q1');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Masked 1 credential\(s\) before storing \(the original keeps them\): export\.json:1:\d+ aws-access-token/);
    const stored = readFileSync(join(dir, 'evidence/IAM-MFA/2026-Q1-export.json'), 'utf8');
    expect(stored).not.toContain(key);
    expect(stored).toContain('[REDACTED aws-access-token]');
    const check = json<CheckJson>((await run(['check', '-f', 'json'], dir)).stdout);
    expect(check.findings.filter((f) => f.ruleId === 'evidence/secret' || f.ruleId === 'evidence/hash-mismatch')).toEqual([]);
  });

  it('--covers names the record by its dates; --dry-run writes nothing', async () => {
    const dir = await programWithExport();
    const dry = await add(dir, '--covers', '2026-10-01..2026-11-30', '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/^trustops evidence add: would write \(--dry-run\) evidence\/IAM-MFA\/2026-10-01_2026-11-30-mfa-policy-export\.yaml/);
    expect(evidenceFiles(dir)).toEqual([]);
  });

  it.each([
    ['a file outside the repository', ['/etc/hostname'], /^trustops: \/etc\/hostname is outside the repository /],
    ['an unknown control', ['export.json', '--control', 'IAM-MFX'], /^trustops: there is no control IAM-MFX under controls\/; did you mean IAM-MFA\?\n$/],
    ['an unknown evidence item', ['export.json', '--item', 'mfa'], /^trustops: control IAM-MFA has no evidence item mfa; its items: mfa-policy-export\n$/],
    ['a window ending after collection', ['export.json', '--window', '2026-Q4'], /^trustops: the window ends on 2026-12-31, after the collection date 2026-12-01/],
    ['a collection date in the future', ['export.json', '--window', '2026-Q1', '--collected-on', '2027-01-01'], /is in the future/],
    ['no window', ['export.json'], /^trustops: give the period the evidence shows/],
    ['a window that is not one', ['export.json', '--window', '2026-Q5'], /^trustops: --window must be a year, half, quarter or month/],
  ])('refuses %s: exit 2, one line, nothing written', async (_name, args, message) => {
    const dir = await programWithExport();
    const argv = ['evidence', 'add', ...args];
    if (!args.includes('--control')) argv.push('--control', 'IAM-MFA');
    if (!args.includes('--item')) argv.push('--item', 'mfa-policy-export');
    if (!args.some((a) => a === '--window' || a === '--covers') && !_name.startsWith('no window')) argv.push('--window', '2026-Q1');
    const r = await run(argv, dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(evidenceFiles(dir)).toEqual([]);
  });

  it('refuses an existing record name, and an existing file name, overwriting nothing', async () => {
    const dir = await programWithExport();
    expect((await add(dir, '--window', '2026-Q1')).status).toBe(0);
    const before = evidenceFiles(dir);
    const again = await add(dir, '--window', '2026-Q1');
    expect(again.status).toBe(2);
    expect(again.stderr).toBe('trustops: evidence/IAM-MFA/2026-Q1-mfa-policy-export.yaml exists: evidence is append-only; name this window differently (--window, --covers)\n');
    writeFileSync(join(dir, 'evidence/IAM-MFA/2026-Q2-export.json'), 'other\n');
    const clash = await add(dir, '--window', '2026-Q2');
    expect(clash.stderr).toBe('trustops: evidence/IAM-MFA/2026-Q2-export.json exists; it is never overwritten\n');
    expect(evidenceFiles(dir)).toEqual([...before, 'IAM-MFA/2026-Q2-export.json'].sort());
    expect(readFileSync(join(dir, 'evidence/IAM-MFA/2026-Q2-export.json'), 'utf8')).toBe('other\n');
  });
});
