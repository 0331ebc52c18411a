// Writes packages/core/schemas/<kind>.schema.json from the schema objects in @trustops/core, for editors
// (yaml-language-server) and other tools. A test fails when the files are stale: run `pnpm schemas`.
import { writeFileSync } from 'node:fs';
import { fileKindSchemas } from '../packages/core/src/schemas/file-kinds.js';

export function renderSchemaFiles(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fileKindSchemas).map(([kind, schema]) => [`${kind}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`]),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, text] of Object.entries(renderSchemaFiles())) {
    writeFileSync(new URL(`../packages/core/schemas/${name}`, import.meta.url), text);
    console.log(`wrote packages/core/schemas/${name}`);
  }
}
