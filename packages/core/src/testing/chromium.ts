import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The names a Chromium or Chrome binary goes by on Linux (Debian's, Ubuntu's, Google's) and macOS. */
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const MAC_APPS = ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/** The command that brings Chromium, named in the one line a missing browser prints. */
export const CHROMIUM_HINT =
  'install it (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) or set CHROMIUM_PATH to a Chrome or Chromium binary';

function runs(file: string): boolean {
  try {
    execFileSync(file, ['--version'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser the packet's browser test drives: $CHROMIUM_PATH when set (it must run), else the first
 * Chromium or Chrome on the PATH (or in /Applications) that runs. Undefined when there is none.
 */
export function findChromium(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) && runs(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((dir) => NAMES.map((name) => join(dir, name)));
  return [...onPath, ...MAC_APPS].find((file) => existsSync(file) && runs(file));
}

/** Why the browser test cannot run, in one line, naming what to do. */
export function missingChromiumMessage(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.CHROMIUM_PATH
    ? `CHROMIUM_PATH=${env.CHROMIUM_PATH} does not run: ${CHROMIUM_HINT}`
    : `Chromium is missing (the audit packet's browser test needs it): ${CHROMIUM_HINT}`;
}
