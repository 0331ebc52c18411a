import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The catalog files ship verbatim (provenance headers included) in `data/`. Both `src/` and `dist/` sit one
 * level below the package root, so the same relative URL works for tests on sources and for the built CLI.
 */
const dataDir = new URL('../data/', import.meta.url);

/** The build writes each catalog as JSON beside the compiled module (dist/data/); sources have none. */
const compiledDir = new URL('./data/', import.meta.url);

const cache = new Map<string, unknown>();

/** Reads and parses one catalog file once per process; catalogs are only loaded when a command asks for them. */
export function readDataFile<T>(name: string): T {
  let value = cache.get(name);
  if (value === undefined) {
    const compiled = new URL(name.replace(/\.yaml$/, '.json'), compiledDir);
    if (existsSync(compiled)) {
      value = JSON.parse(readFileSync(compiled, 'utf8'));
    } else {
      // Only the sources read YAML (tests); the built package and the bundle read the compiled JSON, so
      // `yaml` is required here rather than imported at the top: loading it cost every command ~60 ms.
      // The reference files quote every id, so the YAML 1.2 core schema keeps "5.10" a string.
      const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
      value = parse(readFileSync(new URL(name, dataDir), 'utf8'), { uniqueKeys: true });
    }
    cache.set(name, value);
  }
  return value as T;
}

/** The provenance comment block at the top of a catalog file (source, commit, license, extraction). */
export function readProvenance(name: string): string {
  const text = readFileSync(new URL(name, dataDir), 'utf8');
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    lines.push(line.replace(/^# ?/, ''));
  }
  return lines.join('\n');
}
