import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPackages } from '../../../scripts/pack-packages.js';
import { startLoopbackRegistry, type LoopbackRegistry, type PublishedTarball } from './testing/loopback-registry.js';

// `engines` must be true to what the dependency tree needs: a user who installs the CLI with
// `npm i --engine-strict` on the oldest Node the README names must get it, and one on an older Node must be
// told no. This packs the workspace's packages with pnpm (workspace:* becomes the version, as published)
// and installs the CLI with the real npm client from a registry on loopback that serves those tarballs and
// the lockfile's versions of every dependency (the pnpm store). npm checks engines against process.version;
// a preloaded line sets that to the Node under test (npm 11 dropped its --node-version option), so the same
// question is asked on every machine; CI also runs this on that Node itself.
const root = new URL('../../../', import.meta.url).pathname;
const PACKAGES = ['frameworks', 'core', 'github', 'cli'];
const run = promisify(execFile);
const SLOW = 300_000;

const engines = (JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
/** The README's "Node.js 22 or later" and engines ">=22": the same version. */
const lowest = /^>=(\d+(?:\.\d+){0,2})$/.exec(engines)?.[1];

let work: string;
let tarballs: PublishedTarball[];
let npmCli: string;
let shim: string;

/** npm's own entry point, behind the `npm` on the PATH. */
function findNpmCli(): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, 'npm');
    if (existsSync(candidate)) return join(realpathSync(candidate), '..', 'npm-cli.js');
  }
  throw new Error('npm is not on the PATH');
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'trustops-packaging-'));
  npmCli = findNpmCli();
  shim = join(work, 'node-version.cjs');
  writeFileSync(
    shim,
    "const v = process.env.TRUSTOPS_TEST_NODE_VERSION;\nObject.defineProperty(process, 'version', { value: `v${v}` });\nObject.defineProperty(process.versions, 'node', { value: v });\n",
  );
  // The tarballs `pnpm pack-all` makes: built, then packed as published.
  tarballs = await Promise.all(
    (await packPackages(join(work, 'packs'))).map(async (file) => {
      const { stdout } = await run('tar', ['-xzOf', file, 'package/package.json']);
      return { file, manifest: JSON.parse(stdout) as PublishedTarball['manifest'] };
    }),
  );
}, SLOW);
afterAll(() => rmSync(work, { recursive: true, force: true }), SLOW);

