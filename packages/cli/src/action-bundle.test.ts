import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './main.js';

// The composite action runs the committed bundle (packages/github/bundle/trustops.mjs) instead of this
// package's build. These run that very file, with Node and nothing installed beside it, and compare what it
// does with the CLI from the sources.
const root = new URL('../../../', import.meta.url).pathname;
const bundle = join(root, 'packages/github/bundle/trustops.mjs');
const run = promisify(execFile);
const SLOW = 180_000;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trustops-bundle-'));
  for (const part of ['compliance.yaml', 'controls', 'policies', 'evidence', 'risks']) cpSync(join(root, part), join(dir, 'program', part), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bundle, run as the action runs it: `node trustops.mjs`, from a folder with no node_modules. */
async function bundled(args: string[]): Promise<{ stdout: string; stderr: string; status: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bundle, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', TRUSTOPS_NO_CACHE: '1' }, maxBuffer: 64 << 20 });
    return { stdout, stderr, status: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, status: e.code };
  }
}

async function fromSources(args: string[]): Promise<{ stdout: string; status: number }> {
  let stdout = '';
  const status = await runCli(args, { stdout: (t) => (stdout += t), stderr: () => undefined, cwd: dir, env: { SOURCE_DATE_EPOCH: '1796126400' }, isTty: false });
  return { stdout, status };
}

describe('the action bundle', () => {
  it('reports the version of the CLI package it was built from', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as { version: string };
    expect((await bundled(['--version'])).stdout).toBe(`${version}\n`);
  });

  it(
    'checks the example program exactly as the CLI from the sources does, in every format',
    async () => {
      for (const format of ['json', 'sarif', 'github', 'text']) {
        const args = ['check', '--repo', 'program', '--today', '2026-11-22', '--format', format];
        const [a, b] = [await bundled(args), await fromSources(args)];
        expect(a.status, format).toBe(b.status);
        expect(a.stdout, format).toBe(b.stdout);
      }
    },
    SLOW,
  );

  it(
    'builds the same audit packet, byte for byte, down to the PDF (pdfkit\'s fonts are bundled)',
    async () => {
      // Dated 2026-12-01 12:00 UTC, the example's snapshot day: its latest evidence is of 2026-11-27.
      const a = await run(process.execPath, [bundle, 'packet', '--repo', 'program', '--zip', '--out', 'from-bundle'], { cwd: dir, env: { PATH: process.env.PATH ?? '', SOURCE_DATE_EPOCH: '1796126400', TRUSTOPS_NO_CACHE: '1' } });
      expect(a.stdout).toMatch(/^audit packet /);
      expect((await fromSources(['packet', '--repo', 'program', '--zip', '--out', 'from-sources'])).status).toBe(0);
      const zip = (folder: string) => readdirSync(join(dir, folder)).find((n) => n.endsWith('.zip'))!;
      expect(zip('from-bundle')).toBe(zip('from-sources'));
      expect(readFileSync(join(dir, 'from-bundle', zip('from-bundle'))).equals(readFileSync(join(dir, 'from-sources', zip('from-sources'))))).toBe(true);
      expect(readFileSync(join(dir, 'from-bundle/audit-packet/summary.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    },
    SLOW,
  );
});
