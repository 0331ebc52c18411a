// The first step of `pnpm test`: the audit packet's browser test drives a real Chromium (playwright-core
// downloads none). When none is found, install Debian's with apt-get where this user may (root, or sudo
// without a password), as .ci/run does; elsewhere stop with one line that names the command to run. A
// browser test that cannot start must fail the run, never skip: a skipped test is a defect here.
import { execFileSync, spawnSync } from 'node:child_process';
import { CHROMIUM_HINT, findChromium, missingChromiumMessage } from '../packages/core/src/testing/chromium.js';

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** apt-get as root, or through passwordless sudo; undefined when neither is possible. */
function aptGet(): string[] | undefined {
  if (!has('apt-get')) return undefined;
  if (process.getuid?.() === 0) return ['apt-get'];
  if (has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n', 'apt-get'];
  return undefined;
}

export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  const apt = process.env.CHROMIUM_PATH ? undefined : aptGet();
  if (!apt) throw new Error(missingChromiumMessage());
  process.stderr.write('pnpm test: Chromium is missing; installing Debian\'s chromium with apt-get (the browser test needs it)\n');
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync(apt[0]!, [...apt.slice(1), 'update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync(apt[0]!, [...apt.slice(1), 'install', '-y', '-qq', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } catch {
    throw new Error(`Chromium is missing and apt-get could not install it: ${CHROMIUM_HINT}`);
  }
  const installed = findChromium();
  if (!installed) throw new Error(`apt-get installed chromium, but no Chromium binary runs: ${CHROMIUM_HINT}`);
  return installed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    ensureChromium();
  } catch (error) {
    process.stderr.write(`pnpm test: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
