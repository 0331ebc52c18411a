import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  const packs = join(work, 'packs');
  mkdirSync(packs);
  await Promise.all(PACKAGES.map((p) => run('pnpm', ['pack', '--pack-destination', packs], { cwd: join(root, 'packages', p) })));
  tarballs = await Promise.all(
    readdirSync(packs).map(async (name) => {
      const file = join(packs, name);
      const { stdout } = await run('tar', ['-xzOf', file, 'package/package.json']);
      return { file, manifest: JSON.parse(stdout) as PublishedTarball['manifest'] };
    }),
  );
}, SLOW);
afterAll(() => rmSync(work, { recursive: true, force: true }));

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
