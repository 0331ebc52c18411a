import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * `trustops --help` (and `trustops` alone) from a text the build wrote (scripts/write-help.mjs): commander
 * and the table of every command took longer to load than printing takes. The text is commander's at 80
 * columns, what it prints off a terminal; it is used only when commander would print at that width, and
 * only while it is fresh: it carries a digest of the modules the help is made from, and any change to them
 * (a build without the script, an edited dist/) sends the command line to commander again.
 */

/** The modules the top-level help is made from, beside this one; and the package (its version). */
const SOURCES = ['main.js', 'register-collect.js', 'program.js', 'version.js', '../package.json'];

export const HELP_FILE = 'help.txt';

/** The digest of the help's sources in `dir` (dist/), or undefined when one is missing (the sources, a bundle). */
export function helpFingerprint(dir: URL): string | undefined {
  const hash = createHash('sha256');
  try {
    for (const name of SOURCES) hash.update(readFileSync(new URL(name, dir))).update('\0');
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** The help text written by the build, when it is fresh and commander would print it at `width` columns. */
export function readCachedHelp(dir: URL, width: number | undefined): string | undefined {
  if ((width ?? 80) !== 80) return undefined;
  let text: string;
  try {
    text = readFileSync(new URL(HELP_FILE, dir), 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  const fingerprint = helpFingerprint(dir);
  return fingerprint !== undefined && text.slice(0, newline) === fingerprint ? text.slice(newline + 1) : undefined;
}

/** The file the build writes: the digest, then the text. */
export function renderHelpFile(dir: URL, text: string): string {
  const fingerprint = helpFingerprint(dir);
  if (fingerprint === undefined) throw new Error(`the help's modules are not all in ${dir.pathname}: build first`);
  return `${fingerprint}\n${text}`;
}
