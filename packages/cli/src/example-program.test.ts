import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './main.js';

// The example program at the repository root, copied so that tests can break it.
const root = new URL('../../../', import.meta.url).pathname;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trustops-example-'));
  for (const part of ['compliance.yaml', 'controls', 'policies', 'evidence']) cpSync(join(root, part), join(dir, part), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function check(args: string[] = []): Promise<{ status: number; stdout: string }> {
  let stdout = '';
  const status = await runCli(['check', '--repo', dir, '--today', '2026-11-22', ...args], {
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
    cwd: root,
    env: {},
    isTty: false,
  });
  return { status, stdout };
}

describe('the example program', () => {
  it('passes the gate with no findings', async () => {
    const { status, stdout } = await check();
    expect(stdout).toMatch(/^✔ no problems \(58 controls, 9 policies, 7 vendors, 120 evidence records\)/);
    expect(status).toBe(0);
  });

  it('fails with mapping/unmapped-control at the file and line when one control loses its maps', async () => {
    const file = 'controls/iam/IAM-MFA.yaml';
    const original = readFileSync(join(dir, file), 'utf8');
    const broken = original.replace(/^maps:\n(?: {2}.*\n)+/m, '');
    expect(broken).not.toBe(original);
    writeFileSync(join(dir, file), broken);
    try {
      const { status, stdout } = await check(['--format', 'json']);
      expect(status).toBe(1);
      const idLine = broken.split('\n').findIndex((l) => l.startsWith('id:')) + 1;
      const findings = (JSON.parse(stdout) as { findings: { ruleId: string; file: string; line: number; column: number }[] }).findings;
      expect(findings).toEqual([expect.objectContaining({ ruleId: 'mapping/unmapped-control', file, line: idLine, column: 1 })]);
    } finally {
      writeFileSync(join(dir, file), original);
    }
  });
});
