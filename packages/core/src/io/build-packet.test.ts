import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { getCaiq } from '@trustops/frameworks';
import { unzipSync } from 'fflate';
import { parse as parseCsv } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_FILES } from '../testing/base-repo.js';
import { createGitFixture, type GitFixture } from '../testing/git-fixture.js';
import { fullSsrmFile } from '../testing/temp-repo.js';
import { buildPacket } from './build-packet.js';
import { patch } from '../testing/patch.js';

const EVIL_POLICY = `---
id: POL-EVIL
title: Policy with hostile markup
owner: CISO
version: 1.0.0
effective: 2026-01-01
last_reviewed: 2026-06-01
---
# Policy with hostile markup
## Purpose

<script>window.__pwned = 1</script>

<img src="x" onerror="window.__pwned = 2">

[click me](javascript:alert(1))

## Scope
All.
## Policy
Text.
## Enforcement
Text.
`;

let fx: GitFixture;
beforeAll(async () => {
  fx = await createGitFixture({ ...BASE_FILES, 'controls/responsibility/ccm.yaml': fullSsrmFile(), 'policies/evil.md': EVIL_POLICY });
  await fx.commit('program ready');
});
afterAll(() => fx.cleanup());

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

describe('trustops packet', () => {
  it('writes the documented contents, and manifest digests match the files', async () => {
    const out = join(fx.dir, 'out-a');
    const result = await buildPacket(fx.dir, { out, zip: true, toolVersion: '0.1.0' });
    const files = listFiles(result.folder).sort();
    for (const expected of [
      'index.html',
      'caiq/caiq.csv',
      'caiq/caiq.xlsx',
      'matrix/controls.csv',
      'matrix/controls.xlsx',
      'matrix/ssrm.csv',
      'matrix/ssrm.xlsx',
      'readiness.json',
      'readiness.md',
      'changelog.md',
      'policies/POL-ACCESS.md',
      'policies/POL-ACCESS.html',
      'evidence/index.csv',
      'evidence/IAM-MFA/2026-Q1.yaml',
      'evidence/IAM-MFA/2026-Q1-okta-policy.json',
      'oscal/component-definition.json',
      'oscal/system-security-plan.json',
      'oscal/assessment-results.json',
      'soa/soa.csv',
      'soa/soa.xlsx',
      'system/cuecs.csv',
      'system/cuecs.xlsx',
      'system/csocs.csv',
      'system/csocs.xlsx',
      'vendors/register.csv',
      'vendors/register.xlsx',
      'pbc.md',
      'pbc.csv',
      'summary.pdf',
      'manifest.json',
      'SHA256SUMS',
    ]) {
      expect(files).toContain(expected);
    }
    const manifest = JSON.parse(readFileSync(join(result.folder, 'manifest.json'), 'utf8')) as { commit: string; createdAt: string; files: { path: string; size: number; sha256: string }[] };
    expect(manifest.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(manifest.createdAt).toBe('2026-11-01T12:00:00Z');
    expect(manifest.files.map((f) => f.path).sort()).toEqual(files.filter((f) => f !== 'manifest.json' && f !== 'SHA256SUMS'));
    for (const f of manifest.files) {
      const bytes = readFileSync(join(result.folder, f.path));
      expect(bytes.byteLength, f.path).toBe(f.size);
      expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
    }
    const sums = readFileSync(join(result.folder, 'SHA256SUMS'), 'utf8');
    expect(sums).toContain(`  manifest.json\n`);
    // sha256sum -c agrees.
    execFileSync('sha256sum', ['--check', '--quiet', 'SHA256SUMS'], { cwd: result.folder });
    // The zip holds the same files, all in one folder named like the zip; unzip makes that folder and
    // nothing beside it, and sha256sum -c verifies the unzipped copy.
    const zipped = unzipSync(readFileSync(result.zip!));
    const root = basename(result.zip!, '.zip');
    expect(root).toMatch(/^audit-packet-\d{4}-\d{2}-\d{2}-[0-9a-f]{7}$/);
    expect(Object.keys(zipped).sort()).toEqual(files.map((f) => `${root}/${f}`));
    const unpacked = join(fx.dir, 'unpacked');
    for (const [name, data] of Object.entries(zipped)) {
      mkdirSync(join(unpacked, dirname(name)), { recursive: true });
      writeFileSync(join(unpacked, name), data);
    }
    expect(readdirSync(unpacked)).toEqual([root]);
    execFileSync('sha256sum', ['--check', '--quiet', 'SHA256SUMS'], { cwd: join(unpacked, root) });
    // readiness.json: a section per control with design, operation, the windows due and missing, and the records.
    const readiness = JSON.parse(readFileSync(join(result.folder, 'readiness.json'), 'utf8')) as { controls: { id: string; designed: boolean; operating?: boolean; evidence: { recordFiles: string[]; windowsDue?: number; windowsMissing?: unknown[] }[] }[] };
    const mfa = readiness.controls.find((c) => c.id === 'IAM-MFA')!;
    expect(mfa).toMatchObject({ designed: true, operating: expect.any(Boolean) });
    expect(mfa.evidence[0]!.recordFiles).toContain('evidence/IAM-MFA/2026-Q1.yaml');
    expect(mfa.evidence[0]!.windowsDue).toBeGreaterThan(0);
    expect(mfa.evidence[0]!.windowsMissing).toEqual(expect.any(Array));
  });

  it('gives byte-identical zips for the same commit, in another time zone and on another day', async () => {
    const a = await buildPacket(fx.dir, { out: join(fx.dir, 'out-b1'), zip: true, toolVersion: '0.1.0' });
    const b = await buildPacket(fx.dir, { out: join(fx.dir, 'out-b2'), zip: true, toolVersion: '0.1.0' });
    const first = readFileSync(a.zip!);
    expect(readFileSync(b.zip!).equals(first)).toBe(true);
    // A separate process with another time zone and a clock moved by a year and a half.
    const script = new URL('../../test/fixtures/build-packet-elsewhere.ts', import.meta.url).pathname;
    const out = join(fx.dir, 'out-b3');
    execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', script, fx.dir, out], {
      env: { ...process.env, TZ: 'Pacific/Kiritimati', TRUSTOPS_FAKE_NOW: '2028-05-17T23:59:30Z' },
      stdio: 'inherit',
    });
    const zip = readdirSync(out).find((f) => f.endsWith('.zip'))!;
    expect(readFileSync(join(out, zip)).equals(first)).toBe(true);
  });

  it('renders hostile policy markup inert: no script, no event handler, no javascript: link', async () => {
    const result = await buildPacket(fx.dir, { out: join(fx.dir, 'out-c'), toolVersion: '0.1.0' });
    for (const page of ['index.html', 'policies/POL-EVIL.html']) {
      const html = readFileSync(join(result.folder, page), 'utf8');
      expect(html, page).not.toMatch(/<script/i);
      expect(html, page).not.toMatch(/onerror/i);
      expect(html, page).not.toMatch(/javascript:/i);
      expect(html, page).toContain('Policy with hostile markup');
    }
  });

  it('answers every CAIQ question of the configured version, in order', async () => {
    const result = await buildPacket(fx.dir, { out: join(fx.dir, 'out-d'), toolVersion: '0.1.0' });
    const csv = readFileSync(join(result.folder, 'caiq/caiq.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Question ID,Question,CSP CAIQ Answer,SSRM Control Ownership,CSP Implementation Description (Optional/Recommended),CSC Responsibilities (Optional/Recommended),CCM Control ID,CCM Control Specification,CCM Control Title,CCM Domain Title,trustops Answering Controls,trustops Status (Type I: designed),trustops Status (Type II: operating)',
    );
    const ids = lines.slice(1).map((l) => l.split(',')[0]);
    expect(ids).toEqual(getCaiq('4.0.13').questions.map((q) => q.id));
    expect(ids).toHaveLength(261);
    // IAM-14 is met through IAM-MFA; DCS-07 is excluded.
    expect(lines.find((l) => l.startsWith('IAM-14.1,'))).toMatch(/^IAM-14\.1,,Yes,Shared CSP and CSC,/);
    expect(lines.find((l) => l.startsWith('DCS-07.1,'))).toMatch(/^DCS-07\.1,,NA,,Not applicable: /);
  });

  it('writes workbooks a real XLSX reader reads back as the CSVs say, each with a README sheet', async () => {
    const result = await buildPacket(fx.dir, { out: join(fx.dir, 'out-x'), toolVersion: '0.1.0' });
    const workbooks = result.files.map((f) => f.path).filter((p) => p.endsWith('.xlsx'));
    expect(workbooks.length).toBeGreaterThanOrEqual(6);
    for (const path of workbooks) {
      const sheets = await readXlsxFile(readFileSync(join(result.folder, path)));
      expect(sheets.map((s) => s.sheet), path).toEqual([expect.any(String), 'README']);
      const csv = parseCsv(readFileSync(join(result.folder, path.replace(/\.xlsx$/, '.csv'))), { bom: true, relax_column_count: true }) as string[][];
      // The reader gives numbers as numbers, empty cells as null and trims each text; the CSV has text as written.
      const cells = sheets[0]!.data.map((row) => row.map((v) => (v === null ? '' : String(v))));
      const width = csv[0]!.length;
      const got = cells.map((r) => [...r, ...Array(Math.max(0, width - r.length)).fill('')]);
      const want = csv.map((r) => r.map((v) => v.replace(/^'(?=[=+\-@\t\r])/, '').trim()));
      expect(got, path).toEqual(want);
      const readme = Object.fromEntries(sheets[1]!.data.slice(1).map((r) => [r[0], r[1]]));
      expect(readme['Commit'], path).toBe(result.meta.commit);
    }
  });

  it('refuses to build with error findings unless allowed, and then says so on its first page', async () => {
    await fx.commit('break a control', { 'controls/iam/IAM-MFA.yaml': patch(BASE_FILES['controls/iam/IAM-MFA.yaml']!, 'status: operating', 'status: operatin') });
    try {
      await expect(buildPacket(fx.dir, { out: join(fx.dir, 'out-e'), toolVersion: '0.1.0' })).rejects.toMatchObject({ message: expect.stringContaining('--allow-findings') });
      const result = await buildPacket(fx.dir, { out: join(fx.dir, 'out-e'), toolVersion: '0.1.0', allowFindings: true });
      expect(readFileSync(join(result.folder, 'index.html'), 'utf8')).toContain('Built with open findings.');
      expect(JSON.parse(readFileSync(join(result.folder, 'manifest.json'), 'utf8'))).toMatchObject({ builtWithFindings: true });
    } finally {
      await fx.commit('fix it', { 'controls/iam/IAM-MFA.yaml': BASE_FILES['controls/iam/IAM-MFA.yaml']! });
    }
  });

  it('lists the changes since the observation period began, from the first commit when history starts later', async () => {
    const result = await buildPacket(fx.dir, { out: join(fx.dir, 'out-g'), toolVersion: '0.1.0' });
    const html = readFileSync(join(result.folder, 'index.html'), 'utf8');
    const dc9 = html.slice(html.indexOf('<h3 id="dc9">'), html.indexOf('</section>', html.indexOf('<h3 id="dc9">')));
    // Every commit of this fixture is of 2026-11-01, after the period's start (2026-01-01).
    expect(dc9).toContain("The repository&#39;s history begins after the period&#39;s start (2026-01-01): changes are counted from its first commit");
    // The program as first committed is the baseline; nothing of it changed since.
    expect(dc9).toContain('No control, shared-responsibility, vendor, policy or risk changed during the period.');
  });

  it('is atomic: a failure leaves the previous packet in place and no partial files', async () => {
    const out = join(fx.dir, 'out-f');
    const first = await buildPacket(fx.dir, { out, zip: true, toolVersion: '0.1.0' });
    const before = readFileSync(join(first.folder, 'manifest.json'), 'utf8');
    // Something in the way of the zip's temporary file makes the second build fail midway.
    mkdirSync(join(out, `.audit-packet-${first.meta.version}.zip.tmp-${process.pid}`), { recursive: true });
    writeFileSync(join(out, `.audit-packet-${first.meta.version}.zip.tmp-${process.pid}`, 'blocker'), 'x');
    await expect(buildPacket(fx.dir, { out, zip: true, toolVersion: '0.2.0' })).rejects.toThrow();
    expect(readFileSync(join(first.folder, 'manifest.json'), 'utf8')).toBe(before);
    expect(readdirSync(out).filter((n) => n.startsWith('.audit-packet.tmp'))).toEqual([]);
  });
});

describe('the system description of a packet built from history', () => {
  it('counts the changes of the period from the last commit before it began', async () => {
    const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
    const history = await createGitFixture({ ...BASE_FILES, 'controls/responsibility/ccm.yaml': fullSsrmFile() }, { date: '2025-12-20T09:00:00Z' });
    try {
      const before = await history.commit('year-end review', { 'controls/iam/IAM-MFA.yaml': patch(control, 'maturity: 4', 'maturity: 3') }, '2025-12-30T17:00:00Z');
      await history.commit('MFA monitored again', { 'controls/iam/IAM-MFA.yaml': control }, '2026-03-02T10:00:00Z');
      await history.commit('add SSO', { 'controls/iam/IAM-SSO.yaml': patch(patch(control, 'id: IAM-MFA', 'id: IAM-SSO'), 'title: Phishing-resistant MFA for all workforce access', 'title: Single sign-on for every workforce application') }, '2026-06-15T10:00:00Z');
      const result = await buildPacket(history.dir, { out: join(history.dir, 'out'), toolVersion: '0.1.0', allowFindings: true });
      const html = readFileSync(join(result.folder, 'index.html'), 'utf8');
      const dc9 = html.slice(html.indexOf('<h3 id="dc9">'), html.indexOf('</section>', html.indexOf('<h3 id="dc9">')));
      expect(dc9).toContain(`Changes since 2026-01-01: from commit ${before.slice(0, 12)} (2025-12-30T17:00:00Z), the last before the period began, to this packet&#39;s commit.`);
      expect(dc9).toContain('Control IAM-SSO Single sign-on for every workforce application: added');
      expect(dc9).toContain('Control IAM-MFA Phishing-resistant MFA for all workforce access: changed');
      expect(html).not.toContain('the git history of the repository back to the start of the observation period');
    } finally {
      history.cleanup();
    }
  });

  it('a repository of one commit made after the period began has nothing to compare, and says so', async () => {
    const single = await createGitFixture({ ...BASE_FILES, 'controls/responsibility/ccm.yaml': fullSsrmFile() });
    try {
      const result = await buildPacket(single.dir, { out: join(single.dir, 'out'), toolVersion: '0.1.0', allowFindings: true });
      const html = readFileSync(join(result.folder, 'index.html'), 'utf8');
      const head = (await single.git.revparse(['HEAD'])).trim();
      expect(html).toContain(`changes are counted from its first commit ${head.slice(0, 12)}.`);
      expect(html).toContain('No control, shared-responsibility, vendor, policy or risk changed during the period.');
    } finally {
      single.cleanup();
    }
  });
});
