import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// `pnpm test` starts with this script: on a machine without Chromium it installs one where apt-get may,
// and otherwise stops in one line that names the command to run (never a stack trace from a setup hook).
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TSX = join(ROOT, 'node_modules/tsx/dist/esm/index.mjs');
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'trustops-chromium-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ensure(env: Record<string, string>): Promise<{ status: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, ['--import', TSX, join(ROOT, 'scripts/ensure-chromium.ts')], { env, cwd: ROOT });
    return { status: 0, stderr };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { status: e.code, stderr: e.stderr };
  }
}

describe('scripts/ensure-chromium.ts', () => {
  it('without Chromium and without apt-get, fails in one line naming the command to run', async () => {
    const empty = mkdtempSync(join(dir, 'path-'));
    const r = await ensure({ PATH: empty, HOME: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "pnpm test: Chromium is missing (the audit packet's browser test needs it): install it (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) or set CHROMIUM_PATH to a Chrome or Chromium binary\n",
    );
  });

  it('a CHROMIUM_PATH that does not run is named, in one line', async () => {
    const r = await ensure({ PATH: dir, HOME: dir, CHROMIUM_PATH: join(dir, 'no-such-chromium') });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^pnpm test: CHROMIUM_PATH=.*no-such-chromium does not run: install it .*\n$/);
  });

  it('with apt-get (as root, or through passwordless sudo), installs chromium (update, then install) and finds it', async () => {
    // An apt-get that records its arguments and installs a Chromium that runs, and a passwordless sudo for
    // a user who is not root: the script's side of the install, without changing this machine's packages.
    const bin = mkdtempSync(join(dir, 'apt-'));
    symlinkSync('/bin/sh', join(bin, 'sh'));
    symlinkSync('/bin/true', join(bin, 'true'));
    writeFileSync(join(bin, 'sudo'), '#!/bin/sh\n[ "$1" = -n ] && shift\nexec "$@"\n');
    chmodSync(join(bin, 'sudo'), 0o755);
    writeFileSync(
      join(bin, 'apt-get'),
      `#!/bin/sh\necho "$@" >> "${bin}/calls"\nif [ "$1" = install ]; then printf '#!/bin/sh\\necho Chromium 142.0\\n' > "${bin}/chromium"; /bin/chmod 755 "${bin}/chromium"; fi\n`,
    );
    chmodSync(join(bin, 'apt-get'), 0o755);
    const r = await ensure({ PATH: bin, HOME: dir });
    expect(r).toEqual({ status: 0, stderr: "pnpm test: Chromium is missing; installing Debian's chromium with apt-get (the browser test needs it)\n" });
    expect(readFileSync(join(bin, 'calls'), 'utf8')).toBe('update -qq\ninstall -y -qq chromium\n');
  });

  it('finds a Chromium on the PATH that runs, and says nothing', async () => {
    const bin = mkdtempSync(join(dir, 'bin-'));
    writeFileSync(join(bin, 'chromium'), '#!/bin/sh\necho "Chromium 142.0"\n');
    chmodSync(join(bin, 'chromium'), 0o755);
    expect(await ensure({ PATH: bin, HOME: dir })).toEqual({ status: 0, stderr: '' });
  });
});
