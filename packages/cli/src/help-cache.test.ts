import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { HELP_FILE, readCachedHelp, renderHelpFile } from './help-cache.js';
import { renderProgramHelp, runCli, type CliIo } from './main.js';

const root = mkdtempSync(join(tmpdir(), 'trustops-help-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A package folder with the help's modules in dist/ (stand-ins: only their bytes matter). */
function packageWith(help: string): URL {
  const dir = mkdtempSync(join(root, 'pkg-'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'package.json'), '{"version":"1.2.3"}\n');
  for (const name of ['main.js', 'register-collect.js', 'program.js', 'version.js']) writeFileSync(join(dir, 'dist', name), `// ${name}\n`);
  const dist = pathToFileURL(join(dir, 'dist/'));
  writeFileSync(new URL(HELP_FILE, dist), renderHelpFile(dist, help));
  return dist;
}

describe('the help the build writes', () => {
  it("is what the program prints for --help and for nothing, at commander's width off a terminal", async () => {
    for (const argv of [['--help'], ['-h'], []]) {
      let stdout = '';
      const io: CliIo = { stdout: (t) => (stdout += t), stderr: () => undefined, cwd: root, env: {}, isTty: false };
      const status = await runCli(argv, io);
      expect(status).toBe(argv.length === 0 ? 2 : 0);
      // The program formats for this process's stdout: the build's process is never a terminal, so 80.
      expect(stdout).toBe(renderProgramHelp(process.stdout.isTTY ? process.stdout.columns : undefined));
    }
    expect(renderProgramHelp(undefined)).toBe(renderProgramHelp(80));
    expect(renderProgramHelp(undefined)).toMatch(/^Usage: trustops \[options\] \[command\]\n/);
    expect(renderProgramHelp(120)).not.toBe(renderProgramHelp(80));
  });

  it('is read while fresh and at 80 columns only; a changed module, another width or no file sends it to commander', () => {
    const dist = packageWith('Usage: trustops\n');
    expect(readCachedHelp(dist, undefined)).toBe('Usage: trustops\n');
    expect(readCachedHelp(dist, 80)).toBe('Usage: trustops\n');
    expect(readCachedHelp(dist, 120)).toBeUndefined();
    writeFileSync(new URL('program.js', dist), '// program.js, changed\n');
    expect(readCachedHelp(dist, undefined)).toBeUndefined();

    const again = packageWith('Usage: trustops\n');
    writeFileSync(new URL('../package.json', again), '{"version":"1.2.4"}\n');
    expect(readCachedHelp(again, undefined)).toBeUndefined();
    const missing = packageWith('x');
    rmSync(new URL(HELP_FILE, missing));
    expect(readCachedHelp(missing, undefined)).toBeUndefined();
    // The sources (and the action's bundle) have no dist/ modules beside them: nothing to read.
    expect(readCachedHelp(new URL('.', import.meta.url), undefined)).toBeUndefined();
  });
});