/** `npm install --engine-strict @trustops/cli` into a new project, as Node `nodeVersion` would. */
async function install(registry: LoopbackRegistry, nodeVersion: string): Promise<{ ok: boolean; output: string; dir: string }> {
  const dir = mkdtempSync(join(work, 'consumer-'));
  writeFileSync(join(dir, 'package.json'), '{ "name": "consumer", "private": true }\n');
  writeFileSync(join(dir, '.npmrc'), '');
  const args = ['install', '@trustops/cli@0.1.0', '--engine-strict', `--registry=${registry.url}`, `--cache=${join(dir, '.cache')}`];
  const flags = ['--userconfig', join(dir, '.npmrc'), '--no-audit', '--no-fund', '--no-update-notifier', '--ignore-scripts', '--loglevel=error'];
  // A clean environment: nothing of pnpm's npm_config_* or the machine's npmrc reaches this npm.
  const env = { PATH: process.env.PATH ?? '', HOME: dir, TRUSTOPS_TEST_NODE_VERSION: nodeVersion };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--require', shim, npmCli, ...args, ...flags], { cwd: dir, env, maxBuffer: 16 << 20 });
    return { ok: true, output: stdout + stderr, dir };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}`, dir };
  }
}

describe('engines, as npm install --engine-strict sees them', () => {
  it('every workspace package states the same engines, a lower bound the README names', () => {
    expect(lowest, `engines ${engines}`).toMatch(/^\d+/);
    for (const p of PACKAGES) {
      expect((JSON.parse(readFileSync(join(root, 'packages', p, 'package.json'), 'utf8')) as { engines: unknown }).engines, p).toEqual({ node: engines });
    }
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`Node.js ${lowest} or later`);
  });

  it(
    'the packed CLI installs with --engine-strict on the lowest Node it claims, and every package in its tree agrees',
    async () => {
      const registry = await startLoopbackRegistry({ root, tarballs });
      try {
        const result = await install(registry, `${lowest}.0.0`.split('.').slice(0, 3).join('.'));
        expect(result.output).not.toContain('EBADENGINE');
        expect(result.ok, result.output).toBe(true);
        expect([...registry.missing]).toEqual([]);
        const installed = JSON.parse(readFileSync(join(result.dir, 'node_modules/@trustops/cli/package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
        expect(installed.dependencies['@trustops/core']).toBe('0.1.0');
        // The whole tree came: the CLI's dependencies and theirs.
        for (const dep of ['@trustops/core', '@trustops/github', 'commander', '@octokit/rest', 'pdfkit', 'content-type']) expect(existsSync(join(result.dir, 'node_modules', dep)), dep).toBe(true);
      } finally {
        await registry.close();
      }
    },
    SLOW,
  );

  it(
    'on an older Node npm refuses it; and had trustops claimed that Node, npm would refuse a dependency instead',
    async () => {
      const registry = await startLoopbackRegistry({ root, tarballs });
      try {
        const older = await install(registry, '20.19.0');
        expect(older.ok).toBe(false);
        expect(older.output).toContain('EBADENGINE');
        expect(older.output).toMatch(/@trustops\/(cli|core|frameworks|github)/);
      } finally {
        await registry.close();
      }
      // The same packages, but ours saying ">=20.19" (what they said before): the tree does not run there.
      const claiming = await startLoopbackRegistry({
        root,
        tarballs,
        rewrite: (m) => (m.name.startsWith('@trustops/') ? { ...m, engines: { node: '>=20.19' } } : m),
      });
      try {
        const result = await install(claiming, '20.19.0');
        expect(result.ok).toBe(false);
        expect(result.output).toContain('EBADENGINE');
        // content-type 3 (through Octokit's request) needs Node 22: the reason engines says >=22.
        expect(result.output).toMatch(/Not compatible with your version of node\/npm: content-type@3\./);
      } finally {
        await claiming.close();
      }
    },
    SLOW,
  );
});

/** The example program at the repository root, copied outside the workspace. */
function copyExample(to: string): string {
  const dir = join(to, 'example-program');
  for (const part of ['compliance.yaml', 'controls', 'policies', 'evidence', 'risks']) cpSync(join(root, part), join(dir, part), { recursive: true });
  return dir;
}

/** A command of the installed package, run as a user runs it, with nothing of this workspace around it. */
async function runIn(dir: string, file: string, args: string[], env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [file, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, TRUSTOPS_NO_CACHE: '1', npm_config_update_notifier: 'false', ...env }, maxBuffer: 64 << 20 });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number };
    return { status: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('the packed packages, installed as a user installs them', () => {
  it(
    'npm i: npx trustops checks a copy of the example program, then init, check, catalog and evidence add work in an empty git repository',
    async () => {
      const registry = await startLoopbackRegistry({ root, tarballs });
      let result: Awaited<ReturnType<typeof install>>;
      try {
        // As Node 22 would (the machine may run an older one: engines is checked as npm would on 22).
        result = await install(registry, `${lowest}.0.0`.split('.').slice(0, 3).join('.'));
      } finally {
        await registry.close();
      }
      expect(result.ok, result.output).toBe(true);
      const dir = result.dir;
      const npx = join(npmCli, '..', 'npx-cli.js');
      const trustops = (args: string[], env: Record<string, string> = {}) => runIn(dir, npx, ['--no', 'trustops', ...args], env);

      // The example program, outside the workspace: the installed CLI passes it as the sources do.
      const example = copyExample(dir);
      const check = await trustops(['check', '--repo', example], { TRUSTOPS_TODAY: '2026-12-01' });
      expect(check.stderr).toBe('');
      expect(check.status, check.stdout).toBe(0);
      expect(check.stdout).toMatch(/✔ passed \(fail_on: error\): 0 errors, \d+ warnings.*\(58 controls, 9 policies, 7 vendors, 22 risks, 136 evidence records\)\n$/);

      // A new program, in an empty git repository.
      await run('git', ['init', '-q'], { cwd: dir });
      const init = await trustops(['init', '--cloud', 'gcp', '--ccm', '4.1', '--type1', '--yes'], { TRUSTOPS_TODAY: '2026-12-01' });
      expect(init.status, init.stderr).toBe(0);
      expect(init.stdout).toContain('wrote  controls/vendors/google-cloud.yaml');
      // Editors find the schemas: the modeline's relative path resolves in the user's repository.
      for (const file of ['compliance.yaml', 'controls/responsibility/ccm.yaml', 'controls/iam/IAM-MFA.yaml']) {
        const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(join(dir, file), 'utf8'))?.[1];
        const schema = join(dir, file, '..', modeline!);
        expect(existsSync(schema), `${file}: ${modeline}`).toBe(true);
        expect((JSON.parse(readFileSync(schema, 'utf8')) as { $id: string }).$id).toMatch(/^https:\/\/trustops\.dev\/schemas\/0\.1\.0\//);
      }
      const first = await trustops(['check', '--format', 'json'], { TRUSTOPS_TODAY: '2026-12-01' });
      expect(first.status).toBe(0);
      const findings = (JSON.parse(first.stdout) as { findings: { ruleId: string; severity: string }[] }).findings;
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(findings.filter((f) => f.ruleId === 'content/placeholder').length).toBeGreaterThan(300);

      const catalog = await trustops(['catalog', '--search', 'strong authentication']);
      expect(catalog.stdout).toMatch(/^ {2}IAM-13 {2}Strong Authentication/m);

      writeFileSync(join(dir, 'export.json'), '{"signOnPolicy":{"mfa":"required"}}\n');
      const add = await trustops(['evidence', 'add', 'export.json', '--control', 'IAM-MFA', '--item', 'mfa-policy-export', '--window', '2026-Q1'], { TRUSTOPS_TODAY: '2026-12-01' });
      expect(add.status, add.stderr).toBe(0);
      expect(add.stdout).toContain('wrote evidence/IAM-MFA/2026-Q1-mfa-policy-export.yaml');
      const after = await trustops(['check', '--format', 'json'], { TRUSTOPS_TODAY: '2026-12-01' });
      expect(after.status).toBe(0);
      const summary = (JSON.parse(after.stdout) as { summary: { errors: number; evidenceRecords: number } }).summary;
      expect(summary).toMatchObject({ errors: 0, evidenceRecords: 1 });
      // The digest check verifies is the file's: a changed byte is an error.
      writeFileSync(join(dir, 'evidence/IAM-MFA/2026-Q1-export.json'), '{"signOnPolicy":{"mfa":"optional"}}\n');
      const tampered = await trustops(['check', '--format', 'json'], { TRUSTOPS_TODAY: '2026-12-01' });
      expect(tampered.status).toBe(1);
      expect(tampered.stdout).toContain('evidence/hash-mismatch');
    },
    SLOW,
  );

  it(
    'pnpm add: only @trustops/cli is linked at the top of node_modules, and the modeline init writes resolves through it',
    async () => {
      const registry = await startLoopbackRegistry({ root, tarballs });
      const dir = mkdtempSync(join(work, 'pnpm-consumer-'));
      writeFileSync(join(dir, 'package.json'), '{ "name": "consumer", "private": true }\n');
      const env = { PATH: process.env.PATH ?? '', HOME: dir, TRUSTOPS_NO_CACHE: '1', TRUSTOPS_TODAY: '2026-12-01' };
      try {
        await run('pnpm', ['add', '-D', '@trustops/cli@0.1.0', `--registry=${registry.url}`, `--store-dir=${join(dir, '.store')}`, `--cache-dir=${join(dir, '.cache')}`, '--ignore-scripts', '--reporter=silent'], {
          cwd: dir,
          env,
          maxBuffer: 16 << 20,
        });
      } finally {
        await registry.close();
      }
      expect(existsSync(join(dir, 'node_modules/@trustops/core'))).toBe(false);
      await run('git', ['init', '-q'], { cwd: dir });
      const init = await runIn(dir, join(dir, 'node_modules/@trustops/cli/bin/trustops.js'), ['init', '--yes'], env);
      expect(init.status, init.stderr).toBe(0);
      const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(join(dir, 'controls/responsibility/ccm.yaml'), 'utf8'))?.[1];
      expect(modeline).toBe('../../node_modules/@trustops/cli/schemas/responsibility.schema.json');
      expect(existsSync(join(dir, 'controls/responsibility', modeline!))).toBe(true);
      expect((await runIn(dir, join(dir, 'node_modules/@trustops/cli/bin/trustops.js'), ['check'], env)).status).toBe(0);
    },
    SLOW,
  );
});
