// Converts the catalog YAML in data/ to JSON in dist/data/ at build time: JSON.parse is an order of
// magnitude faster than parsing YAML, and the CLI loads these catalogs on every run. The YAML (with its
// provenance header) stays the source and ships too.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const source = new URL('../data/', import.meta.url);
const target = new URL('../dist/data/', import.meta.url);
mkdirSync(target, { recursive: true });
for (const name of readdirSync(source).filter((n) => n.endsWith('.yaml')).sort()) {
  const value = parse(readFileSync(new URL(name, source), 'utf8'), { uniqueKeys: true });
  writeFileSync(new URL(name.replace(/\.yaml$/, '.json'), target), `${JSON.stringify(value)}\n`);
}
