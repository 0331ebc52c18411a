import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_DIR, buildActionBundle } from './build-action-bundle.js';

function committedFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? committedFiles(path) : [relative(BUNDLE_DIR, path).split('\\').join('/')];
  });
}

// The composite action runs packages/github/bundle/ as committed: it must be what these sources and this
// lockfile build, or users would run code nobody reviewed here. Run `pnpm bundle` after changing either.
describe('the action bundle (packages/github/bundle/)', () => {
  it(
    'is exactly what scripts/build-action-bundle.ts builds from the sources: run `pnpm bundle` when this fails',
    async () => {
      const built = await buildActionBundle();
      expect(committedFiles(BUNDLE_DIR).sort()).toEqual([...built.keys()].sort());
      const stale = [...built].filter(([name, content]) => !readFileSync(join(BUNDLE_DIR, name)).equals(Buffer.from(content))).map(([name]) => name);
      expect(stale, 'stale bundle files: run `pnpm bundle`').toEqual([]);
    },
    120_000,
  );

  it('holds the CLI, the catalogs and the licences of everything bundled', async () => {
    const built = await buildActionBundle();
    expect([...built.keys()]).toEqual(expect.arrayContaining(['trustops.mjs', 'THIRD_PARTY_LICENSES.txt', 'data/ccm-v4.json', 'data/tsc-2017.json']));
    const licences = built.get('THIRD_PARTY_LICENSES.txt')!;
    for (const pkg of ['commander@', '@octokit/rest@', 'ajv@', 'pdfkit@', 'yaml@', 'simple-git@', 'dejavu-fonts-ttf@', '@fontsource-variable/noto-sans-sc@']) expect(licences).toContain(`\n${pkg}`);
    // The workspace's own packages are sources, not third-party code.
    expect(licences).not.toContain('@trustops/');
    expect(String(built.get('trustops.mjs')).startsWith('#!/usr/bin/env node\n')).toBe(true);
  }, 120_000);
});
