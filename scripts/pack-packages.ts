// Packs the four packages as they would be published: builds them (tsc -b, the catalogs as JSON), then
// `pnpm pack` in each, which turns workspace:* into the version and applies publishConfig (the published
// exports have no "source" condition and no ./testing). `pnpm pack-all [DIR]` writes the tarballs to DIR
// (default: packs/); packages/cli/src/packaging.test.ts installs them with npm and pnpm.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** In dependency order. */
export const PACKAGES = ['frameworks', 'core', 'github', 'cli'] as const;

/** Builds and packs every package into `out`; returns the tarballs' paths. */
export async function packPackages(out: string): Promise<string[]> {
  mkdirSync(out, { recursive: true });
  await run('pnpm', ['build'], { cwd: ROOT, maxBuffer: 16 << 20 });
  for (const p of PACKAGES) await run('pnpm', ['pack', '--pack-destination', out], { cwd: join(ROOT, 'packages', p), maxBuffer: 16 << 20 });
  return readdirSync(out)
    .filter((n) => n.startsWith('trustops-') && n.endsWith('.tgz'))
    .sort()
    .map((n) => join(out, n));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = resolve(process.argv[2] ?? join(ROOT, 'packs'));
  for (const file of await packPackages(out)) console.log(file);
}
