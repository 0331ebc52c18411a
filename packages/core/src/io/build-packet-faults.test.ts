import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BASE_FILES, sha256Of } from '../testing/base-repo.js';
import { createGitFixture, type GitFixture } from '../testing/git-fixture.js';
import { fullSsrmFile } from '../testing/temp-repo.js';
import { patch } from '../testing/patch.js';
import { buildPacket } from './build-packet.js';

/**
 * Each way writing the packet can fail is an operational error that names the path and what to do
 * (WRITE_FAILED, exit 3) or a refused option (INVALID_OPTION, exit 2): never "a bug", never a lost packet.
 * The faults are real: /dev/full answers ENOSPC, a file stands where a folder must go, a folder may not be
 * written to (immutable for root, mode 0555 for anyone else), /proc refuses new folders.
 */
const PROGRAM: Record<string, string> = { ...BASE_FILES, 'controls/responsibility/ccm.yaml': fullSsrmFile() };
const opts = { toolVersion: '0.1.0' };

let fx: GitFixture;
let scratch: string;
beforeAll(async () => {
  fx = await createGitFixture(PROGRAM);
  await fx.commit('program ready');
  scratch = mkdtempSync(join(tmpdir(), 'trustops-packet-faults-'));
});
afterAll(() => {
  fx.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

const undo: (() => void)[] = [];
afterEach(() => {
  while (undo.length) undo.pop()!();
});

/** A folder nobody may write to: immutable when running as root (root ignores modes), mode 0555 otherwise. */
function readOnlyFolder(): string {
  const dir = mkdtempSync(join(scratch, 'read-only-'));
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', dir]);
    undo.push(() => execFileSync('chattr', ['-i', dir]));
  } else {
    chmodSync(dir, 0o555);
    undo.push(() => chmodSync(dir, 0o755));
  }
  return dir;
}

describe('packet --out refused where the packet would become part of the program (exit 2)', () => {
  it.each(['controls/pkt', 'policies/pkt', 'evidence', 'risks/out'])('--out %s', async (folder) => {
    await expect(buildPacket(fx.dir, { ...opts, out: join(fx.dir, folder) })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringMatching(/is inside (controls|policies|evidence|risks)\/ of the repository/),
    });
    expect(existsSync(join(fx.dir, folder, 'audit-packet'))).toBe(false);
  });

  it('an --out whose audit-packet/ is the repository itself', async () => {
    const parent = mkdtempSync(join(scratch, 'parent-'));
    symlinkSync(fx.dir, join(parent, 'audit-packet'));
    await expect(buildPacket(fx.dir, { ...opts, out: parent })).rejects.toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining('would replace it') });
    expect(readFileSync(join(fx.dir, 'compliance.yaml'), 'utf8')).toBe(PROGRAM['compliance.yaml']);
  });
});

describe('file-system faults while writing the packet (exit 3, with the path)', () => {
  it('a full disk (ENOSPC) while the zip is written keeps the previous packet', async () => {
    const out = mkdtempSync(join(scratch, 'full-'));
    const first = await buildPacket(fx.dir, { ...opts, out, zip: true });
    const before = readFileSync(join(first.folder, 'manifest.json'), 'utf8');
    // The zip's temporary file is on a "device" that is always full.
    symlinkSync('/dev/full', join(out, `.audit-packet-${first.meta.version}.zip.tmp-${process.pid}`));
    await expect(buildPacket(fx.dir, { ...opts, out, zip: true, toolVersion: '0.2.0' })).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      message: expect.stringMatching(new RegExp(`^cannot write ${out}.*: no space left on the device: free some space or choose another place \\(ENOSPC\\)$`)),
    });
    expect(readFileSync(join(first.folder, 'manifest.json'), 'utf8')).toBe(before);
    expect(readdirSync(out).filter((n) => n.startsWith('.audit-packet.tmp'))).toEqual([]);
  });

  it('an --out that is a regular file (EEXIST)', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a folder\n');
    await expect(buildPacket(fx.dir, { ...opts, out: file })).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      message: `cannot write ${file}: a file is in the way where a folder should be: remove it or choose another place (EEXIST)`,
    });
    expect(readFileSync(file, 'utf8')).toBe('not a folder\n');
  });

  it('an --out below a regular file (ENOTDIR)', async () => {
    await expect(buildPacket(fx.dir, { ...opts, out: '/dev/full/packet' })).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      message: expect.stringMatching(/^cannot write \/dev\/full\/packet: a part of the path is a file, not a folder: choose another place \(ENOTDIR\)$/),
    });
  });

  it('a read-only --out (EPERM or EACCES)', async () => {
    const out = readOnlyFolder();
    await expect(buildPacket(fx.dir, { ...opts, out })).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      message: expect.stringMatching(new RegExp(`^cannot write ${out}/\\.audit-packet\\.tmp-\\d+: .*(not permitted|permission denied).*\\((EPERM|EACCES)\\)$`)),
    });
  });

  it('an --out on a file system that refuses new folders (/proc)', async () => {
    await expect(buildPacket(fx.dir, { ...opts, out: '/proc/trustops-packet' })).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      message: expect.stringContaining('cannot create --out /proc/trustops-packet: its file system does not allow a new folder there'),
    });
  });

  it('removes what a killed build left behind, and nothing a running build owns', async () => {
    const out = mkdtempSync(join(scratch, 'stale-'));
    // A pid that is not running (above the kernel's pid_max), and pid 1, which always is.
    const dead = 4_194_305;
    mkdirSync(join(out, `.audit-packet.tmp-${dead}`, 'caiq'), { recursive: true });
    writeFileSync(join(out, `.audit-packet.tmp-${dead}`, 'caiq', 'caiq.csv'), 'x'.repeat(1_000_000));
    writeFileSync(join(out, `.audit-packet-2026-11-01-abcdef0.zip.tmp-${dead}`), 'partial zip');
    mkdirSync(join(out, `.audit-packet.old-${dead}`));
    mkdirSync(join(out, '.audit-packet.tmp-1'));
    await buildPacket(fx.dir, { ...opts, out });
    expect(readdirSync(out).sort()).toEqual(['.audit-packet.tmp-1', 'audit-packet']);
  });
});

