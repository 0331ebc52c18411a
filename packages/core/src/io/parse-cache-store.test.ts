import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRepo } from '../pipeline/check.js';
import { parseCacheKey } from '../load/parse-cache.js';
import { openParseCache } from './parse-cache-store.js';
import { readRepo } from './read-repo.js';
import { BASE_FILES, BASE_TODAY } from '../testing/base-repo.js';
import { createGitFixture, type GitFixture } from '../testing/git-fixture.js';
import { fullSsrmFile, writeTempRepo } from '../testing/temp-repo.js';
import { patch } from '../testing/patch.js';

const fixtures: GitFixture[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (fixtures.length) fixtures.pop()!.cleanup();
  while (cleanups.length) cleanups.pop()!();
});

async function program(): Promise<GitFixture> {
  const fx = await createGitFixture({ ...BASE_FILES, 'controls/responsibility/ccm.yaml': fullSsrmFile() });
  fixtures.push(fx);
  return fx;
}

const CONTROL = 'controls/iam/IAM-MFA.yaml';

describe('parse cache', () => {
  it('lives in the git directory and gives the same findings as a fresh parse', async () => {
    const fx = await program();
    fx.write({ [CONTROL]: patch(BASE_FILES[CONTROL]!, 'status: operating', 'status: operatin') });
    const first = await checkRepo(await readRepo(fx.dir, { cache: true }), { today: BASE_TODAY });
    expect(readdirSync(join(fx.dir, '.git', 'trustops')).some((f) => f.startsWith('parse-cache-'))).toBe(true);
    const repo = await readRepo(fx.dir, { cache: true });
    // Every YAML file of the repository is now answered from the cache.
    const yaml = repo.files.filter((f) => !f.path.endsWith('.md'));
    expect(repo.parseCache!.lookup(repo.files).size).toBe(yaml.length);
    const second = await checkRepo(repo, { today: BASE_TODAY });
    expect(second.findings).toEqual(first.findings);
    expect(second.findings.map((f) => [f.ruleId, f.line])).toContainEqual(['schema/invalid', 6]);
  });

  it('never serves a stale entry: a changed file is parsed again', async () => {
    const fx = await program();
    await checkRepo(await readRepo(fx.dir, { cache: true }), { today: BASE_TODAY });
    fx.write({ [CONTROL]: patch(BASE_FILES[CONTROL]!, 'maturity: 4', 'maturity: 9') });
    const repo = await readRepo(fx.dir, { cache: true });
    expect(repo.parseCache!.lookup(repo.files).has(CONTROL)).toBe(false);
    const { findings } = await checkRepo(repo, { today: BASE_TODAY });
    expect(findings.map((f) => [f.ruleId, f.file, f.line])).toContainEqual(['schema/invalid', CONTROL, 8]);
  });

  it('ignores a damaged cache file and is off with TRUSTOPS_NO_CACHE or outside git', async () => {
    const fx = await program();
    await checkRepo(await readRepo(fx.dir, { cache: true }), { today: BASE_TODAY });
    const folder = join(fx.dir, '.git', 'trustops');
    for (const name of readdirSync(folder)) writeFileSync(join(folder, name), '{not json');
    const { findings } = await checkRepo(await readRepo(fx.dir, { cache: true }), { today: BASE_TODAY });
    expect(findings).toEqual([]);
    expect(openParseCache(fx.dir, { TRUSTOPS_NO_CACHE: '1' })).toBeUndefined();
    const { dir, cleanup } = writeTempRepo(BASE_FILES);
    cleanups.push(cleanup);
    expect(existsSync(join(dir, '.git'))).toBe(false);
    expect(openParseCache(dir, {})).toBeUndefined();
  });

  it('serves the other entries when one line is damaged, and parses that file again', async () => {
    const fx = await program();
    await checkRepo(await readRepo(fx.dir, { cache: true }), { today: BASE_TODAY });
    const folder = join(fx.dir, '.git', 'trustops');
    const [name] = readdirSync(folder);
    const lines = readFileSync(join(folder, name!), 'utf8').split('\n');
    const yaml = (await readRepo(fx.dir, { cache: false })).files.filter((f) => !f.path.endsWith('.md'));
    // One line per distinct text (files with the same text share one).
    expect(lines.filter(Boolean)).toHaveLength(new Set(yaml.map(parseCacheKey)).size);
    // The second line loses the end of its JSON; the last loses its newline (a write cut short).
    const damaged = [lines[1]!.split(' ')[0], lines.at(-2)!.split(' ')[0]];
    lines[1] = lines[1]!.slice(0, -10);
    writeFileSync(join(folder, name!), lines.join('\n').replace(/\n$/, ''));
    const repo = await readRepo(fx.dir, { cache: true });
    const served = repo.parseCache!.lookup(repo.files);
    expect([...served.keys()].sort()).toEqual(yaml.filter((f) => !damaged.includes(parseCacheKey(f))).map((f) => f.path).sort());
    expect(served.size).toBeLessThan(yaml.length);
    const { findings } = await checkRepo(repo, { today: BASE_TODAY });
    expect(findings).toEqual([]);
    // The store that followed put both entries back.
    const again = await readRepo(fx.dir, { cache: true });
    expect(again.parseCache!.lookup(again.files).size).toBe(yaml.length);
  });

  it('keeps the entries of other revisions when it adds a new one, and removes caches of another format', async () => {
    const fx = await program();
    const folder = join(fx.dir, '.git', 'trustops');
    await checkRepo(await readRepo(fx.dir, { cache: true }), { today: BASE_TODAY });
    writeFileSync(join(folder, 'parse-cache-3-0000000000000000.json'), '{"format":3,"entries":{}}');
    const before = await readRepo(fx.dir, { cache: true });
    fx.write({ [CONTROL]: patch(BASE_FILES[CONTROL]!, 'maturity: 4', 'maturity: 3') });
    await checkRepo(await readRepo(fx.dir, { cache: true }), { today: BASE_TODAY });
    expect(readdirSync(folder)).toHaveLength(1);
    // The earlier text of the control is still answered, beside the new one.
    expect(before.parseCache!.lookup(before.files).has(CONTROL)).toBe(true);
    const after = await readRepo(fx.dir, { cache: true });
    expect(after.parseCache!.lookup(after.files).has(CONTROL)).toBe(true);
  });
});

