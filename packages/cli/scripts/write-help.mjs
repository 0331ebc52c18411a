// Run by the package's build after tsc: writes dist/help.txt, what `trustops --help` prints off a terminal,
// with a digest of the modules it is made from (src/help-cache.ts reads it, and only while it is fresh).
import { writeFileSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
const { renderProgramHelp } = await import(new URL('main.js', dist).href);
const { HELP_FILE, renderHelpFile } = await import(new URL('help-cache.js', dist).href);
writeFileSync(new URL(HELP_FILE, dist), renderHelpFile(dist, renderProgramHelp(undefined)));