describe('what the packet publishes', () => {
  let other: GitFixture;
  const AWS_KEY = ['AKIA', 'Z7QKXW3ND5RPLM4Y'].join('');
  const leaky = `{"exportedBy": "ci", "awsKey": "${AWS_KEY}"}\n`;
  const RECORD = 'evidence/IAM-MFA/2026-Q1.yaml';
  const FILE = 'evidence/IAM-MFA/2026-Q1-okta-policy.json';
  beforeAll(async () => {
    // A record whose name holds a line feed, and an evidence file holding a credential.
    const strange = 'evidence/IAM-MFA/2026-Q2\nforged.yaml';
    other = await createGitFixture({
      ...PROGRAM,
      [FILE]: leaky,
      [RECORD]: patch(PROGRAM[RECORD]!, /sha256: .*/, `sha256: ${sha256Of(leaky)}`),
      [strange]: PROGRAM['evidence/IAM-MFA/2026-Q2.yaml']!,
    });
    await other.commit('leaky evidence');
  });
  afterAll(() => other.cleanup());

  it('refuses to build with a credential in the evidence, and with --allow-findings keeps that file out', async () => {
    await expect(buildPacket(other.dir, { ...opts, out: join(scratch, 'leak-1') })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining(`evidence/secret at ${FILE}:1`),
    });
    const result = await buildPacket(other.dir, { ...opts, out: join(scratch, 'leak-2'), zip: true, allowFindings: true });
    expect(existsSync(join(result.folder, FILE))).toBe(false);
    // Entries sit in the zip's one top-level folder.
    const entries = Object.keys(unzipSync(readFileSync(result.zip!)));
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.filter((name) => name.split('/').slice(1).join('/') === FILE)).toEqual([]);
    const everything = [...Object.values(unzipSync(readFileSync(result.zip!)))].map((b) => Buffer.from(b).toString('latin1')).join('\n');
    expect(everything).not.toContain(AWS_KEY);
    expect(readFileSync(join(result.folder, 'evidence/index.csv'), 'utf8')).toContain('withheld: it holds a credential (evidence/secret)');
    expect(result.warnings).toContain(`${FILE} is not in the packet: it holds a credential (evidence/secret)`);
  });

  it('keeps SHA256SUMS verifiable with sha256sum -c when a file name holds a line feed', async () => {
    const result = await buildPacket(other.dir, { ...opts, out: join(scratch, 'names'), allowFindings: true });
    const sums = readFileSync(join(result.folder, 'SHA256SUMS'), 'utf8');
    expect(sums).toMatch(/^\\[0-9a-f]{64} {2}evidence\/IAM-MFA\/2026-Q2\\nforged\.yaml$/m);
    execFileSync('sha256sum', ['--check', '--strict', '--quiet', 'SHA256SUMS'], { cwd: result.folder });
  });
});

describe('the previous release in a shallow clone', () => {
  it('says there may be one upstream and how to fetch it, in changelog.md and on the first page', async () => {
    const repo = await createGitFixture(PROGRAM);
    const clone = mkdtempSync(join(scratch, 'shallow-'));
    try {
      await repo.git.addTag('compliance-2026-10-01-aaaaaaa');
      await repo.commit('after the release', { 'controls/iam/IAM-MFA.yaml': patch(PROGRAM['controls/iam/IAM-MFA.yaml']!, 'maturity: 4', 'maturity: 3') });
      execFileSync('git', ['clone', '--quiet', '--depth=1', `file://${repo.dir}`, clone]);
      const result = await buildPacket(clone, { ...opts, out: join(clone, 'out') });
      const changelog = readFileSync(join(result.folder, 'changelog.md'), 'utf8');
      expect(changelog).toMatch(/shallow clone/);
      expect(changelog).toContain('fetch-depth: 0');
      expect(changelog).toContain('git fetch --tags --unshallow origin');
      expect(readFileSync(join(result.folder, 'index.html'), 'utf8')).toMatch(/shallow clone: the release tag may exist upstream/);
      expect(result.warnings.join('\n')).toMatch(/shallow clone/);
    } finally {
      repo.cleanup();
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
